package sqlite_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/connector/meta"
	"tend/backend/connector/meta/metatest"
	"tend/backend/connector/telegram"
	"tend/backend/connector/telegram/telegramtest"
	"tend/backend/sqlite"
)

// The calendar publishes through the connected accounts' real connectors, against the in-repo fake
// Graph API and Bot API: Facebook holds the post from two days ahead, Telegram gets it at its time
// in the account's channel, Instagram (not connected) is left to a person with the reason.
func TestCalendarPublishesThroughAccounts(t *testing.T) {
	ctx := context.Background()
	env := newSync(t, 0, 1)
	graph := metatest.New(t, env.clock.Now)
	bot := telegramtest.NewServer("123:publish")
	t.Cleanup(bot.Close)
	bot.SetNow(env.clock.Now)
	bot.AddChannel(telegramtest.Chat{ID: -1001000000001, Title: "Maison Figue", Username: "maison_figue"}, telegramtest.BotAdministrator)
	accounts := sqlite.NewAccountService(env.ws, env.events, env.inbox, env.secrets, func(cfg backend.ConnectorConfig) (backend.Connector, error) {
		if cfg.Account.Platform == backend.PlatformTelegram {
			return telegram.New(cfg)
		}
		return meta.NewFacebook(cfg)
	}, sqlite.NewSandboxSenders(env.ws))
	if _, err := accounts.AddAccount(ctx, backend.NewAccount{Name: "page", Platform: backend.PlatformFacebook, BaseURL: graph.URL,
		IDs: map[string]string{"page_id": metatest.PageID}, Secrets: map[string]string{"access_token": metatest.Token}}); err != nil {
		t.Fatal(err)
	}
	if _, err := accounts.AddAccount(ctx, backend.NewAccount{Name: "bot", Platform: backend.PlatformTelegram, BaseURL: bot.URL,
		IDs: map[string]string{telegram.IDPublishChat: "@maison_figue"}, Secrets: map[string]string{"bot_token": "123:publish"}}); err != nil {
		t.Fatal(err)
	}
	cal := sqlite.NewCalendarService(env.ws, sqlite.CalendarOptions{Events: env.events, Publisher: accounts.Publisher(), Actor: "Camille"})

	at := env.clock.Now().Add(48 * time.Hour).Truncate(time.Minute)
	post, err := cal.CreatePost(ctx, backend.PostInput{Title: "Figue & Cèdre", Caption: "Nouvelle bougie Figue & Cèdre 🕯️", Format: backend.FormatMicroArticle,
		Channels: []string{"facebook", "telegram", "instagram"}, At: &at, TimeZone: "UTC", UTMLink: "https://maison.example/figue?utm_source=social"})
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []func(context.Context, int64) (backend.CalendarPost, error){cal.SubmitPost,
		func(ctx context.Context, id int64) (backend.CalendarPost, error) { return cal.ApprovePost(ctx, id, "") }, cal.SchedulePost} {
		if post, err = step(ctx, post.ID); err != nil {
			t.Fatal(err)
		}
	}

	// Two days ahead: Facebook holds it with its own scheduled_publish_time.
	if _, err := cal.DueNow(ctx); err != nil {
		t.Fatal(err)
	}
	held := graph.ScheduledPosts()
	if len(held) != 1 || !held[0].ScheduledAt.Equal(at) || held[0].Message != post.Caption || held[0].Published {
		t.Fatalf("Facebook holds %+v", held)
	}
	// Moved by an hour: Facebook's copy is deleted and a new one held for the new time.
	if post, err = cal.ReschedulePost(ctx, post.ID, backend.Reschedule{Local: at.Add(time.Hour).Format(backend.LocalLayout)}); err != nil {
		t.Fatal(err)
	}
	if _, err := cal.DueNow(ctx); err != nil {
		t.Fatal(err)
	}
	var live []metatest.PagePost
	for _, p := range graph.ScheduledPosts() {
		if !p.Deleted {
			live = append(live, p)
		}
	}
	if len(live) != 1 || !live[0].ScheduledAt.Equal(at.Add(time.Hour)) {
		t.Fatalf("after rescheduling Facebook holds %+v", graph.ScheduledPosts())
	}

	// Its time: Telegram gets it in the channel; Instagram is left to a person, saying why.
	env.clock.Set(at.Add(time.Hour + 10*time.Second))
	if _, err := cal.DueNow(ctx); err != nil {
		t.Fatal(err)
	}
	posts := bot.ChannelPosts()
	if len(posts) != 1 || posts[0].ChatID != -1001000000001 || !strings.HasPrefix(posts[0].Text, post.Caption) ||
		!strings.Contains(posts[0].Text, "https://maison.example/figue?utm_source=social") {
		t.Fatalf("channel posts %+v", posts)
	}
	post, _ = cal.GetPost(ctx, post.ID)
	states := map[string]backend.Publication{}
	for _, p := range post.Publications {
		states[p.Channel] = p
	}
	if post.Status != backend.PostDue || states["facebook"].State != backend.PublicationPublished || states["telegram"].State != backend.PublicationPublished ||
		!strings.HasPrefix(states["telegram"].URL, "https://t.me/maison_figue/") || states["instagram"].State != backend.PublicationReminder ||
		states["instagram"].Reason == nil || states["instagram"].Reason.Params["reason"] != backend.PublishReasonNoAccount {
		t.Fatalf("%+v", post)
	}
	// Once a person posted it on Instagram, it is out everywhere; nothing went out twice.
	if post, err = cal.MarkPublished(ctx, post.ID); err != nil || post.Status != backend.PostPublished {
		t.Fatalf("%+v %v", post, err)
	}
	if len(bot.ChannelPosts()) != 1 {
		t.Fatalf("Telegram got it twice: %+v", bot.ChannelPosts())
	}
}
