package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/reply"
	"tend/backend/sqlite"
)

// The property test drives random sequences of everything that happens to replies — drafts,
// submissions, approvals with and without edits, rejections, bulk approvals, policy changes,
// autopilot, STOP and START, manual consent changes, connector failures, crashes and restarts —
// and checks the promises of backend.ReplyService after every step:
//
//   - no reply that needed approval reached the connector without one;
//   - no idempotency key was delivered twice (the connector is not idempotent, so only the outbox
//     can prevent it);
//   - no automated message other than the STOP/START confirmation reached a contact who had opted
//     out at the time;
//   - the audit chain verifies;
//   - nothing is lost: once the failures stop, every reply ends sent, failed, blocked, rejected,
//     discarded, in doubt (with a person to decide) or still a draft or pending approval.
//
// It runs with a fixed seed and a random one (printed on failure); TEND_PROPERTY_SEED replays a
// seed and TEND_PROPERTY_SEQUENCES changes how many sequences each seed runs.

func TestReplyInvariantsHoldUnderRandomSequences(t *testing.T) {
	sequences := 1000
	if n, err := strconv.Atoi(os.Getenv("TEND_PROPERTY_SEQUENCES")); err == nil && n > 0 {
		sequences = n
	}
	if testing.Short() {
		sequences = 100
	}
	seeds := []uint64{1, rand.Uint64()}
	if s, err := strconv.ParseUint(os.Getenv("TEND_PROPERTY_SEED"), 10, 64); err == nil {
		seeds = []uint64{s}
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			runProperty(t, seed, sequences)
		})
	}
}

// sequencesPerWorkspace keeps each workspace's outbox and audit trail busy with many contacts, and
// the test fast.
const sequencesPerWorkspace = 100

func runProperty(t *testing.T, seed uint64, sequences int) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	steps, states, delivered := 0, map[backend.ReplyState]int{}, 0
	for done := 0; done < sequences; done += sequencesPerWorkspace {
		p := newPropertyEnv(t, rng)
		for i := 0; i < min(sequencesPerWorkspace, sequences-done); i++ {
			steps += p.sequence(t, done+i)
			if t.Failed() {
				t.Fatalf("seed %d: invariant broken in sequence %d (replay with TEND_PROPERTY_SEED=%d)", seed, done+i, seed)
			}
		}
		p.drain(t)
		if t.Failed() {
			t.Fatalf("seed %d: invariant broken at the end (replay with TEND_PROPERTY_SEED=%d)", seed, seed)
		}
		delivered += len(p.sender.delivered)
		for st, n := range p.states(t) {
			states[st] += n
		}
	}
	t.Logf("seed %d: %d sequences, %d steps, %d deliveries, replies by final state %v", seed, sequences, steps, delivered, states)
	// The sequences must reach every outcome, or the invariants were checked on too little.
	for _, st := range []backend.ReplyState{backend.ReplySent, backend.ReplyRejected, backend.ReplyBlocked, backend.ReplyFailed,
		backend.ReplyPendingApproval} {
		if states[st] == 0 {
			t.Errorf("no sequence left a reply %s", st)
		}
	}
}

type propertyEnv struct {
	*repliesEnv
	rng      *rand.Rand
	contacts map[string]int64 // platform user id → contact
	// optedOutSince is when each opted-out contact opted out, as the test saw it.
	optedOut map[int64]bool
	confirms map[string]bool // confirmation texts, which may reach an opted-out contact
	// The test's own account of approvals, independent of what the store records: the replies
	// whose text needed approval when submitted, and those the test approved.
	mustApprove map[int64]bool
	approved    map[int64]bool
	policy      backend.ApprovalPolicy
}

// riskyTexts are the property texts that need approval whenever their reason is enabled.
var riskyTexts = map[string]backend.ApprovalKind{
	"Le sac coûte 120 €.":                               backend.ApprovalMoney,
	"Je vous rembourse la commande.":                    backend.ApprovalRefund,
	"Écrivez-nous à contact@example.com.":               backend.ApprovalPersonalData,
	"Conformément au RGPD, vos données sont protégées.": backend.ApprovalLegal,
}

