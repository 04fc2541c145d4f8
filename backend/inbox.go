package backend

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Platforms Tend knows. "other" covers imports from anywhere else.
const (
	PlatformInstagram = "instagram"
	PlatformFacebook  = "facebook"
	PlatformMessenger = "messenger"
	PlatformTikTok    = "tiktok"
	PlatformYouTube   = "youtube"
	PlatformWhatsApp  = "whatsapp"
	PlatformTelegram  = "telegram"
	PlatformLinkedIn  = "linkedin"
	PlatformOther     = "other"
)

// Platforms lists every platform in display order.
var Platforms = []string{PlatformInstagram, PlatformFacebook, PlatformMessenger, PlatformTikTok, PlatformYouTube,
	PlatformWhatsApp, PlatformTelegram, PlatformLinkedIn, PlatformOther}

// Channel kinds: where a channel's messages come from.
const (
	ChannelSandbox = "sandbox" // demo and rehearsal: replies are recorded, never sent
	ChannelAccount = "account" // a connected platform account
	ChannelImport  = "import"  // messages imported from a platform's data export
)

// Channel is one account on one platform, e.g. the brand's Instagram.
type Channel struct {
	ID        int64     `json:"id"`
	Platform  string    `json:"platform"`
	Account   string    `json:"account"` // the platform's handle or id of the account
	Name      string    `json:"name"`    // shown in the inbox
	Kind      string    `json:"kind"`
	CreatedAt time.Time `json:"created_at"`
}

// Validate returns EINVALID naming the first bad field.
func (c Channel) Validate() error {
	switch {
	case !slices.Contains(Platforms, c.Platform):
		return Errorf(EINVALID, "Unknown platform %q.", c.Platform).Localized("channel_platform_unknown", "platform", c.Platform)
	case strings.TrimSpace(c.Account) == "" || !utf8.ValidString(c.Account) || len(c.Account) > 200:
		return Errorf(EINVALID, "A channel needs its account name (at most 200 bytes).").Localized("channel_account_required")
	case strings.TrimSpace(c.Name) == "" || !utf8.ValidString(c.Name) || utf8.RuneCountInString(c.Name) > 100:
		return Errorf(EINVALID, "A channel needs a name of at most 100 characters.").Localized("channel_name_required")
	case !slices.Contains([]string{ChannelSandbox, ChannelAccount, ChannelImport}, c.Kind):
		return Errorf(EINVALID, "Unknown channel kind %q.", c.Kind).Localized("channel_kind_unknown", "kind", c.Kind)
	}
	return nil
}

// Identity is a contact's account on one platform.
type Identity struct {
	Platform       string `json:"platform"`
	PlatformUserID string `json:"platform_user_id"`
	Handle         string `json:"handle"` // without "@"; may be empty
	DisplayName    string `json:"display_name"`
}

// Contact is a person (or bot) who writes to the brand, across platforms.
type Contact struct {
	ID            int64      `json:"id"`
	DisplayName   string     `json:"display_name"`
	Language      string     `json:"language"` // "fr", "en", ... or "" when unknown
	Tags          []string   `json:"tags"`
	Influencer    bool       `json:"influencer"`
	VIP           bool       `json:"vip"`
	FollowerCount *int64     `json:"follower_count"`
	Identities    []Identity `json:"identities"`
	CreatedAt     time.Time  `json:"created_at"`
	// AutomationOptOut is set while the contact refuses automated messages (STOP); a person may
	// still answer them.
	AutomationOptOut bool `json:"automation_opt_out"`
	// Fields are the contact's custom fields, which {custom.name} tokens use.
	Fields map[string]string `json:"fields"`
}

// Conversation statuses.
const (
	StatusOpen     = "open"     // needs attention
	StatusPending  = "pending"  // waiting on the customer or a colleague
	StatusSnoozed  = "snoozed"  // hidden until SnoozedUntil
	StatusResolved = "resolved" // done; a new inbound message reopens it
)

// Message directions.
const (
	DirectionIn  = "in"  // from a contact
	DirectionOut = "out" // from the brand
)

