package backend

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ReplyState is where an outgoing reply stands. The life of a reply:
//
//	draft ─▶ pending_approval ─▶ queued ─▶ sending ─▶ sent
//	  │            │                │         ├──▶ queued (temporary error, retried later)
//	  ▼            ▼                ▼         ├──▶ failed (permanent error, with the platform's reason)
//	discarded   rejected         blocked      └──▶ in_doubt (a crash hid the outcome; a person decides)
//
// A reply reaches queued only when the policy needed no approval or a person gave it; the store
// refuses any other path, whatever the caller.
type ReplyState string

// Reply states.
const (
	ReplyDraft           ReplyState = "draft"
	ReplyDiscarded       ReplyState = "discarded"
	ReplyPendingApproval ReplyState = "pending_approval"
	ReplyRejected        ReplyState = "rejected"
	ReplyQueued          ReplyState = "queued"
	ReplySending         ReplyState = "sending"
	ReplySent            ReplyState = "sent"
	ReplyFailed          ReplyState = "failed"
	ReplyBlocked         ReplyState = "blocked"
	ReplyInDoubt         ReplyState = "in_doubt"
)

// ReplyStates lists every state.
var ReplyStates = []ReplyState{
	ReplyDraft, ReplyDiscarded, ReplyPendingApproval, ReplyRejected, ReplyQueued, ReplySending,
	ReplySent, ReplyFailed, ReplyBlocked, ReplyInDoubt,
}

// ReplyKind tells a reply to a conversation from the one message Tend sends by itself.
type ReplyKind string

// Reply kinds.
const (
	KindReply               ReplyKind = "reply"
	KindConsentConfirmation ReplyKind = "consent_confirmation" // the single answer to STOP or START
)

// ReplySource says who wrote a reply's text.
type ReplySource string

// Reply sources.
const (
	SourceHuman    ReplySource = "human"
	SourceTemplate ReplySource = "template"
	SourceModel    ReplySource = "model"
)

// QAOutcome is a reviewer's verdict on a QA-sampled reply.
type QAOutcome string

// QA outcomes.
const (
	QAGood      QAOutcome = "good"
	QANeedsWork QAOutcome = "needs_work"
	QABad       QAOutcome = "bad"
)

// Reply is an outgoing message and its whole history: draft, approval, outbox.
type Reply struct {
	ID             int64       `json:"id"`
	Kind           ReplyKind   `json:"kind"`
	ConversationID int64       `json:"conversation_id"`
	ContactID      *int64      `json:"contact_id"`
	ChannelID      int64       `json:"channel_id"`
	Platform       string      `json:"platform"`
	Sandbox        bool        `json:"sandbox"` // the channel only records what it would send
	State          ReplyState  `json:"state"`
	Source         ReplySource `json:"source"`
	TemplateID     string      `json:"template_id"`
	AIGenerated    bool        `json:"ai_generated"` // a model wrote it, even if a person edited it since
	Automated      bool        `json:"automated"`    // no person wrote or chose it
	Language       Language    `json:"language"`
	// Text is the reply as written and approved; DraftText is what the drafter first proposed
	// ("" when a person typed it), so reviewers see the edits.
	Text      string `json:"text"`
	DraftText string `json:"draft_text"`
	// OutText is exactly what goes to the platform, disclosure included; set when queued.
	OutText string `json:"out_text"`
	// ReplyTo is the platform id of the inbound message or comment answered.
	ReplyTo       string           `json:"reply_to"`
	NeedsApproval bool             `json:"needs_approval"`
	Reasons       []ApprovalReason `json:"reasons"`
	Explanation   *Explanation     `json:"explanation"`
	Usage         *ModelUsage      `json:"usage"`
	CreatedBy     string           `json:"created_by"`
	CreatedAt     time.Time        `json:"created_at"`
	UpdatedAt     time.Time        `json:"updated_at"`
	// The decision on a reply that needed approval.
	DecidedBy    string     `json:"decided_by"`
	DecidedAt    *time.Time `json:"decided_at"`
	DecisionNote string     `json:"decision_note"` // the reason of a rejection, or a note
	Edited       bool       `json:"edited"`        // the approver changed the text
	// The outbox.
	IdempotencyKey    string     `json:"idempotency_key"`
	Attempts          int        `json:"attempts"`
	NextAttemptAt     *time.Time `json:"next_attempt_at"`
	LastError         *Error     `json:"last_error"`
	PlatformMessageID string     `json:"platform_message_id"`
	QueuedAt          *time.Time `json:"queued_at"`
	SentAt            *time.Time `json:"sent_at"`
	// QA review of automated replies picked after sending.
	QASampled    bool       `json:"qa_sampled"`
	QAOutcome    QAOutcome  `json:"qa_outcome"`
	QANote       string     `json:"qa_note"`
	QAReviewedBy string     `json:"qa_reviewed_by"`
	QAReviewedAt *time.Time `json:"qa_reviewed_at"`
}

