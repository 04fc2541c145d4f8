package reply_test

import (
	"testing"

	"tend/backend"
	"tend/backend/reply"
)

func TestConsentKeyword(t *testing.T) {
	tests := []struct {
		text string
		kind backend.ConsentKind
		ok   bool
	}{
		{"STOP", backend.ConsentOptOut, true},
		{"  stop. ", backend.ConsentOptOut, true},
		{"Stop all", backend.ConsentOptOut, true},
		{"STOP  ALL!", backend.ConsentOptOut, true},
		{"ARRÊT", backend.ConsentOptOut, true},
		{"arret", backend.ConsentOptOut, true},
		{"Unsubscribe", backend.ConsentOptOut, true},
		{"DÉSABONNER", backend.ConsentOptOut, true},
		{"desabonner", backend.ConsentOptOut, true},
		{"START", backend.ConsentOptIn, true},
		{"start!", backend.ConsentOptIn, true},
		{"stop sending me the wrong size", "", false},
		{"Pouvez-vous arrêter ?", "", false},
		{"stopper", "", false},
		{"", "", false},
		{"🛑", "", false},
	}
	for _, tt := range tests {
		kind, ok := reply.ConsentKeyword(tt.text)
		if kind != tt.kind || ok != tt.ok {
			t.Errorf("ConsentKeyword(%q) = %q, %v; want %q, %v", tt.text, kind, ok, tt.kind, tt.ok)
		}
	}
}

func TestConsentConfirmation(t *testing.T) {
	if got := reply.ConsentConfirmation(backend.ConsentOptOut, backend.LanguageFrench); got == "" || got == reply.ConsentConfirmation(backend.ConsentOptOut, backend.LanguageEnglish) {
		t.Errorf("French opt-out confirmation = %q", got)
	}
	if got := reply.ConsentConfirmation(backend.ConsentOptIn, "de"); got != reply.ConsentConfirmation(backend.ConsentOptIn, backend.LanguageEnglish) {
		t.Errorf("German falls back to English, got %q", got)
	}
}

func TestLooksAutomated(t *testing.T) {
	policy := backend.DefaultApprovalPolicy()
	for text, want := range map[string]bool{
		"Réponse automatisée : merci !":      true,
		"Automated reply: thanks":            true,
		"AUTO-REPLY I'm out of office":       true,
		"Bonjour, ma commande est en retard": false,
	} {
		if got := reply.LooksAutomated(policy, text); got != want {
			t.Errorf("LooksAutomated(%q) = %v, want %v", text, got, want)
		}
	}
}

func FuzzConsentKeyword(f *testing.F) {
	for _, s := range []string{"STOP", "arrêt", "start", "stop all", "hello"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		kind, ok := reply.ConsentKeyword(text)
		if ok != (kind != "") {
			t.Fatalf("ConsentKeyword(%q) = %q, %v", text, kind, ok)
		}
	})
}
