package reply_test

import (
	"strings"
	"testing"

	"tend/backend"
	"tend/backend/reply"
)

func TestDisclose(t *testing.T) {
	footer := backend.DefaultApprovalPolicy()
	footer.Disclosure.Mode = backend.DisclosureFooter
	defaults := backend.DefaultApprovalPolicy().Disclosure
	tests := []struct {
		name   string
		policy backend.ApprovalPolicy
		lang   backend.Language
		text   string
		first  bool
		want   string
	}{
		{"French prefix", backend.DefaultApprovalPolicy(), backend.LanguageFrench, "Votre colis part demain.", false,
			"Réponse automatisée : Votre colis part demain."},
		{"English prefix", backend.DefaultApprovalPolicy(), backend.LanguageEnglish, "Your parcel ships tomorrow.", false,
			"Automated reply: Your parcel ships tomorrow."},
		{"other languages use English", backend.DefaultApprovalPolicy(), backend.LanguageOther, "Hello", false,
			"Automated reply: Hello"},
		{"first French message opens with the notice", backend.DefaultApprovalPolicy(), backend.LanguageFrench, "Salut Léa !", true,
			"Réponse automatisée : " + defaults.Notice[backend.LanguageFrench] + "\n\nSalut Léa !"},
		{"first English message opens with the notice", backend.DefaultApprovalPolicy(), backend.LanguageEnglish, "Hi Sam!", true,
			"Automated reply: " + defaults.Notice[backend.LanguageEnglish] + "\n\nHi Sam!"},
		{"French footer", footer, backend.LanguageFrench, "Votre colis part demain.", false,
			"Votre colis part demain.\n\n" + defaults.Footer[backend.LanguageFrench]},
		{"English footer on a first message", footer, backend.LanguageEnglish, "Hi Sam!", true,
			defaults.Notice[backend.LanguageEnglish] + "\n\nHi Sam!\n\n" + defaults.Footer[backend.LanguageEnglish]},
		{"already prefixed", backend.DefaultApprovalPolicy(), backend.LanguageFrench, "Réponse automatisée : Merci !", false,
			"Réponse automatisée : Merci !"},
		{"already prefixed, first message", backend.DefaultApprovalPolicy(), backend.LanguageEnglish, "Automated reply: Hi!", true,
			"Automated reply: " + defaults.Notice[backend.LanguageEnglish] + "\n\nHi!"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := reply.Disclose(tt.policy, tt.lang, tt.text, tt.first)
			if got != tt.want {
				t.Errorf("Disclose = %q\nwant       %q", got, tt.want)
			}
			if again := reply.Disclose(tt.policy, tt.lang, got, tt.first); again != got {
				t.Errorf("disclosing twice changed the text: %q", again)
			}
		})
	}
}

func TestDefaultNoticeSaysHowToReachAPersonAndStop(t *testing.T) {
	notice := backend.DefaultApprovalPolicy().Disclosure.Notice
	for lang, words := range map[backend.Language][]string{
		backend.LanguageFrench:  {"assistant", "humain", "STOP"},
		backend.LanguageEnglish: {"assistant", "human", "STOP"},
	} {
		for _, w := range words {
			if !strings.Contains(notice[lang], w) {
				t.Errorf("%s notice %q lacks %q", lang, notice[lang], w)
			}
		}
	}
}