// LowRisk reports whether every reason a reply needs approval is one a bulk approval may cover:
// it was written by a model or picked for review, and nothing in it touches money, law, refunds,
// personal data, anger, danger or an influencer.
func (r Reply) LowRisk() bool {
	for _, reason := range r.Reasons {
		if reason.Kind != ApprovalAIGenerated && reason.Kind != ApprovalQASample {
			return false
		}
	}
	return true
}

// Limits on replies.
const (
	MaxReplyRunes     = 5000
	MaxDecisionRunes  = 1000
	MaxReplyPage      = 200
	MaxBulkReplies    = 200
	MaxSendAttempts   = 8
	DefaultReplyLimit = 50
)

// ValidateReplyText returns EINVALID when text cannot be a reply.
func ValidateReplyText(text string) error {
	switch {
	case !utf8.ValidString(text) || strings.TrimSpace(text) == "":
		return Errorf(EINVALID, "The reply is empty.").Localized("reply_text_required")
	case utf8.RuneCountInString(text) > MaxReplyRunes:
		n := utf8.RuneCountInString(text)
		return Errorf(EINVALID, "The reply is %d characters long; the limit is %d.", n, MaxReplyRunes).
			Localized("reply_text_too_long", "length", strconv.Itoa(n), "limit", strconv.Itoa(MaxReplyRunes))
	}
	return nil
}

// DraftMode says how a new draft's text is made.
type DraftMode string

// Draft modes.
const (
	DraftModeBlank    DraftMode = "blank"    // a person will type it
	DraftModeBuiltIn  DraftMode = "builtin"  // the built-in drafter picks and fills a template
	DraftModeTemplate DraftMode = "template" // fill the template TemplateID
	DraftModeModel    DraftMode = "model"    // the configured language model writes it, streaming
)

// NewDraft asks for a draft reply to a conversation.
type NewDraft struct {
	ConversationID int64     `json:"conversation_id"`
	Mode           DraftMode `json:"mode"`
	TemplateID     string    `json:"template_id"` // DraftModeTemplate
	// StreamID names a model draft's stream: draft:delta events carry it, and CancelDraft takes
	// it. Chosen by the caller so it can listen before asking.
	StreamID string `json:"stream_id"`
}

// SubmitReply sends a draft on its way: to the outbox when the policy needs no approval, else to
// the approval queue.
type SubmitReply struct {
	Text string `json:"text"`
	// RequestApproval sends it to the queue even when no reason fires.
	RequestApproval bool `json:"request_approval"`
}

// Approval is a person's approval, optionally with the text edited first.
type Approval struct {
	Text *string `json:"text,omitempty"`
	Note string  `json:"note"`
}

// ReplyFilter selects replies, newest first; empty fields do not filter.
type ReplyFilter struct {
	States         []ReplyState `json:"states"`
	ConversationID int64        `json:"conversation_id"`
	// QAPending keeps QA-sampled replies not reviewed yet.
	QAPending bool  `json:"qa_pending"`
	Before    int64 `json:"before"` // page cursor: replies with a smaller id
	Limit     int   `json:"limit"`  // 1..MaxReplyPage; 0 means DefaultReplyLimit
}

// ReplyPage is one page of replies with the following page's cursor (0 at the end).
type ReplyPage struct {
	Replies []Reply `json:"replies"`
	Next    int64   `json:"next"`
}

// ReplyCounts are the badges of the approval queue and review lists.
type ReplyCounts struct {
	PendingApproval int `json:"pending_approval"`
	QAPending       int `json:"qa_pending"`
	Failed          int `json:"failed"`
	InDoubt         int `json:"in_doubt"`
	Queued          int `json:"queued"`
}

// RateLimits bound automated replies, so that nothing floods a contact or loops with a bot.
type RateLimits struct {
	PerContactPerHour   int `json:"per_contact_per_hour"`
	PerChannelPerMinute int `json:"per_channel_per_minute"`
	// MaxAutomatedStreak is the number of automated replies a conversation may get without an
	// inbound message from a person in between.
	MaxAutomatedStreak int `json:"max_automated_streak"`
}

// DefaultRateLimits are the guide's: three automated replies per contact per hour.
func DefaultRateLimits() RateLimits {
	return RateLimits{PerContactPerHour: 3, PerChannelPerMinute: 20, MaxAutomatedStreak: 2}
}