// PriorityRank orders priorities: urgent is 0.
func PriorityRank(p Priority) int {
	switch p {
	case PriorityUrgent:
		return 0
	case PriorityHigh:
		return 1
	case PriorityLow:
		return 3
	}
	return 2
}

// PriorityOfRank is the inverse of PriorityRank.
func PriorityOfRank(rank int) Priority {
	return []Priority{PriorityUrgent, PriorityHigh, PriorityNormal, PriorityLow}[min(max(rank, 0), 3)]
}

// Post is the publication a comment thread or live chat belongs to.
type Post struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Conversation is a DM thread, a top-level comment with its replies, or a live broadcast's chat.
type Conversation struct {
	ID           int64            `json:"id"`
	ChannelID    int64            `json:"channel_id"`
	Platform     string           `json:"platform"`
	ChannelName  string           `json:"channel_name"`
	Kind         ConversationKind `json:"kind"`
	ThreadKey    string           `json:"thread_key"`
	Post         *Post            `json:"post"`
	Contact      *ContactSummary  `json:"contact"` // nil for live chats
	Status       string           `json:"status"`
	SnoozedUntil *time.Time       `json:"snoozed_until"`
	Assignee     string           `json:"assignee"`
	Priority     Priority         `json:"priority"`
	Intent       Intent           `json:"intent"`
	Sentiment    Sentiment        `json:"sentiment"`
	// SentimentScore is the latest inbound message's score in [-1, 1].
	SentimentScore float64            `json:"sentiment_score"`
	Language       Language           `json:"language"`
	Escalated      bool               `json:"escalated"`
	Reasons        []EscalationReason `json:"reasons"`
	// AwaitingSince is the oldest inbound message no one has answered yet; nil when answered.
	AwaitingSince *time.Time `json:"awaiting_since"`
	// SLADue is when the awaited answer is due; nil when nothing is awaited.
	SLADue          *time.Time `json:"sla_due"`
	FirstInboundAt  *time.Time `json:"first_inbound_at"`
	FirstResponseAt *time.Time `json:"first_response_at"`
	ResolvedAt      *time.Time `json:"resolved_at"`
	LastMessageAt   time.Time  `json:"last_message_at"`
	LastPreview     string     `json:"last_preview"`
	LastDirection   string     `json:"last_direction"`
	MessageCount    int        `json:"message_count"`
	Tags            []string   `json:"tags"`
}

// ContactSummary is what a conversation row shows about its contact.
type ContactSummary struct {
	ID          int64  `json:"id"`
	DisplayName string `json:"display_name"`
	Handle      string `json:"handle"`
	Influencer  bool   `json:"influencer"`
	VIP         bool   `json:"vip"`
}

// Attachment describes a file sent with a message; Tend keeps the metadata, not the file.
type Attachment struct {
	Kind string `json:"kind"` // image, video, audio, file, sticker, link
	URL  string `json:"url"`
	Name string `json:"name"`
	MIME string `json:"mime"`
	Size int64  `json:"size"`
}

// Message is one message in a conversation.
type Message struct {
	ID                int64         `json:"id"`
	ConversationID    int64         `json:"conversation_id"`
	PlatformMessageID string        `json:"platform_message_id"`
	Direction         string        `json:"direction"`
	AuthorContactID   *int64        `json:"author_contact_id"`
	AuthorName        string        `json:"author_name"`
	AuthorHandle      string        `json:"author_handle"`
	Text              string        `json:"text"`
	SentAt            time.Time     `json:"sent_at"`
	ReplyTo           string        `json:"reply_to"` // platform id of the message or comment answered
	Attachments       []Attachment  `json:"attachments"`
	Hidden            bool          `json:"hidden"`
	Deleted           bool          `json:"deleted"`
	Triage            *TriageResult `json:"triage"` // inbound messages only
	// IntentCorrected and SentimentCorrected tell that a person fixed the triage label.
	IntentCorrected    bool `json:"intent_corrected"`
	SentimentCorrected bool `json:"sentiment_corrected"`
}