func newPropertyEnv(t *testing.T, rng *rand.Rand) *propertyEnv {
	p := &propertyEnv{repliesEnv: newReplies(t), rng: rng, contacts: map[string]int64{}, optedOut: map[int64]bool{}, confirms: map[string]bool{},
		mustApprove: map[int64]bool{}, approved: map[int64]bool{}, policy: backend.DefaultApprovalPolicy()}
	policy := p.policy
	for text, kind := range riskyTexts { // the oracle's table agrees with the policy
		if d := reply.Evaluate(policy, backend.OutgoingReply{Text: text}); len(d.Reasons) == 0 || d.Reasons[0].Kind != kind {
			t.Fatalf("%q: the policy says %+v, the test expects %s", text, d.Reasons, kind)
		}
	}
	for _, kind := range []backend.ConsentKind{backend.ConsentOptOut, backend.ConsentOptIn} {
		for _, lang := range []backend.Language{backend.LanguageFrench, backend.LanguageEnglish} {
			p.confirms[reply.Disclose(policy, lang, reply.ConsentConfirmation(kind, lang), false)] = true
		}
	}
	p.sender.check = p.checkDelivery
	return p
}

// checkDelivery runs inside the connector, before it delivers: the moment a message leaves.
func (p *propertyEnv) checkDelivery(t *testing.T, m backend.OutboundMessage) {
	ctx := context.Background()
	r := p.replyByKey(t, m.IdempotencyKey)
	if p.mustApprove[r.ID] && !p.approved[r.ID] {
		t.Errorf("reply %d needed approval and reached the connector without the test approving it: %q", r.ID, m.Text)
	}
	if r.NeedsApproval && r.DecidedAt == nil {
		t.Errorf("reply %d needed approval (%v) and reached the connector without it", r.ID, r.Reasons)
	}
	if r.Automated && r.ContactID != nil && !p.confirms[m.Text] {
		c, err := p.replies.GetConsent(ctx, *r.ContactID)
		if err != nil {
			t.Fatal(err)
		}
		if c.OptedOut || p.optedOut[*r.ContactID] {
			t.Errorf("automated reply %d reached contact %d, who opted out: %q", r.ID, *r.ContactID, m.Text)
		}
	}
}

