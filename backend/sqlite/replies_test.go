package sqlite_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/sqlite"
)

// fakeSender is a connector double that counts every delivery per idempotency key, fails as
// scripted, and is idempotent only when told so.
type fakeSender struct {
	mu         sync.Mutex
	idempotent bool
	delivered  map[string]int // deliveries per idempotency key
	sent       []backend.OutboundMessage
	failures   []error // returned by the next sends, in order
	// check, when set, inspects each message before it is delivered (the property test).
	check func(t *testing.T, m backend.OutboundMessage)
	t     *testing.T
}

func newFakeSender() *fakeSender { return &fakeSender{delivered: map[string]int{}} }

func (f *fakeSender) Idempotent() bool { return f.idempotent }

func (f *fakeSender) Send(_ context.Context, m backend.OutboundMessage) (backend.SendReceipt, error) {
	if f.check != nil {
		f.check(f.t, m)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.failures) > 0 {
		err := f.failures[0]
		f.failures = f.failures[1:]
		if err != nil {
			return backend.SendReceipt{}, err
		}
	}
	if f.idempotent && f.delivered[m.IdempotencyKey] > 0 {
		return backend.SendReceipt{PlatformMessageID: "p-" + m.IdempotencyKey}, nil
	}
	f.delivered[m.IdempotencyKey]++
	f.sent = append(f.sent, m)
	return backend.SendReceipt{PlatformMessageID: "p-" + m.IdempotencyKey}, nil
}

func (f *fakeSender) SenderFor(context.Context, backend.Channel) (backend.Sender, error) {
	return f, nil
}

type repliesEnv struct {
	*templatesEnv
	replies *sqlite.ReplyService
	audit   *sqlite.AuditService
	sender  *fakeSender
	crashAt string
}

// newReplies opens a workspace with templates and a reply service whose channels all send
// through a fake connector.
func newReplies(t *testing.T) *repliesEnv {
	t.Helper()
	env := &repliesEnv{templatesEnv: newTemplates(t), sender: newFakeSender()}
	env.sender.t = t
	env.restart()
	env.audit = sqlite.NewAuditService(env.ws)
	return env
}

// restart builds a new reply service on the same workspace, as a new process would.
func (env *repliesEnv) restart() {
	env.replies = sqlite.NewReplyService(env.ws, sqlite.ReplyOptions{
		Events: env.events, Templates: env.templates, Senders: env.sender, Secrets: memorySecrets{}, Actor: "Camille",
		Crash: func(point string) bool { return env.crashAt == point },
	})
}

// memorySecrets is a SecretStore with nothing in it.
type memorySecrets struct{}

func (memorySecrets) SetSecret(context.Context, string, string) error { return nil }
func (memorySecrets) Secret(context.Context, string) (string, error) {
	return "", backend.Errorf(backend.ENOTFOUND, "no secret")
}
func (memorySecrets) DeleteSecret(context.Context, string) error { return nil }
func (memorySecrets) Probe(context.Context) error                { return nil }

// conversation ingests one DM and returns its conversation id.
func (env *repliesEnv) conversation(t *testing.T, thread, user, text string) int64 {
	t.Helper()
	res := env.ingest(t, env.dm(thread, user, text, time.Minute))
	return res.ConversationIDs[0]
}

