package sqlite_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/sqlite"
)

// enableAutopilot lets template replies to intent on Instagram go out by themselves.
func (env *repliesEnv) enableAutopilot(t *testing.T, intents ...backend.Intent) {
	t.Helper()
	ctx := context.Background()
	rs, err := env.replies.GetReplySettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, intent := range intents {
		rs.Policy.Autopilot = append(rs.Policy.Autopilot, backend.AutopilotRule{Intent: intent, Platform: "instagram"})
	}
	rs.Policy.QASampleRate = 0
	if _, err := env.replies.UpdateReplySettings(ctx, rs); err != nil {
		t.Fatal(err)
	}
}

// automated lists the automated replies of a conversation, oldest first.
func (env *repliesEnv) automated(t *testing.T, conv int64) []backend.Reply {
	t.Helper()
	page, err := env.replies.ListReplies(context.Background(), backend.ReplyFilter{ConversationID: conv})
	if err != nil {
		t.Fatal(err)
	}
	var out []backend.Reply
	for i := len(page.Replies) - 1; i >= 0; i-- {
		if r := page.Replies[i]; r.Automated {
			out = append(out, r)
		}
	}
	return out
}

func (env *repliesEnv) handle(t *testing.T) int {
	t.Helper()
	n, err := env.replies.HandleInbound(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestStopOptsOutAtOnceAndConfirmsOnce(t *testing.T) {
	env := newReplies(t)
	ctx := context.Background()
	env.enableAutopilot(t, backend.IntentSupport, backend.IntentOther, backend.IntentSale)
	conv := env.conversation(t, "t1", "lea", "Bonjour, où en est ma commande ?")
	contact := contactOf(t, env.inboxEnv, "t1")
	env.ingest(t, env.dm("t1", "lea", "STOP", 30*time.Second))
	consent, err := env.replies.GetConsent(ctx, contact)
	if err != nil {
		t.Fatal(err)
	}
	if !consent.OptedOut || len(consent.Events) != 1 || consent.Events[0].Source != backend.ConsentSourceMessage || consent.Events[0].MessageID == nil {
		t.Fatalf("after STOP: %+v", consent)
	}
	env.ingest(t, env.dm("t1", "lea", "Arrêt", 20*time.Second))
	// The same contact asks something autopilot would answer, in another thread.
	other := env.ingest(t, env.dm("t2", "lea", "Bonjour ! Vous êtes ouverts le dimanche ?", 15*time.Second)).ConversationIDs[0]
	env.handle(t)
	env.sendDue(t)
	blocked := 0
	for _, r := range env.automated(t, other) {
		if r.Kind == backend.KindReply && r.State == backend.ReplyBlocked && r.LastError.Key == "consent_opted_out" {
			blocked++
		}
	}
	if blocked != 1 {
		t.Errorf("autopilot's answer after STOP: %d blocked replies, want 1", blocked)
	}
	confirmations := 0
	for _, m := range env.sender.sent {
		if !strings.Contains(m.Text, "STOP") && !strings.Contains(m.Text, "START") {
			t.Errorf("automation wrote to a contact who opted out: %q", m.Text)
		}
		confirmations++
	}
	if confirmations != 1 {
		t.Fatalf("%d confirmations, want 1: %+v", confirmations, env.sender.sent)
	}
	if !strings.HasPrefix(env.sender.sent[0].Text, "Réponse automatisée :") {
		t.Errorf("the confirmation is not labelled: %q", env.sender.sent[0].Text)
	}
	// A person can still answer.
	r := env.compose(t, conv, "Bien noté, Léa. Votre commande part demain.")
	if r.State == backend.ReplyPendingApproval {
		if r, err = env.replies.ApproveReply(ctx, r.ID, backend.Approval{}); err != nil {
			t.Fatal(err)
		}
	}
	if r.State != backend.ReplyQueued {
		t.Fatalf("a person's reply to an opted-out contact: %s", r.State)
	}
	env.sendDue(t)
	if got := env.get(t, r.ID); got.State != backend.ReplySent {
		t.Fatalf("a person's reply to an opted-out contact was not sent: %s", got.State)
	}
	// START opts back in, with one confirmation.
	env.ingest(t, env.dm("t1", "lea", "start", 10*time.Second))
	if consent, _ = env.replies.GetConsent(ctx, contact); consent.OptedOut || len(consent.Events) != 2 {
		t.Fatalf("after START: %+v", consent)
	}
	env.verifyAudit(t)
}

func TestAutopilotAnswersWithinLimits(t *testing.T) {
	env := newReplies(t)
	ctx := context.Background()
	env.enableAutopilot(t, backend.IntentSupport, backend.IntentOther, backend.IntentSale)
	conv := env.conversation(t, "t1", "lea", "Bonjour ! Vous êtes ouverts le dimanche ?")
	if n := env.handle(t); n != 1 {
		t.Fatalf("autopilot made %d replies, want 1", n)
	}
	auto := env.automated(t, conv)
	if len(auto) != 1 || auto[0].CreatedBy != backend.ActorAutopilot {
		t.Fatalf("automated replies: %+v", auto)
	}
	first := auto[0]
	if first.State == backend.ReplyQueued {
		if !strings.HasPrefix(first.OutText, "Réponse automatisée : Bonjour, je suis l'assistant") {
			t.Errorf("the first automated reply does not introduce the assistant: %q", first.OutText)
		}
	} else if first.State != backend.ReplyPendingApproval {
		t.Fatalf("autopilot reply is %s", first.State)
	}
	if n := env.handle(t); n != 0 {
		t.Fatalf("a message was answered twice")
	}
	// Our own messages and bots get no answer.
	bot := env.dm("t2", "shopbot", "Bonjour, ceci est un message", time.Second)
	bot.Author.IsBot = true
	env.ingest(t, bot, env.dm("t3", "other", "Automated reply: we are closed", time.Second))
	if n := env.handle(t); n != 0 {
		t.Fatalf("autopilot answered a bot (%d)", n)
	}
	// Three per contact per hour, then blocked.
	for i := range 4 {
		env.ingest(t, env.dm("t1", "lea", "Et le samedi ? "+strings.Repeat("!", i+1), time.Duration(10-i)*time.Second))
		env.handle(t)
	}
	states := map[backend.ReplyState]int{}
	for _, r := range env.automated(t, conv) {
		states[r.State]++
	}
	if states[backend.ReplyBlocked] == 0 || states[backend.ReplyQueued]+states[backend.ReplyPendingApproval] > 3 {
		t.Fatalf("automated replies by state: %v", states)
	}
	counts, err := env.replies.CountReplies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_ = counts
	env.verifyAudit(t)
}

func TestSchemaRefusesUnsafeSends(t *testing.T) {
	env := newReplies(t)
	ctx := context.Background()
	conv := env.conversation(t, "t1", "lea", "Bonjour")
	r := env.compose(t, conv, "Le sac coûte 90 €.")
	if r.State != backend.ReplyPendingApproval {
		t.Fatalf("state %s", r.State)
	}
	db, err := env.ws.DB()
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(ctx, `UPDATE replies SET state = 'queued', idempotency_key = 'k' WHERE id = ?`, r.ID); err == nil {
		t.Fatal("the schema let an unapproved reply into the outbox")
	}
	contact := contactOf(t, env.inboxEnv, "t1")
	if _, err := env.replies.SetConsent(ctx, contact, backend.ConsentChange{OptedOut: true, Note: "asked by phone"}); err != nil {
		t.Fatal(err)
	}
	if err := db.Exec(ctx, `INSERT INTO replies (kind, conversation_id, contact_id, channel_id, state, source, automated, created_by,
		created_at, updated_at, idempotency_key) VALUES ('reply', ?, ?, ?, 'queued', 'template', 1, 'x', 'now', 'now', 'k2')`,
		conv, contact, env.ig.ID); err == nil {
		t.Fatal("the schema let an automated reply to an opted-out contact into the outbox")
	}
}

// An automated reply left in doubt by a crash is not sent again once the contact opted out (found by
// the property test).
func TestInDoubtAutomatedReplyAfterOptOut(t *testing.T) {
	env := newReplies(t)
	ctx := context.Background()
	env.enableAutopilot(t, backend.IntentSupport, backend.IntentOther, backend.IntentSale)
	conv := env.conversation(t, "t1", "lea", "Bonjour ! Vous êtes ouverts le dimanche ?")
	env.handle(t)
	auto := env.automated(t, conv)
	if len(auto) != 1 || auto[0].State != backend.ReplyQueued {
		t.Fatalf("autopilot: %+v", auto)
	}
	env.crashAt = "claimed"
	if _, err := env.replies.SendDue(ctx); !sqlite.IsCrash(err) {
		t.Fatal(err)
	}
	env.crashAt = ""
	env.restart()
	env.sendDue(t)
	if got := env.get(t, auto[0].ID); got.State != backend.ReplyInDoubt {
		t.Fatalf("after the crash: %s", got.State)
	}
	if _, err := env.replies.SetConsent(ctx, contactOf(t, env.inboxEnv, "t1"), backend.ConsentChange{OptedOut: true}); err != nil {
		t.Fatal(err)
	}
	got, err := env.replies.ResolveInDoubt(ctx, auto[0].ID, false)
	if err != nil || got.State != backend.ReplyBlocked || got.LastError == nil || got.LastError.Key != "consent_opted_out" {
		t.Fatalf("resolve: %v %+v", err, got)
	}
	env.sendDue(t)
	if len(env.sender.sent) != 0 {
		t.Fatalf("sent %+v", env.sender.sent)
	}
}

// A STOP sent in the same second as a person's opt-in comes after it, and wins (found by the
// property test).
func TestStopInTheSameSecondAsAManualOptIn(t *testing.T) {
	env := newReplies(t)
	ctx := context.Background()
	env.conversation(t, "t1", "lea", "Bonjour")
	contact := contactOf(t, env.inboxEnv, "t1")
	if _, err := env.replies.SetConsent(ctx, contact, backend.ConsentChange{OptedOut: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.replies.SetConsent(ctx, contact, backend.ConsentChange{OptedOut: false}); err != nil {
		t.Fatal(err)
	}
	env.ingest(t, env.dm("t1", "lea", "STOP", 0))
	if c, err := env.replies.GetConsent(ctx, contact); err != nil || !c.OptedOut {
		t.Fatalf("after STOP: %+v %v", c, err)
	}
}