func (p *propertyEnv) replyByKey(t *testing.T, key string) backend.Reply {
	page, err := p.replies.ListReplies(context.Background(), backend.ReplyFilter{Limit: backend.MaxReplyPage,
		States: []backend.ReplyState{backend.ReplySending}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range page.Replies {
		if r.IdempotencyKey == key {
			return r
		}
	}
	t.Fatalf("the connector got key %s, which no reply in sending has", key)
	return backend.Reply{}
}

var propertyTexts = []string{
	"Merci pour votre message !",
	"Bonjour {first_name|}, nous livrons en 48 h.",
	"Le sac coûte 120 €.",
	"Je vous rembourse la commande.",
	"Écrivez-nous à contact@example.com.",
	"Conformément au RGPD, vos données sont protégées.",
	"Votre commande {order_id} est partie.",
	"Thanks, we ship worldwide!",
}

var propertyInbound = []string{
	"Bonjour, vous livrez en Belgique ?", "Où en est ma commande 12345 ?", "C'est inadmissible, remboursez-moi !",
	"Combien coûte le sac ?", "Hello, do you ship to the UK?", "STOP", "Arrêt", "START", "Merci beaucoup !",
	"Vous êtes ouverts le dimanche ?",
}

// sequence plays one contact's random story and returns the number of steps.
func (p *propertyEnv) sequence(t *testing.T, n int) int {
	ctx := context.Background()
	thread, user := fmt.Sprintf("p%d", n), fmt.Sprintf("user%d", n)
	first := propertyInbound[p.rng.IntN(len(propertyInbound))]
	conv := p.conversation(t, thread, user, first)
	p.contacts["u-"+user] = contactOf(t, p.inboxEnv, thread)
	contact := p.contacts["u-"+user]
	p.noteConsent(contact, first)
	steps := 3 + p.rng.IntN(12)
	for range steps {
		p.clock.Set(p.clock.Now().Add(time.Duration(p.rng.IntN(120)) * time.Second))
		switch op := p.rng.IntN(14); op {
		case 0, 1: // a new inbound message, maybe STOP or START
			text := propertyInbound[p.rng.IntN(len(propertyInbound))]
			p.ingest(t, p.dm(thread, user, text, 0))
			p.noteConsent(contact, text)
		case 2, 3: // a person writes and submits a reply
			d, err := p.replies.CreateDraft(ctx, backend.NewDraft{ConversationID: conv, Mode: backend.DraftModeBlank})
			if err != nil {
				t.Fatal(err)
			}
			if p.rng.IntN(4) > 0 {
				text := propertyTexts[p.rng.IntN(len(propertyTexts))]
				if kind, risky := riskyTexts[text]; risky && p.policy.Enabled(kind) {
					p.mustApprove[d.ID] = true
				}
				_, _ = p.replies.SubmitReply(ctx, d.ID, backend.SubmitReply{Text: text, RequestApproval: p.rng.IntN(5) == 0})
			}
		case 4: // the built-in drafter
			if d, err := p.replies.CreateDraft(ctx, backend.NewDraft{ConversationID: conv, Mode: backend.DraftModeBuiltIn}); err == nil {
				_, _ = p.replies.SubmitReply(ctx, d.ID, backend.SubmitReply{Text: d.Text})
			}
		case 5: // approve, maybe edited
			if id, ok := p.pick(t, conv, backend.ReplyPendingApproval); ok {
				a := backend.Approval{Note: "ok"}
				if p.rng.IntN(2) == 0 {
					text := propertyTexts[p.rng.IntN(len(propertyTexts))]
					a.Text = &text
				}
				if _, err := p.replies.ApproveReply(ctx, id, a); err == nil {
					p.approved[id] = true
				}
			}
		case 6: // reject
			if id, ok := p.pick(t, conv, backend.ReplyPendingApproval); ok {
				_, _ = p.replies.RejectReply(ctx, id, "not right")
			}
		case 7: // bulk approve whatever is pending (refused unless all low-risk)
			page, _ := p.replies.ListReplies(ctx, backend.ReplyFilter{States: []backend.ReplyState{backend.ReplyPendingApproval}})
			var ids []int64
			for _, r := range page.Replies {
				ids = append(ids, r.ID)
			}
			if len(ids) > 0 {
				if _, err := p.replies.ApproveReplies(ctx, ids); err == nil {
					for _, id := range ids {
						p.approved[id] = true
					}
				}
			}
		case 8: // a policy change: autopilot on or off, reasons on or off
			p.changePolicy(t)
		case 9: // a person changes consent
			out := p.rng.IntN(2) == 0
			if _, err := p.replies.SetConsent(ctx, contact, backend.ConsentChange{OptedOut: out}); err != nil {
				t.Fatal(err)
			}
			p.optedOut[contact] = out
		case 10: // autopilot looks at new messages
			if _, err := p.replies.HandleInbound(ctx); err != nil {
				t.Fatal(err)
			}
		case 11: // the connector fails for a while
			p.sender.mu.Lock()
			for range 1 + p.rng.IntN(3) {
				switch p.rng.IntN(3) {
				case 0:
					p.sender.failures = append(p.sender.failures, backend.Errorf(backend.EUNAVAILABLE, "down"))
				case 1:
					p.sender.failures = append(p.sender.failures, &backend.RetryAfterError{After: time.Minute, Err: backend.Errorf(backend.ERATELIMITED, "slow")})
				default:
					p.sender.failures = append(p.sender.failures, backend.Errorf(backend.EINVALID, "refused"))
				}
			}
			p.sender.mu.Unlock()
		case 12: // the process dies while sending, then starts again
			p.crashAt = []string{"claimed", "sent"}[p.rng.IntN(2)]
			if _, err := p.replies.SendDue(ctx); err != nil && !sqlite.IsCrash(err) {
				t.Fatal(err)
			}
			p.crashAt = ""
			p.restart()
			p.resolveDoubts(t)
		default: // the outbox sends what is due
			p.sendDue(t)
		}
	}
	p.checkConsentBookkeeping(t, contact)
	return steps
}

// pick returns a random reply of conv in state.
func (p *propertyEnv) pick(t *testing.T, conv int64, state backend.ReplyState) (int64, bool) {
	page, err := p.replies.ListReplies(context.Background(), backend.ReplyFilter{ConversationID: conv, States: []backend.ReplyState{state}})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Replies) == 0 {
		return 0, false
	}
	return page.Replies[p.rng.IntN(len(page.Replies))].ID, true
}

func (p *propertyEnv) changePolicy(t *testing.T) {
	ctx := context.Background()
	rs, err := p.replies.GetReplySettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	intents := []backend.Intent{backend.IntentSupport, backend.IntentSale, backend.IntentOther}
	rs.Policy.Autopilot = nil
	for _, intent := range intents {
		if p.rng.IntN(2) == 0 {
			rs.Policy.Autopilot = append(rs.Policy.Autopilot, backend.AutopilotRule{Intent: intent, Platform: "instagram"})
		}
	}
	rs.Policy.Kinds = nil
	for _, k := range backend.ApprovalKinds {
		if p.rng.IntN(4) > 0 {
			rs.Policy.Kinds = append(rs.Policy.Kinds, k)
		}
	}
	rs.Policy.QASampleRate = p.rng.Float64()
	if _, err := p.replies.UpdateReplySettings(ctx, rs); err != nil {
		t.Fatal(err)
	}
	p.policy = rs.Policy
}

// noteConsent keeps the test's own account of consent: a whole-message STOP or ARRÊT opts out,
// START opts back in (messages arrive in order here).
func (p *propertyEnv) noteConsent(contact int64, text string) {
	switch text {
	case "STOP", "Arrêt":
		p.optedOut[contact] = true
	case "START":
		p.optedOut[contact] = false
	}
}

// resolveDoubts has a person settle every in-doubt reply: the test knows whether it went out.
func (p *propertyEnv) resolveDoubts(t *testing.T) {
	ctx := context.Background()
	page, err := p.replies.ListReplies(ctx, backend.ReplyFilter{States: []backend.ReplyState{backend.ReplyInDoubt}, Limit: backend.MaxReplyPage})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range page.Replies {
		p.sender.mu.Lock()
		delivered := p.sender.delivered[r.IdempotencyKey] > 0
		p.sender.mu.Unlock()
		if _, err := p.replies.ResolveInDoubt(ctx, r.ID, delivered); err != nil {
			t.Fatal(err)
		}
	}
}

// checkConsentBookkeeping compares the contact's consent with the ledger's latest event.
func (p *propertyEnv) checkConsentBookkeeping(t *testing.T, contact int64) {
	c, err := p.replies.GetConsent(context.Background(), contact)
	if err != nil {
		t.Fatal(err)
	}
	want := len(c.Events) > 0 && c.Events[0].Kind == backend.ConsentOptOut
	if c.OptedOut != want || c.OptedOut != p.optedOut[contact] {
		t.Errorf("contact %d: opted out %v, the test says %v, the ledger's latest event is %+v", contact, c.OptedOut, p.optedOut[contact], c.Events)
	}
}

// states counts the workspace's replies by state.
func (p *propertyEnv) states(t *testing.T) map[backend.ReplyState]int {
	out := map[backend.ReplyState]int{}
	f := backend.ReplyFilter{Limit: backend.MaxReplyPage}
	for {
		page, err := p.replies.ListReplies(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Replies {
			out[r.State]++
		}
		if page.Next == 0 {
			return out
		}
		f.Before = page.Next
	}
}

// drain stops the failures, sends everything due, and checks that nothing was lost or sent twice
// and that the audit chain verifies.
func (p *propertyEnv) drain(t *testing.T) {
	ctx := context.Background()
	p.sender.mu.Lock()
	p.sender.failures = nil
	p.sender.mu.Unlock()
	for range 12 {
		p.clock.Set(p.clock.Now().Add(2 * time.Hour))
		p.sendDue(t)
	}
	p.resolveDoubts(t)
	p.sendDue(t)
	p.sender.mu.Lock()
	for key, n := range p.sender.delivered {
		if n > 1 {
			t.Errorf("idempotency key %s was delivered %d times", key, n)
		}
	}
	p.sender.mu.Unlock()
	counts, err := p.replies.CountReplies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Queued != 0 || counts.InDoubt != 0 {
		t.Errorf("left in the outbox after draining: %+v", counts)
	}
	page, err := p.replies.ListReplies(ctx, backend.ReplyFilter{States: []backend.ReplyState{backend.ReplySent}, Limit: backend.MaxReplyPage})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range page.Replies {
		p.sender.mu.Lock()
		n := p.sender.delivered[r.IdempotencyKey]
		p.sender.mu.Unlock()
		if n != 1 {
			t.Errorf("reply %d is sent but was delivered %d times", r.ID, n)
		}
	}
	p.verifyAudit(t)
}
