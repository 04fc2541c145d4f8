package triage_test

import (
	"errors"
	"slices"
	"testing"

	"tend/backend"
	"tend/backend/triage"
)

// keywordDetails returns the details of the keyword reasons of text.
func keywordDetails(engine *triage.Engine, text string) []string {
	var out []string
	for _, r := range engine.Triage(backend.TriageInput{Text: text}).Reasons {
		if r.Kind == backend.EscalationKeyword {
			out = append(out, r.Detail)
		}
	}
	return out
}

func TestKeywordWordForms(t *testing.T) {
	engine := newEngine(t, backend.DefaultSLAPolicy())
	tests := []struct {
		text string
		want string // "" when no keyword may match
	}{
		{"Je veux un remboursement", `matched "remboursement"`},
		{"vous allez me rembourser ?", `matched "remboursement"`},
		{"J'ai été REMBOURSÉE à moitié", `matched "remboursement"`},
		{"I want a refund", `matched "refund"`},
		{"was I refunded yet", `matched "refund"`},
		{"c'est un article erroné", `matched "article erroné"`},
		{"mauvais article reçu", `matched "mauvais article"`},
		{"Wrong item in my box", `matched "wrong item"`},
		{"colis non livré", `matched "non livré"`},
		{"commande jamais reçue", `matched "jamais reçu"`},
		{"je n'ai pas encore reçu mon colis", `matched "pas reçu"`},
		{"the parcel was not delivered", `matched "not delivered"`},
		{"it never arrived", `matched "never arrived"`},
		{"It hasn't arrived", `matched "not arrived"`},
		{"c'est une arnaque", `matched "arnaque"`},
		{"vous m'avez arnaqué", `matched "arnaque"`},
		{"total scam", `matched "scam"`},
		{"I got scammed", `matched "scam"`},
		{"mon avocat vous contactera", `matched "avocat"`},
		{"I will call my lawyer", `matched "lawyer"`},
		{"je vais porter plainte", `matched "plainte"`},
		{"on se verra au tribunal", `matched "tribunal"`},
		{"Bonjour, c'est combien ?", ""},
		{"un article magnifique, livré vite", ""},
		{"refund. not", `matched "refund"`},
		{"pas. reçu", ""}, // a clause break splits the phrase
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := keywordDetails(engine, tt.text)
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("%q matched %q, want nothing", tt.text, got)
			case tt.want != "" && !slices.Contains(got, tt.want):
				t.Errorf("%q matched %q, want %q among them", tt.text, got, tt.want)
			}
		})
	}
}

func TestKeywordEditing(t *testing.T) {
	engine := newEngine(t, backend.DefaultSLAPolicy())
	text := "le produit a une odeur de brûlé"
	if got := keywordDetails(engine, text); len(got) != 0 {
		t.Fatalf("before adding, %q matched %q", text, got)
	}
	added := triage.Keyword{Term: "odeur de brûlé", Lang: backend.LanguageFrench, Kind: backend.KeywordSafety}
	if err := engine.AddKeyword(added); err != nil {
		t.Fatal(err)
	}
	if got := keywordDetails(engine, text); len(got) != 1 || got[0] != `matched "odeur de brûlé"` {
		t.Fatalf("after adding, %q matched %q", text, got)
	}
	if res := engine.Triage(backend.TriageInput{Text: text}); res.Priority != backend.PriorityUrgent {
		t.Errorf("safety keyword priority = %s, want urgent", res.Priority)
	}
	if err := engine.AddKeyword(added); backend.ErrorCode(err) != backend.ECONFLICT {
		t.Errorf("adding twice: %v, want ECONFLICT", err)
	}
	if err := engine.RemoveKeyword("Odeur de brule", backend.LanguageFrench); err != nil {
		t.Fatal(err)
	}
	if got := keywordDetails(engine, text); len(got) != 0 {
		t.Errorf("after removing, %q matched %q", text, got)
	}
	if err := engine.RemoveKeyword("odeur de brûlé", backend.LanguageFrench); backend.ErrorCode(err) != backend.ENOTFOUND {
		t.Errorf("removing twice: %v, want ENOTFOUND", err)
	}
}

func TestKeywordValidation(t *testing.T) {
	tests := []struct {
		name string
		json string
	}{
		{"not json", `{`},
		{"bad language", `[{"term":"x","lang":"de","kind":"refund"}]`},
		{"bad kind", `[{"term":"x","lang":"fr","kind":"weird"}]`},
		{"no words", `[{"term":"!!","lang":"fr","kind":"refund"}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := triage.ParseKeywords([]byte(tt.json))
			var e *backend.Error
			if !errors.As(err, &e) || e.Code != backend.EINVALID {
				t.Errorf("ParseKeywords(%s) = %v, want EINVALID", tt.json, err)
			}
		})
	}
}
