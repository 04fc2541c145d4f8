package main

import (
	"fmt"
	"io"
	"sort"
	"text/tabwriter"

	"tend/backend"
	"tend/backend/triage"
)

// confusion counts (want, got) label pairs.
type confusion map[[2]string]int

func (c confusion) add(want, got string) { c[[2]string{want, got}]++ }

// evaluate prints intent and sentiment tables for the validation split.
func evaluate(w io.Writer, engine *triage.Engine, corpora, hand []labelled) {
	intents := labels(backend.Intents)
	sentiments := labels(backend.Sentiments)

	corpusIntent := confusion{}
	for _, ex := range corpora {
		res := engine.Triage(backend.TriageInput{Text: ex.Text})
		corpusIntent.add(string(ex.Intent), string(res.Intent))
	}
	handIntent, handSentiment := confusion{}, confusion{}
	byLang := map[string][2]confusion{}
	for _, ex := range hand {
		res := engine.Triage(backend.TriageInput{Text: ex.Text})
		lang := string(ex.lang)
		if lang == "" {
			lang = string(res.Language)
		}
		if _, ok := byLang[lang]; !ok {
			byLang[lang] = [2]confusion{{}, {}}
		}
		handIntent.add(string(ex.Intent), string(res.Intent))
		handSentiment.add(string(ex.Sentiment), string(res.Sentiment))
		byLang[lang][0].add(string(ex.Intent), string(res.Intent))
		byLang[lang][1].add(string(ex.Sentiment), string(res.Sentiment))
	}
	table(w, "Intent - public corpora, validation split", intents, corpusIntent)
	table(w, "Intent - hand-labelled, validation split", intents, handIntent)
	table(w, "Sentiment - hand-labelled, validation split", sentiments, handSentiment)
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	fmt.Fprintln(w, "Hand-labelled accuracy per language")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "language\tintent acc\tsentiment acc\tn\t")
	for _, l := range langs {
		ia, n := accuracy(byLang[l][0])
		sa, _ := accuracy(byLang[l][1])
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%d\t\n", l, ia, sa, n)
	}
	tw.Flush()
	fmt.Fprintln(w)
}

func labels[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

func accuracy(c confusion) (float64, int) {
	right, total := 0, 0
	for pair, n := range c {
		total += n
		if pair[0] == pair[1] {
			right += n
		}
	}
	if total == 0 {
		return 0, 0
	}
	return float64(right) / float64(total), total
}

// table prints per-class precision, recall, F1 and support, then accuracy and macro-F1.
func table(w io.Writer, title string, classes []string, c confusion) {
	fmt.Fprintln(w, title)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "class\tprecision\trecall\tF1\tsupport\t")
	macro, present := 0.0, 0
	for _, class := range classes {
		tp, predicted, actual := c[[2]string{class, class}], 0, 0
		for pair, n := range c {
			if pair[1] == class {
				predicted += n
			}
			if pair[0] == class {
				actual += n
			}
		}
		p, r, f := ratio(tp, predicted), ratio(tp, actual), 0.0
		if p+r > 0 {
			f = 2 * p * r / (p + r)
		}
		if actual > 0 {
			macro += f
			present++
		}
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%d\t\n", class, p, r, f, actual)
	}
	acc, n := accuracy(c)
	if present > 0 {
		macro /= float64(present)
	}
	fmt.Fprintf(tw, "accuracy\t\t\t%.3f\t%d\t\n", acc, n)
	fmt.Fprintf(tw, "macro F1\t\t\t%.3f\t\t\n", macro)
	tw.Flush()
	fmt.Fprintln(w)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
