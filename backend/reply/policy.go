package reply

import (
	"fmt"
	"hash/fnv"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"tend/backend"
	"tend/backend/triage"
)

// Evaluate decides whether reply needs a person's approval, recording every reason that fired among
// the kinds the policy enables. The reply's text is searched for money, legal, refund and personal
// data; the conversation's triage and contact decide the others. Matching ignores case and accents.
//
// Autopilot is granted only to a template reply that no language model wrote, when no reason fired
// and the policy enables autopilot for the conversation's intent on the reply's platform.
func Evaluate(policy backend.ApprovalPolicy, reply backend.OutgoingReply) backend.ApprovalDecision {
	folded := triage.Normalize(reply.Text)
	words := wordsOf(folded)
	intent, sentiment, score, escalations := labels(reply)
	var reasons []backend.ApprovalReason
	add := func(kind backend.ApprovalKind, detail string, params ...string) {
		if policy.Enabled(kind) {
			reasons = append(reasons, reason(kind, detail, params...))
		}
	}

	if m := moneyMatches(folded, words); len(m) > 0 {
		add(backend.ApprovalMoney, "matched "+quoteAll(m), "matches", strings.Join(m, ", "))
	}
	if policy.Enabled(backend.ApprovalLegal) {
		legal := legalWords
		for _, lang := range []backend.Language{backend.LanguageFrench, backend.LanguageEnglish} {
			legal = append(slices.Clip(legal), newWordList(policy.ExtraLegalWords[lang])...)
		}
		if m := legal.find(words, maxMatches); len(m) > 0 {
			add(backend.ApprovalLegal, "matched "+quoteAll(m), "matches", strings.Join(m, ", "))
		}
	}
	if m := refundWords.find(words, maxMatches); len(m) > 0 {
		add(backend.ApprovalRefund, "matched "+quoteAll(m), "matches", strings.Join(m, ", "))
	}
	if kinds := personalData(folded); len(kinds) > 0 {
		add(backend.ApprovalPersonalData, "contains "+strings.Join(kinds, ", "), "types", strings.Join(kinds, ","))
	}
	if sentiment == backend.SentimentNegative {
		s := strconv.FormatFloat(score, 'f', 2, 64)
		add(backend.ApprovalNegativeSentiment, "the conversation's latest message is negative (score "+s+")", "score", s)
	}
	if intent == backend.IntentDanger || slices.ContainsFunc(escalations, func(r backend.EscalationReason) bool { return r.Kind == backend.EscalationDanger }) {
		add(backend.ApprovalDanger, "the conversation was triaged as abusive or threatening")
	}
	if flags := contactFlags(reply); len(flags) > 0 {
		add(backend.ApprovalInfluencer, "the contact is flagged "+strings.Join(flags, " and "), "flags", strings.Join(flags, ","))
	}
	if reply.AIGenerated {
		add(backend.ApprovalAIGenerated, "the text was written by a language model")
	}
	// A sampled automated reply is not held: it is reviewed after it is sent (see QASample).
	qa := reply.Automated && policy.Enabled(backend.ApprovalQASample) && sampled(reply, policy.QASampleRate)

	platform := reply.Platform
	if platform == "" {
		platform = reply.Conversation.Platform
	}
	return backend.ApprovalDecision{
		NeedsApproval: len(reasons) > 0,
		Reasons:       reasons,
		QASample:      qa,
		Autopilot: len(reasons) == 0 && !reply.AIGenerated && reply.TemplateID != "" &&
			slices.Contains(policy.Autopilot, backend.AutopilotRule{Intent: intent, Platform: platform}),
	}
}

// maxMatches bounds the words quoted in one reason: enough to show why, short enough to read.
const maxMatches = 3

// reason builds an ApprovalReason whose translation key is "approval_reason_<kind>".
func reason(kind backend.ApprovalKind, detail string, params ...string) backend.ApprovalReason {
	r := backend.ApprovalReason{Kind: kind, Detail: detail, Key: "approval_reason_" + string(kind)}
	if len(params) > 0 {
		r.Params = make(map[string]string, len(params)/2)
		for i := 0; i+1 < len(params); i += 2 {
			r.Params[params[i]] = params[i+1]
		}
	}
	return r
}

