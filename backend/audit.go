package backend

import (
	"context"
	"encoding/json"
	"io"
	"strconv"
	"time"
)

// Audit actions, "subject.verb". The list grows with the features that audit themselves.
const (
	AuditDraftCreated    = "reply.drafted"        // a reply was drafted and saved (by a person, a template or a model)
	AuditReplyEdited     = "reply.edited"         // a pending reply's text changed
	AuditReplySubmitted  = "reply.submitted"      // a reply went to the approval queue, with its reasons
	AuditReplyApproved   = "reply.approved"       // a person approved a reply
	AuditReplyRejected   = "reply.rejected"       // a person rejected a reply, with a reason
	AuditReplyQueued     = "reply.queued"         // a reply entered the outbox (approved, needing none, or autopilot)
	AuditReplySent       = "reply.sent"           // the connector accepted it
	AuditReplyFailed     = "reply.failed"         // it failed for good, with the platform's reason
	AuditReplyBlocked    = "reply.blocked"        // consent or a rate limit stopped it
	AuditReplyInDoubt    = "reply.in_doubt"       // a crash left its sending unknown; a person decides
	AuditReplyResolved   = "reply.doubt_resolved" // a person said whether an in-doubt reply went out
	AuditQAReviewed      = "reply.qa_reviewed"    // a QA-sampled reply was reviewed, with the outcome
	AuditConsentOptOut   = "consent.opt_out"      // a contact opted out of automated messages
	AuditConsentOptIn    = "consent.opt_in"       // a contact opted back in
	AuditSettingsChanged = "settings.changed"     // workspace settings changed
	AuditPolicyChanged   = "policy.changed"       // the approval policy or rate limits changed
	AuditModelChanged    = "model.changed"        // the model settings or its key changed (never the key itself)
)

// Audit actors that are not people.
const (
	ActorAutopilot = "tend:autopilot" // automated replies
	ActorOutbox    = "tend:outbox"    // the sending worker
	ActorSystem    = "tend:system"    // anything else Tend does by itself
)

// ActorContact is the actor of a change a contact caused, such as an opt-out by STOP.
func ActorContact(id int64) string { return "contact:" + strconv.FormatInt(id, 10) }

// AuditEntry is one line of the append-only audit trail. Hash is the SHA-256 of the entry's
// canonical form including PrevHash, so that editing, deleting or reordering any entry breaks
// the chain from there on.
type AuditEntry struct {
	Seq     int64     `json:"seq"`
	At      time.Time `json:"at"`
	Actor   string    `json:"actor"`   // a person's name, "tend:…", or "contact:<id>"
	Action  string    `json:"action"`  // one of the Audit… constants
	Subject string    `json:"subject"` // "reply:12", "contact:5", "settings"
	Reason  string    `json:"reason"`  // why, in English; "" when nothing more than the action
	// Before and After are JSON snapshots of what changed (null when not applicable). They never
	// hold secrets.
	Before   json.RawMessage `json:"before"`
	After    json.RawMessage `json:"after"`
	PrevHash string          `json:"prev_hash"`
	Hash     string          `json:"hash"`
}

// MaxAuditPage bounds one page of the audit list.
const MaxAuditPage = 500

// AuditFilter selects audit entries, newest first; empty fields do not filter.
type AuditFilter struct {
	Action  string `json:"action"`  // exact action, or a prefix ending in "." ("reply.")
	Actor   string `json:"actor"`   // exact actor
	Subject string `json:"subject"` // exact subject
	// Before is a page cursor: entries with a smaller Seq. 0 starts at the newest.
	Before int64 `json:"before"`
	Limit  int   `json:"limit"` // 1..MaxAuditPage; 0 means 100
}

// AuditPage is one page of entries, newest first.
type AuditPage struct {
	Entries []AuditEntry `json:"entries"`
	// Next is the Before of the following page, 0 when this is the last.
	Next int64 `json:"next"`
}

// AuditVerification is the result of checking the chain.
type AuditVerification struct {
	OK      bool  `json:"ok"`
	Entries int64 `json:"entries"`
	// FirstBad is the Seq of the first entry whose hash, link or position is wrong, 0 when OK.
	FirstBad int64  `json:"first_bad"`
	Problem  string `json:"problem"` // what is wrong there, in English
}

// AuditService reads the open workspace's audit trail. Entries are written by the services whose
// changes they record, in the same transaction, so an entry exists exactly when its change does.
type AuditService interface {
	// ListAudit returns a page of entries. EINVALID for a bad filter.
	ListAudit(ctx context.Context, f AuditFilter) (AuditPage, error)
	// VerifyAudit recomputes the chain.
	VerifyAudit(ctx context.Context) (AuditVerification, error)
	// ExportAudit writes every entry, oldest first, as "jsonl" or "csv". EINVALID for another format.
	ExportAudit(ctx context.Context, w io.Writer, format string) error
}
