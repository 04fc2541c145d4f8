package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/sqlite"
	"tend/backend/triage"
)

// clock is a settable test clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.now = t; c.mu.Unlock() }

// newTriager builds an engine on the shipped model, as main.go does.
func newTriager() (backend.Triager, error) {
	return triage.NewShippedEngine(backend.DefaultSLAPolicy())
}

type inboxEnv struct {
	ws     *sqlite.Workspaces
	inbox  *sqlite.InboxService
	events *recorder
	clock  *clock
	ig, yt backend.Channel
	nextID int
}

func newInbox(t *testing.T) *inboxEnv {
	t.Helper()
	ctx := context.Background()
	env := &inboxEnv{events: &recorder{}, clock: &clock{now: fixedNow}}
	env.ws = sqlite.NewWorkspaces(filepath.Join(t.TempDir(), "workspaces"), env.events, env.clock.Now)
	if _, err := env.ws.Start(ctx, "default", ""); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { env.ws.Close() })
	env.inbox = sqlite.NewInboxService(env.ws, env.events, newTriager)
	var err error
	if env.ig, err = env.inbox.CreateChannel(ctx, backend.Channel{Platform: "instagram", Account: "maisonlumiere", Name: "Instagram", Kind: "sandbox"}); err != nil {
		t.Fatal(err)
	}
	if env.yt, err = env.inbox.CreateChannel(ctx, backend.Channel{Platform: "youtube", Account: "UCmaison", Name: "YouTube", Kind: "sandbox"}); err != nil {
		t.Fatal(err)
	}
	return env
}

// dm builds an inbound DM from user in thread, sent ago before the clock.
func (env *inboxEnv) dm(thread, user, text string, ago time.Duration) backend.IncomingMessage {
	env.nextID++
	return backend.IncomingMessage{
		ChannelID: env.ig.ID, Kind: backend.ConversationDM, PlatformMessageID: fmt.Sprintf("m%d", env.nextID),
		ThreadKey: thread, Direction: backend.DirectionIn, Text: text, SentAt: env.clock.Now().Add(-ago),
		Author: backend.Author{PlatformUserID: "u-" + user, Handle: user, DisplayName: strings.ToUpper(user[:1]) + user[1:]},
	}
}

func (env *inboxEnv) reply(thread, text string, ago time.Duration) backend.IncomingMessage {
	env.nextID++
	return backend.IncomingMessage{
		ChannelID: env.ig.ID, Kind: backend.ConversationDM, PlatformMessageID: fmt.Sprintf("m%d", env.nextID),
		ThreadKey: thread, Direction: backend.DirectionOut, Text: text, SentAt: env.clock.Now().Add(-ago),
	}
}

func (env *inboxEnv) ingest(t *testing.T, batch ...backend.IncomingMessage) backend.IngestResult {
	t.Helper()
	res, err := env.inbox.Ingest(context.Background(), batch)
	if err != nil {
		t.Fatalf("ingest: %v", err)
	}
	return res
}