// Validate returns EINVALID naming the first bad limit.
func (l RateLimits) Validate() error {
	switch {
	case l.PerContactPerHour < 1 || l.PerContactPerHour > 100:
		return Errorf(EINVALID, "Automated replies per contact per hour: 1 to 100.").Localized("limits_per_contact")
	case l.PerChannelPerMinute < 1 || l.PerChannelPerMinute > 1000:
		return Errorf(EINVALID, "Automated replies per channel per minute: 1 to 1000.").Localized("limits_per_channel")
	case l.MaxAutomatedStreak < 1 || l.MaxAutomatedStreak > 20:
		return Errorf(EINVALID, "Automated replies in a row without a human message: 1 to 20.").Localized("limits_streak")
	}
	return nil
}

// ReplySettings are a workspace's approval policy and automation limits.
type ReplySettings struct {
	Policy ApprovalPolicy `json:"policy"`
	Limits RateLimits     `json:"limits"`
}

// Validate checks both.
func (s ReplySettings) Validate() error {
	if err := s.Policy.Validate(); err != nil {
		return err
	}
	return s.Limits.Validate()
}

// ConsentKind is an opt-in or opt-out of automated messages.
type ConsentKind string

// Consent kinds.
const (
	ConsentOptOut ConsentKind = "opt_out"
	ConsentOptIn  ConsentKind = "opt_in"
)

// Consent sources.
const (
	ConsentSourceMessage = "message" // the contact wrote STOP or START
	ConsentSourceManual  = "manual"  // a person changed it
	ConsentSourceImport  = "import"
)

// ConsentEvent is one entry of a contact's consent ledger.
type ConsentEvent struct {
	ID        int64       `json:"id"`
	ContactID int64       `json:"contact_id"`
	Kind      ConsentKind `json:"kind"`
	Source    string      `json:"source"`
	MessageID *int64      `json:"message_id"` // the STOP or START message
	Note      string      `json:"note"`
	Actor     string      `json:"actor"`
	At        time.Time   `json:"at"`
}

// Consent is a contact's current consent to automated messages and its ledger.
type Consent struct {
	ContactID int64          `json:"contact_id"`
	OptedOut  bool           `json:"opted_out"`
	Since     *time.Time     `json:"since"` // of the current state; nil when never changed
	Events    []ConsentEvent `json:"events"`
}

// ConsentChange is a person's change of a contact's consent.
type ConsentChange struct {
	OptedOut bool   `json:"opted_out"`
	Note     string `json:"note"`
}

// DraftDeltaEvent is the payload of draft:delta: a piece of a model draft as it streams.
type DraftDeltaEvent struct {
	StreamID string `json:"stream_id"`
	Delta    string `json:"delta"`
}

// RepliesChangedEvent is the payload of replies:changed.
type RepliesChangedEvent struct {
	IDs             []int64 `json:"ids"`
	ConversationIDs []int64 `json:"conversation_ids"`
}

