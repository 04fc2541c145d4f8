package triage

import (
	"math"

	"tend/backend"
)

// Example is one labelled training text. Either label may be empty when unknown.
type Example struct {
	Text      string
	Intent    backend.Intent
	Sentiment backend.Sentiment
	// Weight counts the example that many times; in-domain examples weigh more.
	Weight int
}

// LexiconEntry is one word's sentiment valence in VADER units (-4..4) for one language.
type LexiconEntry struct {
	Word    string
	Lang    backend.Language
	Valence float64
}

// TrainingSet is everything a model is built from.
type TrainingSet struct {
	Examples []Example
	Lexicon  []LexiconEntry
	// LanguageSamples are French and English texts for the language trigram profiles.
	LanguageSamples map[backend.Language][]string
	// Bits is log2 of the hash table size.
	Bits uint8
}

// Train builds a model from set. Calibration starts neutral; call Calibrate with held-out data.
func Train(set TrainingSet) (*Model, error) {
	if set.Bits < minBits || set.Bits > maxBits {
		return nil, backend.Errorf(backend.EINVALID, "hash table size 2^%d is out of range [2^%d, 2^%d]", set.Bits, minBits, maxBits)
	}
	m := &Model{
		bits:           set.Bits,
		intent:         newNaiveBayes(len(backend.Intents), set.Bits),
		sentiment:      newNaiveBayes(len(backend.Sentiments), set.Bits),
		intentScale:    1,
		sentimentScale: 1,
		sentimentMix:   0.5,
		language:       newTrigramProfile(),
		lexicon:        lexicon{},
	}
	var a analysis
	for _, ex := range set.Examples {
		if ex.Weight <= 0 {
			return nil, backend.Errorf(backend.EINVALID, "example %q has weight %d", ex.Text, ex.Weight)
		}
		a.analyze(ex.Text)
		if ex.Intent != "" {
			c, err := intentIndex(ex.Intent)
			if err != nil {
				return nil, err
			}
			m.intent.add(&a, c, ex.Weight)
		}
		if ex.Sentiment != "" {
			c, err := sentimentIndex(ex.Sentiment)
			if err != nil {
				return nil, err
			}
			m.sentiment.add(&a, c, ex.Weight)
		}
	}
	for lang, texts := range set.LanguageSamples {
		l := 0
		switch lang {
		case backend.LanguageFrench:
		case backend.LanguageEnglish:
			l = 1
		default:
			return nil, backend.Errorf(backend.EINVALID, "language samples must be fr or en, not %q", lang)
		}
		for _, text := range texts {
			a.analyze(text)
			m.language.learn(&a, l)
		}
	}
	m.language.refresh()
	m.lexicon = buildLexicon(set.Lexicon)
	return m, nil
}

// buildLexicon folds the words and averages valences that fold to the same key.
func buildLexicon(entries []LexiconEntry) lexicon {
	type sum struct {
		en, fr   float64
		nen, nfr int
	}
	sums := map[string]*sum{}
	for _, e := range entries {
		w := Normalize(e.Word)
		s := sums[w]
		if s == nil {
			s = &sum{}
			sums[w] = s
		}
		if e.Lang == backend.LanguageFrench {
			s.fr += e.Valence
			s.nfr++
		} else {
			s.en += e.Valence
			s.nen++
		}
	}
	lex := make(lexicon, len(sums))
	for w, s := range sums {
		var e lexiconEntry
		if s.nen > 0 {
			e.en, e.hasEN = clampValence(s.en/float64(s.nen)), true
		}
		if s.nfr > 0 {
			e.fr, e.hasFR = clampValence(s.fr/float64(s.nfr)), true
		}
		lex[w] = e
	}
	return lex
}

func clampValence(v float64) float32 {
	return float32(math.Max(-4, math.Min(4, v)))
}

// Calibrate fits the posterior scales (minimum log loss) and the weight of the learnt sentiment
// next to the lexicon (best macro-F1) on held-out examples; with none, it keeps the defaults.
func (m *Model) Calibrate(heldOut []Example) {
	var intentSet, sentimentSet []analyzedExample
	for _, ex := range heldOut {
		var ae analyzedExample
		ae.a.analyze(ex.Text)
		ae.lang = m.language.detectLanguage(&ae.a)
		if c, err := intentIndex(ex.Intent); err == nil {
			ae.class = c
			intentSet = append(intentSet, ae)
		}
		if c, err := sentimentIndex(ex.Sentiment); err == nil {
			ae.class = c
			sentimentSet = append(sentimentSet, ae)
		}
	}
	scales := []float64{0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 16}
	if len(intentSet) > 0 {
		m.intentScale = bestScale(m.intent, intentSet, scales)
	}
	if len(sentimentSet) == 0 || !m.sentiment.trained() {
		return
	}
	m.sentimentScale = bestScale(m.sentiment, sentimentSet, scales)
	bestMix, bestF1 := m.sentimentMix, -1.0
	for _, mix := range []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8} {
		m.sentimentMix = mix
		var confusion [3][3]int
		for i := range sentimentSet {
			ex := &sentimentSet[i]
			score := m.sentimentScore(&ex.a, ex.lang, m.sentiment)
			got, _ := sentimentIndex(sentimentLabel(score))
			confusion[ex.class][got]++
		}
		if f1 := macroF1(confusion[:]); f1 > bestF1+1e-9 {
			bestMix, bestF1 = mix, f1
		}
	}
	m.sentimentMix = bestMix
}

type analyzedExample struct {
	a     analysis
	lang  backend.Language
	class int
}

func bestScale(nb *naiveBayes, set []analyzedExample, scales []float64) float64 {
	best, bestLoss := 1.0, math.Inf(1)
	probs := make([]float64, nb.classes)
	for _, scale := range scales {
		loss := 0.0
		for i := range set {
			nb.posterior(&set[i].a, scale, probs)
			loss -= math.Log(math.Max(probs[set[i].class], 1e-12))
		}
		if loss < bestLoss {
			best, bestLoss = scale, loss
		}
	}
	return best
}

func macroF1(confusion [][3]int) float64 {
	total := 0.0
	for c := range confusion {
		tp, predicted, actual := 0, 0, 0
		for o := range confusion {
			predicted += confusion[o][c]
			actual += confusion[c][o]
		}
		tp = confusion[c][c]
		if tp > 0 {
			p, r := float64(tp)/float64(predicted), float64(tp)/float64(actual)
			total += 2 * p * r / (p + r)
		}
	}
	return total / float64(len(confusion))
}

func intentIndex(i backend.Intent) (int, error) {
	for c, known := range backend.Intents {
		if i == known {
			return c, nil
		}
	}
	return 0, backend.Errorf(backend.EINVALID, "unknown intent %q", string(i))
}

func sentimentIndex(s backend.Sentiment) (int, error) {
	for c, known := range backend.Sentiments {
		if s == known {
			return c, nil
		}
	}
	return 0, backend.Errorf(backend.EINVALID, "unknown sentiment %q", string(s))
}