// Limits on ingested messages: generous for every platform (Telegram 4,096 characters, YouTube
// comments 10,000), tight enough to refuse garbage.
const (
	MaxMessageTextBytes  = 32 << 10
	MaxIngestBatch       = 10_000
	MaxPlatformIDBytes   = 256
	MaxAttachmentsPerMsg = 50
)

// Author is who wrote an ingested message, as the platform names them.
type Author struct {
	PlatformUserID string `json:"platform_user_id"`
	Handle         string `json:"handle"`
	DisplayName    string `json:"display_name"`
	FollowerCount  *int64 `json:"follower_count"`
	// IsBot is set when the platform says the author is a bot (Telegram's is_bot): automation
	// never answers one.
	IsBot bool `json:"is_bot"`
}

// IncomingMessage is a message as a platform connector, an import or the demo hands it to Ingest.
type IncomingMessage struct {
	ChannelID         int64            `json:"channel_id"`
	Kind              ConversationKind `json:"kind"`
	PlatformMessageID string           `json:"platform_message_id"`
	// ThreadKey groups messages into a conversation: the platform's conversation id for DMs, the
	// top-level comment id for comment threads, the broadcast id for live chats.
	ThreadKey   string       `json:"thread_key"`
	Post        *Post        `json:"post"` // comment threads and live chats
	Direction   string       `json:"direction"`
	Author      Author       `json:"author"`
	Text        string       `json:"text"`
	SentAt      time.Time    `json:"sent_at"`
	ReplyTo     string       `json:"reply_to"`
	Attachments []Attachment `json:"attachments"`
}

// Validate returns EINVALID saying what is wrong with the message.
func (m IncomingMessage) Validate() error {
	switch {
	case m.ChannelID <= 0:
		return Errorf(EINVALID, "a channel id is required")
	case m.Kind.Validate() != nil:
		return Errorf(EINVALID, "unknown conversation kind %q", m.Kind)
	case m.PlatformMessageID == "" || len(m.PlatformMessageID) > MaxPlatformIDBytes || !utf8.ValidString(m.PlatformMessageID):
		return Errorf(EINVALID, "a platform message id of 1 to %d bytes is required", MaxPlatformIDBytes)
	case m.ThreadKey == "" || len(m.ThreadKey) > MaxPlatformIDBytes || !utf8.ValidString(m.ThreadKey):
		return Errorf(EINVALID, "a thread key of 1 to %d bytes is required", MaxPlatformIDBytes)
	case m.Direction != DirectionIn && m.Direction != DirectionOut:
		return Errorf(EINVALID, "direction must be %q or %q, got %q", DirectionIn, DirectionOut, m.Direction)
	case m.Direction == DirectionIn && (m.Author.PlatformUserID == "" || len(m.Author.PlatformUserID) > MaxPlatformIDBytes):
		return Errorf(EINVALID, "an inbound message needs its author's platform user id")
	case !utf8.ValidString(m.Text):
		return Errorf(EINVALID, "the text is not valid UTF-8")
	case len(m.Text) > MaxMessageTextBytes:
		return Errorf(EINVALID, "the text is %d bytes long; the limit is %d", len(m.Text), MaxMessageTextBytes)
	case strings.TrimSpace(m.Text) == "" && len(m.Attachments) == 0:
		return Errorf(EINVALID, "the message has neither text nor attachments")
	case len(m.Attachments) > MaxAttachmentsPerMsg:
		return Errorf(EINVALID, "more than %d attachments", MaxAttachmentsPerMsg)
	case m.SentAt.IsZero():
		return Errorf(EINVALID, "the time the message was sent is required")
	case !utf8.ValidString(m.Author.Handle + m.Author.DisplayName + m.ReplyTo):
		return Errorf(EINVALID, "the author or reply-to is not valid UTF-8")
	}
	if m.Post != nil && (!utf8.ValidString(m.Post.ID+m.Post.Title+m.Post.URL) || len(m.Post.ID) > MaxPlatformIDBytes) {
		return Errorf(EINVALID, "the post is not valid")
	}
	return nil
}

