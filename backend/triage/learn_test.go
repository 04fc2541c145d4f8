package triage_test

import (
	"bytes"
	"testing"

	"tend/backend"
)

func TestLearnUnlearnReset(t *testing.T) {
	engine := newEngine(t, backend.DefaultSLAPolicy())
	text := "Est-ce que vous faites des collabs avec des micro-influenceurs ?"
	similar := "est ce que vous faites des collabs avec des micro influenceurs"
	before := engine.Triage(backend.TriageInput{Text: text})
	target := backend.IntentSpam
	if before.Intent == target {
		target = backend.IntentOther
	}

	if err := engine.Learn(text, target); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{text, similar} {
		if got := engine.Triage(backend.TriageInput{Text: s}); got.Intent != target {
			t.Errorf("after Learn, %q is %s, want %s", s, got.Intent, target)
		}
	}
	// A second correction to another class, then undo it: the first one applies again.
	if err := engine.Learn(text, backend.IntentSale); err != nil {
		t.Fatal(err)
	}
	if got := engine.Triage(backend.TriageInput{Text: text}).Intent; got != backend.IntentSale {
		t.Errorf("after second Learn, intent %s, want sale", got)
	}
	if err := engine.Unlearn(text, backend.IntentSale); err != nil {
		t.Fatal(err)
	}
	if got := engine.Triage(backend.TriageInput{Text: text}).Intent; got != target {
		t.Errorf("after Unlearn, intent %s, want %s", got, target)
	}
	if err := engine.Unlearn(text, backend.IntentSale); backend.ErrorCode(err) != backend.ENOTFOUND {
		t.Errorf("Unlearn twice: %v, want ENOTFOUND", err)
	}
	if err := engine.Unlearn(text, target); err != nil {
		t.Fatal(err)
	}
	after := engine.Triage(backend.TriageInput{Text: text})
	if after.Intent != before.Intent || after.IntentScores[before.Intent] != before.IntentScores[before.Intent] {
		t.Errorf("after undoing everything, %s %v, want exactly %s %v", after.Intent, after.IntentScores, before.Intent, before.IntentScores)
	}

	if err := engine.Learn(text, target); err != nil {
		t.Fatal(err)
	}
	engine.Reset()
	if got := engine.Triage(backend.TriageInput{Text: text}); got.Intent != before.Intent || engine.Corrections() != 0 {
		t.Errorf("after Reset, intent %s with %d corrections, want %s and none", got.Intent, engine.Corrections(), before.Intent)
	}
	if err := engine.Learn(text, "nonsense"); backend.ErrorCode(err) != backend.EINVALID {
		t.Errorf("Learn with unknown intent: %v, want EINVALID", err)
	}
}

func TestLearnSentiment(t *testing.T) {
	engine := newEngine(t, backend.DefaultSLAPolicy())
	text := "bon ben on verra hein"
	before := engine.Triage(backend.TriageInput{Text: text}).Sentiment
	target := backend.SentimentNegative
	if before == target {
		target = backend.SentimentPositive
	}
	if err := engine.LearnSentiment(text, target); err != nil {
		t.Fatal(err)
	}
	if got := engine.Triage(backend.TriageInput{Text: text}).Sentiment; got != target {
		t.Errorf("after LearnSentiment, %s, want %s", got, target)
	}
	if err := engine.UnlearnSentiment(text, target); err != nil {
		t.Fatal(err)
	}
	if got := engine.Triage(backend.TriageInput{Text: text}).Sentiment; got != before {
		t.Errorf("after UnlearnSentiment, %s, want %s", got, before)
	}
}

func TestDeltaRoundTrip(t *testing.T) {
	engine := newEngine(t, backend.DefaultSLAPolicy())
	corrections := []struct {
		text   string
		intent backend.Intent
	}{
		{"yo t'as vu le live d'hier", backend.IntentOther},
		{"dispo en rouge ?", backend.IntentSale},
		{"FREE followers 👉 link in bio", backend.IntentSpam},
	}
	for _, c := range corrections {
		if err := engine.Learn(c.text, c.intent); err != nil {
			t.Fatal(err)
		}
	}
	if err := engine.LearnSentiment("bof", backend.SentimentNegative); err != nil {
		t.Fatal(err)
	}
	delta := engine.Delta()

	restored := newEngine(t, backend.DefaultSLAPolicy())
	if err := restored.LoadDelta(delta); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(restored.Delta(), delta) {
		t.Error("delta is not stable across a round trip")
	}
	for _, probe := range []string{"dispo en bleu ?", "bof", corrections[0].text, "free likes link in bio"} {
		a, b := engine.Triage(backend.TriageInput{Text: probe}), restored.Triage(backend.TriageInput{Text: probe})
		if a.Intent != b.Intent || a.SentimentScore != b.SentimentScore || a.IntentScores[a.Intent] != b.IntentScores[b.Intent] {
			t.Errorf("%q: restored engine says %s/%v, original %s/%v", probe, b.Intent, b.SentimentScore, a.Intent, a.SentimentScore)
		}
	}

	for name, bad := range map[string][]byte{
		"empty":     nil,
		"bad magic": []byte("NOTADELTA"),
		"version":   append([]byte("TENDDLTA"), 9),
		"truncated": delta[:len(delta)-3],
		"trailing":  append(bytes.Clone(delta), 0),
		"bad label": append([]byte("TENDDLTA\x01\x01\x00\x09\x00"), []byte{}...),
	} {
		if err := restored.LoadDelta(bad); backend.ErrorCode(err) != backend.EINVALID {
			t.Errorf("LoadDelta(%s) = %v, want EINVALID", name, err)
		}
	}
	if restored.Corrections() != 4 {
		t.Errorf("a failed LoadDelta changed the engine: %d corrections, want 4", restored.Corrections())
	}
}
