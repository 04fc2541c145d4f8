// Command train builds Tend's triage model from the public corpora and the hand-labelled
// in-domain examples, writes it with its attribution notice, and with -eval prints precision,
// recall and F1 on a held-out split.
//
//	go run ./backend/triage/cmd/train -data ../shared/data/training \
//	    -labelled assets/triage/labelled -out assets/triage/model.bin.gz -eval
package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"tend/backend"
	"tend/backend/triage"
)

// validationMod holds out one text in five, by hash.
const validationMod = 5

type options struct {
	data, labelled, out, attribution string
	bits                             uint
	labelledWeight, corpusCap        int
	eval                             bool
}

func main() {
	var o options
	flag.StringVar(&o.data, "data", "../shared/data/training", "folder of the public corpora and lexicons")
	flag.StringVar(&o.labelled, "labelled", "assets/triage/labelled", "folder of hand-labelled *.tsv files (intent, sentiment, text)")
	flag.StringVar(&o.out, "out", "assets/triage/model.bin.gz", "model file to write")
	flag.StringVar(&o.attribution, "attribution", "", "attribution notice to write (default: ATTRIBUTION next to -out)")
	flag.UintVar(&o.bits, "bits", 19, "log2 of the feature hash table size")
	flag.IntVar(&o.labelledWeight, "labelled-weight", 10, "weight of one hand-labelled example against one corpus example")
	flag.IntVar(&o.corpusCap, "corpus-cap", 300, "most training examples per (corpus, class), so no corpus swamps the rest; a quarter of it for validation")
	flag.BoolVar(&o.eval, "eval", false, "print precision, recall and F1 on the validation split")
	flag.Parse()
	if o.attribution == "" {
		o.attribution = filepath.Join(filepath.Dir(o.out), "ATTRIBUTION")
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

// labelled is an example with where it came from, for the evaluation tables.
type labelled struct {
	triage.Example
	corpus string
	lang   backend.Language // known for hand-labelled files named fr.tsv / en.tsv
}

func run(o options) error {
	corpora, err := loadCorpora(o.data)
	if err != nil {
		return err
	}
	hand, err := loadLabelled(o.labelled, o.labelledWeight)
	if err != nil {
		return err
	}
	trainCorpora, valCorpora := split(corpora)
	trainCorpora, valCorpora = capPerClass(trainCorpora, o.corpusCap), capPerClass(valCorpora, o.corpusCap/4)
	trainHand, valHand := split(hand)
	fmt.Fprintf(os.Stderr, "corpora: %d train / %d validation; hand-labelled: %d train / %d validation\n",
		len(trainCorpora), len(valCorpora), len(trainHand), len(valHand))

	lexicon, err := loadLexicons(filepath.Join(o.data, "lexicons"))
	if err != nil {
		return err
	}
	samples, err := languageSamples(o.data, trainHand)
	if err != nil {
		return err
	}
	set := triage.TrainingSet{Lexicon: lexicon, LanguageSamples: samples, Bits: uint8(o.bits)}
	for _, ex := range append(trainCorpora, trainHand...) {
		set.Examples = append(set.Examples, ex.Example)
	}
	model, err := triage.Train(set)
	if err != nil {
		return err
	}
	var heldOut []triage.Example
	for _, ex := range append(valCorpora, valHand...) {
		heldOut = append(heldOut, ex.Example)
	}
	model.Calibrate(heldOut)
	data, err := model.MarshalBinary()
	if err != nil {
		return err
	}
	if err := os.WriteFile(o.out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "wrote %s (%d bytes, 2^%d buckets)\n", o.out, len(data), o.bits)
	if err := os.WriteFile(o.attribution, []byte(attribution()), 0o644); err != nil {
		return err
	}
	if !o.eval {
		return nil
	}
	engine, err := triage.NewEngine(model, nil, backend.DefaultSLAPolicy())
	if err != nil {
		return err
	}
	evaluate(os.Stdout, engine, valCorpora, valHand)
	return nil
}

// textHash identifies a text for splitting and sampling, independently of its order in a file.
func textHash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(strings.ToLower(strings.TrimSpace(s))))
	return h.Sum64()
}

// split holds back one text in validationMod by hash, so the split is stable across runs and
// duplicates land on the same side.
func split(examples []labelled) (train, validation []labelled) {
	for _, ex := range examples {
		if textHash(ex.Text)%validationMod == 0 {
			validation = append(validation, ex)
		} else {
			train = append(train, ex)
		}
	}
	return train, validation
}

// capPerClass keeps at most limit examples per (corpus, intent), chosen by hash so the sample is
// deterministic and unbiased by file order.
func capPerClass(examples []labelled, limit int) []labelled {
	sorted := append([]labelled(nil), examples...)
	sort.SliceStable(sorted, func(i, j int) bool { return textHash(sorted[i].Text) < textHash(sorted[j].Text) })
	counts := map[string]int{}
	var kept []labelled
	for _, ex := range sorted {
		key := ex.corpus + "/" + string(ex.Intent)
		if counts[key] < limit {
			counts[key]++
			kept = append(kept, ex)
		}
	}
	return kept
}

