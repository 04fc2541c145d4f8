package backend

import (
	"fmt"
	"time"
	"unicode/utf8"
)

// Intent is what an inbound message is about, as decided by triage.
type Intent string

// The triage classes of the engagement guide: a purchase question, an after-sales problem, junk,
// abuse or threats, and everything else.
const (
	IntentSale    Intent = "sale"
	IntentSupport Intent = "support"
	IntentSpam    Intent = "spam"
	IntentDanger  Intent = "danger"
	IntentOther   Intent = "other"
)

// Intents lists every intent in a fixed order; classifiers index their scores by it.
var Intents = []Intent{IntentSale, IntentSupport, IntentSpam, IntentDanger, IntentOther}

// Validate reports whether i is a known intent.
func (i Intent) Validate() error {
	for _, known := range Intents {
		if i == known {
			return nil
		}
	}
	return Errorf(EINVALID, "unknown intent %q", string(i))
}

// Sentiment is the tone of a message.
type Sentiment string

// Sentiments, from a sentiment score in [-1, 1] cut at the triage thresholds.
const (
	SentimentNegative Sentiment = "negative"
	SentimentNeutral  Sentiment = "neutral"
	SentimentPositive Sentiment = "positive"
)

// Sentiments lists every sentiment in a fixed order.
var Sentiments = []Sentiment{SentimentNegative, SentimentNeutral, SentimentPositive}

// Validate reports whether s is a known sentiment.
func (s Sentiment) Validate() error {
	for _, known := range Sentiments {
		if s == known {
			return nil
		}
	}
	return Errorf(EINVALID, "unknown sentiment %q", string(s))
}

// Priority orders the inbox: urgent first, low last.
type Priority string

// Priorities, most pressing first.
const (
	PriorityUrgent Priority = "urgent"
	PriorityHigh   Priority = "high"
	PriorityNormal Priority = "normal"
	PriorityLow    Priority = "low"
)

// Language is the language triage detected in a message. Tend only drafts in French and English,
// so anything else is "other".
type Language string

// Detected languages.
const (
	LanguageFrench  Language = "fr"
	LanguageEnglish Language = "en"
	LanguageOther   Language = "other"
)

// ConversationKind is the shape of a conversation, which sets how fast it must be answered.
type ConversationKind string

// Conversation kinds.
const (
	ConversationDM            ConversationKind = "dm"
	ConversationCommentThread ConversationKind = "comment_thread"
	ConversationLiveChat      ConversationKind = "live_chat"
)

// Validate reports whether k is a known conversation kind.
func (k ConversationKind) Validate() error {
	switch k {
	case ConversationDM, ConversationCommentThread, ConversationLiveChat:
		return nil
	}
	return Errorf(EINVALID, "unknown conversation kind %q", string(k))
}

// EscalationKind says why a message needs a human.
type EscalationKind string

// Escalation kinds.
const (
	EscalationKeyword         EscalationKind = "keyword"          // an escalation keyword or phrase matched
	EscalationLowSentiment    EscalationKind = "low_sentiment"    // the tone is below the escalation threshold
	EscalationDanger          EscalationKind = "danger"           // abuse, hate or threats
	EscalationInfluencer      EscalationKind = "influencer"       // the contact is flagged influencer or VIP
	EscalationRepeatedContact EscalationKind = "repeated_contact" // the contact keeps writing within 24 h
)

// EscalationReason is one reason to hand a message to a human, with an English detail such as
// `matched "remboursement"`.
type EscalationReason struct {
	Kind   EscalationKind `json:"kind"`
	Detail string         `json:"detail"`
}

// TriageInput is a message to triage with the context that changes its priority.
type TriageInput struct {
	Text     string           `json:"text"`
	Kind     ConversationKind `json:"kind"`
	Received time.Time        `json:"received"`
	// Influencer is set when the contact is flagged influencer or VIP.
	Influencer bool `json:"influencer"`
	// RecentInbound counts the contact's inbound messages in the 24 h before this one.
	RecentInbound int `json:"recent_inbound"`
	// BusyPost is set for comments on a post with heavy traffic, which the guide answers faster.
	BusyPost bool `json:"busy_post"`
}

// MaxTriageTextBytes bounds the text triage reads; longer texts are cut, not rejected.
const MaxTriageTextBytes = 64 << 10

