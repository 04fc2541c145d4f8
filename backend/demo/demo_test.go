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
	"tend/backend/sqlite"
	"tend/backend/triage"
)

func newTriager() (backend.Triager, error) {
	return triage.NewShippedEngine(backend.DefaultSLAPolicy())
}

// TestLoadShippedDemo loads the real demo files and checks the inbox they make against the files.
func TestLoadShippedDemo(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	hub := event.NewHub()
	ws := sqlite.NewWorkspaces(filepath.Join(t.TempDir(), "w"), hub, func() time.Time { return now })
	if _, err := ws.Start(ctx, demo.Name, ""); err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	settings := sqlite.NewSettingsService(ws, hub, backend.Settings{Languages: []string{"fr"}, TimeZone: "UTC", Theme: "system"})
	inbox := sqlite.NewInboxService(ws, hub, newTriager)
	files, err := fs.Sub(assets.Demo, "demo")
	if err != nil {
		t.Fatal(err)
	}
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