func loadLabelled(dir string, weight int) ([]labelled, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.tsv"))
	if err != nil {
		return nil, err
	}
	var out []labelled
	for _, path := range files {
		lang := backend.Language(strings.TrimSuffix(filepath.Base(path), ".tsv"))
		if lang != backend.LanguageFrench && lang != backend.LanguageEnglish {
			lang = ""
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			line := strings.TrimRight(sc.Text(), "\r")
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			fields := strings.SplitN(line, "\t", 3)
			if len(fields) != 3 {
				fmt.Fprintf(os.Stderr, "%s:%d: skipped, want intent<TAB>sentiment<TAB>text\n", path, n)
				continue
			}
			intent, sentiment := backend.Intent(fields[0]), backend.Sentiment(fields[1])
			if intent.Validate() != nil || sentiment.Validate() != nil {
				fmt.Fprintf(os.Stderr, "%s:%d: skipped, unknown label %q/%q\n", path, n, fields[0], fields[1])
				continue
			}
			out = append(out, labelled{
				Example: triage.Example{Text: fields[2], Intent: intent, Sentiment: sentiment, Weight: weight},
				corpus:  "labelled", lang: lang,
			})
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	return out, nil
}

// loadCorpora reads the public corpora with the training README's label mapping.
func loadCorpora(dir string) ([]labelled, error) {
	var out []labelled
	add := func(corpus, text string, intent backend.Intent) {
		if strings.TrimSpace(text) != "" {
			out = append(out, labelled{Example: triage.Example{Text: text, Intent: intent, Weight: 1}, corpus: corpus})
		}
	}
	// SMS Spam Collection: spam → spam, ham → other.
	err := readLines(filepath.Join(dir, "sms_spam_collection", "SMSSpamCollection"), func(line string) {
		label, text, ok := strings.Cut(line, "\t")
		switch {
		case !ok:
		case label == "spam":
			add("sms", text, backend.IntentSpam)
		case label == "ham":
			add("sms", text, backend.IntentOther)
		}
	})
	if err != nil {
		return nil, err
	}
	// Davidson: hate speech → danger, neither → other; merely offensive tweets are left out,
	// being neither safe chatter nor threats.
	err = readCSV(filepath.Join(dir, "davidson_hate_offensive", "data_labeled_data.csv"), func(row map[string]string) {
		switch row["class"] {
		case "0":
			add("davidson", row["tweet"], backend.IntentDanger)
		case "2":
			add("davidson", row["tweet"], backend.IntentOther)
		}
	})
	if err != nil {
		return nil, err
	}
	// MLMA: single-label normal → other; rows labelled hateful or abusive without "normal" →
	// danger (the strongly abusive ones); the rest are ambiguous and left out.
	for _, file := range []string{"en_dataset.csv", "fr_dataset.csv"} {
		corpus := "mlma_" + file[:2]
		err = readCSV(filepath.Join(dir, "mlma_hate_speech", file), func(row map[string]string) {
			labels := strings.Split(row["sentiment"], "_")
			switch {
			case row["sentiment"] == "normal":
				add(corpus, row["tweet"], backend.IntentOther)
			case !contains(labels, "normal") && (contains(labels, "hateful") || contains(labels, "abusive")):
				add(corpus, row["tweet"], backend.IntentDanger)
			}
		})
		if err != nil {
			return nil, err
		}
	}
	// Bitext: the README's mapping of its intents to sale and support.
	bitext := map[string]backend.Intent{
		"place_order": backend.IntentSale, "check_payment_methods": backend.IntentSale, "delivery_options": backend.IntentSale,
		"get_refund": backend.IntentSupport, "track_refund": backend.IntentSupport, "track_order": backend.IntentSupport,
		"complaint": backend.IntentSupport, "payment_issue": backend.IntentSupport, "delivery_period": backend.IntentSupport,
		"cancel_order": backend.IntentSupport, "change_order": backend.IntentSupport,
	}
	err = readCSV(filepath.Join(dir, "bitext_customer_support", "train.csv"), func(row map[string]string) {
		if intent, ok := bitext[row["intent"]]; ok {
			add("bitext_"+string(intent), row["instruction"], intent)
		}
	})
	if err != nil {
		return nil, err
	}
	// BANKING77: every category is a customer's problem with an account or card → support.
	err = readCSV(filepath.Join(dir, "banking77", "train.csv"), func(row map[string]string) {
		add("banking77", row["text"], backend.IntentSupport)
	})
	return out, err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func readLines(path string, fn func(string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		fn(strings.TrimRight(sc.Text(), "\r"))
	}
	return sc.Err()
}

// readCSV calls fn with each row keyed by the header's column names.
func readCSV(path string, fn func(map[string]string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		row := make(map[string]string, len(header))
		for i, name := range header {
			if i < len(rec) {
				row[name] = rec[i]
			}
		}
		fn(row)
	}
}

// loadLexicons merges VADER (preferred) and AFINN (rescaled from ±5 to VADER's ±4, used only for
// words VADER lacks) per language, AFINN's emoticons, and emoji valences derived the VADER way:
// the sum of the valences of the words of each emoji's description.
func loadLexicons(dir string) ([]triage.LexiconEntry, error) {
	var out []triage.LexiconEntry
	known := map[backend.Language]map[string]float64{backend.LanguageEnglish: {}, backend.LanguageFrench: {}}
	add := func(lang backend.Language, word string, valence float64) {
		word = strings.TrimSpace(word)
		if word == "" || strings.ContainsAny(word, " \t") {
			return
		}
		if _, dup := known[lang][word]; dup {
			return
		}
		known[lang][word] = valence
		out = append(out, triage.LexiconEntry{Word: word, Lang: lang, Valence: valence})
	}
	err := readLines(filepath.Join(dir, "vader_en", "vaderLexicon.txt"), func(line string) {
		f := strings.Split(line, "\t")
		if len(f) >= 2 {
			if v, err := strconv.ParseFloat(f[1], 64); err == nil {
				add(backend.LanguageEnglish, f[0], v)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	err = readLines(filepath.Join(dir, "vader_fr", "fr_lexicon.txt"), func(line string) {
		if i := strings.LastIndex(line, "->"); i > 0 {
			if v, err := strconv.ParseFloat(strings.TrimSpace(line[i+2:]), 64); err == nil {
				add(backend.LanguageFrench, line[:i], v)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	afinn := map[string]backend.Language{"AFINN-en-165.txt": backend.LanguageEnglish, "AFINN-fr-165.txt": backend.LanguageFrench}
	for _, file := range []string{"AFINN-en-165.txt", "AFINN-fr-165.txt", "AFINN-emoticon-8.txt"} {
		err = readLines(filepath.Join(dir, "afinn", file), func(line string) {
			word, score, ok := strings.Cut(line, "\t")
			v, err := strconv.ParseFloat(strings.TrimSpace(score), 64)
			if !ok || err != nil {
				return
			}
			if lang, ok := afinn[file]; ok {
				add(lang, word, v*0.8)
			} else {
				add(backend.LanguageEnglish, word, v*0.8)
				add(backend.LanguageFrench, word, v*0.8)
			}
		})
		if err != nil {
			return nil, err
		}
	}
	emoji := map[string]backend.Language{"vader_en/emojiUTF8Lexicon.txt": backend.LanguageEnglish, "vader_fr/emojis_fr.txt": backend.LanguageFrench}
	for _, file := range []string{"vader_en/emojiUTF8Lexicon.txt", "vader_fr/emojis_fr.txt"} {
		lang := emoji[file]
		err = readLines(filepath.Join(dir, file), func(line string) {
			symbol, description, ok := strings.Cut(line, "\t")
			if !ok {
				return
			}
			sum := 0.0
			for _, w := range strings.Fields(strings.ToLower(description)) {
				sum += known[lang][w]
			}
			if sum != 0 {
				add(lang, symbol, max(-4, min(4, sum)))
			}
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// languageSamples gathers French and English text for the trigram profiles: the hand-labelled
// files by their name, MLMA's French tweets, and English corpus text.
func languageSamples(dir string, hand []labelled) (map[backend.Language][]string, error) {
	samples := map[backend.Language][]string{}
	for _, ex := range hand {
		if ex.lang != "" {
			samples[ex.lang] = append(samples[ex.lang], ex.Text)
		}
	}
	err := readCSV(filepath.Join(dir, "mlma_hate_speech", "fr_dataset.csv"), func(row map[string]string) {
		samples[backend.LanguageFrench] = append(samples[backend.LanguageFrench], row["tweet"])
	})
	if err != nil {
		return nil, err
	}
	english := 0
	err = readCSV(filepath.Join(dir, "bitext_customer_support", "train.csv"), func(row map[string]string) {
		if english < 3000 {
			samples[backend.LanguageEnglish] = append(samples[backend.LanguageEnglish], row["instruction"])
			english++
		}
	})
	if err != nil {
		return nil, err
	}
	err = readLines(filepath.Join(dir, "sms_spam_collection", "SMSSpamCollection"), func(line string) {
		if _, text, ok := strings.Cut(line, "\t"); ok && english < 6000 {
			samples[backend.LanguageEnglish] = append(samples[backend.LanguageEnglish], text)
			english++
		}
	})
	return samples, err
}
