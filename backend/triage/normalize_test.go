package triage_test

import (
	"slices"
	"testing"

	"tend/backend"
	"tend/backend/triage"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Remboursé", "rembourse"},
		{"ÉLÈVE Çà Où", "eleve ca ou"},
		{"Cœur Ægir straße", "coeur aegir strasse"},
		{"e\u0301te\u0301", "ete"}, // already decomposed
		{"l’article", "l'article"},
		{"😀 OK", "😀 ok"},
	}
	for _, tt := range tests {
		if got := triage.Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"elisions", "L'article qu'il m'a envoyé, j'adore", []string{"l'", "article", "qu'", "il", "m'", "a", "envoye", "j'", "adore"}},
		{"french negation", "Je ne suis pas content du tout", []string{"je", "ne", "NOT_suis", "pas", "NOT_content", "NOT_du", "NOT_tout"}},
		{"elided ne", "je n'ai jamais reçu le colis", []string{"je", "n'", "NOT_ai", "jamais", "NOT_recu", "NOT_le", "NOT_colis"}},
		{"ne plus", "je n'en veux plus du tout merci", []string{"je", "n'", "NOT_en", "NOT_veux", "plus", "NOT_du", "NOT_tout", "NOT_merci"}},
		{"plus alone is not negation", "plus grand svp", []string{"plus", "grand", "svp"}},
		{"english n't", "It didn't arrive", []string{"it", "did", "not", "NOT_arrive"}},
		{"scope is three words", "not very good at all really", []string{"not", "NOT_very", "NOT_good", "NOT_at", "all", "really"}},
		{"punctuation ends scope", "never again. love it", []string{"never", "NOT_again", "love", "it"}},
		{"emoji kept", "top 😍😍 👍🏽", []string{"top", "😍", "😍", "👍"}},
		{"emoticons, urls and mentions", "merci @marie :) voir https://x.io/a?b=1", []string{"merci", "@user", ":)", "voir", "<url>"}},
		{"exclamations collapse", "Where is it?!!!", []string{"where", "is", "it", "?", "!"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := triage.Tokenize(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Tokenize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestEmojiWithVariationSelectorIsOneToken(t *testing.T) {
	engine := newEngine(t, backend.DefaultSLAPolicy())
	for _, text := range []string{"❤️", "❤️❤️❤️", "😍", "🔥🔥🔥", "👏🏽👏🏽"} {
		res := engine.Triage(backend.TriageInput{Text: text})
		if res.Intent != backend.IntentOther || res.Sentiment != backend.SentimentPositive {
			t.Errorf("%q: %s %s (%.2f), want a positive reaction (other)", text, res.Intent, res.Sentiment, res.SentimentScore)
		}
	}
}