func (env *inboxEnv) list(t *testing.T, f backend.ConversationFilter) []backend.Conversation {
	t.Helper()
	page, err := env.inbox.ListConversations(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return page.Conversations
}

func (env *inboxEnv) only(t *testing.T, f backend.ConversationFilter) backend.Conversation {
	t.Helper()
	list := env.list(t, f)
	if len(list) != 1 {
		t.Fatalf("want one conversation, got %d", len(list))
	}
	return list[0]
}

func TestChannels(t *testing.T) {
	ctx := context.Background()
	env := newInbox(t)
	list, err := env.inbox.ListChannels(ctx)
	if err != nil || len(list) != 2 || list[0].Platform != "instagram" {
		t.Fatalf("list %+v, %v", list, err)
	}
	if _, err := env.inbox.CreateChannel(ctx, backend.Channel{Platform: "instagram", Account: "maisonlumiere", Name: "Again", Kind: "sandbox"}); backend.ErrorCode(err) != backend.ECONFLICT {
		t.Fatalf("duplicate: %v", err)
	}
	for name, c := range map[string]backend.Channel{
		"Platform": {Platform: "myspace", Account: "a", Name: "a", Kind: "sandbox"},
		"Account":  {Platform: "telegram", Account: " ", Name: "a", Kind: "sandbox"},
		"Kind":     {Platform: "telegram", Account: "a", Name: "a", Kind: "magic"},
	} {
		if _, err := env.inbox.CreateChannel(ctx, c); backend.ErrorCode(err) != backend.EINVALID {
			t.Errorf("%s: got %v, want EINVALID", name, err)
		}
	}
}

func TestIngestThreadsAndTriages(t *testing.T) {
	ctx := context.Background()
	env := newInbox(t)
	res := env.ingest(t,
		env.dm("t1", "lea", "Bonjour, combien coûte la bougie Figue 200g ? Vous livrez en Belgique ?", 3*time.Hour),
		env.dm("t1", "lea", "Et vous avez un code promo ?", 2*time.Hour),
		env.dm("t2", "tom", "I never received my order #ML-20481, I want a refund now", 30*time.Minute),
	)
	if res.Received != 3 || res.Duplicates != 0 || len(res.ConversationIDs) != 2 {
		t.Fatalf("result %+v", res)
	}
	if got := env.events.names(); !slices.Contains(got, backend.EventMessageReceived) {
		t.Fatalf("events %v", got)
	}

	// Escalated support first, then the sale question: inbox order is priority, then SLA.
	list := env.list(t, backend.ConversationFilter{})
	if len(list) != 2 || list[0].ThreadKey != "t2" {
		t.Fatalf("order %+v", list)
	}
	refund := list[0]
	if refund.Intent != backend.IntentSupport || !refund.Escalated || refund.Priority == backend.PriorityLow ||
		refund.SLADue == nil || refund.AwaitingSince == nil || refund.Contact == nil || refund.Contact.Handle != "tom" {
		t.Fatalf("refund conversation %+v", refund)
	}
	if len(refund.Reasons) == 0 {
		t.Fatal("no escalation reasons")
	}
	sale := list[1]
	if sale.Intent != backend.IntentSale || sale.MessageCount != 2 || sale.LastPreview != "Et vous avez un code promo ?" ||
		sale.Language != backend.LanguageFrench {
		t.Fatalf("sale conversation %+v", sale)
	}
	if !sale.AwaitingSince.Equal(fixedNow.Add(-3 * time.Hour)) {
		t.Fatalf("awaiting since %v, want the first unanswered message", sale.AwaitingSince)
	}

	// A reply answers; the SLA clock stops and the first response time is recorded.
	env.ingest(t, env.reply("t1", "Bonjour Léa ! La Figue 200g est à 32 €, et oui nous livrons en Belgique.", time.Hour))
	sale = env.only(t, backend.ConversationFilter{ContactID: sale.Contact.ID})
	if sale.AwaitingSince != nil || sale.SLADue != nil || sale.FirstResponseAt == nil || sale.LastDirection != "out" ||
		sale.Priority != backend.PriorityLow {
		t.Fatalf("after reply %+v", sale)
	}
	// A new question awaits again.
	env.ingest(t, env.dm("t1", "lea", "Super, je commande !", 10*time.Minute))
	sale = env.only(t, backend.ConversationFilter{ContactID: sale.Contact.ID})
	if sale.AwaitingSince == nil || !sale.AwaitingSince.Equal(fixedNow.Add(-10*time.Minute)) || sale.MessageCount != 4 {
		t.Fatalf("after new question %+v", sale)
	}

	detail, err := env.inbox.GetConversation(ctx, sale.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(detail.Messages) != 4 || detail.Messages[0].Direction != "in" || detail.Messages[2].Direction != "out" ||
		detail.Messages[0].Triage == nil || detail.Messages[2].Triage != nil || detail.Contact == nil ||
		detail.Contact.Language != "fr" || len(detail.Contact.Identities) != 1 {
		t.Fatalf("detail %+v", detail)
	}
}

func TestIngestCommentsAndLive(t *testing.T) {
	env := newInbox(t)
	post := &backend.Post{ID: "vid1", Title: "Live shopping", URL: "https://youtube.com/watch?v=vid1"}
	msg := func(kind backend.ConversationKind, id, thread, user, text, replyTo string) backend.IncomingMessage {
		return backend.IncomingMessage{ChannelID: env.yt.ID, Kind: kind, PlatformMessageID: id, ThreadKey: thread, Post: post,
			Direction: "in", Text: text, SentAt: fixedNow.Add(-time.Minute), ReplyTo: replyTo,
			Author: backend.Author{PlatformUserID: "UC" + user, Handle: user}}
	}
	env.ingest(t,
		msg("comment_thread", "c1", "c1", "ana", "Trop beau ce coffret 😍", ""),
		msg("comment_thread", "c1.r1", "c1", "ben", "@ana grave, je le veux aussi", "c1"),
		msg("comment_thread", "c2", "c2", "cam", "C'est quoi le prix ?", ""),
		msg("live_chat", "l1", "vid1", "dan", "do you ship to Canada?", ""),
		msg("live_chat", "l2", "vid1", "eve", "c'est quoi le prix du coffret ??", ""),
	)
	threads := env.list(t, backend.ConversationFilter{Kinds: []backend.ConversationKind{"comment_thread"}})
	if len(threads) != 2 {
		t.Fatalf("comment threads %d", len(threads))
	}
	for _, c := range threads {
		if c.Post == nil || c.Post.Title != "Live shopping" || c.Contact == nil {
			t.Fatalf("thread %+v", c)
		}
		if c.ThreadKey == "c1" && (c.MessageCount != 2 || c.Contact.Handle != "ana") {
			t.Fatalf("thread c1 belongs to its first author and holds its reply: %+v", c)
		}
	}
	live := env.only(t, backend.ConversationFilter{Kinds: []backend.ConversationKind{"live_chat"}})
	if live.Contact != nil || live.MessageCount != 2 {
		t.Fatalf("live chat %+v", live)
	}
}

func TestIngestIsIdempotentAndOrderFree(t *testing.T) {
	env := newInbox(t)
	a := env.dm("t", "lea", "premier message", 3*time.Hour)
	b := env.reply("t", "réponse", 2*time.Hour)
	c := env.dm("t", "lea", "dernier message", time.Hour)
	// Delivered backwards, then again: the result is as if delivered once, in order.
	env.ingest(t, c)
	env.ingest(t, b, a)
	res := env.ingest(t, a, b, c, c)
	if res.Received != 0 || res.Duplicates != 4 {
		t.Fatalf("redelivery %+v", res)
	}
	conv := env.only(t, backend.ConversationFilter{})
	if conv.MessageCount != 3 || conv.LastPreview != "dernier message" || conv.LastDirection != "in" ||
		conv.AwaitingSince == nil || !conv.AwaitingSince.Equal(c.SentAt) || conv.FirstResponseAt == nil ||
		!conv.FirstResponseAt.Equal(b.SentAt) || !conv.FirstInboundAt.Equal(a.SentAt) {
		t.Fatalf("conversation %+v", conv)
	}
}

func TestIngestBadInput(t *testing.T) {
	ctx := context.Background()
	env := newInbox(t)
	good := env.dm("t", "lea", "ok", time.Minute)
	withText := func(text string) backend.IncomingMessage { m := env.dm("t", "lea", text, time.Minute); return m }
	unknownChannel := env.dm("t", "lea", "hello", time.Minute)
	unknownChannel.ChannelID = 999
	noAuthor := env.dm("t", "lea", "hello", time.Minute)
	noAuthor.Author.PlatformUserID = ""
	for _, tc := range []struct {
		name string
		bad  backend.IncomingMessage
		code string
		msg  string
	}{
		{"Empty", withText("   "), backend.EINVALID, "Message 2 (\"m"},
		{"InvalidUTF8", withText("caf\xe9"), backend.EINVALID, "not valid UTF-8"},
		{"TooLong", withText(strings.Repeat("a", 100<<10)), backend.EINVALID, "the limit is 32768"},
		{"UnknownChannel", unknownChannel, backend.ENOTFOUND, "there is no channel 999"},
		{"NoAuthor", noAuthor, backend.EINVALID, "author's platform user id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := env.inbox.Ingest(ctx, []backend.IncomingMessage{good, tc.bad})
			if backend.ErrorCode(err) != tc.code || !strings.Contains(backend.ErrorMessage(err), tc.msg) {
				t.Fatalf("got %v, want %s containing %q", err, tc.code, tc.msg)
			}
			if n := len(env.list(t, backend.ConversationFilter{})); n != 0 {
				t.Fatalf("a refused batch wrote %d conversations", n)
			}
		})
	}
}

func TestIngestOddButValidText(t *testing.T) {
	ctx := context.Background()
	env := newInbox(t)
	texts := []string{"🔥🔥🔥", "<img src=x onerror=alert(1)>", "Hello, je voudrais le prix please, thanks",
		"mark\uE000ers\uE001", strings.Repeat("très long message ", 1500)}
	var batch []backend.IncomingMessage
	for i, text := range texts {
		batch = append(batch, env.dm(fmt.Sprint("t", i), "user", text, time.Minute))
	}
	if res := env.ingest(t, batch...); res.Received != len(texts) {
		t.Fatalf("received %d", res.Received)
	}
	page, err := env.inbox.Search(ctx, "onerror", "", 10)
	if err != nil || len(page.Results) != 1 || page.Results[0].Message.Text != "<img src=x onerror=alert(1)>" {
		t.Fatalf("HTML must be stored literally: %+v, %v", page, err)
	}
	page, err = env.inbox.Search(ctx, "markers", "", 10)
	if err != nil || len(page.Results) != 1 || page.Results[0].Message.Text != "markers" {
		t.Fatalf("snippet markers must be stripped on ingest: %+v, %v", page, err)
	}
}

func TestListFiltersAndPages(t *testing.T) {
	ctx := context.Background()
	env := newInbox(t)
	var batch []backend.IncomingMessage
	texts := []string{"combien coûte le coffret ?", "ma commande n'est jamais arrivée", "super vidéo", "how much is shipping to Canada?"}
	for i := range 120 {
		batch = append(batch, env.dm(fmt.Sprint("t", i), fmt.Sprint("user", i), texts[i%len(texts)], time.Duration(i+1)*time.Minute))
	}
	env.ingest(t, batch...)

	seen := map[int64]bool{}
	var all []backend.Conversation
	f := backend.ConversationFilter{Limit: 50}
	for pages := 0; ; pages++ {
		page, err := env.inbox.ListConversations(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range page.Conversations {
			if seen[c.ID] {
				t.Fatalf("conversation %d on two pages", c.ID)
			}
			seen[c.ID] = true
		}
		all = append(all, page.Conversations...)
		if page.NextCursor == "" {
			if pages != 2 {
				t.Fatalf("%d pages, want 3", pages+1)
			}
			break
		}
		f.Cursor = page.NextCursor
	}
	if len(all) != 120 {
		t.Fatalf("paged through %d conversations, want 120", len(all))
	}
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		ra, rb := backend.PriorityRank(a.Priority), backend.PriorityRank(b.Priority)
		if ra > rb || (ra == rb && a.SLADue != nil && b.SLADue != nil && a.SLADue.After(*b.SLADue)) {
			t.Fatalf("out of inbox order at %d: %s %v then %s %v", i, a.Priority, a.SLADue, b.Priority, b.SLADue)
		}
	}

	for name, f := range map[string]backend.ConversationFilter{
		"Channel":  {ChannelIDs: []int64{env.ig.ID}, Limit: 200},
		"Priority": {Priorities: []backend.Priority{"high", "urgent", "normal", "low"}, Limit: 200},
		"Language": {Languages: []backend.Language{"fr", "en", "other"}, Limit: 200},
		"Kind":     {Kinds: []backend.ConversationKind{"dm"}, Limit: 200},
		"Statuses": {Statuses: []string{"open", "pending"}, Limit: 200},
	} {
		if got := env.list(t, f); len(got) != 120 {
			t.Errorf("%s filter matching everything listed %d of 120", name, len(got))
		}
	}
	if got := env.list(t, backend.ConversationFilter{ChannelIDs: []int64{env.yt.ID}}); len(got) != 0 {
		t.Errorf("channel filter let %d other-channel conversations through", len(got))
	}

	sales := env.list(t, backend.ConversationFilter{Intents: []backend.Intent{"sale"}, Limit: 200})
	for _, c := range sales {
		if c.Intent != "sale" {
			t.Fatalf("intent filter let %s through", c.Intent)
		}
	}
	if len(sales) < 50 {
		t.Fatalf("only %d sale conversations", len(sales))
	}

	// The clock moves on: some SLAs are now breached.
	env.clock.Set(fixedNow.Add(90 * time.Minute))
	counts, err := env.inbox.CountConversations(ctx, backend.ConversationFilter{Statuses: []string{"open"}})
	if err != nil {
		t.Fatal(err)
	}
	if counts.Total != 120 || counts.Statuses["open"] != 120 || counts.Due+counts.Breached != 120 || counts.Breached == 0 ||
		counts.Channels[env.ig.ID] != 120 || counts.Unassigned != 120 || counts.Escalated == 0 {
		t.Fatalf("counts %+v", counts)
	}
	breached := env.list(t, backend.ConversationFilter{SLA: "breached", Limit: 200})
	if len(breached) != counts.Breached {
		t.Fatalf("%d breached listed, %d counted", len(breached), counts.Breached)
	}
	for _, c := range breached {
		if !c.SLADue.Before(env.clock.Now()) {
			t.Fatalf("not breached: %v", c.SLADue)
		}
	}
	// Facets ignore their own dimension: filtering on sale still counts the other intents.
	counts, err = env.inbox.CountConversations(ctx, backend.ConversationFilter{Intents: []backend.Intent{"sale"}})
	if err != nil || counts.Total != len(sales) || counts.Intents["sale"] != len(sales) || counts.Intents["support"] == 0 {
		t.Fatalf("facet counts %+v, %v", counts, err)
	}

	for name, f := range map[string]backend.ConversationFilter{
		"Status": {Statuses: []string{"lost"}}, "Intent": {Intents: []backend.Intent{"x"}}, "SLA": {SLA: "late"},
		"Limit": {Limit: 1000}, "Cursor": {Cursor: "garbage"}, "Priority": {Priorities: []backend.Priority{"asap"}},
	} {
		if _, err := env.inbox.ListConversations(ctx, f); backend.ErrorCode(err) != backend.EINVALID {
			t.Errorf("%s: got %v, want EINVALID", name, err)
		}
	}
}

func TestUpdateConversations(t *testing.T) {
	ctx := context.Background()
	env := newInbox(t)
	env.ingest(t, env.dm("a", "lea", "bonjour", time.Hour), env.dm("b", "tom", "hello", time.Hour))
	list := env.list(t, backend.ConversationFilter{})
	ids := []int64{list[0].ID, list[1].ID}

	status, who := "resolved", " Camille "
	got, err := env.inbox.UpdateConversations(ctx, ids, backend.ConversationUpdate{Status: &status, Assignee: &who, AddTags: []string{"#VIP", "retour"}})
	if err != nil || len(got) != 2 {
		t.Fatal(err)
	}
	for _, c := range got {
		if c.Status != "resolved" || c.ResolvedAt == nil || c.Assignee != "Camille" || !slices.Equal(c.Tags, []string{"retour", "vip"}) {
			t.Fatalf("after update %+v", c)
		}
	}
	if tagged := env.list(t, backend.ConversationFilter{Tag: "VIP"}); len(tagged) != 2 {
		t.Fatalf("tag filter: %d", len(tagged))
	}
	if _, err := env.inbox.UpdateConversations(ctx, ids[:1], backend.ConversationUpdate{RemoveTags: []string{"vip"}}); err != nil {
		t.Fatal(err)
	}
	if tagged := env.list(t, backend.ConversationFilter{Tag: "vip"}); len(tagged) != 1 {
		t.Fatalf("after removing a tag: %d", len(tagged))
	}

	// All or none: one missing id changes nothing.
	open := "open"
	if _, err := env.inbox.UpdateConversations(ctx, []int64{ids[0], 9999}, backend.ConversationUpdate{Status: &open}); backend.ErrorCode(err) != backend.ENOTFOUND {
		t.Fatalf("missing id: %v", err)
	}
	if c := env.only(t, backend.ConversationFilter{Statuses: []string{"resolved"}, Tag: "vip"}); c.Status != "resolved" || c.ID != ids[1] {
		t.Fatal("a failed bulk update changed a conversation")
	}

	// A new message reopens a resolved conversation.
	env.ingest(t, env.dm("a", "lea", "finalement j'ai une autre question", time.Minute))
	if c := env.only(t, backend.ConversationFilter{Statuses: []string{"open"}}); c.ThreadKey != "a" || c.ResolvedAt != nil {
		t.Fatalf("not reopened: %+v", c)
	}

	// Snooze needs a future time; the conversation wakes when it passes.
	snoozed := "snoozed"
	past := env.clock.Now().Add(-time.Minute)
	if _, err := env.inbox.UpdateConversations(ctx, ids, backend.ConversationUpdate{Status: &snoozed, SnoozedUntil: &past}); backend.ErrorCode(err) != backend.EINVALID {
		t.Fatalf("snooze in the past: %v", err)
	}
	until := env.clock.Now().Add(time.Hour)
	if _, err := env.inbox.UpdateConversations(ctx, ids, backend.ConversationUpdate{Status: &snoozed, SnoozedUntil: &until}); err != nil {
		t.Fatal(err)
	}
	if n, err := env.inbox.WakeSnoozed(ctx); err != nil || n != 0 {
		t.Fatalf("woke %d early (%v)", n, err)
	}
	env.clock.Set(until.Add(time.Second))
	if n, err := env.inbox.WakeSnoozed(ctx); err != nil || n != 2 {
		t.Fatalf("woke %d, want 2 (%v)", n, err)
	}
	if _, err := env.inbox.UpdateConversations(ctx, nil, backend.ConversationUpdate{Status: &open}); backend.ErrorCode(err) != backend.EINVALID {
		t.Fatalf("no ids: %v", err)
	}
	bad := "x,y"
	if _, err := env.inbox.UpdateConversations(ctx, ids, backend.ConversationUpdate{AddTags: []string{bad}}); backend.ErrorCode(err) != backend.EINVALID {
		t.Fatalf("bad tag: %v", err)
	}
}

func TestCorrectionsTeachTheClassifier(t *testing.T) {
	ctx := context.Background()
	env := newInbox(t)
	text := "Les bougies de la collection Nuit arrivent quand ?"
	env.ingest(t, env.dm("a", "lea", text, time.Hour))
	detail, err := env.inbox.GetConversation(ctx, env.only(t, backend.ConversationFilter{}).ID)
	if err != nil {
		t.Fatal(err)
	}
	msg := detail.Messages[0]
	original := msg.Triage.Intent
	target := backend.IntentSupport
	if original == target {
		target = backend.IntentOther
	}

	fixed, err := env.inbox.CorrectMessage(ctx, msg.ID, &target, nil)
	if err != nil || fixed.Triage.Intent != target || !fixed.IntentCorrected {
		t.Fatalf("corrected %+v, %v", fixed, err)
	}
	if c := env.only(t, backend.ConversationFilter{ContactID: *msg.AuthorContactID}); c.Intent != target {
		t.Fatalf("conversation intent %s, want %s", c.Intent, target)
	}
	// The classifier learned: the same words from someone else get the corrected intent.
	env.ingest(t, env.dm("b", "tom", text, time.Minute))
	if c := env.list(t, backend.ConversationFilter{Intents: []backend.Intent{target}}); len(c) != 2 {
		t.Fatalf("learned intent applied to %d conversations, want 2", len(c))
	}
	corrections, err := env.inbox.ListCorrections(ctx)
	if err != nil || len(corrections) != 1 || corrections[0].From != string(original) || corrections[0].To != string(target) ||
		corrections[0].ConversationID != msg.ConversationID {
		t.Fatalf("corrections %+v, %v", corrections, err)
	}

	// It survives reopening the workspace: the corrections are stored with it.
	reopened := sqlite.NewInboxService(env.ws, env.events, newTriager)
	if _, err := env.ws.OpenWorkspace(ctx, "default"); err != nil {
		t.Fatal(err)
	}
	env.inbox = reopened
	env.ingest(t, env.dm("c", "zoe", text, time.Minute))
	if c := env.list(t, backend.ConversationFilter{Intents: []backend.Intent{target}}); len(c) != 3 {
		t.Fatalf("after reopening, learned intent applied to %d conversations, want 3", len(c))
	}

	// Undo puts the label back and the classifier forgets.
	undone, err := env.inbox.UndoCorrection(ctx, corrections[0].ID)
	if err != nil || undone.Triage.Intent != original || undone.IntentCorrected {
		t.Fatalf("undo %+v, %v", undone, err)
	}
	if _, err := env.inbox.UndoCorrection(ctx, corrections[0].ID); backend.ErrorCode(err) != backend.ENOTFOUND {
		t.Fatalf("second undo: %v", err)
	}
	env.ingest(t, env.dm("d", "max", text, time.Minute))
	if c := env.only(t, backend.ConversationFilter{Intents: []backend.Intent{original}, ContactID: contactOf(t, env, "d")}); c.Intent != original {
		t.Fatalf("after undo the classifier still says %s", c.Intent)
	}

	// Reset drops what was learned but keeps the fixed labels.
	positive := backend.SentimentPositive
	if _, err := env.inbox.CorrectMessage(ctx, msg.ID, &target, &positive); err != nil {
		t.Fatal(err)
	}
	if err := env.inbox.ResetModel(ctx); err != nil {
		t.Fatal(err)
	}
	if list, _ := env.inbox.ListCorrections(ctx); len(list) != 0 {
		t.Fatalf("%d corrections after reset", len(list))
	}
	kept, _ := env.inbox.GetConversation(ctx, msg.ConversationID)
	if kept.Messages[0].Triage.Intent != target || kept.Messages[0].Triage.Sentiment != positive {
		t.Fatalf("reset changed the fixed labels: %+v", kept.Messages[0].Triage)
	}
	env.ingest(t, env.dm("e", "ivy", text, time.Minute))
	if c := env.only(t, backend.ConversationFilter{ContactID: contactOf(t, env, "e")}); c.Intent != original {
		t.Fatalf("after reset the classifier says %s, want the shipped %s", c.Intent, original)
	}

	bad := backend.Intent("gossip")
	for name, err := range map[string]error{
		"Nothing":   second(env.inbox.CorrectMessage(ctx, msg.ID, nil, nil)),
		"BadIntent": second(env.inbox.CorrectMessage(ctx, msg.ID, &bad, nil)),
		"Missing":   second(env.inbox.CorrectMessage(ctx, 9999, &target, nil)),
	} {
		if code := backend.ErrorCode(err); code != backend.EINVALID && code != backend.ENOTFOUND {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func contactOf(t *testing.T, env *inboxEnv, thread string) int64 {
	t.Helper()
	for _, c := range env.list(t, backend.ConversationFilter{Limit: 200}) {
		if c.ThreadKey == thread {
			return c.Contact.ID
		}
	}
	t.Fatalf("no conversation %s", thread)
	return 0
}

func TestMarkSpam(t *testing.T) {
	ctx := context.Background()
	env := newInbox(t)
	env.ingest(t, env.dm("a", "bot", "Bonjour, votre produit m'intéresse beaucoup", time.Hour))
	conv := env.only(t, backend.ConversationFilter{})
	got, err := env.inbox.UpdateConversations(ctx, []int64{conv.ID}, backend.ConversationUpdate{MarkSpam: true})
	if err != nil || got[0].Intent != backend.IntentSpam || got[0].Status != backend.StatusResolved {
		t.Fatalf("mark spam: %+v, %v", got, err)
	}
}

func TestMergeContacts(t *testing.T) {
	ctx := context.Background()
	env := newInbox(t)
	env.ingest(t, env.dm("a", "lea", "bonjour", time.Hour), env.dm("b", "lea2", "c'est encore moi", time.Minute))
	a, b := contactOf(t, env, "a"), contactOf(t, env, "b")
	vip := true
	if _, err := env.inbox.UpdateContact(ctx, b, backend.ContactUpdate{VIP: &vip, Tags: &[]string{"fidèle"}}); err != nil {
		t.Fatal(err)
	}
	merged, err := env.inbox.MergeContacts(ctx, a, b)
	if err != nil || len(merged.Identities) != 2 || !merged.VIP || !slices.Equal(merged.Tags, []string{"fidèle"}) {
		t.Fatalf("merged %+v, %v", merged, err)
	}
	detail, err := env.inbox.GetConversation(ctx, env.only(t, backend.ConversationFilter{ContactID: a, Limit: 1, Statuses: []string{"open"}, Tag: ""}).ID)
	if err != nil || len(detail.History) != 1 {
		t.Fatalf("history across the merged identities: %+v, %v", detail.History, err)
	}
	if _, err := env.inbox.MergeContacts(ctx, a, a); backend.ErrorCode(err) != backend.EINVALID {
		t.Fatalf("self merge: %v", err)
	}
	if _, err := env.inbox.MergeContacts(ctx, a, b); backend.ErrorCode(err) != backend.ENOTFOUND {
		t.Fatalf("merge a deleted contact: %v", err)
	}
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	env := newInbox(t)
	env.ingest(t,
		env.dm("a", "lea", "Je n'ai jamais reçu ma commande, je veux un remboursement", 3*time.Hour),
		env.dm("b", "tom", "I never received my order", 2*time.Hour),
		env.dm("c", "zoe", "Le coffret Noël est magnifique, merci !", time.Hour),
		env.reply("a", "Nous sommes désolés, nous vérifions votre commande", 30*time.Minute),
	)
	search := func(q string) []backend.SearchResult {
		t.Helper()
		page, err := env.inbox.Search(ctx, q, "", 50)
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		return page.Results
	}
	texts := func(results []backend.SearchResult) []string {
		var out []string
		for _, r := range results {
			out = append(out, r.Message.Text[:12])
		}
		return out
	}
	for _, tc := range []struct {
		query string
		want  []string // first 12 bytes of each result's text, newest first
	}{
		{"commande", []string{"Nous sommes ", "Je n'ai jama"}},
		{"recu", []string{"Je n'ai jama"}},               // diacritics folded
		{"REÇU", []string{"Je n'ai jama"}},               // and case
		{"rembour", []string{"Je n'ai jama"}},            // prefix of the word being typed
		{`"never received"`, []string{"I never rece"}},   // phrase
		{`"received never"`, nil},                        // phrase order matters
		{"commande from:@lea", []string{"Je n'ai jama"}}, // operator
		{"from:tom", []string{"I never rece"}},           // operator alone
		{"coffret channel:instagram", []string{"Le coffret N"}},
		{"coffret channel:youtube", nil},
		{"commande is:open", []string{"Nous sommes ", "Je n'ai jama"}},
		{"commande is:resolved", nil},
		{"AND OR NOT * ( ) commande", nil}, // FTS syntax is searched for, not obeyed
		{"🔥 commande", []string{"Nous sommes ", "Je n'ai jama"}},
	} {
		if got := texts(search(tc.query)); !slices.Equal(got, tc.want) {
			t.Errorf("search %q: got %q, want %q", tc.query, got, tc.want)
		}
	}

	results := search("remboursement")
	if len(results) != 1 || !strings.Contains(results[0].Snippet, backend.SnippetStart+"remboursement"+backend.SnippetEnd) ||
		results[0].Conversation.ThreadKey != "a" {
		t.Fatalf("snippet %+v", results)
	}

	page, err := env.inbox.Search(ctx, "commande", "", 1)
	if err != nil || len(page.Results) != 1 || page.NextCursor == "" {
		t.Fatalf("first page %+v, %v", page, err)
	}
	page, err = env.inbox.Search(ctx, "commande", page.NextCursor, 1)
	if err != nil || len(page.Results) != 1 || page.Results[0].Message.Text[:12] != "Je n'ai jama" || page.NextCursor != "" {
		t.Fatalf("second page %+v, %v", page, err)
	}

	for _, q := range []string{"", "   ", "🔥", "intent:gossip", "is:lost", "kind:tweet", strings.Repeat("a", 2000)} {
		if _, err := env.inbox.Search(ctx, q, "", 10); backend.ErrorCode(err) != backend.EINVALID {
			t.Errorf("search %q: got %v, want EINVALID", q, err)
		}
	}
	if _, err := env.inbox.Search(ctx, "x", "nope", 10); backend.ErrorCode(err) != backend.EINVALID {
		t.Errorf("bad cursor: %v", err)
	}
}

func TestTriageSettings(t *testing.T) {
	ctx := context.Background()
	env := newInbox(t)
	defaults, err := env.inbox.TriageSettings(ctx)
	if err != nil || len(defaults.Keywords) < 50 || defaults.SLA.KindMinutes[backend.ConversationDM] != 240 {
		t.Fatalf("defaults: %d keywords, %+v, %v", len(defaults.Keywords), defaults.SLA, err)
	}

	custom := defaults
	custom.Keywords = append(slices.Clone(defaults.Keywords), backend.Keyword{Term: "bougie fondue", Lang: "fr", Kind: backend.KeywordDamaged})
	custom.SLA.KindMinutes = map[backend.ConversationKind]int{"dm": 30, "comment_thread": 600, "live_chat": 5}
	custom.SLA.DMIntentMinutes = nil
	if _, err := env.inbox.UpdateTriageSettings(ctx, custom); err != nil {
		t.Fatal(err)
	}
	msg := env.dm("a", "lea", "Ma bougie a fondu dans le colis, une bougie fondue quoi", 0)
	env.ingest(t, msg)
	conv := env.only(t, backend.ConversationFilter{})
	if !slices.Contains(conv.Reasons, backend.EscalationReason{Kind: backend.EscalationKeyword, Detail: `matched "bougie fondue"`}) {
		t.Fatalf("custom keyword not matched: %+v", conv.Reasons)
	}

	// Stored with the workspace: a fresh service (as after a restart) applies them.
	env.inbox = sqlite.NewInboxService(env.ws, env.events, newTriager)
	got, err := env.inbox.TriageSettings(ctx)
	if err != nil || len(got.Keywords) != len(custom.Keywords) || got.SLA.KindMinutes["dm"] != 30 {
		t.Fatalf("after restart: %d keywords, %+v, %v", len(got.Keywords), got.SLA, err)
	}
	env.ingest(t, env.dm("b", "tom", "hello there", 0))
	for _, c := range env.list(t, backend.ConversationFilter{}) {
		if c.ThreadKey == "b" && !c.SLADue.Equal(fixedNow.Add(30*time.Minute)) {
			t.Fatalf("custom DM SLA not applied: due %v", c.SLADue)
		}
	}

	for name, bad := range map[string]backend.TriageSettings{
		"Language": {Keywords: []backend.Keyword{{Term: "kaputt", Lang: "de", Kind: backend.KeywordDamaged}}, SLA: custom.SLA},
		"Kind":     {Keywords: []backend.Keyword{{Term: "x", Lang: "fr", Kind: "bad"}}, SLA: custom.SLA},
		"NoWords":  {Keywords: []backend.Keyword{{Term: "!!!", Lang: "fr", Kind: backend.KeywordRefund}}, SLA: custom.SLA},
		"SLA":      {Keywords: custom.Keywords, SLA: backend.SLAPolicy{EscalationMinutes: -5}},
		"Hours":    {Keywords: custom.Keywords, SLA: backend.SLAPolicy{BusinessHours: &backend.BusinessHours{TimeZone: "Europe/Paris", Open: "18:00", Close: "09:00", Days: []time.Weekday{1}}}},
	} {
		if _, err := env.inbox.UpdateTriageSettings(ctx, bad); backend.ErrorCode(err) != backend.EINVALID {
			t.Errorf("%s: got %v, want EINVALID", name, err)
		}
	}
	if got, _ := env.inbox.TriageSettings(ctx); len(got.Keywords) != len(custom.Keywords) || got.SLA.KindMinutes["dm"] != 30 {
		t.Fatal("a refused update changed the settings")
	}
}

func TestCreateContactFlagsTriage(t *testing.T) {
	ctx := context.Background()
	env := newInbox(t)
	followers := int64(186400)
	c, err := env.inbox.CreateContact(ctx, backend.Contact{DisplayName: " Chloé ", Influencer: true, FollowerCount: &followers,
		Tags: []string{"Créatrice"}, Identities: []backend.Identity{{Platform: "instagram", PlatformUserID: "u-chloe", Handle: "@chloe"}}})
	if err != nil || c.DisplayName != "Chloé" || !c.Influencer || c.Identities[0].Handle != "chloe" || c.Tags[0] != "créatrice" {
		t.Fatalf("created %+v, %v", c, err)
	}
	// Her message is escalated as an influencer's.
	env.ingest(t, env.dm("collab", "chloe", "Coucou ! J'adore vos bougies, on fait une collab ?", time.Minute))
	conv := env.only(t, backend.ConversationFilter{})
	if conv.Contact.ID != c.ID || !conv.Contact.Influencer || !slices.Contains(conv.Reasons,
		backend.EscalationReason{Kind: backend.EscalationInfluencer, Detail: "contact is flagged influencer or VIP"}) {
		t.Fatalf("conversation %+v", conv)
	}
	for name, bad := range map[string]backend.Contact{
		"Name":     {DisplayName: " "},
		"Platform": {DisplayName: "x", Identities: []backend.Identity{{Platform: "myspace", PlatformUserID: "1"}}},
		"UserID":   {DisplayName: "x", Identities: []backend.Identity{{Platform: "instagram"}}},
		"Language": {DisplayName: "x", Language: "klingon"},
	} {
		if _, err := env.inbox.CreateContact(ctx, bad); backend.ErrorCode(err) != backend.EINVALID {
			t.Errorf("%s: got %v, want EINVALID", name, err)
		}
	}
	if _, err := env.inbox.CreateContact(ctx, backend.Contact{DisplayName: "Copy", Identities: []backend.Identity{{Platform: "instagram", PlatformUserID: "u-chloe"}}}); backend.ErrorCode(err) != backend.ECONFLICT {
		t.Fatalf("taken identity: %v", err)
	}
}