// Validate reports whether in can be triaged as given. Triage itself copes with any text, so this
// is for callers that accept messages from outside.
func (in TriageInput) Validate() error {
	if !utf8.ValidString(in.Text) {
		return Errorf(EINVALID, "message text is not valid UTF-8")
	}
	if in.Kind != "" {
		if err := in.Kind.Validate(); err != nil {
			return err
		}
	}
	if in.RecentInbound < 0 {
		return Errorf(EINVALID, "recent inbound count must not be negative, got %d", in.RecentInbound)
	}
	return nil
}

// TriageResult is what triage decided about a message.
type TriageResult struct {
	Intent       Intent             `json:"intent"`
	IntentScores map[Intent]float64 `json:"intent_scores"`
	Sentiment    Sentiment          `json:"sentiment"`
	// SentimentScore is in [-1, 1], like a VADER compound score.
	SentimentScore float64            `json:"sentiment_score"`
	Language       Language           `json:"language"`
	Priority       Priority           `json:"priority"`
	Escalate       bool               `json:"escalate"`
	Reasons        []EscalationReason `json:"reasons"`
	// SLADue is when a first answer is due; nil when no answer is expected (spam).
	SLADue *time.Time `json:"sla_due,omitempty"`
}

// SLAPolicy says how soon a message must get a first answer. Every applicable rule gives a
// deadline in minutes and the earliest one wins; a zero or missing entry means the rule does not
// apply.
type SLAPolicy struct {
	// KindMinutes is the default for each conversation kind.
	KindMinutes map[ConversationKind]int `json:"kind_minutes"`
	// DMIntentMinutes applies to DMs and live chats with the given intent ("high-intent" messages).
	DMIntentMinutes map[Intent]int `json:"dm_intent_minutes"`
	// BusyPostMinutes applies to comments on busy posts.
	BusyPostMinutes int `json:"busy_post_minutes"`
	// EscalationMinutes applies to escalated messages, except sales ones.
	EscalationMinutes int `json:"escalation_minutes"`
	// SaleEscalationMinutes applies to escalated sales opportunities, handed to a human.
	SaleEscalationMinutes int `json:"sale_escalation_minutes"`
	// BusinessHours, when set, makes the clock run only while the team is open.
	BusinessHours *BusinessHours `json:"business_hours,omitempty"`
}

// BusinessHours are the team's opening hours in its own time zone.
type BusinessHours struct {
	TimeZone string         `json:"time_zone"` // IANA name, e.g. "Europe/Paris"
	Days     []time.Weekday `json:"days"`      // open days, 0 = Sunday
	Open     string         `json:"open"`      // "09:00"
	Close    string         `json:"close"`     // "18:00", after Open
}

// DefaultSLAPolicy returns the engagement guide's targets: high-intent DMs within an hour,
// comments on busy posts within two hours, sales escalations to a human within 24 hours. The
// rest are Tend's choices: other escalations within an hour, live chats within 15 minutes,
// ordinary DMs within 4 hours and other comments within 24 hours.
func DefaultSLAPolicy() SLAPolicy {
	return SLAPolicy{
		KindMinutes: map[ConversationKind]int{
			ConversationDM:            4 * 60,
			ConversationCommentThread: 24 * 60,
			ConversationLiveChat:      15,
		},
		DMIntentMinutes: map[Intent]int{
			IntentSale:    60,
			IntentSupport: 60,
			IntentDanger:  60,
		},
		BusyPostMinutes:       2 * 60,
		EscalationMinutes:     60,
		SaleEscalationMinutes: 24 * 60,
	}
}

// Validate reports whether p is usable.
func (p SLAPolicy) Validate() error {
	for kind, minutes := range p.KindMinutes {
		if err := kind.Validate(); err != nil {
			return err
		}
		if minutes < 0 {
			return Errorf(EINVALID, "SLA for %s must not be negative", kind)
		}
	}
	for intent, minutes := range p.DMIntentMinutes {
		if err := intent.Validate(); err != nil {
			return err
		}
		if minutes < 0 {
			return Errorf(EINVALID, "SLA for %s DMs must not be negative", intent)
		}
	}
	if p.BusyPostMinutes < 0 || p.EscalationMinutes < 0 || p.SaleEscalationMinutes < 0 {
		return Errorf(EINVALID, "SLA durations must not be negative")
	}
	if p.BusinessHours != nil {
		return p.BusinessHours.Validate()
	}
	return nil
}

