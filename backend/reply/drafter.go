package reply

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"tend/backend"
	"tend/backend/triage"
)

// Drafter is the built-in, offline backend.Drafter: it picks the template that fits the latest
// inbound message best and fills its tokens from the conversation. It is deterministic and safe for
// concurrent use.
//
// The template's category follows the message, first match wins:
//
//	spam                                   no draft
//	danger, in a DM                        handoff
//	danger, in a comment or live chat      no draft: abuse gets no public answer
//	DM asking for a person, with a very
//	  negative tone, from an influencer or
//	  VIP, or about a refund               handoff (the guide hands these to people)
//	comment or live chat: support          comment acknowledgement (take it to DMs)
//	comment or live chat: sale, other      FAQ, then comment acknowledgement
//	DM: sale                               FAQ, then qualification
//	DM: support                            order support, then FAQ
//	DM: other                              FAQ, then welcome if the brand has not answered yet
//
// An FAQ template is only a candidate when one of its keywords is in the message, so that it answers
// the question asked. Re-engagement templates are never drafted: they need the contact's consent and
// are sent by flows, not as answers.
//
// Among the candidates of a category, in the reply language (see Language) and never archived, the
// best one fills all its tokens, then is written for the conversation's platform, then matches more
// of the message's words, then fills more tokens with known values, then has been used more; the id
// breaks the remaining ties.
type Drafter struct {
	templates []candidate
}

// candidate is a usable template with its compiled body and keywords.
type candidate struct {
	backend.Template
	compiled Compiled
	keywords wordList
}

// NewDrafter returns a drafter over templates; archived ones are ignored. EINVALID names the first
// template that does not validate or parse.
func NewDrafter(templates []backend.Template) (*Drafter, error) {
	d := &Drafter{}
	for _, t := range templates {
		if t.Archived {
			continue
		}
		err := t.Validate()
		var c Compiled
		if err == nil {
			c, err = Parse(t.Body)
		}
		if err != nil {
			msg := backend.ErrorMessage(err)
			return nil, backend.Wrap(backend.EINVALID, err, "Template %q: %s", t.ID, msg).Localized("template_library_invalid", "id", t.ID, "error", msg)
		}
		d.templates = append(d.templates, candidate{Template: t, compiled: c, keywords: newWordList(t.Keywords)})
	}
	return d, nil
}

// step is a category to try, and whether its templates need a keyword match.
type step struct {
	category     backend.TemplateCategory
	needsKeyword bool
}

// because is why a category was chosen: a translation key suffix, the English clause and its
// parameters.
type because struct {
	key    string
	text   string
	params []string
}

// Draft drafts a reply to req's latest inbound message. ENOTFOUND, with a key saying why, for spam,
// for abuse in public and when no template fits.
func (d *Drafter) Draft(ctx context.Context, req backend.DraftRequest) (backend.Draft, error) {
	if err := ctx.Err(); err != nil {
		return backend.Draft{}, err
	}
	lang := Language(req)
	words := wordsOf(triage.Normalize(req.Message.Text))
	found := detectIssue(words)
	steps, why, err := plan(req, words, found)
	if err != nil {
		return backend.Draft{}, err
	}
	rc := renderContext(req, lang, words, found)
	platform := req.Conversation.Platform
	for _, s := range steps {
		best, ok := d.pick(s, lang, platform, words, rc)
		if !ok {
			continue
		}
		reasonFor := why
		if s.needsKeyword {
			reasonFor = because{key: "keyword", text: `the message mentions "` + best.keyword + `"`, params: []string{"keyword", best.keyword}}
		}
		return backend.Draft{
			Text:        best.rendered.Text,
			TemplateID:  best.ID,
			Source:      backend.DraftFromTemplate,
			Language:    lang,
			Explanation: explain(best.Category, lang, req.Conversation, reasonFor),
			Missing:     best.rendered.Missing,
		}, nil
	}
	tried := make([]string, len(steps))
	for i, s := range steps {
		tried[i] = categoryNames[s.category]
	}
	return backend.Draft{}, backend.Errorf(backend.ENOTFOUND, "No %s template fits %s (tried %s).",
		languageNames[lang], conversationPhrase(req.Conversation), strings.Join(tried, ", ")).
		Localized("draft_no_template", "language", string(lang), "platform", req.Conversation.Platform,
			"kind", string(req.Conversation.Kind), "categories", categoriesParam(steps))
}