// labels returns the triage labels of the reply's conversation: those of the latest inbound
// message when given, else the conversation's own.
func labels(reply backend.OutgoingReply) (backend.Intent, backend.Sentiment, float64, []backend.EscalationReason) {
	if t := reply.Triage; t != nil {
		return t.Intent, t.Sentiment, t.SentimentScore, t.Reasons
	}
	c := reply.Conversation
	return c.Intent, c.Sentiment, c.SentimentScore, c.Reasons
}

// contactFlags returns "influencer" and/or "VIP" from the contact or, without one, from the
// conversation's contact summary.
func contactFlags(reply backend.OutgoingReply) []string {
	var influencer, vip bool
	if c := reply.Contact; c != nil {
		influencer, vip = c.Influencer, c.VIP
	} else if c := reply.Conversation.Contact; c != nil {
		influencer, vip = c.Influencer, c.VIP
	}
	var flags []string
	if influencer {
		flags = append(flags, "influencer")
	}
	if vip {
		flags = append(flags, "VIP")
	}
	return flags
}

// sampled hashes the reply's id (or, without one, its conversation and text) into [0, 1) and
// compares it with rate, so that the same reply is always sampled or never.
func sampled(reply backend.OutgoingReply, rate float64) bool {
	key := reply.ID
	if key == "" {
		key = strconv.FormatInt(reply.Conversation.ID, 10) + "\x00" + reply.Text
	}
	h := fnv.New64a()
	h.Write([]byte("tend/qa\x00" + key))
	// FNV leaves its high bits poorly mixed for keys that differ in their last bytes ("outbox-17",
	// "outbox-18"); the MurmurHash3 finaliser spreads them before they become a fraction.
	x := h.Sum64()
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return float64(x>>11)/(1<<53) < rate
}

// quoteAll formats matches as `"a", "b"`.
func quoteAll(matches []string) string {
	q := make([]string, len(matches))
	for i, m := range matches {
		q[i] = strconv.Quote(m)
	}
	return strings.Join(q, ", ")
}

// Money: currency amounts before or after the number ("€32", "32 €", "15,99 EUR", "$15.99"), a
// minus percentage ("-20 %"), or a percentage with a discount word, or a price word.
var (
	currencyAmount = regexp.MustCompile(`(?:[€$£]|\b(?:eur|euros?|usd|gbp|chf|cad)\b)\s?\d+(?:[.,]\d+)?` +
		`|\b\d+(?:[ .,]\d{3})*(?:[.,]\d{1,2})?\s?(?:[€$£]|(?:k?eur|euros?|usd|gbp|chf|cad|dollars?)\b)`)
	minusPercent  = regexp.MustCompile(`(?:^|[^\w])-\s?\d{1,3}(?:[.,]\d+)?\s?%`)
	percent       = regexp.MustCompile(`\b\d{1,3}(?:[.,]\d+)?\s?%`)
	discountWords = newWordList([]string{
		"reduction*", "remise*", "rabais", "promo*", "discount*", "off", "soldes", "coupon*", "code", "offert*", "economis*", "save", "saving*",
	})
	priceWords = newWordList([]string{
		"code promo", "promo code", "prix", "price*", "pricing", "tarif*", "promo*", "discount*", "coupon*",
		"reduction*", "remise", "remises", "rabais", "soldes", "devis", "quote",
	})
)

// moneyMatches returns up to maxMatches money signals in the folded text.
func moneyMatches(folded, words string) []string {
	var out []string
	for _, m := range currencyAmount.FindAllString(folded, maxMatches) {
		out = appendUnique(out, strings.TrimSpace(m))
	}
	if m := minusPercent.FindString(folded); m != "" {
		out = appendUnique(out, strings.TrimLeftFunc(m, func(r rune) bool { return r != '-' }))
	} else if m := percent.FindString(folded); m != "" && len(discountWords.find(words, 1)) > 0 {
		out = appendUnique(out, m)
	}
	for _, m := range priceWords.find(words, maxMatches) {
		out = appendUnique(out, m)
	}
	return out[:min(len(out), maxMatches)]
}

