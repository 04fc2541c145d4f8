package sqlite_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"tend/backend"
	"tend/backend/llm"
	"tend/backend/llm/llmtest"
	"tend/backend/sqlite"
)

// A caption is drafted by the built-in drafter or streamed by the configured model, with the
// post's pillar, format, goal and the channel's limit; nothing is saved, and a model's overrun
// is reported, never cut.
func TestDraftCaption(t *testing.T) {
	ctx := context.Background()
	env := newReplies(t)
	server := llmtest.NewServer(llmtest.Script{Reply: "Trois heures de coulage pour une bougie. Lien en bio ✨", Deltas: 4})
	t.Cleanup(server.Close)
	replies := sqlite.NewReplyService(env.ws, sqlite.ReplyOptions{
		Events: env.events, Templates: env.templates, Senders: env.sender, Secrets: memorySecrets{}, Actor: "Camille",
		NewModel: func(s backend.ModelSettings, key string) (sqlite.ModelClient, error) { return llm.New(s, key) },
	})
	cal := sqlite.NewCalendarService(env.ws, sqlite.CalendarOptions{Events: env.events, Settings: env.settings, Captions: replies, Actor: "Camille"})
	post, err := cal.CreatePost(ctx, backend.PostInput{Title: "Coulisses : trois heures de coulage", Pillar: "behind_scenes",
		Format: backend.FormatShortVideo, Goal: backend.GoalCommunity, Channels: []string{"instagram", "telegram"},
		MediaPaths: []string{"/home/camille/Videos/coulage.mp4"}})
	if err != nil {
		t.Fatal(err)
	}

	// Built-in, for the caption both channels share: Telegram's 1,024 under a video is the strictest.
	d, err := cal.DraftCaption(ctx, backend.CaptionRequest{PostID: post.ID})
	if err != nil || d.Source != backend.DraftFromBuiltin || d.Limit != 1024 || !strings.Contains(d.Text, "#BehindTheScenes") {
		t.Fatalf("%+v %v", d, err)
	}

	// The model is off: a clear error.
	_, err = cal.DraftCaption(ctx, backend.CaptionRequest{PostID: post.ID, Channel: "instagram", Model: true, StreamID: "c1"})
	var e *backend.Error
	if !asError(err, &e) || e.Key != "model_disabled" {
		t.Fatalf("%v", err)
	}
	if _, err := replies.UpdateModelSettings(ctx, backend.ModelSettings{Enabled: true, Preset: "custom", BaseURL: server.BaseURL(),
		Model: "test-model", Temperature: 0.3, TimeoutSeconds: 30, BrandVoice: "Chaleureux, tutoiement interdit."}); err != nil {
		t.Fatal(err)
	}
	d, err = cal.DraftCaption(ctx, backend.CaptionRequest{PostID: post.ID, Channel: "instagram", Model: true, StreamID: "c1"})
	if err != nil || d.Source != backend.DraftFromModel || d.Limit != 2200 || d.OverLimit || d.Usage == nil ||
		d.Text != "Trois heures de coulage pour une bougie. Lien en bio ✨" {
		t.Fatalf("%+v %v", d, err)
	}
	reqs := server.Requests()
	msgs := reqs[len(reqs)-1].Body.Messages
	if len(msgs) != 2 || !strings.Contains(msgs[0].Content, "2200") || !strings.Contains(msgs[0].Content, "Chaleureux") ||
		!strings.Contains(msgs[1].Content, "Coulisses : trois heures de coulage") || !strings.Contains(msgs[1].Content, "Behind the scenes") ||
		!strings.Contains(msgs[1].Content, "Instagram") {
		t.Fatalf("prompt %+v", msgs)
	}
	deltas := 0
	env.events.mu.Lock()
	events := slices.Clone(env.events.events)
	env.events.mu.Unlock()
	for _, ev := range events {
		if p, ok := ev.Payload.(backend.DraftDeltaEvent); ok && ev.Name == backend.EventDraftDelta && p.StreamID == "c1" {
			deltas++
		}
	}
	if deltas != 4 {
		t.Errorf("%d deltas", deltas)
	}

	// A model that overruns: reported as over the limit, whole.
	long := strings.Repeat("Figue et cèdre. ", 80)
	server.SetScript(llmtest.Script{Reply: long})
	d, err = cal.DraftCaption(ctx, backend.CaptionRequest{PostID: post.ID, Channel: "telegram", Model: true, StreamID: "c2"})
	if err != nil || !d.OverLimit || d.Limit != 1024 || d.Length != utf8.RuneCountInString(strings.TrimSpace(long)) {
		t.Fatalf("%+v %v", d, err)
	}
	if p, _ := cal.GetPost(ctx, post.ID); p.Caption != "" {
		t.Errorf("drafting saved something: %q", p.Caption)
	}

	// Bad input.
	if _, err := cal.DraftCaption(ctx, backend.CaptionRequest{PostID: post.ID, Channel: "myspace"}); backend.ErrorCode(err) != backend.EINVALID {
		t.Errorf("%v", err)
	}
	if _, err := cal.DraftCaption(ctx, backend.CaptionRequest{PostID: 999}); backend.ErrorCode(err) != backend.ENOTFOUND {
		t.Errorf("%v", err)
	}
	if _, err := cal.DraftCaption(ctx, backend.CaptionRequest{PostID: post.ID, Model: true}); backend.ErrorCode(err) != backend.EINVALID {
		t.Errorf("a model draft needs a stream id: %v", err)
	}
}