// Validate reports whether h names a known time zone, at least one day and an opening time before
// the closing time.
func (h BusinessHours) Validate() error {
	if _, err := h.Location(); err != nil {
		return err
	}
	if len(h.Days) == 0 {
		return Errorf(EINVALID, "business hours need at least one open day")
	}
	for _, d := range h.Days {
		if d < time.Sunday || d > time.Saturday {
			return Errorf(EINVALID, "business day %d is not a weekday (0 = Sunday … 6 = Saturday)", int(d))
		}
	}
	open, err := ParseClock(h.Open)
	if err != nil {
		return err
	}
	closing, err := ParseClock(h.Close)
	if err != nil {
		return err
	}
	if open >= closing {
		return Errorf(EINVALID, "business hours must open before they close (%s-%s)", h.Open, h.Close)
	}
	return nil
}

// Location loads the business hours' time zone.
func (h BusinessHours) Location() (*time.Location, error) {
	if h.TimeZone == "" {
		return nil, Errorf(EINVALID, "business hours need a time zone")
	}
	loc, err := time.LoadLocation(h.TimeZone)
	if err != nil {
		return nil, Wrap(EINVALID, err, "unknown time zone %q", h.TimeZone)
	}
	return loc, nil
}

// ParseClock parses a wall-clock time "HH:MM" into minutes after midnight.
func ParseClock(s string) (int, error) {
	var hour, minute int
	if len(s) != 5 || s[2] != ':' {
		return 0, Errorf(EINVALID, "time %q is not HH:MM", s)
	}
	if _, err := fmt.Sscanf(s, "%02d:%02d", &hour, &minute); err != nil || hour > 23 || minute > 59 {
		return 0, Errorf(EINVALID, "time %q is not HH:MM", s)
	}
	return hour*60 + minute, nil
}

// Keyword is an escalation term or phrase. Matching ignores case and accents and accepts other
// word forms through light stemming ("remboursement" also matches "remboursé", "rembourser";
// "refund" matches "refunded"); the words of a phrase must follow each other in one clause with
// at most one extra word between them ("pas encore reçu" matches "pas reçu"). Every entry
// matches messages in any language, since customers mix French and English; Lang records the
// language the entry was written in, for editing.
type Keyword struct {
	Term string      `json:"term"`
	Lang Language    `json:"lang"`
	Kind KeywordKind `json:"kind"`
}

// KeywordKind groups escalation keywords by the problem they reveal.
type KeywordKind string

// Keyword kinds. Legal threats, fraud claims and safety problems make a message urgent.
const (
	KeywordRefund       KeywordKind = "refund"
	KeywordWrongItem    KeywordKind = "wrong_item"
	KeywordNotDelivered KeywordKind = "not_delivered"
	KeywordDamaged      KeywordKind = "damaged"
	KeywordDispute      KeywordKind = "dispute"
	KeywordFraud        KeywordKind = "fraud"
	KeywordLegal        KeywordKind = "legal"
	KeywordSafety       KeywordKind = "safety"
	KeywordHumanAgent   KeywordKind = "human_agent"
)

// KeywordKinds lists every keyword kind.
var KeywordKinds = []KeywordKind{
	KeywordRefund, KeywordWrongItem, KeywordNotDelivered, KeywordDamaged, KeywordDispute,
	KeywordFraud, KeywordLegal, KeywordSafety, KeywordHumanAgent,
}

// Urgent reports whether a match of this kind makes the message urgent.
func (k KeywordKind) Urgent() bool {
	return k == KeywordFraud || k == KeywordLegal || k == KeywordSafety
}

// MaxKeywordRunes bounds a keyword's length.
const MaxKeywordRunes = 80

// Validate returns EINVALID unless k has a term, a language (fr or en) and a known kind.
func (k Keyword) Validate() error {
	if k.Lang != LanguageFrench && k.Lang != LanguageEnglish {
		return Errorf(EINVALID, "Keyword %q: the language must be fr or en, not %q.", k.Term, k.Lang).Localized("keyword_language", "term", k.Term)
	}
	known := false
	for _, kind := range KeywordKinds {
		known = known || k.Kind == kind
	}
	if !known {
		return Errorf(EINVALID, "Keyword %q: unknown kind %q.", k.Term, k.Kind).Localized("keyword_kind", "term", k.Term)
	}
	if !utf8.ValidString(k.Term) || utf8.RuneCountInString(k.Term) > MaxKeywordRunes {
		return Errorf(EINVALID, "A keyword has at most %d characters.", MaxKeywordRunes).Localized("keyword_too_long")
	}
	return nil
}
