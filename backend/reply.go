package backend

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// TemplateCategory groups reply templates by the step of the customer journey they serve, after the
// DM flows of the engagement guide.
type TemplateCategory string

// Template categories.
const (
	CategoryWelcome       TemplateCategory = "welcome"       // first answer to a new DM, with a menu
	CategoryQualification TemplateCategory = "qualification" // questions that narrow down a purchase
	CategoryOrderSupport  TemplateCategory = "order_support" // after-sales help around an order
	CategoryReengagement  TemplateCategory = "reengagement"  // follow-ups, only to contacts who consented
	CategoryHandoff       TemplateCategory = "handoff"       // passing the conversation to a person, with a summary
	CategoryCommentAck    TemplateCategory = "comment_ack"   // public thanks under a comment, inviting to DM
	CategoryFAQ           TemplateCategory = "faq"           // answers to recurring questions (shipping, returns, hours)
)

// TemplateCategories lists every category in display order.
var TemplateCategories = []TemplateCategory{
	CategoryWelcome, CategoryQualification, CategoryOrderSupport, CategoryReengagement,
	CategoryHandoff, CategoryCommentAck, CategoryFAQ,
}

// Validate reports whether c is a known category.
func (c TemplateCategory) Validate() error {
	if slices.Contains(TemplateCategories, c) {
		return nil
	}
	return Errorf(EINVALID, "Unknown template category %q.", string(c)).Localized("template_category_unknown", "category", string(c))
}

// Standard token names, written {first_name} or {first_name|fallback} in a template body.
const (
	TokenFirstName   = "first_name"   // the contact's first name
	TokenAuthorName  = "author_name"  // the name of the comment's or message's author, as the platform shows it
	TokenOrderID     = "order_id"     // an order number found in the conversation
	TokenProductName = "product_name" // a product of the catalogue named in the conversation
	TokenBrand       = "brand"        // the brand name of the workspace settings
	TokenIssue       = "issue"        // a short description of the customer's problem
)

// StandardTokens lists the standard token names.
var StandardTokens = []string{TokenFirstName, TokenAuthorName, TokenOrderID, TokenProductName, TokenBrand, TokenIssue}

// CustomTokenPrefix starts the token of a custom contact field: {custom.shoe_size} takes the contact
// field "shoe_size". A prefix keeps custom fields from ever shadowing a standard token, including
// tokens added in later versions.
const CustomTokenPrefix = "custom."

// tokenNamePattern is the syntax of a standard token name and of a custom field name.
var tokenNamePattern = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

// ValidTokenName reports whether name is a standard token or a well-formed custom field token.
func ValidTokenName(name string) bool {
	if field, ok := strings.CutPrefix(name, CustomTokenPrefix); ok {
		return tokenNamePattern.MatchString(field)
	}
	return slices.Contains(StandardTokens, name)
}

// Limits on templates. Bodies are short messages: 5,000 characters is above every platform's
// comment and most DM limits (Instagram DMs stop at 1,000, Telegram at 4,096), so a longer body is a
// paste mistake rather than a reply.
const (
	MaxTemplateBodyRunes = 5000
	MaxTemplateNameRunes = 100
	MaxTemplateIDBytes   = 64
	MaxTemplateKeywords  = 30
)

// templateIDPattern keeps ids readable in URLs, logs and the shipped library ("welcome.menu.fr").
var templateIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

