package sqlite_test

import (
	"context"
	"maps"
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

// publishingAccounts is an account service whose Telegram and Facebook accounts use the real
// connectors.
func publishingAccounts(env *syncEnv) *sqlite.AccountService {
	return sqlite.NewAccountService(env.ws, env.events, env.inbox, env.secrets, func(cfg backend.ConnectorConfig) (backend.Connector, error) {
		if cfg.Account.Platform == backend.PlatformTelegram {
			return telegram.New(cfg)
		}
		return meta.NewFacebook(cfg)
	}, sqlite.NewSandboxSenders(env.ws))
}

// channelBot starts a fake Bot API accepting token whose bot administers the channel @maison_figue.
func channelBot(t *testing.T, env *syncEnv, token string) *telegramtest.Server {
	bot := telegramtest.NewServer(token)
	t.Cleanup(bot.Close)
	bot.SetNow(env.clock.Now)
	bot.AddChannel(telegramtest.Chat{ID: -1001000000001, Title: "Maison Figue", Username: "maison_figue"}, telegramtest.BotAdministrator)
	return bot
}

// The calendar publishes through the connected accounts' real connectors, against the in-repo fake
// Graph API and Bot API: Facebook holds the post from two days ahead, Telegram gets it at its time
// in the account's channel, Instagram (not connected) is left to a person with the reason.
func TestCalendarPublishesThroughAccounts(t *testing.T) {
	ctx := context.Background()
	env := newSync(t, 0, 1)
	graph := metatest.New(t, env.clock.Now)
	bot := channelBot(t, env, "123:publish")
	accounts := publishingAccounts(env)
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

// A post chooses the account each channel goes out through: Telegram publishes through the
// second bot, not the default one; Facebook holds it through the page chosen and is asked to take
// it back through that same account; another account means a new approval.
func TestCalendarPublishesThroughChosenAccount(t *testing.T) {
	ctx := context.Background()
	env := newSync(t, 0, 1)
	graph := metatest.New(t, env.clock.Now)
	shop, atelier := channelBot(t, env, "123:shop"), channelBot(t, env, "456:atelier")
	atelier.SetBot(telegramtest.User{ID: 7000002, IsBot: true, FirstName: "Atelier", Username: "atelier_bot"})
	accounts := publishingAccounts(env)
	add := func(n backend.NewAccount) backend.Account {
		t.Helper()
		a, err := accounts.AddAccount(ctx, n)
		if err != nil {
			t.Fatalf("%s: %v", n.Name, err)
		}
		return a
	}
	bot := func(name, url, token string) backend.NewAccount {
		return backend.NewAccount{Name: name, Platform: backend.PlatformTelegram, BaseURL: url,
			IDs: map[string]string{telegram.IDPublishChat: "@maison_figue"}, Secrets: map[string]string{"bot_token": token}}
	}
	page := add(backend.NewAccount{Name: "page", Platform: backend.PlatformFacebook, BaseURL: graph.URL,
		IDs: map[string]string{"page_id": metatest.PageID}, Secrets: map[string]string{"access_token": metatest.Token}})
	add(bot("shop-bot", shop.URL, "123:shop"))
	second := add(bot("atelier-bot", atelier.URL, "456:atelier"))
	publisher := accounts.Publisher()
	cal := sqlite.NewCalendarService(env.ws, sqlite.CalendarOptions{Events: env.events, Publisher: publisher, Actor: "Camille"})

	at := env.clock.Now().Add(48 * time.Hour).Truncate(time.Minute)
	in := backend.PostInput{Title: "Atelier ouvert", Caption: "Portes ouvertes à l'atelier samedi.", Format: backend.FormatMicroArticle,
		Channels: []string{"facebook", "telegram"}, At: &at, TimeZone: "UTC"}

	// An account of another platform, or one that does not exist, is refused and nothing is made.
	in.Accounts = map[string]int64{"telegram": page.ID}
	_, err := cal.CreatePost(ctx, in)
	wantError(t, err, backend.EINVALID, "post_account_platform")
	in.Accounts = map[string]int64{"telegram": 999}
	_, err = cal.CreatePost(ctx, in)
	wantError(t, err, backend.EINVALID, "post_account_unknown")
	if posts, _ := cal.ListPosts(ctx, backend.PostFilter{}); len(posts) != 0 {
		t.Fatalf("a refused post was created: %+v", posts)
	}

	in.Accounts = map[string]int64{"telegram": second.ID, "facebook": page.ID}
	post, err := cal.CreatePost(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	// A channel taken off the post takes its account choice with it.
	only := []string{"telegram"}
	if post, err = cal.UpdatePost(ctx, post.ID, backend.PostUpdate{Channels: &only}); err != nil ||
		!maps.Equal(post.Accounts, map[string]int64{"telegram": second.ID}) {
		t.Fatalf("%+v %v", post.Accounts, err)
	}
	both := []string{"facebook", "telegram"}
	if post, err = cal.UpdatePost(ctx, post.ID, backend.PostUpdate{Channels: &both}); err != nil {
		t.Fatal(err)
	}
	approveAndSchedule := func(steps ...func(context.Context, int64) (backend.CalendarPost, error)) {
		t.Helper()
		for _, step := range append(steps, func(ctx context.Context, id int64) (backend.CalendarPost, error) { return cal.ApprovePost(ctx, id, "") },
			cal.SchedulePost) {
			if post, err = step(ctx, post.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	approveAndSchedule(cal.SubmitPost)

	// Two days ahead, the page holds it, and the post knows through which account.
	if _, err := cal.DueNow(ctx); err != nil {
		t.Fatal(err)
	}
	post, _ = cal.GetPost(ctx, post.ID)
	if len(graph.ScheduledPosts()) != 1 || len(post.Publications) != 1 || post.Publications[0].AccountID != page.ID {
		t.Fatalf("held %+v, publications %+v", graph.ScheduledPosts(), post.Publications)
	}
	// A held post is taken back through the account holding it, not the platform's default.
	err = publisher.CancelScheduled(ctx, backend.Publication{Channel: "facebook", AccountID: 999, ExternalID: post.Publications[0].ExternalID})
	if e := backend.Public(err); e == nil || e.Params["reason"] != backend.PublishReasonAccountRemoved {
		t.Fatalf("cancelling through a removed account: %v", err)
	}

	// Another Telegram bot: Facebook's copy is deleted, and the post needs a new approval.
	defaults := map[string]int64{}
	if post, err = cal.UpdatePost(ctx, post.ID, backend.PostUpdate{Accounts: &defaults}); err != nil {
		t.Fatal(err)
	}
	if held := graph.ScheduledPosts(); len(held) != 0 {
		t.Fatalf("the page still holds %+v", held)
	}
	if post.Status != backend.PostInReview || post.Approved {
		t.Fatalf("another account kept the approval: %s", post.Status)
	}
	chosen := map[string]int64{"telegram": second.ID}
	if post, err = cal.UpdatePost(ctx, post.ID, backend.PostUpdate{Accounts: &chosen}); err != nil {
		t.Fatal(err)
	}
	approveAndSchedule()

	// Its time: the chosen bot posts it, the default one does not.
	env.clock.Set(at.Add(10 * time.Second))
	if _, err := cal.DueNow(ctx); err != nil {
		t.Fatal(err)
	}
	if len(shop.ChannelPosts()) != 0 || len(atelier.ChannelPosts()) != 1 {
		t.Fatalf("shop bot posted %+v, atelier bot %+v", shop.ChannelPosts(), atelier.ChannelPosts())
	}
	post, _ = cal.GetPost(ctx, post.ID)
	found := false
	for _, p := range post.Publications {
		if p.Channel == "telegram" {
			found = p.State == backend.PublicationPublished && p.AccountID == second.ID
		}
	}
	if !found {
		t.Fatalf("publications %+v", post.Publications)
	}
}
