package demo_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tend/assets"
	"tend/backend"
	"tend/backend/demo"
	"tend/backend/event"
	"tend/backend/reply"
	"tend/backend/sqlite"
	"tend/backend/triage"
)

func newTriager() (backend.Triager, error) {
	return triage.NewShippedEngine(backend.DefaultSLAPolicy())
}

// demoEnv is an empty demo workspace on the clock of 28 November 2026, 10:00 UTC, with the shipped
// demo files to load into it.
type demoEnv struct {
	ctx      context.Context
	now      time.Time
	hub      *event.Hub
	ws       *sqlite.Workspaces
	settings *sqlite.SettingsService
	files    fs.FS
}

func newDemoEnv(t *testing.T, defaults backend.Settings) demoEnv {
	t.Helper()
	env := demoEnv{ctx: context.Background(), now: time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC), hub: event.NewHub()}
	env.ws = sqlite.NewWorkspaces(filepath.Join(t.TempDir(), "w"), env.hub, func() time.Time { return env.now })
	if _, err := env.ws.Start(env.ctx, demo.Name, ""); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { env.ws.Close() })
	env.settings = sqlite.NewSettingsService(env.ws, env.hub, defaults)
	files, err := fs.Sub(assets.Demo, "demo")
	if err != nil {
		t.Fatal(err)
	}
	env.files = files
	return env
}