// IngestResult says what an Ingest call did.
type IngestResult struct {
	Received        int     `json:"received"`   // messages stored
	Duplicates      int     `json:"duplicates"` // messages already stored, skipped
	ConversationIDs []int64 `json:"conversation_ids"`
}

// MessageReceivedEvent is the payload of inbox:message_received.
type MessageReceivedEvent struct {
	ConversationIDs []int64 `json:"conversation_ids"`
	Count           int     `json:"count"`
}

// ConversationFilter selects conversations; nil or empty fields do not filter.
type ConversationFilter struct {
	ChannelIDs []int64            `json:"channel_ids"`
	Kinds      []ConversationKind `json:"kinds"`
	Intents    []Intent           `json:"intents"`
	Priorities []Priority         `json:"priorities"`
	Statuses   []string           `json:"statuses"`
	Languages  []Language         `json:"languages"`
	Tag        string             `json:"tag"`
	// Assignee filters by assignee; "-" selects unassigned conversations.
	Assignee string `json:"assignee"`
	// SLA is "due" (awaiting an answer, not yet late) or "breached" (late).
	SLA       string `json:"sla"`
	ContactID int64  `json:"contact_id"`
	Escalated *bool  `json:"escalated"`
	// Cursor continues a previous page; Limit defaults to 50, at most 200.
	Cursor string `json:"cursor"`
	Limit  int    `json:"limit"`
}

// ConversationPage is one page of conversations in inbox order (priority, then SLA due time).
type ConversationPage struct {
	Conversations []Conversation `json:"conversations"`
	NextCursor    string         `json:"next_cursor"` // "" on the last page
}

// InboxCounts are facet counts for a filter: how many conversations each choice would show.
type InboxCounts struct {
	Total      int            `json:"total"`
	Statuses   map[string]int `json:"statuses"`
	Intents    map[string]int `json:"intents"`
	Priorities map[string]int `json:"priorities"`
	Channels   map[int64]int  `json:"channels"`
	Kinds      map[string]int `json:"kinds"`
	Languages  map[string]int `json:"languages"`
	Due        int            `json:"due"`
	Breached   int            `json:"breached"`
	Unassigned int            `json:"unassigned"`
	Escalated  int            `json:"escalated"`
}

// ConversationDetail is a conversation with its thread and its contact's context.
type ConversationDetail struct {
	Conversation Conversation   `json:"conversation"`
	Messages     []Message      `json:"messages"`
	Contact      *Contact       `json:"contact"`
	History      []Conversation `json:"history"` // the contact's other conversations, newest first
}

// ConversationUpdate changes every selected conversation; nil fields are left alone.
type ConversationUpdate struct {
	Status       *string    `json:"status"`
	SnoozedUntil *time.Time `json:"snoozed_until"` // required with status "snoozed", in the future
	Assignee     *string    `json:"assignee"`
	AddTags      []string   `json:"add_tags"`
	RemoveTags   []string   `json:"remove_tags"`
	// MarkSpam labels the latest inbound message spam (a correction the classifier learns from),
	// hides nothing on the platform and resolves the conversation.
	MarkSpam bool `json:"mark_spam"`
}

// MaxTagLength keeps tags short enough for chips.
const MaxTagLength = 40

// NormalizeTag trims and lower-cases a tag and returns EINVALID when it cannot be one.
func NormalizeTag(tag string) (string, error) {
	t := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(tag), "#")))
	if t == "" || utf8.RuneCountInString(t) > MaxTagLength || !utf8.ValidString(t) || strings.ContainsAny(t, ",\n\r\t") {
		return "", Errorf(EINVALID, "Invalid tag %q: 1 to %d characters, no commas.", tag, MaxTagLength).Localized("tag_invalid", "tag", tag)
	}
	return t, nil
}

// Correction is a person's fix of a message's triage label, kept for undo and audit.
type Correction struct {
	ID             int64     `json:"id"`
	MessageID      int64     `json:"message_id"`
	ConversationID int64     `json:"conversation_id"`
	Field          string    `json:"field"` // "intent" or "sentiment"
	From           string    `json:"from"`
	To             string    `json:"to"`
	CreatedAt      time.Time `json:"created_at"`
}

