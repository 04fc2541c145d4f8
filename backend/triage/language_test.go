package triage_test

import (
	"testing"

	"tend/backend"
)

func TestLanguage(t *testing.T) {
	engine := newEngine(t, backend.DefaultSLAPolicy())
	tests := []struct {
		name, text string
		want       backend.Language
	}{
		{"french", "Bonjour, est-ce que la robe existe en taille 44 ?", backend.LanguageFrench},
		{"french no function words", "Livraison rapide, produit conforme", backend.LanguageFrench},
		{"french one word", "merci", backend.LanguageFrench},
		{"french without accents", "c quoi le prix stp", backend.LanguageFrench},
		{"english", "Hi, do you ship to Canada?", backend.LanguageEnglish},
		{"english no function words", "Refund asap", backend.LanguageEnglish},
		{"english one word", "thanks", backend.LanguageEnglish},
		{"mixed, mostly french", "Hello, je voudrais commander deux t-shirts pour ma fille", backend.LanguageFrench},
		{"mixed, mostly english", "Merci! I would like to order the blue one for my son", backend.LanguageEnglish},
		{"spanish", "Hola, ¿cuánto cuesta el envío a España? Gracias", backend.LanguageOther},
		{"german", "Hallo, ich habe eine Frage zu der Lieferung und danke", backend.LanguageOther},
		{"emoji only", "😍😍🔥", backend.LanguageOther},
		{"empty", "", backend.LanguageOther},
		{"numbers only", "12 34 !!", backend.LanguageOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := engine.Triage(backend.TriageInput{Text: tt.text}).Language; got != tt.want {
				t.Errorf("language of %q = %s, want %s", tt.text, got, tt.want)
			}
		})
	}
}