// appendUnique appends s unless list has it.
func appendUnique(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// legalWords are legal and compliance words in French and English. Words that are common in
// everyday replies in the other language are left out or written as phrases ("court" means "short"
// in French, so only "in court" and "to court" count).
var legalWords = newWordList([]string{
	// French
	"avocat*", "juriste*", "juridique*", "plainte*", "tribunal", "tribunaux", "justice", "proces", "poursuite*",
	"mise en demeure", "garanti*", "rgpd", "cnil", "contrat*", "conditions generales", "cgv", "mentions legales",
	"legal*", "illegal*", "droit de retractation", "retractation", "conformite", "responsabilite civile",
	// English
	"lawyer*", "attorney*", "lawsuit*", "sue", "suing", "sued", "in court", "to court", "court order", "warrant*",
	"guarantee*", "gdpr", "ccpa", "contract*", "terms and conditions", "terms of service", "terms of sale",
	"liability", "liable", "compliance", "compliant", "right of withdrawal", "small claims",
})

// refundWords are refunds, returns and order disputes. Bare "retour" and "return" are left out:
// "merci pour votre retour" thanks for feedback and "in return" is not about parcels.
var refundWords = newWordList([]string{
	// French
	"rembours*", "litige*", "retourn*", "retours", "bon de retour", "etiquette de retour", "politique de retour",
	"faire un retour", "demande de retour", "retour produit", "annulation*", "annuler votre commande", "annuler la commande",
	"dedommag*", "geste commercial", "opposition bancaire", "contestation",
	// English
	"refund*", "reimburs*", "dispute*", "chargeback*", "returns", "returned", "return label", "return policy",
	"return the", "return it", "return your", "send it back", "send back", "cancellation*", "cancel your order", "cancel the order",
	"compensation", "compensate*",
})

// Personal data patterns, over folded (lower-case, accent-free) text.
var (
	emailPattern   = regexp.MustCompile(`[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}`)
	frPhonePattern = regexp.MustCompile(`(?:\+33|0033)\s?\(?0?\)?\s?[1-9](?:[\s.-]?\d{2}){4}|\b0[1-9](?:[\s.-]?\d{2}){4}\b`)
	intlPhone      = regexp.MustCompile(`\+\d[\d\s.()-]{6,20}\d`)
	naPhone        = regexp.MustCompile(`(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b`)
	frAddress      = regexp.MustCompile(`\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av|boulevard|bd|place|chemin|allee|impasse|route|quai|square|passage|voie|residence|lieu-dit)\b`)
	enAddress      = regexp.MustCompile(`\b\d{1,5}[a-z]?\s+(?:[a-z]+\s+){1,3}(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|terrace|crescent)\b`)
	cardPattern    = regexp.MustCompile(`\b\d(?:[ -]?\d){12,18}\b`)
	ibanPattern    = regexp.MustCompile(`\b[a-z]{2}\d{2}(?:\s?[a-z0-9]{4}){2,7}(?:\s?[a-z0-9]{1,4})?\b`)
)

// personalData returns the kinds of personal data in the folded text, in a fixed order.
func personalData(folded string) []string {
	var kinds []string
	if emailPattern.MatchString(folded) {
		kinds = append(kinds, "email")
	}
	if frPhonePattern.MatchString(folded) || naPhone.MatchString(folded) || slices.ContainsFunc(intlPhone.FindAllString(folded, -1), plausiblePhone) {
		kinds = append(kinds, "phone")
	}
	if frAddress.MatchString(folded) || enAddress.MatchString(folded) {
		kinds = append(kinds, "address")
	}
	if slices.ContainsFunc(cardPattern.FindAllString(folded, -1), cardLike) {
		kinds = append(kinds, "card")
	}
	if slices.ContainsFunc(ibanPattern.FindAllString(folded, -1), validIBAN) {
		kinds = append(kinds, "iban")
	}
	return kinds
}

// plausiblePhone accepts an international number of 8 to 15 digits, the E.164 range.
func plausiblePhone(s string) bool {
	n := len(digitsOf(s))
	return n >= 8 && n <= 15
}

// digitsOf returns the ASCII digits of s.
func digitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// cardLike reports whether a run of digits, maybe grouped by spaces or dashes, is or starts with
// a card number: the whole run, or its leading groups when more digits follow, as in
// "4242 4242 4242 4242 12/28".
func cardLike(run string) bool {
	groups := strings.FieldsFunc(run, func(r rune) bool { return r == ' ' || r == '-' })
	prefix := ""
	for _, g := range groups {
		prefix += g
		if luhn(prefix) {
			return true
		}
	}
	return false
}

// luhn reports whether a 13- to 19-digit number passes the Luhn check of payment cards, which
// random order numbers fail nine times out of ten.
func luhn(digits string) bool {
	if len(digits) < 13 || len(digits) > 19 {
		return false
	}
	sum := 0
	for i := range len(digits) {
		d := int(digits[len(digits)-1-i] - '0')
		if i%2 == 1 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// validIBAN applies the ISO 13616 mod-97 check, so that words followed by digits are not IBANs.
func validIBAN(s string) bool {
	s = strings.ToUpper(strings.ReplaceAll(s, " ", ""))
	if len(s) < 15 || len(s) > 34 {
		return false
	}
	var b strings.Builder
	for _, r := range s[4:] + s[:4] {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			fmt.Fprint(&b, int(r-'A'+10))
		default:
			return false
		}
	}
	n, ok := new(big.Int).SetString(b.String(), 10)
	return ok && new(big.Int).Mod(n, big.NewInt(97)).Int64() == 1
}

// wordsOf returns the letters and digits of folded text as words between single spaces, with a
// space at each end, so that whole words and phrases are found with a plain substring search.
func wordsOf(folded string) string {
	var b strings.Builder
	b.Grow(len(folded) + 2)
	b.WriteByte(' ')
	for _, r := range folded {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		} else if s := b.String(); s[len(s)-1] != ' ' {
			b.WriteByte(' ')
		}
	}
	if s := b.String(); s[len(s)-1] != ' ' {
		b.WriteByte(' ')
	}
	return b.String()
}

// wordTerm is a word or phrase to look for in wordsOf text; prefix terms accept any word ending.
type wordTerm struct {
	words  string // " word word" for prefixes, " word word " otherwise
	prefix bool
}

// wordList is a list of terms, matched as whole words ignoring case and accents.
type wordList []wordTerm

// newWordList folds terms the way messages are folded; a trailing "*" makes a prefix term.
func newWordList(terms []string) wordList {
	list := make(wordList, 0, len(terms))
	for _, t := range terms {
		prefix := strings.HasSuffix(t, "*")
		w := wordsOf(triage.Normalize(strings.TrimSuffix(t, "*")))
		if strings.TrimSpace(w) == "" {
			continue
		}
		if prefix {
			w = strings.TrimSuffix(w, " ")
		}
		list = append(list, wordTerm{words: w, prefix: prefix})
	}
	return list
}

// find returns up to limit distinct matches in words (a wordsOf text), in the order of the list:
// the matched text, with a prefix term's full word. A match inside an earlier one ("promo" after
// "code promo") is not repeated.
func (l wordList) find(words string, limit int) []string {
	var out []string
	for _, t := range l {
		if len(out) == limit {
			break
		}
		m := t.match(words)
		if m != "" && !slices.ContainsFunc(out, func(earlier string) bool { return strings.Contains(" "+earlier+" ", " "+m+" ") }) {
			out = append(out, m)
		}
	}
	return out
}

// match returns the first occurrence of t in words, or "".
func (t wordTerm) match(words string) string {
	i := strings.Index(words, t.words)
	if i < 0 {
		return ""
	}
	end := i + len(t.words)
	if t.prefix {
		end += strings.IndexByte(words[end:], ' ')
	}
	return strings.TrimSpace(words[i:end])
}