// scored is a candidate rendered for one request, with what ranks it.
type scored struct {
	candidate
	rendered backend.Rendered
	hits     int    // keywords found in the message
	keyword  string // the first of them
	filled   int    // tokens with a known value
}

// pick returns the best template for step s, rendered, and the keyword it matched.
func (d *Drafter) pick(s step, lang backend.Language, platform, words string, rc backend.RenderContext) (scored, bool) {
	var best scored
	found := false
	for _, c := range d.templates {
		if c.Category != s.category || c.Language != lang || (c.Channel != "" && c.Channel != platform) {
			continue
		}
		hits := c.keywords.find(words, len(c.keywords))
		if s.needsKeyword && len(hits) == 0 {
			continue
		}
		cur := scored{candidate: c, rendered: Render(c.compiled, rc), hits: len(hits)}
		if len(hits) > 0 {
			cur.keyword = hits[0]
		}
		for _, tok := range c.compiled.tokens {
			if rc.Value(tok) != "" {
				cur.filled++
			}
		}
		if !found || better(cur, best) {
			best, found = cur, true
		}
	}
	return best, found
}

// better reports whether template a beats b: complete first, then channel-specific, then more
// keyword hits, then more tokens filled with known values (more personal), then more used, then the
// smaller id.
func better(a, b scored) bool {
	if (len(a.rendered.Missing) == 0) != (len(b.rendered.Missing) == 0) {
		return len(a.rendered.Missing) == 0
	}
	if (a.Channel != "") != (b.Channel != "") {
		return a.Channel != ""
	}
	if a.hits != b.hits {
		return a.hits > b.hits
	}
	if a.filled != b.filled {
		return a.filled > b.filled
	}
	if a.UsageCount != b.UsageCount {
		return a.UsageCount > b.UsageCount
	}
	return a.ID < b.ID
}

// plan returns the categories to try for req, in order, and why.
func plan(req backend.DraftRequest, words string, found *issue) ([]step, because, error) {
	intent := req.Conversation.Intent
	var escalations []backend.EscalationReason
	if t := req.Message.Triage; t != nil {
		intent, escalations = t.Intent, t.Reasons
	}
	public := req.Conversation.Kind == backend.ConversationCommentThread || req.Conversation.Kind == backend.ConversationLiveChat
	handoff := []step{{category: backend.CategoryHandoff}}
	faq := step{category: backend.CategoryFAQ, needsKeyword: true}

	switch {
	case intent == backend.IntentSpam:
		return nil, because{}, backend.Errorf(backend.ENOTFOUND, "No reply is drafted for spam.").Localized("draft_none_spam")
	case intent == backend.IntentDanger && public:
		return nil, because{}, backend.Errorf(backend.ENOTFOUND, "Abusive or threatening messages get no public reply: hide or escalate them.").
			Localized("draft_none_danger_public")
	case intent == backend.IntentDanger:
		return handoff, because{key: "danger", text: "the message is abusive or threatening, so a person should take over"}, nil
	case public && intent == backend.IntentSupport:
		return []step{{category: backend.CategoryCommentAck}}, because{key: "public_support", text: "order problems are best handled in private messages"}, nil
	case public:
		return []step{faq, {category: backend.CategoryCommentAck}}, because{key: "comment", text: "the comment deserves a thank-you and an invitation to write in private"}, nil
	}
	if m := humanRequest.find(words, 1); len(m) > 0 {
		return handoff, because{key: "human_requested", text: `the contact asked for a person ("` + m[0] + `")`, params: []string{"keyword", m[0]}}, nil
	}
	if slices.ContainsFunc(escalations, func(r backend.EscalationReason) bool { return r.Kind == backend.EscalationLowSentiment }) {
		return handoff, because{key: "low_sentiment", text: "the message is very negative, so a person should take over"}, nil
	}
	if influencerOrVIP(req) {
		return handoff, because{key: "influencer", text: "the contact is an influencer or VIP, whom a person should answer"}, nil
	}
	if found != nil && found.id == "refund" {
		return handoff, because{key: "dispute", text: "the message asks for a refund, which a person must handle", params: []string{"issue", found.id}}, nil
	}
	switch intent {
	case backend.IntentSale:
		return []step{faq, {category: backend.CategoryQualification}}, because{key: "sale", text: "the message is a purchase question"}, nil
	case backend.IntentSupport:
		if found != nil {
			return []step{{category: backend.CategoryOrderSupport}, faq},
				because{key: "issue", text: "the message is about " + found.about, params: []string{"issue", found.id}}, nil
		}
		return []step{{category: backend.CategoryOrderSupport}, faq}, because{key: "support", text: "the message is about an order"}, nil
	}
	steps := []step{faq}
	if req.Conversation.FirstResponseAt == nil {
		steps = append(steps, step{category: backend.CategoryWelcome})
	}
	return steps, because{key: "first_message", text: "the brand has not answered this conversation yet"}, nil
}