// ReplyService drafts, approves and sends the open workspace's replies, and keeps the consent
// ledger. Every change is one transaction with its audit entry; events publish after commit.
//
// Invariants, held by the store whatever the caller does: a reply that needs approval reaches the
// outbox only once a person approved it; an automated reply never reaches the outbox, nor leaves
// it, for a contact who opted out (the single STOP confirmation aside); an idempotency key is
// handed to a connector at most once unless the connector is idempotent on it.
type ReplyService interface {
	// CreateDraft saves a new draft. Model drafts stream draft:delta events under StreamID.
	// ENOTFOUND for a missing conversation or template, or, with a key saying why, when nothing can
	// be drafted; EUNAVAILABLE when the model is off or unreachable, with the model's error keys.
	CreateDraft(ctx context.Context, d NewDraft) (Reply, error)
	// CancelDraft stops the model draft streaming under streamID; nothing when none is.
	CancelDraft(ctx context.Context, streamID string) error
	// UpdateDraft saves a draft's text. ECONFLICT once it is no longer a draft.
	UpdateDraft(ctx context.Context, id int64, text string) (Reply, error)
	// DiscardDraft drops a draft. ECONFLICT once it is no longer a draft.
	DiscardDraft(ctx context.Context, id int64) (Reply, error)
	// CheckReply evaluates text as the policy would on submit, without saving anything: the
	// composer shows the reasons and missing tokens live.
	CheckReply(ctx context.Context, id int64, text string) (ApprovalDecision, error)
	// SubmitReply queues a draft, or puts it in the approval queue with every reason.
	// EINVALID for an empty or too long text or one with an unfilled {token}.
	SubmitReply(ctx context.Context, id int64, s SubmitReply) (Reply, error)
	// ApproveReply approves a pending reply, with its text edited first when given, and queues it.
	ApproveReply(ctx context.Context, id int64, a Approval) (Reply, error)
	// ApproveReplies approves low-risk pending replies in bulk, all or none. ECONFLICT naming the
	// first reply that is not pending or not low-risk.
	ApproveReplies(ctx context.Context, ids []int64) ([]Reply, error)
	// RejectReply rejects a pending reply; a reason is required.
	RejectReply(ctx context.Context, id int64, reason string) (Reply, error)
	// RetryReply queues a failed reply again, under the same idempotency key.
	RetryReply(ctx context.Context, id int64) (Reply, error)
	// ResolveInDoubt records whether an in-doubt reply reached the platform: sent marks it sent,
	// otherwise it is queued again.
	ResolveInDoubt(ctx context.Context, id int64, sent bool) (Reply, error)
	// ReviewQA records the outcome of a QA-sampled reply's review.
	ReviewQA(ctx context.Context, id int64, outcome QAOutcome, note string) (Reply, error)
	// GetReply returns one reply. ListReplies returns a page. CountReplies the queue badges.
	GetReply(ctx context.Context, id int64) (Reply, error)
	ListReplies(ctx context.Context, f ReplyFilter) (ReplyPage, error)
	CountReplies(ctx context.Context) (ReplyCounts, error)

	// GetReplySettings and UpdateReplySettings read and change the policy and limits (audited).
	GetReplySettings(ctx context.Context) (ReplySettings, error)
	UpdateReplySettings(ctx context.Context, s ReplySettings) (ReplySettings, error)

	// GetConsent returns a contact's consent and ledger; SetConsent changes it (audited).
	GetConsent(ctx context.Context, contactID int64) (Consent, error)
	SetConsent(ctx context.Context, contactID int64, c ConsentChange) (Consent, error)
}

// OutboundMessage is what the outbox hands a connector.
type OutboundMessage struct {
	IdempotencyKey string           `json:"idempotency_key"`
	Channel        Channel          `json:"channel"`
	Kind           ConversationKind `json:"kind"`
	ThreadKey      string           `json:"thread_key"`
	PostID         string           `json:"post_id"`
	ReplyTo        string           `json:"reply_to"`
	// Recipient is the contact's platform user id on the channel's platform, "" when unknown.
	Recipient string `json:"recipient"`
	Text      string `json:"text"`
	// HumanAgent tells a person wrote or approved it (Meta's HUMAN_AGENT tag), not automation.
	HumanAgent bool `json:"human_agent"`
}

// SendReceipt is a connector's proof that the platform accepted a message.
type SendReceipt struct {
	PlatformMessageID string    `json:"platform_message_id"`
	SentAt            time.Time `json:"sent_at"`
}

// Sender delivers outbound messages on one channel.
type Sender interface {
	// Send delivers m. Temporary failures are errors with ERATELIMITED or EUNAVAILABLE (optionally
	// wrapping a *RetryAfterError); any other code is permanent, and its message is the
	// platform's reason as the user should read it.
	Send(ctx context.Context, m OutboundMessage) (SendReceipt, error)
	// Idempotent reports whether sending the same IdempotencyKey twice delivers once. The outbox
	// retries an interrupted send only on idempotent senders; on others it asks a person.
	Idempotent() bool
}

// Senders finds the sender of a channel. ENOTFOUND when the channel has none (not connected).
type Senders interface {
	SenderFor(ctx context.Context, ch Channel) (Sender, error)
}

// RetryAfterError tells the outbox to wait exactly After before trying again, as the platform said.
type RetryAfterError struct {
	After time.Duration
	Err   error
}

func (e *RetryAfterError) Error() string {
	return e.Err.Error() + " (retry after " + e.After.String() + ")"
}
func (e *RetryAfterError) Unwrap() error { return e.Err }

// Temporary reports whether a send error may succeed later, and how long the platform asked to wait
// (0 when it did not say).
func Temporary(err error) (bool, time.Duration) {
	var after time.Duration
	var ra *RetryAfterError
	if errors.As(err, &ra) {
		after = ra.After
	}
	var e *Error
	if errors.As(err, &e) {
		switch e.Code {
		case ERATELIMITED, EUNAVAILABLE, EUNAUTHORIZED:
			return true, after
		}
		return false, 0
	}
	// An error without a code is a network or program failure: worth another try.
	return true, after
}