// TestLoadShippedDemo loads the real demo files and checks the inbox they make against the files.
func TestLoadShippedDemo(t *testing.T) {
	env := newDemoEnv(t, backend.Settings{Languages: []string{"fr"}, TimeZone: "UTC", Theme: "system"})
	ctx, now, hub, ws, settings, files := env.ctx, env.now, env.hub, env.ws, env.settings, env.files
	inbox := sqlite.NewInboxService(ws, hub, newTriager)
	sum, err := demo.Load(ctx, files, settings, inbox, now)
	if err != nil {
		t.Fatal(err)
	}

	// What the files hold.
	raw, _ := fs.ReadFile(files, "conversations.jsonl")
	type line struct {
		Kind     string `json:"kind"`
		Status   string `json:"status"`
		Messages []struct {
			Text string `json:"text"`
		} `json:"messages"`
	}
	var conversations, messages, resolved, live int
	var htmlText string
	scanner := bufio.NewScanner(bytes.NewReader(raw))
	scanner.Buffer(nil, 4<<20)
	for scanner.Scan() {
		var l line
		if err := json.Unmarshal(scanner.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		conversations++
		messages += len(l.Messages)
		if l.Status == "resolved" {
			resolved++
		}
		if l.Kind == "live_chat" {
			live++
		}
		for _, m := range l.Messages {
			if strings.Contains(m.Text, "onerror=") {
				htmlText = m.Text
			}
		}
	}
	if sum.Conversations != conversations || sum.Messages != messages || sum.Channels != 7 || sum.Contacts < 200 {
		t.Fatalf("summary %+v; files hold %d conversations, %d messages", sum, conversations, messages)
	}
	if conversations < 250 {
		t.Fatalf("only %d demo conversations", conversations)
	}

	counts, err := inbox.CountConversations(ctx, backend.ConversationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if counts.Total != conversations || counts.Statuses["resolved"] != resolved || counts.Kinds["live_chat"] != live ||
		len(counts.Channels) != 7 || counts.Languages["fr"] == 0 || counts.Languages["en"] == 0 {
		t.Fatalf("counts %+v", counts)
	}
	for _, intent := range backend.Intents {
		if counts.Intents[string(intent)] == 0 {
			t.Errorf("no %s conversation in the demo", intent)
		}
	}
	if counts.Due == 0 || counts.Breached == 0 {
		t.Errorf("the demo should show SLAs both due (%d) and breached (%d)", counts.Due, counts.Breached)
	}

	s, err := settings.GetSettings(ctx)
	if err != nil || s.BrandName != "Maison Lumière" {
		t.Fatalf("settings %+v, %v", s, err)
	}

	// Message text is kept literally, HTML included.
	page, err := inbox.Search(ctx, "onerror", "", 5)
	if err != nil || len(page.Results) == 0 || page.Results[0].Message.Text != htmlText {
		t.Fatalf("HTML text: %+v, %v", page.Results, err)
	}

	// An influencer's DM is escalated for that reason.
	escalated := true
	list, err := inbox.ListConversations(ctx, backend.ConversationFilter{Escalated: &escalated, Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	influencer := false
	for _, c := range list.Conversations {
		for _, r := range c.Reasons {
			influencer = influencer || (r.Kind == backend.EscalationInfluencer && c.Contact != nil && c.Contact.Influencer)
		}
	}
	if !influencer {
		t.Error("no conversation escalated because its contact is an influencer")
	}

	// Someone who wrote on two platforms has one contact with history across channels.
	withHistory := 0
	all, _ := inbox.ListConversations(ctx, backend.ConversationFilter{Kinds: []backend.ConversationKind{"dm"}, Limit: 200})
	for _, c := range all.Conversations {
		detail, err := inbox.GetConversation(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range detail.History {
			if h.ChannelID != c.ChannelID {
				withHistory++
			}
		}
	}
	if withHistory == 0 {
		t.Error("no contact has conversations on two channels")
	}
}

// TestLoadShippedReplies plays the demo's reply history through the real services and checks every
// outcome the demo promises, and that its audit trail verifies.
func TestLoadShippedReplies(t *testing.T) {
	env := newDemoEnv(t, backend.Settings{Languages: []string{"fr"}, TimeZone: "UTC", Theme: "system"})
	ctx, now, hub, ws, settings, files := env.ctx, env.now, env.hub, env.ws, env.settings, env.files
	inbox := sqlite.NewInboxService(ws, hub, newTriager)
	library, err := reply.ParseLibrary(assets.Templates)
	if err != nil {
		t.Fatal(err)
	}
	templates := sqlite.NewTemplateService(ws, hub, settings, library)
	replies := sqlite.NewReplyService(ws, sqlite.ReplyOptions{Events: hub, Templates: templates, Senders: sqlite.NewSandboxSenders(ws), Actor: "Camille"})
	if _, err := demo.Load(ctx, files, settings, inbox, now); err != nil {
		t.Fatal(err)
	}
	sum, err := demo.LoadReplies(ctx, files, replies, replies, inbox, now)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Replies != 6 || sum.Sent != 3 {
		t.Errorf("summary %+v", sum)
	}
	page, err := replies.ListReplies(ctx, backend.ReplyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	states := map[backend.ReplyState]int{}
	var edited, sampled, automated int
	for _, r := range page.Replies {
		states[r.State]++
		if r.Edited {
			edited++
		}
		if r.QASampled {
			sampled++
		}
		if r.Automated {
			automated++
			if !r.Sandbox || !strings.HasPrefix(r.OutText, "Automated reply: Hi, I'm the team's assistant") {
				t.Errorf("automated demo reply: sandbox %v, %q", r.Sandbox, r.OutText)
			}
		}
		if r.State == backend.ReplyPendingApproval && len(r.Reasons) == 0 {
			t.Errorf("pending reply %d shows no reason", r.ID)
		}
	}
	if states[backend.ReplySent] != 3 || states[backend.ReplyPendingApproval] != 2 || states[backend.ReplyRejected] != 1 ||
		edited != 1 || sampled != 1 || automated != 1 {
		t.Errorf("states %v, edited %d, sampled %d, automated %d", states, edited, sampled, automated)
	}
	rs, err := replies.GetReplySettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rs.Policy.QASampleRate != 0.10 || len(rs.Policy.Autopilot) != 0 {
		t.Errorf("the demo left its sampling policy on: %+v", rs.Policy)
	}
	optedOut, err := inbox.Search(ctx, "STOP", "", 10)
	if err != nil || len(optedOut.Results) == 0 {
		t.Fatalf("the demo has no STOP message: %v", err)
	}
	v, err := sqlite.NewAuditService(ws).VerifyAudit(ctx)
	if err != nil || !v.OK || v.Entries < 20 {
		t.Fatalf("audit %+v %v", v, err)
	}
}