// influencerOrVIP reports whether the contact is flagged influencer or VIP, or triage said so.
func influencerOrVIP(req backend.DraftRequest) bool {
	if c := req.Contact; c != nil && (c.Influencer || c.VIP) {
		return true
	}
	if c := req.Conversation.Contact; c != nil && (c.Influencer || c.VIP) {
		return true
	}
	return req.Message.Triage != nil && slices.ContainsFunc(req.Message.Triage.Reasons,
		func(r backend.EscalationReason) bool { return r.Kind == backend.EscalationInfluencer })
}

// humanRequest are the ways a contact asks for a person; the guide's flows tell them to type "agent".
var humanRequest = newWordList([]string{
	"agent", "humain", "human", "conseiller*", "operateur", "operator", "vraie personne", "real person",
	"parler a quelqu un", "parler a une personne", "talk to someone", "speak to someone", "talk to a person",
	"speak to a person", "talk to a human", "speak to a human",
})

// issue is what a customer writes about: about says it in the explanation, summary fills {issue}
// (nil for a plain order question, which is no problem to report).
type issue struct {
	id      string
	about   string
	summary map[backend.Language]string
	terms   wordList
}

// issues are tried in order: specific problems before the catch-all order question.
var issues = []issue{
	{"damaged", "a damaged item", map[backend.Language]string{backend.LanguageFrench: "article reçu abîmé", backend.LanguageEnglish: "item arrived damaged"},
		newWordList([]string{"abime*", "casse", "cassee*", "endommag*", "defectueu*", "ne fonctionne pas", "damaged", "broken", "defective", "cracked", "not working", "doesn t work"})},
	{"wrong_item", "a wrong item", map[backend.Language]string{backend.LanguageFrench: "erreur d'article", backend.LanguageEnglish: "wrong item received"},
		newWordList([]string{"mauvais article", "mauvaise taille", "mauvaise couleur", "pas le bon", "pas ce que j ai commande", "erreur de commande", "wrong item", "wrong size", "wrong colo*", "not what i ordered"})},
	{"refund", "a refund", map[backend.Language]string{backend.LanguageFrench: "demande de remboursement", backend.LanguageEnglish: "refund request"},
		newWordList([]string{"rembours*", "refund*", "reimburs*", "money back", "rendre mon argent"})},
	{"delivery", "a delivery problem", map[backend.Language]string{backend.LanguageFrench: "livraison en retard ou non reçue", backend.LanguageEnglish: "late or missing delivery"},
		newWordList([]string{"pas recu*", "pas encore recu*", "jamais recu*", "non recu*", "non livre*", "pas livre*", "pas arrive*", "pas encore arrive*",
			"colis perdu", "retard*", "suivi", "ou est ma commande", "ou en est ma commande", "not received", "never received", "never arrived",
			"not arrived", "hasn t arrived", "not delivered", "where is my order", "where s my order", "lost", "late", "delayed", "delay", "tracking"})},
	{"payment", "a payment problem", map[backend.Language]string{backend.LanguageFrench: "problème de paiement", backend.LanguageEnglish: "payment problem"},
		newWordList([]string{"paiement", "payment", "debite*", "preleve*", "prelevement", "carte refusee", "charged twice", "card declined"})},
	{"return", "a return or exchange", map[backend.Language]string{backend.LanguageFrench: "retour ou échange", backend.LanguageEnglish: "return or exchange"},
		newWordList([]string{"retourn*", "faire un retour", "echanger", "un echange", "echange", "renvoyer", "exchange*", "return it", "return the", "return my", "send it back"})},
	{"order", "an order", nil,
		newWordList([]string{"commande*", "order", "orders", "ordered", "colis", "parcel", "package"})},
}

