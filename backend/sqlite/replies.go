package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"tend/backend"
)

// ReplyService implements backend.ReplyService on the open workspace: drafts, the approval queue,
// the outbox worker, autopilot and the consent ledger.
//
// The invariants the interface promises are held twice: by this code, and by the schema (CHECK
// constraints and triggers of migration 4), so that a bug here fails a transaction rather than
// sending what must not be sent.
type ReplyService struct {
	workspaces *Workspaces
	events     backend.Publisher
	templates  *TemplateService
	senders    backend.Senders
	secrets    backend.SecretStore
	newModel   ModelFactory
	// actor names the person using this app in the audit trail and on decisions.
	actor string
	// crash, when set (tests), is asked at each step of sending whether the process dies there.
	crash func(point string) bool

	mu      sync.Mutex
	streams map[string]context.CancelFunc // model drafts streaming, by stream id
	wake    chan struct{}
	ready   *DB // the database the outbox was last recovered on
}

// ModelFactory makes the model drafter for settings and an API key ("" when none is stored).
type ModelFactory func(settings backend.ModelSettings, apiKey string) (ModelClient, error)

// ModelClient is a model drafter that can also list the server's models.
type ModelClient interface {
	backend.ModelDrafter
	ListModels(ctx context.Context) ([]string, error)
}

// ReplyOptions are the ReplyService's collaborators.
type ReplyOptions struct {
	Events    backend.Publisher
	Templates *TemplateService
	Senders   backend.Senders
	Secrets   backend.SecretStore
	NewModel  ModelFactory
	Actor     string
	// Crash makes the outbox stop dead at the named step when it returns true (tests only):
	// "claimed" after a reply is marked sending, "sent" after the connector accepted it.
	Crash func(point string) bool
}

var (
	_ backend.ReplyService = (*ReplyService)(nil)
	_ backend.ModelService = (*ReplyService)(nil)
)

// NewReplyService returns the replies of whichever workspace is open in ws.
func NewReplyService(ws *Workspaces, o ReplyOptions) *ReplyService {
	actor := strings.TrimSpace(o.Actor)
	if actor == "" {
		actor = "you"
	}
	return &ReplyService{
		workspaces: ws, events: o.Events, templates: o.Templates, senders: o.Senders, secrets: o.Secrets,
		newModel: o.NewModel, actor: actor, crash: o.Crash,
		streams: map[string]context.CancelFunc{}, wake: make(chan struct{}, 1),
	}
}

// Actor returns the name decisions are recorded under.
func (s *ReplyService) Actor() string { return s.actor }

// db returns the open workspace's database with its template library seeded.
func (s *ReplyService) db(ctx context.Context) (*DB, error) { return s.templates.db(ctx) }

// replyColumns are the columns scanReply reads, in order.
const replyColumns = `r.id, r.kind, r.conversation_id, r.contact_id, r.channel_id, ch.platform, ch.kind, r.state, r.source,
	r.template_id, r.ai_generated, r.automated, r.language, r.text, r.draft_text, r.out_text, r.reply_to, r.needs_approval,
	r.reasons, r.explanation, r.usage, r.created_by, r.created_at, r.updated_at, r.decided_by, r.decided_at,
	r.decision_note, r.edited, coalesce(r.idempotency_key, ''), r.attempts, r.next_attempt_at, r.last_error,
	r.platform_message_id, r.queued_at, r.sent_at, r.qa_sampled, r.qa_outcome, r.qa_note, r.qa_reviewed_by, r.qa_reviewed_at`

const replyFrom = ` FROM replies r JOIN channels ch ON ch.id = r.channel_id `

