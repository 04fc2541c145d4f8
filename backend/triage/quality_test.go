package triage_test

import (
	"testing"

	"tend/backend"
)

// TestCommittedModelQuality checks that the committed model gets clear-cut messages right.
func TestCommittedModelQuality(t *testing.T) {
	engine := newEngine(t, backend.DefaultSLAPolicy())
	tests := []struct {
		text      string
		intent    backend.Intent
		sentiment backend.Sentiment
	}{
		{"Bonjour, c'est combien la robe rouge en taille 38 ?", backend.IntentSale, backend.SentimentNeutral},
		{"How much is the blue hoodie? Do you ship to Canada?", backend.IntentSale, backend.SentimentNeutral},
		{"Je n'ai toujours pas reçu ma commande, c'est inadmissible", backend.IntentSupport, backend.SentimentNegative},
		{"My order never arrived and nobody answers my emails, this is terrible", backend.IntentSupport, backend.SentimentNegative},
		{"WINNER!! You have been selected to receive a free prize, call 09061701461 now", backend.IntentSpam, ""},
		{"Gagnez un iPhone 15 gratuit, cliquez sur le lien dans ma bio", backend.IntentSpam, ""},
		{"I will find you and kill you", backend.IntentDanger, backend.SentimentNegative},
		{"je vais te retrouver et te buter", backend.IntentDanger, backend.SentimentNegative},
		{"J'adore cette collection, bravo à toute l'équipe 😍", backend.IntentOther, backend.SentimentPositive},
		{"Love this so much, great job!", backend.IntentOther, backend.SentimentPositive},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			res := engine.Triage(backend.TriageInput{Text: tt.text})
			if res.Intent != tt.intent {
				t.Errorf("intent %s (%v), want %s", res.Intent, res.IntentScores, tt.intent)
			}
			if tt.sentiment != "" && res.Sentiment != tt.sentiment {
				t.Errorf("sentiment %s (%.2f), want %s", res.Sentiment, res.SentimentScore, tt.sentiment)
			}
		})
	}
}