// detectIssue returns the first issue the message's words show, or nil.
func detectIssue(words string) *issue {
	for i := range issues {
		if len(issues[i].terms.find(words, 1)) > 0 {
			return &issues[i]
		}
	}
	return nil
}

// Language returns the language to answer req in: the message's, else the conversation's, else
// the contact's, provided the brand answers in it; else the brand's first language; else English.
func Language(req backend.DraftRequest) backend.Language {
	var brand []backend.Language
	for _, l := range req.Settings.Languages {
		if l := backend.Language(l); l == backend.LanguageFrench || l == backend.LanguageEnglish {
			brand = append(brand, l)
		}
	}
	var seen []backend.Language
	if t := req.Message.Triage; t != nil {
		seen = append(seen, t.Language)
	}
	seen = append(seen, req.Conversation.Language)
	if req.Contact != nil {
		seen = append(seen, backend.Language(req.Contact.Language))
	}
	for _, l := range seen {
		if (l == backend.LanguageFrench || l == backend.LanguageEnglish) && (len(brand) == 0 || slices.Contains(brand, l)) {
			return l
		}
	}
	if len(brand) > 0 {
		return brand[0]
	}
	return backend.LanguageEnglish
}

// RenderContext returns the token values for req in lang: the same values the drafter uses, for
// the composer's live preview of any template.
func RenderContext(req backend.DraftRequest, lang backend.Language) backend.RenderContext {
	words := wordsOf(triage.Normalize(req.Message.Text))
	return renderContext(req, lang, words, detectIssue(words))
}

// renderContext fills the tokens: names from the contact and message, the order id and product from
// the message text, the brand from the settings, the issue from the detected problem.
func renderContext(req backend.DraftRequest, lang backend.Language, words string, found *issue) backend.RenderContext {
	name := req.Message.AuthorName
	if req.Contact != nil {
		name = req.Contact.DisplayName
	} else if c := req.Conversation.Contact; c != nil {
		name = c.DisplayName
	}
	author := strings.TrimSpace(req.Message.AuthorName)
	switch {
	case author != "":
	case req.Contact != nil:
		author = req.Contact.DisplayName
	case req.Message.AuthorHandle != "":
		author = "@" + strings.TrimPrefix(req.Message.AuthorHandle, "@")
	}
	rc := backend.RenderContext{
		FirstName:   firstName(name),
		AuthorName:  author,
		OrderID:     OrderID(req.Message.Text),
		ProductName: productIn(words, req.Products),
		Brand:       req.Settings.BrandName,
		Custom:      req.ContactFields,
	}
	if found != nil {
		rc.Issue = found.summary[lang]
	}
	return rc
}

// firstName returns the first word of a display name when it looks like a given name (letters,
// hyphens and apostrophes only), capitalised; "" for handles such as "chloe.cocooning".
func firstName(display string) string {
	fields := strings.Fields(display)
	if len(fields) == 0 {
		return ""
	}
	w := fields[0]
	if n := utf8.RuneCountInString(w); n < 2 || n > 30 {
		return ""
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' {
			return ""
		}
	}
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[size:]
}

// Order numbers as customers write them: "#ML-20481", "#20481", "CMD-88213", "commande n° 20481".
var orderPatterns = []*regexp.Regexp{
	regexp.MustCompile(`#\s?([A-Za-z]{0,5}-?\d{3,12})\b`),
	regexp.MustCompile(`\b([A-Za-z]{2,5}-\d{3,12})\b`),
	regexp.MustCompile(`(?i)\b(?:commande|order|cmd)\s*(?:n°|nº|no\.?|num[ée]ro|number)?\s*:?\s*(\d{4,12})\b`),
}

// OrderID returns the first order number in text, without its "#", or "".
func OrderID(text string) string {
	for _, p := range orderPatterns {
		if m := p.FindStringSubmatch(text); m != nil {
			return m[1]
		}
	}
	return ""
}

