package reply

import (
	"strings"

	"tend/backend"
)

// Disclose labels an automated or AI-assisted reply as the policy says: with the language's
// prefix ("Réponse automatisée : …") or footer. The first automated message to a contact also opens
// with the notice that an assistant is writing, how to reach a person and how to stop automated
// replies. Languages other than French and English use the English texts. A text already carrying
// the prefix or footer is not labelled twice.
func Disclose(policy backend.ApprovalPolicy, language backend.Language, text string, firstAutomatedToContact bool) string {
	d := policy.Disclosure
	if language != backend.LanguageFrench {
		language = backend.LanguageEnglish
	}
	prefix, footer := strings.TrimSpace(d.Prefix[language]), strings.TrimSpace(d.Footer[language])
	notice := strings.TrimSpace(d.Notice[language])
	body := strings.TrimSpace(text)
	// Take off a label the text already has, so that disclosing twice changes nothing.
	if d.Mode == backend.DisclosureFooter {
		body = strings.TrimSpace(strings.TrimSuffix(body, footer))
	} else {
		body = strings.TrimSpace(strings.TrimPrefix(body, prefix))
	}
	if firstAutomatedToContact && notice != "" && !strings.HasPrefix(body, notice) {
		body = notice + "\n\n" + body
	}
	switch {
	case d.Mode == backend.DisclosureFooter && footer != "":
		return body + "\n\n" + footer
	case d.Mode != backend.DisclosureFooter && prefix != "":
		return prefix + " " + body
	}
	return body
}