// SearchResult is a message matching a search, with its conversation.
type SearchResult struct {
	Message      Message      `json:"message"`
	Conversation Conversation `json:"conversation"`
	// Snippet is the matching text with matches between SnippetStart and SnippetEnd markers: the
	// frontend highlights them as text, never as HTML.
	Snippet string `json:"snippet"`
}

// Markers around matches in SearchResult.Snippet: Unicode private-use characters, which ingest
// removes from message text so that they cannot be forged.
const (
	SnippetStart = "\uE000"
	SnippetEnd   = "\uE001"
)

// SearchPage is a page of search results, newest first.
type SearchPage struct {
	Results    []SearchResult `json:"results"`
	NextCursor string         `json:"next_cursor"`
}

// Triager triages messages and learns from corrections (implemented by backend/triage).
type Triager interface {
	Triage(in TriageInput) TriageResult
	Learn(text string, intent Intent) error
	Unlearn(text string, intent Intent) error
	LearnSentiment(text string, sentiment Sentiment) error
	UnlearnSentiment(text string, sentiment Sentiment) error
	Reset()
	Delta() []byte
	LoadDelta(data []byte) error
	Keywords() []Keyword
	SetKeywords(keywords []Keyword) error
	SetPolicy(policy SLAPolicy) error
}

// TriageSettings are a workspace's escalation keywords and SLA policy.
type TriageSettings struct {
	Keywords []Keyword `json:"keywords"`
	SLA      SLAPolicy `json:"sla"`
}

// InboxService is the unified inbox.
type InboxService interface {
	// ListChannels returns the workspace's channels.
	ListChannels(ctx context.Context) ([]Channel, error)
	// CreateChannel adds a channel. EINVALID for a bad field, ECONFLICT if it exists.
	CreateChannel(ctx context.Context, c Channel) (Channel, error)

	// Ingest stores a batch of platform messages, threads and triages them, and publishes
	// inbox:message_received. Messages already stored (same channel and platform id) are skipped.
	// A bad message makes the whole batch fail with EINVALID naming it (ENOTFOUND for an unknown
	// channel); nothing is written then.
	Ingest(ctx context.Context, batch []IncomingMessage) (IngestResult, error)

	// ListConversations returns a page in inbox order. EINVALID for a bad filter or cursor.
	ListConversations(ctx context.Context, f ConversationFilter) (ConversationPage, error)
	// CountConversations returns facet counts for f (its cursor and limit are ignored).
	CountConversations(ctx context.Context, f ConversationFilter) (InboxCounts, error)
	// GetConversation returns a conversation with its messages and contact. ENOTFOUND if missing.
	GetConversation(ctx context.Context, id int64) (ConversationDetail, error)
	// UpdateConversations applies upd to every conversation in ids, all or none. ENOTFOUND if one
	// is missing, EINVALID for a bad update.
	UpdateConversations(ctx context.Context, ids []int64, upd ConversationUpdate) ([]Conversation, error)

	// CorrectMessage sets a message's intent and/or sentiment; the classifier learns from it at once.
	CorrectMessage(ctx context.Context, messageID int64, intent *Intent, sentiment *Sentiment) (Message, error)
	// UndoCorrection reverts one correction and what the classifier learned from it.
	UndoCorrection(ctx context.Context, correctionID int64) (Message, error)
	// ListCorrections returns the corrections in force, newest first.
	ListCorrections(ctx context.Context) ([]Correction, error)
	// ResetModel drops every correction from the classifier (labels already fixed stay fixed).
	ResetModel(ctx context.Context) error
	// TriageSettings returns the escalation keywords and SLA policy in force.
	TriageSettings(ctx context.Context) (TriageSettings, error)
	// UpdateTriageSettings replaces them; they apply to messages received from now on.
	// EINVALID names the first bad keyword or policy field.
	UpdateTriageSettings(ctx context.Context, s TriageSettings) (TriageSettings, error)

	// Search finds messages by words and operators (from:@handle, channel:, intent:, is:open,
	// "quoted phrases"), newest first.
	Search(ctx context.Context, query string, cursor string, limit int) (SearchPage, error)

	// WakeSnoozed reopens conversations whose snooze time has passed and returns how many.
	WakeSnoozed(ctx context.Context) (int, error)

	// CreateContact adds a contact with its identities. EINVALID for a bad field, ECONFLICT when an
	// identity already belongs to a contact.
	CreateContact(ctx context.Context, c Contact) (Contact, error)
	// UpdateContact sets a contact's tags and flags.
	UpdateContact(ctx context.Context, id int64, upd ContactUpdate) (Contact, error)
	// MergeContacts makes one person of two contacts: from's identities, tags, conversations and
	// messages move to into, which keeps its name and becomes influencer or VIP if either was.
	// ENOTFOUND if either is missing, EINVALID if they are the same.
	MergeContacts(ctx context.Context, into, from int64) (Contact, error)
}