// compose drafts a blank reply and submits text.
func (env *repliesEnv) compose(t *testing.T, conv int64, text string) backend.Reply {
	t.Helper()
	ctx := context.Background()
	d, err := env.replies.CreateDraft(ctx, backend.NewDraft{ConversationID: conv, Mode: backend.DraftModeBlank})
	if err != nil {
		t.Fatal(err)
	}
	r, err := env.replies.SubmitReply(ctx, d.ID, backend.SubmitReply{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func (env *repliesEnv) sendDue(t *testing.T) int {
	t.Helper()
	n, err := env.replies.SendDue(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (env *repliesEnv) get(t *testing.T, id int64) backend.Reply {
	t.Helper()
	r, err := env.replies.GetReply(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func (env *repliesEnv) verifyAudit(t *testing.T) backend.AuditVerification {
	t.Helper()
	v, err := env.audit.VerifyAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !v.OK {
		t.Fatalf("audit chain broken: %+v", v)
	}
	return v
}

func code(err error) (string, string) {
	var e *backend.Error
	if errors.As(err, &e) {
		return e.Code, e.Key
	}
	return "", ""
}

func TestReplyWithoutReasonIsSentOnce(t *testing.T) {
	env := newReplies(t)
	ctx := context.Background()
	conv := env.conversation(t, "t1", "lea", "Bonjour, vous livrez en Belgique ?")
	r := env.compose(t, conv, "Bonjour {first_name|}, oui, nous livrons en Belgique.")
	if r.State != backend.ReplyQueued || r.Text != "Bonjour Lea, oui, nous livrons en Belgique." || r.IdempotencyKey == "" {
		t.Fatalf("submitted reply = %+v", r)
	}
	if r.OutText != r.Text {
		t.Errorf("a person's reply carries no disclosure, got %q", r.OutText)
	}
	if n := env.sendDue(t); n != 1 {
		t.Fatalf("sent %d, want 1", n)
	}
	if n := env.sendDue(t); n != 0 {
		t.Fatalf("sent %d more, want none", n)
	}
	sent := env.get(t, r.ID)
	if sent.State != backend.ReplySent || sent.PlatformMessageID != "p-"+r.IdempotencyKey || sent.Attempts != 1 {
		t.Fatalf("after sending: %+v", sent)
	}
	if got := env.sender.sent; len(got) != 1 || got[0].Text != r.Text || got[0].Recipient != "u-lea" || !got[0].HumanAgent {
		t.Fatalf("connector got %+v", got)
	}
	detail, err := env.inbox.GetConversation(ctx, conv)
	if err != nil {
		t.Fatal(err)
	}
	last := detail.Messages[len(detail.Messages)-1]
	if last.Direction != backend.DirectionOut || last.Text != r.Text || detail.Conversation.AwaitingSince != nil {
		t.Errorf("the conversation shows %+v, awaiting %v", last, detail.Conversation.AwaitingSince)
	}
	env.verifyAudit(t)
	page, err := env.audit.ListAudit(ctx, backend.AuditFilter{Subject: "reply:1"})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range page.Entries {
		actions = append([]string{e.Action}, actions...)
	}
	if want := "reply.drafted reply.queued reply.sent"; strings.Join(actions, " ") != want {
		t.Errorf("audit = %v, want %s", actions, want)
	}
}

func TestReplyNeedingApprovalWaitsForIt(t *testing.T) {
	env := newReplies(t)
	ctx := context.Background()
	conv := env.conversation(t, "t1", "lea", "Combien coûte le sac ?")
	r := env.compose(t, conv, "Il coûte 120 €, je peux vous faire -10 % avec le code LEA10.")
	if r.State != backend.ReplyPendingApproval || !r.NeedsApproval || len(r.Reasons) == 0 || r.Reasons[0].Kind != backend.ApprovalMoney {
		t.Fatalf("reply = %+v", r)
	}
	if n := env.sendDue(t); n != 0 {
		t.Fatalf("an unapproved reply was sent")
	}
	if _, err := env.replies.RejectReply(ctx, r.ID, "  "); err == nil {
		t.Fatal("a rejection without a reason was accepted")
	}
	edited := "Il coûte 120 €."
	approved, err := env.replies.ApproveReply(ctx, r.ID, backend.Approval{Text: &edited, Note: "pas de remise"})
	if err != nil {
		t.Fatal(err)
	}
	if approved.State != backend.ReplyQueued || !approved.Edited || approved.DecidedBy != "Camille" || approved.Text != edited || approved.DecisionNote != "pas de remise" {
		t.Fatalf("approved = %+v", approved)
	}
	if _, err := env.replies.ApproveReply(ctx, r.ID, backend.Approval{}); err == nil {
		t.Fatal("approved twice")
	} else if c, k := code(err); c != backend.ECONFLICT || k != "reply_wrong_state" {
		t.Fatalf("second approval: %v", err)
	}
	if n := env.sendDue(t); n != 1 || env.sender.sent[0].Text != edited {
		t.Fatalf("sent %d: %+v", n, env.sender.sent)
	}
	env.verifyAudit(t)
}

func TestRejectAndBulkApprove(t *testing.T) {
	env := newReplies(t)
	ctx := context.Background()
	conv := env.conversation(t, "t1", "lea", "Bonjour")
	ask := func(text string) backend.Reply {
		d, err := env.replies.CreateDraft(ctx, backend.NewDraft{ConversationID: conv, Mode: backend.DraftModeBlank})
		if err != nil {
			t.Fatal(err)
		}
		r, err := env.replies.SubmitReply(ctx, d.ID, backend.SubmitReply{Text: text, RequestApproval: true})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	plain, money := ask("Merci pour votre message !"), ask("Le sac coûte 90 €.")
	if plain.State != backend.ReplyPendingApproval || len(plain.Reasons) != 0 || !plain.LowRisk() || money.LowRisk() {
		t.Fatalf("plain %+v, money %+v", plain, money)
	}
	if _, err := env.replies.ApproveReplies(ctx, []int64{plain.ID, money.ID}); err == nil {
		t.Fatal("bulk approval took a reply about money")
	} else if c, k := code(err); c != backend.ECONFLICT || k != "reply_not_low_risk" {
		t.Fatalf("bulk: %v", err)
	}
	if got := env.get(t, plain.ID); got.State != backend.ReplyPendingApproval {
		t.Fatalf("bulk approval is not all-or-none: %s", got.State)
	}
	if out, err := env.replies.ApproveReplies(ctx, []int64{plain.ID}); err != nil || out[0].State != backend.ReplyQueued {
		t.Fatalf("bulk approve: %v %+v", err, out)
	}
	rejected, err := env.replies.RejectReply(ctx, money.ID, "prix faux")
	if err != nil || rejected.State != backend.ReplyRejected || rejected.DecisionNote != "prix faux" {
		t.Fatalf("reject: %v %+v", err, rejected)
	}
	counts, err := env.replies.CountReplies(ctx)
	if err != nil || counts.PendingApproval != 0 || counts.Queued != 1 {
		t.Fatalf("counts %+v %v", counts, err)
	}
}

func TestSubmitRefusesBadText(t *testing.T) {
	env := newReplies(t)
	ctx := context.Background()
	conv := env.conversation(t, "t1", "lea", "Ma commande ?")
	d, err := env.replies.CreateDraft(ctx, backend.NewDraft{ConversationID: conv, Mode: backend.DraftModeBlank})
	if err != nil {
		t.Fatal(err)
	}
	for text, key := range map[string]string{
		"":                                  "reply_text_required",
		"Votre commande {order_id} part.":   "reply_tokens_missing",
		"Bonjour {first_name":               "template_unclosed",
		strings.Repeat("a", 5001):           "reply_text_too_long",
		"Bonjour {prenom}, votre commande.": "template_token_unknown",
	} {
		_, err := env.replies.SubmitReply(ctx, d.ID, backend.SubmitReply{Text: text})
		c, k := code(err)
		if c != backend.EINVALID || (k != key && !strings.HasPrefix(k, "template_")) {
			t.Errorf("submit %.30q: %v (key %s), want %s", text, err, k, key)
		}
	}
	check, err := env.replies.CheckReply(ctx, d.ID, "Votre commande {order_id} part, {first_name|}.")
	if err != nil || len(check.Missing) != 1 || check.Missing[0] != "order_id" {
		t.Fatalf("check: %v %+v", err, check)
	}
	if got := env.get(t, d.ID); got.State != backend.ReplyDraft {
		t.Fatalf("a refused submit changed the draft: %s", got.State)
	}
}

func TestSendRetriesAndFails(t *testing.T) {
	env := newReplies(t)
	conv := env.conversation(t, "t1", "lea", "Bonjour")
	temporary := backend.Errorf(backend.EUNAVAILABLE, "Instagram is down.")
	limited := &backend.RetryAfterError{After: 90 * time.Second, Err: backend.Errorf(backend.ERATELIMITED, "Slow down.")}
	env.sender.failures = []error{temporary, limited}
	r := env.compose(t, conv, "Merci !")
	env.sendDue(t)
	got := env.get(t, r.ID)
	if got.State != backend.ReplyQueued || got.Attempts != 1 || got.LastError == nil || got.LastError.Message != "Instagram is down." {
		t.Fatalf("after a temporary error: %+v", got)
	}
	env.clock.Set(env.clock.Now().Add(time.Hour))
	env.sendDue(t)
	got = env.get(t, r.ID)
	if wait := got.NextAttemptAt.Sub(env.clock.Now()); got.State != backend.ReplyQueued || wait != 90*time.Second {
		t.Fatalf("after a rate limit: %s, next attempt in %v", got.State, wait)
	}
	env.clock.Set(env.clock.Now().Add(2 * time.Minute))
	env.sendDue(t)
	if got = env.get(t, r.ID); got.State != backend.ReplySent || got.Attempts != 3 || len(env.sender.sent) != 1 {
		t.Fatalf("after the retry: %+v", got)
	}

	env.sender.failures = []error{backend.Errorf(backend.EINVALID, "The user cannot receive messages from you.")}
	r2 := env.compose(t, conv, "Autre message")
	env.sendDue(t)
	if got = env.get(t, r2.ID); got.State != backend.ReplyFailed || got.LastError.Message != "The user cannot receive messages from you." {
		t.Fatalf("after a permanent error: %+v", got)
	}
	if got, err := env.replies.RetryReply(context.Background(), r2.ID); err != nil || got.State != backend.ReplyQueued || got.IdempotencyKey != r2.IdempotencyKey {
		t.Fatalf("retry: %v %+v", err, got)
	}
	env.sendDue(t)
	if got = env.get(t, r2.ID); got.State != backend.ReplySent {
		t.Fatalf("after retry: %s", got.State)
	}
	env.verifyAudit(t)
}

func TestCrashWhileSending(t *testing.T) {
	for _, idempotent := range []bool{false, true} {
		for _, point := range []string{"claimed", "sent"} {
			env := newReplies(t)
			env.sender.idempotent = idempotent
			conv := env.conversation(t, "t1", "lea", "Bonjour")
			r := env.compose(t, conv, "Merci !")
			env.crashAt = point
			if _, err := env.replies.SendDue(context.Background()); !sqlite.IsCrash(err) {
				t.Fatalf("crash at %s: %v", point, err)
			}
			env.crashAt = ""
			env.restart()
			env.sendDue(t)
			got := env.get(t, r.ID)
			delivered := env.sender.delivered[r.IdempotencyKey]
			switch {
			case idempotent && (got.State != backend.ReplySent || delivered != 1):
				t.Errorf("idempotent, crash at %s: %s, delivered %d times", point, got.State, delivered)
			case !idempotent && (got.State != backend.ReplyInDoubt || delivered > 1):
				t.Errorf("not idempotent, crash at %s: %s, delivered %d times", point, got.State, delivered)
			}
			if !idempotent {
				resolved, err := env.replies.ResolveInDoubt(context.Background(), r.ID, point == "sent")
				if err != nil {
					t.Fatal(err)
				}
				env.sendDue(t)
				if got := env.get(t, resolved.ID); got.State != backend.ReplySent || env.sender.delivered[r.IdempotencyKey] != 1 {
					t.Errorf("crash at %s, resolved: %s, delivered %d times", point, got.State, env.sender.delivered[r.IdempotencyKey])
				}
			}
			env.verifyAudit(t)
		}
	}
}