func scanReply(row interface{ Scan(...any) error }) (backend.Reply, error) {
	var r backend.Reply
	var contact sql.NullInt64
	var channelKind, reasons, created, updated string
	var explanation, usage, decided, next, lastError, queued, sent, reviewed sql.NullString
	err := row.Scan(&r.ID, &r.Kind, &r.ConversationID, &contact, &r.ChannelID, &r.Platform, &channelKind, &r.State, &r.Source,
		&r.TemplateID, &r.AIGenerated, &r.Automated, &r.Language, &r.Text, &r.DraftText, &r.OutText, &r.ReplyTo, &r.NeedsApproval,
		&reasons, &explanation, &usage, &r.CreatedBy, &created, &updated, &r.DecidedBy, &decided,
		&r.DecisionNote, &r.Edited, &r.IdempotencyKey, &r.Attempts, &next, &lastError,
		&r.PlatformMessageID, &queued, &sent, &r.QASampled, &r.QAOutcome, &r.QANote, &r.QAReviewedBy, &reviewed)
	if err != nil {
		return r, err
	}
	if contact.Valid {
		r.ContactID = &contact.Int64
	}
	r.Sandbox = channelKind == "sandbox"
	r.Reasons = []backend.ApprovalReason{}
	if err := json.Unmarshal([]byte(reasons), &r.Reasons); err != nil {
		return r, fmt.Errorf("reply %d reasons: %w", r.ID, err)
	}
	for _, js := range []struct {
		src sql.NullString
		dst any
	}{{explanation, &r.Explanation}, {usage, &r.Usage}, {lastError, &r.LastError}} {
		if js.src.Valid {
			if err := json.Unmarshal([]byte(js.src.String), js.dst); err != nil {
				return r, fmt.Errorf("reply %d: %w", r.ID, err)
			}
		}
	}
	r.CreatedAt, _ = parseTime(created)
	r.UpdatedAt, _ = parseTime(updated)
	r.DecidedAt, r.NextAttemptAt, r.QueuedAt = nullTime(decided), nullTime(next), nullTime(queued)
	r.SentAt, r.QAReviewedAt = nullTime(sent), nullTime(reviewed)
	return r, nil
}