// MaxContactNameRunes bounds a contact's display name.
const MaxContactNameRunes = 100

// Validate returns EINVALID naming the first bad field of a new contact.
func (c Contact) Validate() error {
	if strings.TrimSpace(c.DisplayName) == "" || utf8.RuneCountInString(c.DisplayName) > MaxContactNameRunes || !utf8.ValidString(c.DisplayName) {
		return Errorf(EINVALID, "A contact needs a name of at most %d characters.", MaxContactNameRunes).Localized("contact_name_required")
	}
	if c.Language != "" && !slices.Contains(SupportedLanguages, c.Language) {
		return Errorf(EINVALID, "Unsupported contact language %q.", c.Language)
	}
	if c.FollowerCount != nil && *c.FollowerCount < 0 {
		return Errorf(EINVALID, "A follower count cannot be negative.")
	}
	for _, id := range c.Identities {
		if !slices.Contains(Platforms, id.Platform) {
			return Errorf(EINVALID, "Unknown platform %q.", id.Platform).Localized("channel_platform_unknown", "platform", id.Platform)
		}
		if id.PlatformUserID == "" || len(id.PlatformUserID) > MaxPlatformIDBytes || !utf8.ValidString(id.PlatformUserID+id.Handle+id.DisplayName) {
			return Errorf(EINVALID, "Each identity needs its platform user id.")
		}
	}
	return nil
}

// ContactUpdate changes a contact; nil fields are left alone.
type ContactUpdate struct {
	DisplayName *string   `json:"display_name"`
	Tags        *[]string `json:"tags"`
	Influencer  *bool     `json:"influencer"`
	VIP         *bool     `json:"vip"`
	// Fields replaces every custom field; an empty value removes the field.
	Fields *map[string]string `json:"fields"`
}

// Limits on custom contact fields.
const (
	MaxContactFields     = 50
	MaxContactFieldRunes = 500
)

// ValidateContactFields returns EINVALID naming the first bad field: names are token names
// ("shoe_size", used as {custom.shoe_size}), values short single lines.
func ValidateContactFields(fields map[string]string) error {
	if len(fields) > MaxContactFields {
		return Errorf(EINVALID, "A contact has at most %d custom fields.", MaxContactFields).Localized("contact_fields_too_many", "limit", strconv.Itoa(MaxContactFields))
	}
	for name, value := range fields {
		if !ValidTokenName(CustomTokenPrefix + name) {
			return Errorf(EINVALID, "Invalid field name %q: lower-case letters, digits and underscores, starting with a letter.", name).
				Localized("contact_field_name_invalid", "name", name)
		}
		if !utf8.ValidString(value) || utf8.RuneCountInString(value) > MaxContactFieldRunes || strings.ContainsAny(value, "\r\n") {
			return Errorf(EINVALID, "The value of %q must be one line of at most %d characters.", name, MaxContactFieldRunes).
				Localized("contact_field_value_invalid", "name", name, "limit", strconv.Itoa(MaxContactFieldRunes))
		}
	}
	return nil
}