// Template is a reusable reply with tokens.
type Template struct {
	// ID is stable across versions of the shipped library ("welcome.menu.fr"), so that updating
	// the defaults never duplicates a template a user already has; the store gives user-made
	// templates their own ids in the same syntax.
	ID       string           `json:"id"`
	Name     string           `json:"name"`
	Category TemplateCategory `json:"category"`
	Language Language         `json:"language"` // fr or en
	// Channel is the platform the template is written for, or "" for every platform. A template
	// for one platform wins over a generic one there (a shorter Instagram comment, say).
	Channel string `json:"channel"`
	Body    string `json:"body"`
	// Keywords make the template a better fit when the inbound message contains one of them, matched
	// as whole words ignoring case and accents; a trailing "*" matches any ending ("livr*").
	// FAQ templates are only drafted when one matches, so that they answer the question asked.
	Keywords   []string `json:"keywords,omitempty"`
	Archived   bool     `json:"archived"`
	UsageCount int      `json:"usage_count"`
	// Shipped tells a template of the shipped library, edited or not, from one a user made; the
	// store sets it.
	Shipped   bool      `json:"shipped"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Validate returns EINVALID naming the first bad field. It does not read the body's tokens: the
// reply package's Parse does, with the position of each mistake.
func (t Template) Validate() error {
	switch {
	case len(t.ID) > MaxTemplateIDBytes || !templateIDPattern.MatchString(t.ID):
		return Errorf(EINVALID, "Invalid template id %q: 1 to %d lower-case letters, digits, dots, dashes or underscores.", t.ID, MaxTemplateIDBytes).
			Localized("template_id_invalid", "id", t.ID)
	case strings.TrimSpace(t.Name) == "" || !utf8.ValidString(t.Name) || utf8.RuneCountInString(t.Name) > MaxTemplateNameRunes:
		return Errorf(EINVALID, "A template needs a name of at most %d characters.", MaxTemplateNameRunes).Localized("template_name_required")
	case t.Language != LanguageFrench && t.Language != LanguageEnglish:
		return Errorf(EINVALID, "Unsupported template language %q: choose fr or en.", string(t.Language)).
			Localized("template_language_unsupported", "language", string(t.Language))
	case t.Channel != "" && !slices.Contains(Platforms, t.Channel):
		return Errorf(EINVALID, "Unknown platform %q.", t.Channel).Localized("channel_platform_unknown", "platform", t.Channel)
	case strings.TrimSpace(t.Body) == "" || !utf8.ValidString(t.Body):
		return Errorf(EINVALID, "A template needs a body.").Localized("template_body_required")
	case utf8.RuneCountInString(t.Body) > MaxTemplateBodyRunes:
		n := utf8.RuneCountInString(t.Body)
		return Errorf(EINVALID, "The template is %d characters long; the limit is %d.", n, MaxTemplateBodyRunes).
			Localized("template_body_too_long", "length", strconv.Itoa(n), "limit", strconv.Itoa(MaxTemplateBodyRunes))
	case t.UsageCount < 0:
		return Errorf(EINVALID, "A usage count cannot be negative.").Localized("template_usage_negative")
	case len(t.Keywords) > MaxTemplateKeywords:
		return Errorf(EINVALID, "A template has at most %d keywords.", MaxTemplateKeywords).Localized("template_keywords_too_many")
	}
	if err := t.Category.Validate(); err != nil {
		return err
	}
	for _, k := range t.Keywords {
		if strings.TrimSpace(strings.TrimSuffix(k, "*")) == "" || !utf8.ValidString(k) || utf8.RuneCountInString(k) > MaxKeywordRunes {
			return Errorf(EINVALID, "Invalid keyword %q: 1 to %d characters.", k, MaxKeywordRunes).Localized("template_keyword_invalid", "keyword", k)
		}
	}
	return nil
}

// RenderContext holds the values of a reply's tokens; an empty value counts as missing.
type RenderContext struct {
	FirstName   string `json:"first_name"`
	AuthorName  string `json:"author_name"`
	OrderID     string `json:"order_id"`
	ProductName string `json:"product_name"`
	Brand       string `json:"brand"`
	Issue       string `json:"issue"`
	// Custom holds custom contact fields by name, without the "custom." prefix.
	Custom map[string]string `json:"custom"`
}

// Value returns the trimmed value of the token name, "" when it has none.
func (rc RenderContext) Value(name string) string {
	var v string
	switch name {
	case TokenFirstName:
		v = rc.FirstName
	case TokenAuthorName:
		v = rc.AuthorName
	case TokenOrderID:
		v = rc.OrderID
	case TokenProductName:
		v = rc.ProductName
	case TokenBrand:
		v = rc.Brand
	case TokenIssue:
		v = rc.Issue
	default:
		if field, ok := strings.CutPrefix(name, CustomTokenPrefix); ok {
			v = rc.Custom[field]
		}
	}
	return strings.TrimSpace(v)
}

// Rendered is a template filled with values. Missing lists the tokens that had neither a value nor
// a fallback: they stay visible in Text as "{name}", and a reply with any of them must not be sent.
type Rendered struct {
	Text    string   `json:"text"`
	Missing []string `json:"missing"`
}

// DraftSource says where a draft's text comes from.
type DraftSource string

// Draft sources.
const (
	DraftFromTemplate DraftSource = "template" // the built-in drafter filled a template
	DraftFromModel    DraftSource = "model"    // a language model wrote the text
	DraftFromBuiltin  DraftSource = "builtin"  // the built-in caption drafter wrote it from the post's brief
)

// validateForCaption accepts the sources a post's caption can have: "" (a person), the built-in
// caption drafter or the model.
func (s DraftSource) validateForCaption() error {
	if s == "" || s == DraftFromBuiltin || s == DraftFromModel {
		return nil
	}
	return Errorf(EINVALID, "Unknown caption source %q: a person (\"\"), \"builtin\" or \"model\".", string(s)).
		Localized("post_caption_source_unknown", "source", string(s))
}

// Explanation says why a drafter wrote what it wrote: Text in English for logs and the audit trail,
// Key and Params for the frontend to say it in the user's language.
type Explanation struct {
	Text   string            `json:"text"`
	Key    string            `json:"key"`
	Params map[string]string `json:"params,omitempty"`
}

// Draft is a proposed reply.
type Draft struct {
	Text       string      `json:"text"`
	TemplateID string      `json:"template_id,omitempty"` // "" for model drafts
	Source     DraftSource `json:"source"`
	Language   Language    `json:"language"`
	// Explanation says why this template or text was chosen.
	Explanation Explanation `json:"explanation"`
	// Missing lists tokens that could not be filled: the composer asks for them, and the draft cannot
	// be sent until it is empty.
	Missing []string `json:"missing"`
}

// DraftRequest is what a drafter knows when it answers a conversation.
type DraftRequest struct {
	Conversation Conversation `json:"conversation"`
	// Message is the latest inbound message, with its triage.
	Message Message  `json:"message"`
	Contact *Contact `json:"contact"` // nil for live chats and unknown authors
	// ContactFields are the contact's custom fields, for {custom.name} tokens.
	ContactFields map[string]string `json:"contact_fields"`
	Settings      Settings          `json:"settings"`
	// Products are catalogue product names; the first one the message names fills {product_name}.
	Products []string `json:"products"`
}

// Drafter proposes a reply to a conversation.
type Drafter interface {
	// Draft returns a proposed reply. ENOTFOUND (with a translation key saying why) when nothing
	// should or can be drafted, such as for spam or when no template fits.
	Draft(ctx context.Context, req DraftRequest) (Draft, error)
}

// ApprovalKind is a reason for a reply to need a person's approval before it is sent.
type ApprovalKind string

// Approval kinds, after the guide's rule that prices, legal matters, refunds and personal data never
// go out without a human.
const (
	ApprovalMoney             ApprovalKind = "money"              // prices, discounts, currency amounts
	ApprovalLegal             ApprovalKind = "legal"              // legal or compliance words
	ApprovalRefund            ApprovalKind = "refund"             // refunds, returns, order disputes
	ApprovalPersonalData      ApprovalKind = "personal_data"      // emails, phone numbers, addresses, card numbers, IBANs
	ApprovalNegativeSentiment ApprovalKind = "negative_sentiment" // the conversation is negative
	ApprovalDanger            ApprovalKind = "danger"             // abuse or threats in the conversation
	ApprovalInfluencer        ApprovalKind = "influencer"         // the contact is an influencer or VIP
	ApprovalAIGenerated       ApprovalKind = "ai_generated"       // a language model wrote the text
	ApprovalQASample          ApprovalKind = "qa_sample"          // automated replies sampled for review after sending; never holds a reply
)

// ApprovalKinds lists every approval kind.
var ApprovalKinds = []ApprovalKind{
	ApprovalMoney, ApprovalLegal, ApprovalRefund, ApprovalPersonalData, ApprovalNegativeSentiment,
	ApprovalDanger, ApprovalInfluencer, ApprovalAIGenerated, ApprovalQASample,
}

// Validate reports whether k is a known approval kind.
func (k ApprovalKind) Validate() error {
	if slices.Contains(ApprovalKinds, k) {
		return nil
	}
	return Errorf(EINVALID, "Unknown approval reason %q.", string(k)).Localized("approval_kind_unknown", "kind", string(k))
}

// ApprovalReason is one reason a reply needs approval: an English Detail saying what matched (never
// the personal data itself), and Key and Params for the frontend.
type ApprovalReason struct {
	Kind   ApprovalKind      `json:"kind"`
	Detail string            `json:"detail"`
	Key    string            `json:"key"`
	Params map[string]string `json:"params,omitempty"`
}

// AutopilotRule lets template replies to messages of one intent on one platform go out without a
// person, when no approval reason fires.
type AutopilotRule struct {
	Intent   Intent `json:"intent"`
	Platform string `json:"platform"`
}

// DisclosureMode says where automated replies say they are automated.
type DisclosureMode string

// Disclosure modes.
const (
	DisclosurePrefix DisclosureMode = "prefix" // "Réponse automatisée : …"
	DisclosureFooter DisclosureMode = "footer" // "… — Message envoyé avec l'aide d'un assistant …"
)

// Disclosure holds the texts that label automated and AI-assisted replies, per language.
type Disclosure struct {
	Mode   DisclosureMode      `json:"mode"`
	Prefix map[Language]string `json:"prefix"`
	Footer map[Language]string `json:"footer"`
	// Notice opens the first automated message to a contact: it says an assistant is writing and
	// how to reach a person, and how to stop automated replies.
	Notice map[Language]string `json:"notice"`
}

// MaxDisclosureRunes bounds each disclosure text.
const MaxDisclosureRunes = 300

// Limits on the approval policy's lists.
const (
	MaxExtraLegalWords = 200
	MaxAutopilotRules  = 100
)

// ApprovalPolicy decides which outgoing replies need a person's approval.
type ApprovalPolicy struct {
	// Kinds lists the approval reasons in force; the others are not checked.
	Kinds []ApprovalKind `json:"kinds"`
	// ExtraLegalWords adds to the built-in legal and compliance words, per language; a trailing "*"
	// matches any ending. Every word is looked for in every reply, since customers mix languages.
	ExtraLegalWords map[Language][]string `json:"extra_legal_words"`
	// QASampleRate is the share of automated replies held for a quality review, in [0, 1].
	QASampleRate float64 `json:"qa_sample_rate"`
	// Autopilot lists the {intent, platform} pairs whose template replies may be sent automatically.
	Autopilot  []AutopilotRule `json:"autopilot"`
	Disclosure Disclosure      `json:"disclosure"`
}

// DefaultApprovalPolicy checks every reason, samples 10 % of automated replies for review, enables
// no autopilot (so every AI draft and every automated reply waits for a person) and prefixes
// automated replies with "Réponse automatisée :" / "Automated reply:", as the guide suggests.
func DefaultApprovalPolicy() ApprovalPolicy {
	return ApprovalPolicy{
		Kinds:           slices.Clone(ApprovalKinds),
		ExtraLegalWords: map[Language][]string{},
		QASampleRate:    0.10,
		Autopilot:       []AutopilotRule{},
		Disclosure: Disclosure{
			Mode: DisclosurePrefix,
			Prefix: map[Language]string{
				LanguageFrench:  "Réponse automatisée :",
				LanguageEnglish: "Automated reply:",
			},
			Footer: map[Language]string{
				LanguageFrench:  "— Message envoyé avec l'aide d'un assistant. Répondez « humain » pour parler à quelqu'un de l'équipe.",
				LanguageEnglish: "— Sent with the help of an assistant. Reply \"human\" to talk to someone on the team.",
			},
			Notice: map[Language]string{
				LanguageFrench: "Bonjour, je suis l'assistant de l'équipe : je peux vous aider tout de suite ou vous mettre en relation avec une personne, il suffit de répondre « humain ». " +
					"Répondez STOP pour ne plus recevoir de réponses automatisées.",
				LanguageEnglish: "Hi, I'm the team's assistant: I can help right away or put you in touch with a person, just reply \"human\". " +
					"Reply STOP to stop automated replies.",
			},
		},
	}
}

// Enabled reports whether the policy checks reasons of kind k.
func (p ApprovalPolicy) Enabled(k ApprovalKind) bool { return slices.Contains(p.Kinds, k) }

// Validate returns EINVALID naming the first bad rule.
func (p ApprovalPolicy) Validate() error {
	for i, k := range p.Kinds {
		if err := k.Validate(); err != nil {
			return err
		}
		if slices.Index(p.Kinds, k) != i {
			return Errorf(EINVALID, "Approval reason %q is listed twice.", string(k)).Localized("approval_kind_duplicate", "kind", string(k))
		}
	}
	count := 0
	for lang, words := range p.ExtraLegalWords {
		if lang != LanguageFrench && lang != LanguageEnglish {
			return Errorf(EINVALID, "Unsupported language %q for legal words: choose fr or en.", string(lang)).
				Localized("approval_legal_language", "language", string(lang))
		}
		for _, w := range words {
			if strings.TrimSpace(strings.TrimSuffix(w, "*")) == "" || !utf8.ValidString(w) || utf8.RuneCountInString(w) > MaxKeywordRunes {
				return Errorf(EINVALID, "Invalid legal word %q: 1 to %d characters.", w, MaxKeywordRunes).Localized("approval_legal_word_invalid", "word", w)
			}
		}
		count += len(words)
	}
	if count > MaxExtraLegalWords {
		return Errorf(EINVALID, "At most %d extra legal words.", MaxExtraLegalWords).Localized("approval_legal_words_too_many", "limit", strconv.Itoa(MaxExtraLegalWords))
	}
	if !(p.QASampleRate >= 0 && p.QASampleRate <= 1) { // also rejects NaN
		return Errorf(EINVALID, "The QA sample rate must be between 0 and 1.").Localized("approval_qa_rate")
	}
	if len(p.Autopilot) > MaxAutopilotRules {
		return Errorf(EINVALID, "At most %d autopilot rules.", MaxAutopilotRules).Localized("approval_autopilot_too_many", "limit", strconv.Itoa(MaxAutopilotRules))
	}
	for _, r := range p.Autopilot {
		if err := r.Intent.Validate(); err != nil {
			return err
		}
		// Spam gets no answer and danger always gets a person: neither may ever be automatic.
		if r.Intent == IntentSpam || r.Intent == IntentDanger {
			return Errorf(EINVALID, "Autopilot cannot answer %s messages.", string(r.Intent)).Localized("approval_autopilot_intent", "intent", string(r.Intent))
		}
		if !slices.Contains(Platforms, r.Platform) {
			return Errorf(EINVALID, "Unknown platform %q.", r.Platform).Localized("channel_platform_unknown", "platform", r.Platform)
		}
	}
	return p.Disclosure.Validate()
}

// Validate requires the texts of the active mode and the first-contact notice in French and English.
func (d Disclosure) Validate() error {
	var texts map[Language]string
	switch d.Mode {
	case DisclosurePrefix:
		texts = d.Prefix
	case DisclosureFooter:
		texts = d.Footer
	default:
		return Errorf(EINVALID, "Unknown disclosure mode %q: choose prefix or footer.", string(d.Mode)).
			Localized("disclosure_mode_unknown", "mode", string(d.Mode))
	}
	for _, set := range []map[Language]string{texts, d.Notice} {
		for _, lang := range []Language{LanguageFrench, LanguageEnglish} {
			if strings.TrimSpace(set[lang]) == "" {
				return Errorf(EINVALID, "The disclosure needs a %s text.", string(lang)).Localized("disclosure_text_required", "language", string(lang))
			}
		}
	}
	for _, set := range []map[Language]string{d.Prefix, d.Footer, d.Notice} {
		for lang, text := range set {
			if !utf8.ValidString(text) || utf8.RuneCountInString(text) > MaxDisclosureRunes {
				return Errorf(EINVALID, "Each disclosure text has at most %d characters.", MaxDisclosureRunes).
					Localized("disclosure_text_too_long", "language", string(lang), "limit", strconv.Itoa(MaxDisclosureRunes))
			}
		}
	}
	return nil
}

// ApprovalDecision is the policy's verdict on an outgoing reply. NeedsApproval is set when any
// reason fired; Autopilot when the reply may be sent with no person at all. A reply with neither
// may be sent by the person who wrote it.
type ApprovalDecision struct {
	NeedsApproval bool             `json:"needs_approval"`
	Reasons       []ApprovalReason `json:"reasons"`
	Autopilot     bool             `json:"autopilot"`
	// QASample marks an automated reply picked for the review list: it is not held, it is
	// reviewed once sent.
	QASample bool `json:"qa_sample"`
	// Rendered is the text with its {tokens} filled, as it would be sent, and Missing the tokens
	// that have no value and no fallback: while any is missing the reply cannot be sent. Set by
	// the reply service, not by the policy.
	Rendered string   `json:"rendered"`
	Missing  []string `json:"missing"`
}

// OutgoingReply is a reply about to be sent, with what the policy needs to judge it.
type OutgoingReply struct {
	// ID is the draft's or outbox entry's stable id. QA sampling hashes it, so a reply is sampled
	// or not every time it is evaluated.
	ID          string `json:"id"`
	Text        string `json:"text"`
	AIGenerated bool   `json:"ai_generated"`
	TemplateID  string `json:"template_id"` // "" when not from a template
	// Automated is set when no person wrote or chose the reply (flows, rules, autopilot).
	Automated    bool          `json:"automated"`
	Conversation Conversation  `json:"conversation"`
	Contact      *Contact      `json:"contact"`
	Triage       *TriageResult `json:"triage"` // of the latest inbound message; nil falls back to the conversation's labels
	Platform     string        `json:"platform"`
}
