package triage_test

import (
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"tend/backend"
)

func TestBadInputNeverPanics(t *testing.T) {
	engine := newEngine(t, backend.DefaultSLAPolicy())
	tests := map[string]string{
		"empty":           "",
		"spaces":          " \t\n ",
		"100 KB":          strings.Repeat("Je veux un remboursement, c'est une arnaque !!! ", 2100),
		"100 KB no space": strings.Repeat("x", 100<<10),
		"invalid UTF-8":   "caf\xe9 \xff\xfe rembours\xc3",
		"emoji only":      "😡😡😡🤬👎🏿‍♂️",
		"HTML":            `<script>alert("x")</script><b>Remboursement</b> <a href="http://evil">ici</a>`,
		"control chars":   "\x00\x01\x02 refund \u202e\u200b",
		"apostrophes":     "'''' n' l' don't '",
		"emoticons":       ":):(:-) <3 \\o/ xD",
		"long word":       "a" + strings.Repeat("é", 500) + "z",
		"combining":       strings.Repeat("\u0301", 1000),
		"mentions urls":   "@ @@ http:// www. https://",
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			res := engine.Triage(backend.TriageInput{Text: text, Kind: backend.ConversationDM, Received: time.Now()})
			if err := res.Intent.Validate(); err != nil {
				t.Error(err)
			}
			if err := res.Sentiment.Validate(); err != nil {
				t.Error(err)
			}
			if math.IsNaN(res.SentimentScore) || res.SentimentScore < -1 || res.SentimentScore > 1 {
				t.Errorf("sentiment score %v out of [-1, 1]", res.SentimentScore)
			}
			sum := 0.0
			for _, p := range res.IntentScores {
				sum += p
			}
			if len(res.IntentScores) != len(backend.Intents) || math.Abs(sum-1) > 1e-9 {
				t.Errorf("intent scores %v do not sum to 1 over every intent", res.IntentScores)
			}
			if res.Reasons == nil {
				t.Error("reasons is nil, want an empty list")
			}
		})
	}
}

func TestTriageConcurrentWithLearning(t *testing.T) {
	engine := newEngine(t, backend.DefaultSLAPolicy())
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				engine.Triage(backend.TriageInput{Text: "dispo en 38 ? je veux un remboursement"})
			}
		}()
	}
	for i := 0; i < 20; i++ {
		if err := engine.Learn("dispo en 38 ?", backend.IntentSale); err != nil {
			t.Fatal(err)
		}
		if err := engine.Unlearn("dispo en 38 ?", backend.IntentSale); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
}