// productIn returns the product the words name, the longest name winning ("Bougie Figue noire"
// over "Bougie"), then the first in the catalogue.
func productIn(words string, products []string) string {
	best, bestLen := "", 0
	for _, p := range products {
		w := wordsOf(triage.Normalize(p))
		if len(w) > 2 && len(w) > bestLen && strings.Contains(words, w) {
			best, bestLen = strings.TrimSpace(p), len(w)
		}
	}
	return best
}

// English names for explanations.
var (
	categoryNames = map[backend.TemplateCategory]string{
		backend.CategoryWelcome:       "Welcome",
		backend.CategoryQualification: "Qualification",
		backend.CategoryOrderSupport:  "Order support",
		backend.CategoryReengagement:  "Re-engagement",
		backend.CategoryHandoff:       "Handoff",
		backend.CategoryCommentAck:    "Comment acknowledgement",
		backend.CategoryFAQ:           "FAQ",
	}
	languageNames = map[backend.Language]string{backend.LanguageFrench: "French", backend.LanguageEnglish: "English"}
	platformNames = map[string]string{
		backend.PlatformInstagram: "Instagram", backend.PlatformFacebook: "Facebook", backend.PlatformMessenger: "Messenger",
		backend.PlatformTikTok: "TikTok", backend.PlatformYouTube: "YouTube", backend.PlatformWhatsApp: "WhatsApp",
		backend.PlatformTelegram: "Telegram", backend.PlatformLinkedIn: "LinkedIn",
	}
	kindNames = map[backend.ConversationKind]string{
		backend.ConversationDM: "DM", backend.ConversationCommentThread: "comment", backend.ConversationLiveChat: "live chat",
	}
)

// conversationPhrase says "an Instagram DM", "a YouTube comment" or "a live chat".
func conversationPhrase(c backend.Conversation) string {
	kind := kindNames[c.Kind]
	if kind == "" {
		kind = "conversation"
	}
	phrase := kind
	if p := platformNames[c.Platform]; p != "" {
		phrase = p + " " + kind
	}
	if strings.ContainsRune("AEIOU", rune(phrase[0])) {
		return "an " + phrase
	}
	return "a " + phrase
}

// explain builds the explanation "Order support template in French for an Instagram DM, because
// the message is about a delivery problem." with key "draft_explanation_<reason>".
func explain(category backend.TemplateCategory, lang backend.Language, conv backend.Conversation, why because) backend.Explanation {
	params := map[string]string{
		"category": string(category),
		"language": string(lang),
		"platform": conv.Platform,
		"kind":     string(conv.Kind),
	}
	for i := 0; i+1 < len(why.params); i += 2 {
		params[why.params[i]] = why.params[i+1]
	}
	return backend.Explanation{
		Text:   categoryNames[category] + " template in " + languageNames[lang] + " for " + conversationPhrase(conv) + ", because " + why.text + ".",
		Key:    "draft_explanation_" + why.key,
		Params: params,
	}
}

// categoriesParam lists the categories of steps for a translation parameter.
func categoriesParam(steps []step) string {
	names := make([]string, len(steps))
	for i, s := range steps {
		names[i] = string(s.category)
	}
	return strings.Join(names, ",")
}

// Relevant returns up to n templates a model may use as grounding for req: the best of each
// category the built-in drafter would try, in its order, then the other templates of the reply
// language whose keywords the message mentions. Spam and public abuse, which get no draft, get no
// grounding either.
func (d *Drafter) Relevant(req backend.DraftRequest, n int) []backend.Template {
	lang := Language(req)
	words := wordsOf(triage.Normalize(req.Message.Text))
	found := detectIssue(words)
	out := []backend.Template{}
	steps, _, err := plan(req, words, found)
	if err != nil {
		return out
	}
	rc := renderContext(req, lang, words, found)
	seen := map[string]bool{}
	for _, s := range steps {
		if best, ok := d.pick(s, lang, req.Conversation.Platform, words, rc); ok && !seen[best.ID] && len(out) < n {
			seen[best.ID] = true
			out = append(out, best.Template)
		}
	}
	for _, c := range d.templates {
		if len(out) >= n {
			break
		}
		if !seen[c.ID] && c.Language == lang && (c.Channel == "" || c.Channel == req.Conversation.Platform) &&
			len(c.keywords.find(words, 1)) > 0 {
			seen[c.ID] = true
			out = append(out, c.Template)
		}
	}
	return out
}