func findReply(ctx context.Context, tx *Tx, id int64) (backend.Reply, error) {
	r, err := scanReply(tx.queryRow(ctx, `SELECT `+replyColumns+replyFrom+`WHERE r.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, backend.Errorf(backend.ENOTFOUND, "There is no reply %d.", id).Localized("reply_not_found", "id", strconv.FormatInt(id, 10))
	}
	return r, err
}

// GetReply returns one reply.
func (s *ReplyService) GetReply(ctx context.Context, id int64) (backend.Reply, error) {
	db, err := s.db(ctx)
	if err != nil {
		return backend.Reply{}, err
	}
	var out backend.Reply
	err = db.Read(ctx, func(tx *Tx) error {
		out, err = findReply(ctx, tx, id)
		return err
	})
	return out, err
}

// ListReplies returns a page of replies, newest first.
func (s *ReplyService) ListReplies(ctx context.Context, f backend.ReplyFilter) (backend.ReplyPage, error) {
	page := backend.ReplyPage{Replies: []backend.Reply{}}
	limit := f.Limit
	switch {
	case limit == 0:
		limit = backend.DefaultReplyLimit
	case limit < 0 || limit > backend.MaxReplyPage:
		return page, backend.Errorf(backend.EINVALID, "Ask for 1 to %d replies.", backend.MaxReplyPage).Localized("reply_limit", "limit", strconv.Itoa(backend.MaxReplyPage))
	}
	w := &where{}
	for _, st := range f.States {
		if !validState(st) {
			return page, backend.Errorf(backend.EINVALID, "Unknown reply state %q.", string(st)).Localized("reply_state_unknown", "state", string(st))
		}
	}
	in(w, "r.state", f.States)
	if f.ConversationID != 0 {
		w.add("r.conversation_id = ?", f.ConversationID)
	}
	if f.QAPending {
		w.add("r.qa_sampled = 1 AND r.qa_outcome = '' AND r.state = 'sent'")
	}
	if f.Before > 0 {
		w.add("r.id < ?", f.Before)
	}
	db, err := s.db(ctx)
	if err != nil {
		return page, err
	}
	err = db.Read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+replyColumns+replyFrom+w.sql()+` ORDER BY r.id DESC LIMIT ?`, append(w.args, limit+1)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanReply(rows)
			if err != nil {
				return err
			}
			page.Replies = append(page.Replies, r)
		}
		return rows.Err()
	})
	if len(page.Replies) > limit {
		page.Replies = page.Replies[:limit]
		page.Next = page.Replies[limit-1].ID
	}
	return page, err
}

func validState(st backend.ReplyState) bool {
	for _, s := range backend.ReplyStates {
		if s == st {
			return true
		}
	}
	return false
}

// CountReplies returns the approval queue's and review lists' badges.
func (s *ReplyService) CountReplies(ctx context.Context) (backend.ReplyCounts, error) {
	var c backend.ReplyCounts
	db, err := s.db(ctx)
	if err != nil {
		return c, err
	}
	err = db.Read(ctx, func(tx *Tx) error {
		return tx.QueryRowContext(ctx, `SELECT
			count(*) FILTER (WHERE state = 'pending_approval'),
			count(*) FILTER (WHERE state = 'sent' AND qa_sampled = 1 AND qa_outcome = ''),
			count(*) FILTER (WHERE state = 'failed'),
			count(*) FILTER (WHERE state = 'in_doubt'),
			count(*) FILTER (WHERE state IN ('queued', 'sending'))
			FROM replies WHERE state IN ('pending_approval', 'sent', 'failed', 'in_doubt', 'queued', 'sending')`).
			Scan(&c.PendingApproval, &c.QAPending, &c.Failed, &c.InDoubt, &c.Queued)
	})
	return c, err
}

// loadReplySettings returns the stored policy, limits and model settings, or the defaults.
func loadReplySettings(ctx context.Context, tx *Tx) (backend.ReplySettings, backend.ModelSettings, error) {
	rs := backend.ReplySettings{Policy: backend.DefaultApprovalPolicy(), Limits: backend.DefaultRateLimits()}
	model := backend.DefaultModelSettings()
	var policy, limits, modelJSON string
	err := tx.queryRow(ctx, `SELECT policy, limits, model FROM reply_settings WHERE id = 1`).Scan(&policy, &limits, &modelJSON)
	if errors.Is(err, sql.ErrNoRows) {
		return rs, model, nil
	}
	if err != nil {
		return rs, model, err
	}
	for _, js := range []struct {
		src string
		dst any
	}{{policy, &rs.Policy}, {limits, &rs.Limits}, {modelJSON, &model}} {
		if err := json.Unmarshal([]byte(js.src), js.dst); err != nil {
			return rs, model, fmt.Errorf("reply settings: %w", err)
		}
	}
	return rs, model, nil
}

func saveReplySettings(ctx context.Context, tx *Tx, rs backend.ReplySettings, model backend.ModelSettings) error {
	model.HasKey = false // a fact of the keyring, never stored
	_, err := tx.exec(ctx, `INSERT INTO reply_settings (id, policy, limits, model, updated_at) VALUES (1, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET policy = excluded.policy, limits = excluded.limits, model = excluded.model,
		updated_at = excluded.updated_at`, jsonText(rs.Policy), jsonText(rs.Limits), jsonText(model), formatTime(tx.Now))
	return err
}

// GetReplySettings returns the approval policy and limits.
func (s *ReplyService) GetReplySettings(ctx context.Context) (backend.ReplySettings, error) {
	db, err := s.db(ctx)
	if err != nil {
		return backend.ReplySettings{}, err
	}
	var out backend.ReplySettings
	err = db.Read(ctx, func(tx *Tx) error {
		out, _, err = loadReplySettings(ctx, tx)
		return err
	})
	return out, err
}

// UpdateReplySettings validates and saves the policy and limits, audited with both versions.
func (s *ReplyService) UpdateReplySettings(ctx context.Context, rs backend.ReplySettings) (backend.ReplySettings, error) {
	if rs.Policy.Autopilot == nil {
		rs.Policy.Autopilot = []backend.AutopilotRule{}
	}
	if rs.Policy.ExtraLegalWords == nil {
		rs.Policy.ExtraLegalWords = map[backend.Language][]string{}
	}
	if err := rs.Validate(); err != nil {
		return backend.ReplySettings{}, err
	}
	db, err := s.db(ctx)
	if err != nil {
		return backend.ReplySettings{}, err
	}
	err = db.Write(ctx, func(tx *Tx) error {
		before, model, err := loadReplySettings(ctx, tx)
		if err != nil {
			return err
		}
		if err := saveReplySettings(ctx, tx, rs, model); err != nil {
			return err
		}
		if _, err := tx.appendAudit(ctx, backend.AuditEntry{Actor: s.actor, Action: backend.AuditPolicyChanged, Subject: "reply_settings",
			Before: rawJSON(before), After: rawJSON(rs)}); err != nil {
			return err
		}
		tx.AfterCommit(func() {
			s.events.Publish(backend.EventReplySettingsUpdated, rs)
			s.events.Publish(backend.EventAuditAppended, nil)
		})
		return nil
	})
	return rs, err
}

// rawJSON encodes v for an audit snapshot.
func rawJSON(v any) json.RawMessage { return json.RawMessage(jsonText(v)) }

// newIdempotencyKey returns a key no other reply of any workspace will have.
func newIdempotencyKey() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported systems
	}
	return "tend-" + hex.EncodeToString(b[:])
}

// backoff is how long to wait after the attempts-th failed attempt: 10 s, 20 s, 40 s… capped at an
// hour, with ±20 % jitter so that replies failing together do not retry together.
func backoff(attempts int, jitter float64) time.Duration {
	base := 10 * time.Second * time.Duration(math.Pow(2, float64(max(attempts-1, 0))))
	base = min(base, time.Hour)
	return time.Duration(float64(base) * (0.8 + 0.4*jitter))
}
