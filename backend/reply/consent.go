package reply

import (
	"strings"
	"unicode"

	"tend/backend"
	"tend/backend/triage"
)

// Whole-message keywords, folded (lower case, no accents, single spaces). "STOP ALL" is Twilio's and
// WhatsApp's spelling; ARRET/ARRÊT and DESABONNER/DÉSABONNER the French ones.
var (
	optOutWords = []string{"stop", "stop all", "arret", "unsubscribe", "desabonner", "stopall"}
	optInWords  = []string{"start", "unstop"}
)

// ConsentKeyword reports whether text, as a whole message, asks to stop automated messages (STOP,
// ARRÊT, UNSUBSCRIBE…) or to start them again (START). Case, accents, surrounding spaces and
// trailing punctuation are ignored; a keyword inside a longer message ("stop sending me the wrong
// size") is not one, since it is a sentence to answer, not an instruction.
func ConsentKeyword(text string) (backend.ConsentKind, bool) {
	folded := strings.Join(strings.Fields(triage.Normalize(text)), " ")
	folded = strings.TrimRightFunc(folded, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	folded = strings.TrimLeftFunc(folded, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	for _, w := range optOutWords {
		if folded == w {
			return backend.ConsentOptOut, true
		}
	}
	for _, w := range optInWords {
		if folded == w {
			return backend.ConsentOptIn, true
		}
	}
	return "", false
}

// consentConfirmations are the single answers to STOP and START, per language.
var consentConfirmations = map[backend.ConsentKind]map[backend.Language]string{
	backend.ConsentOptOut: {
		backend.LanguageFrench:  "C'est noté : vous ne recevrez plus de messages automatisés. Une personne de l'équipe peut toujours vous répondre. Écrivez START pour les réactiver.",
		backend.LanguageEnglish: "Got it: you won't receive automated messages anymore. Someone on the team can still answer you. Send START to turn them back on.",
	},
	backend.ConsentOptIn: {
		backend.LanguageFrench:  "C'est noté : les réponses automatisées sont réactivées. Écrivez STOP à tout moment pour les arrêter.",
		backend.LanguageEnglish: "Got it: automated replies are back on. Send STOP at any time to stop them.",
	},
}

// ConsentConfirmation returns the confirmation of a consent change in language (English for
// languages other than French).
func ConsentConfirmation(kind backend.ConsentKind, language backend.Language) string {
	if language != backend.LanguageFrench {
		language = backend.LanguageEnglish
	}
	return consentConfirmations[kind][language]
}

// LooksAutomated reports whether an inbound text opens with a disclosure label, ours or the common
// ones other tools use: automation never answers it, so that two bots cannot talk forever.
func LooksAutomated(policy backend.ApprovalPolicy, text string) bool {
	folded := triage.Normalize(strings.TrimSpace(text))
	labels := []string{"reponse automatisee", "automated reply", "automatic reply", "auto-reply", "message automatique", "[bot]"}
	for _, set := range []map[backend.Language]string{policy.Disclosure.Prefix} {
		for _, p := range set {
			if p = strings.TrimRight(triage.Normalize(strings.TrimSpace(p)), " :"); p != "" {
				labels = append(labels, p)
			}
		}
	}
	for _, l := range labels {
		if strings.HasPrefix(folded, l) {
			return true
		}
	}
	return false
}
