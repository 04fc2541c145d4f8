package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/connector/meta"
	"tend/backend/connector/meta/metatest"
	"tend/backend/sqlite"
)

// fakePlatform is a platform with a fixed history of inbound messages served in pages, and a
// connector over it that fails as scripted.
type fakePlatform struct {
	mu        sync.Mutex
	total     int
	pageSize  int
	channel   int64
	now       func() time.Time
	failures  []error // returned by the next fetches
	delivered map[string]int
	token     string // the token the connector must be built with
}

type fakeConnector struct {
	p     *fakePlatform
	token string
}

func (p *fakePlatform) factory(cfg backend.ConnectorConfig) (backend.Connector, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if cfg.Account.Channels != nil {
		p.channel = cfg.Account.Channels[backend.PlatformTelegram]
	}
	return &fakeConnector{p: p, token: cfg.Secrets["bot_token"]}, nil
}

func (c *fakeConnector) Capabilities() backend.Capabilities {
	return backend.Capabilities{Fetch: true, Send: true}
}

func (c *fakeConnector) Test(context.Context) (backend.AccountInfo, error) {
	if c.token != c.p.token {
		return backend.AccountInfo{}, backend.Errorf(backend.EUNAUTHORIZED, "Unauthorized").Localized("account_token_invalid")
	}
	return backend.AccountInfo{DisplayName: "Maison Bot", IDs: map[string]string{"bot_id": "42", "username": "maisonbot"}}, nil
}

func (c *fakeConnector) Fetch(_ context.Context, cursor string) (backend.FetchResult, error) {
	c.p.mu.Lock()
	defer c.p.mu.Unlock()
	if c.token != c.p.token {
		return backend.FetchResult{}, backend.Errorf(backend.EUNAUTHORIZED, "Unauthorized").Localized("account_token_invalid")
	}
	if len(c.p.failures) > 0 {
		err := c.p.failures[0]
		c.p.failures = c.p.failures[1:]
		return backend.FetchResult{}, err
	}
	start := 0
	if cursor != "" {
		start, _ = strconv.Atoi(cursor)
	}
	end := min(start+c.p.pageSize, c.p.total)
	var res backend.FetchResult
	for i := start; i < end; i++ {
		user := fmt.Sprintf("u%d", i%17)
		res.Messages = append(res.Messages, backend.IncomingMessage{
			ChannelID: c.p.channel, Kind: backend.ConversationDM, PlatformMessageID: fmt.Sprintf("m%d", i), ThreadKey: user,
			Direction: backend.DirectionIn, Author: backend.Author{PlatformUserID: user, DisplayName: "User " + user},
			Text: fmt.Sprintf("Bonjour, message numéro %d", i), SentAt: c.p.now().Add(-time.Duration(c.p.total-i) * time.Minute),
		})
	}
	res.Cursor = strconv.Itoa(end)
	res.More = end < c.p.total
	res.Progress = &backend.Progress{Done: end, Total: c.p.total}
	return res, nil
}

func (c *fakeConnector) Send(_ context.Context, m backend.OutboundMessage) (backend.SendReceipt, error) {
	c.p.mu.Lock()
	defer c.p.mu.Unlock()
	c.p.delivered[m.IdempotencyKey]++
	return backend.SendReceipt{PlatformMessageID: "out-" + m.IdempotencyKey}, nil
}

func (c *fakeConnector) Idempotent() bool { return false }

func (c *fakeConnector) Moderate(context.Context, backend.ModerationAction) error { return nil }

// secretsInMemory is a keyring in memory.
type secretsInMemory struct {
	mu     sync.Mutex
	values map[string]string
}

func (m *secretsInMemory) SetSecret(_ context.Context, k, v string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.values[k] = v
	return nil
}
func (m *secretsInMemory) Secret(_ context.Context, k string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.values[k]; ok {
		return v, nil
	}
	return "", backend.Errorf(backend.ENOTFOUND, "no secret")
}
func (m *secretsInMemory) DeleteSecret(_ context.Context, k string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.values, k)
	return nil
}
func (m *secretsInMemory) Probe(context.Context) error { return nil }

type syncEnv struct {
	*repliesEnv
	platform *fakePlatform
	secrets  *secretsInMemory
	accounts *sqlite.AccountService
}

func newSync(t *testing.T, total, pageSize int) *syncEnv {
	t.Helper()
	env := &syncEnv{repliesEnv: newReplies(t), secrets: &secretsInMemory{values: map[string]string{}}}
	env.platform = &fakePlatform{total: total, pageSize: pageSize, now: env.clock.Now, delivered: map[string]int{}, token: "123:good"}
	env.restartSync()
	return env
}

// restartSync builds new services over the same workspace, as a new process would.
func (env *syncEnv) restartSync() {
	env.accounts = sqlite.NewAccountService(env.ws, env.events, env.inbox, env.secrets, env.platform.factory, sqlite.NewSandboxSenders(env.ws))
	env.replies = sqlite.NewReplyService(env.ws, sqlite.ReplyOptions{
		Events: env.events, Templates: env.templates, Senders: env.accounts, Secrets: env.secrets, Actor: "Camille",
		Crash: func(point string) bool { return env.crashAt == point },
	})
}

func (env *syncEnv) connect(t *testing.T) backend.Account {
	t.Helper()
	a, err := env.accounts.AddAccount(context.Background(), backend.NewAccount{Name: "bot", Platform: backend.PlatformTelegram,
		Secrets: map[string]string{"bot_token": "123:good"}})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func (env *syncEnv) messageCount(t *testing.T) int {
	t.Helper()
	counts, err := env.inbox.CountConversations(context.Background(), backend.ConversationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	_ = counts
	n := 0
	page, err := env.inbox.Search(context.Background(), "numéro", "", 200)
	for err == nil {
		n += len(page.Results)
		if page.NextCursor == "" {
			break
		}
		page, err = env.inbox.Search(context.Background(), "numéro", page.NextCursor, 200)
	}
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAccountLifecycle(t *testing.T) {
	env := newSync(t, 45, 20)
	ctx := context.Background()
	if _, err := env.accounts.AddAccount(ctx, backend.NewAccount{Name: "bot", Platform: backend.PlatformTelegram,
		Secrets: map[string]string{"bot_token": "wrong"}}); backend.ErrorCode(err) != backend.EUNAUTHORIZED {
		t.Fatalf("a bad token was accepted: %v", err)
	}
	if list, _ := env.accounts.ListAccounts(ctx); len(list) != 0 || len(env.secrets.values) != 0 {
		t.Fatalf("a failed connection left %v and secrets %v", list, env.secrets.values)
	}
	for _, bad := range []backend.NewAccount{
		{Name: "Bad Name", Platform: backend.PlatformTelegram, Secrets: map[string]string{"bot_token": "x"}},
		{Name: "ok", Platform: "myspace", Secrets: map[string]string{"bot_token": "x"}},
		{Name: "ok", Platform: backend.PlatformTelegram},
		{Name: "ok", Platform: backend.PlatformTelegram, BaseURL: "ftp://x", Secrets: map[string]string{"bot_token": "x"}},
	} {
		if _, err := env.accounts.AddAccount(ctx, bad); backend.ErrorCode(err) != backend.EINVALID {
			t.Errorf("%+v: %v", bad, err)
		}
	}
	a := env.connect(t)
	if a.Status != backend.AccountActive || a.Channels[backend.PlatformTelegram] == 0 || a.IDs["bot_id"] != "42" {
		t.Fatalf("account %+v", a)
	}
	for _, v := range env.secrets.values {
		if v != `{"bot_token":"123:good"}` {
			t.Fatalf("keyring holds %q", v)
		}
	}
	if n, err := env.accounts.SyncDue(ctx); err != nil || n != 45 {
		t.Fatalf("synced %d: %v", n, err)
	}
	a, _ = env.accounts.GetAccount(ctx, a.ID)
	if a.Backfill != nil || a.LastSuccessAt == nil || a.NextSyncAt == nil {
		t.Fatalf("after sync %+v", a)
	}
	// A rate limit waits exactly as told; an invalid token needs reconnecting.
	env.platform.failures = []error{&backend.RetryAfterError{After: 37 * time.Second, Err: backend.Errorf(backend.ERATELIMITED, "Too Many Requests")}}
	env.clock.Set(env.clock.Now().Add(2 * time.Minute))
	if _, err := env.accounts.SyncDue(ctx); err != nil {
		t.Fatal(err)
	}
	a, _ = env.accounts.GetAccount(ctx, a.ID)
	if a.Status != backend.AccountRateLimited || a.NextSyncAt.Sub(env.clock.Now()) != 37*time.Second {
		t.Fatalf("rate limited: %+v", a)
	}
	env.platform.token = "123:rotated"
	env.clock.Set(env.clock.Now().Add(time.Minute))
	if _, err := env.accounts.SyncDue(ctx); err != nil {
		t.Fatal(err)
	}
	a, _ = env.accounts.GetAccount(ctx, a.ID)
	if a.Status != backend.AccountNeedsReconnect || a.LastError == nil || a.LastError.Key != "account_token_invalid" {
		t.Fatalf("expired token: %+v", a)
	}
	if _, err := env.accounts.SyncNow(ctx, a.ID); backend.ErrorCode(err) != backend.ECONFLICT {
		t.Fatalf("sync now on a disconnected account: %v", err)
	}
	secrets := map[string]string{"bot_token": "123:rotated"}
	if a, err := env.accounts.UpdateAccount(ctx, a.ID, backend.AccountUpdate{Secrets: &secrets}); err != nil || a.Status != backend.AccountActive {
		t.Fatalf("reconnect: %v %+v", err, a)
	}
	if a, err := env.accounts.PauseAccount(ctx, a.ID, true); err != nil || a.Status != backend.AccountPaused {
		t.Fatalf("pause: %v %+v", err, a)
	}
	if err := env.accounts.RemoveAccount(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if len(env.secrets.values) != 0 {
		t.Fatalf("removing left secrets %v", env.secrets.values)
	}
	if n := env.messageCount(t); n != 45 {
		t.Fatalf("removing an account lost messages: %d", n)
	}
	env.verifyAudit(t)
}

// TestSyncSurvivesCrashes kills the engine at random points in 50 runs, and checks that every
// inbound message arrives exactly once and no outbound one is delivered twice.
func TestSyncSurvivesCrashes(t *testing.T) {
	seed := rand.Uint64()
	rng := rand.New(rand.NewPCG(seed, 7))
	totalCrashes := 0
	defer func() { t.Logf("seed %d: %d crashes of the sync engine", seed, totalCrashes) }()
	for run := range 50 {
		total := 30 + rng.IntN(120)
		env := newSync(t, total, 5+rng.IntN(20))
		ctx := context.Background()
		a := env.connect(t)
		crashes := 0
		for pass := 0; pass < 500; pass++ {
			crashNow := rng.IntN(2) == 0
			env.accounts.SetCrash(func(string) bool { return crashNow && rng.IntN(2) == 0 })
			_, err := env.accounts.SyncDue(ctx)
			if sqlite.IsCrash(err) {
				crashes++
				env.restartSync()
				continue
			}
			if err != nil {
				t.Fatalf("run %d (seed %d): %v", run, seed, err)
			}
			got, _ := env.accounts.GetAccount(ctx, a.ID)
			if got.Backfill == nil && env.messageCount(t) == total {
				break
			}
			env.clock.Set(env.clock.Now().Add(2 * time.Minute))
		}
		totalCrashes += crashes
		if n := env.messageCount(t); n != total {
			t.Fatalf("run %d (seed %d): %d messages stored, want %d, after %d crashes", run, seed, n, total, crashes)
		}
		// Replies out through the account's connector, with crashes while sending.
		detail := env.list(t, backend.ConversationFilter{Limit: 3})
		for _, c := range detail {
			env.compose(t, c.ID, "Merci, on regarde !")
		}
		for pass := 0; pass < 20; pass++ {
			env.crashAt = []string{"", "claimed", "sent"}[rng.IntN(3)]
			_, err := env.replies.SendDue(ctx)
			env.crashAt = ""
			if sqlite.IsCrash(err) {
				env.restartSync()
			} else if err != nil {
				t.Fatal(err)
			}
		}
		for key, n := range env.platform.delivered {
			if n > 1 {
				t.Fatalf("run %d (seed %d): key %s delivered %d times", run, seed, key, n)
			}
		}
		env.verifyAudit(t)
	}
}

// Meta connectors refuse to be built without their channels; connecting one tests it before the
// channels exist (a bug the CLI tests found).
func TestConnectMetaAccounts(t *testing.T) {
	env := newSync(t, 0, 1)
	ctx := context.Background()
	fake := metatest.New(t, env.clock.Now)
	accounts := sqlite.NewAccountService(env.ws, env.events, env.inbox, env.secrets, func(cfg backend.ConnectorConfig) (backend.Connector, error) {
		if cfg.Account.Platform == backend.PlatformInstagram {
			return meta.NewInstagram(cfg)
		}
		return meta.NewFacebook(cfg)
	}, sqlite.NewSandboxSenders(env.ws))
	ig, err := accounts.AddAccount(ctx, backend.NewAccount{Name: "insta", Platform: backend.PlatformInstagram, BaseURL: fake.URL,
		IDs: map[string]string{"ig_user_id": metatest.IGUserID, "page_id": metatest.PageID}, Secrets: map[string]string{"access_token": metatest.Token}})
	if err != nil || ig.Channels[backend.PlatformInstagram] == 0 {
		t.Fatalf("instagram: %v %+v", err, ig)
	}
	fb, err := accounts.AddAccount(ctx, backend.NewAccount{Name: "page", Platform: backend.PlatformFacebook, BaseURL: fake.URL,
		IDs: map[string]string{"page_id": metatest.PageID}, Secrets: map[string]string{"access_token": metatest.Token}})
	if err != nil || fb.Channels[backend.PlatformFacebook] == 0 || fb.Channels[backend.PlatformMessenger] == 0 {
		t.Fatalf("facebook: %v %+v", err, fb)
	}
	if n, err := accounts.SyncDue(ctx); err != nil || n == 0 {
		t.Fatalf("synced %d: %v", n, err)
	}
	for _, id := range []int64{ig.ID, fb.ID} {
		if a, _ := accounts.GetAccount(ctx, id); a.Status != backend.AccountActive || a.LastSuccessAt == nil {
			t.Errorf("account %s after sync: %+v", a.Name, a)
		}
	}
}

// webhookOnly is a connector whose inbound arrives by webhook only (WhatsApp).
type webhookOnly struct{ *fakeConnector }

func (webhookOnly) Capabilities() backend.Capabilities {
	return backend.Capabilities{Send: true, Webhook: true}
}

func TestWebhookOnlyAccountHasNoBackfill(t *testing.T) {
	env := newSync(t, 10, 5)
	ctx := context.Background()
	accounts := sqlite.NewAccountService(env.ws, env.events, env.inbox, env.secrets, func(cfg backend.ConnectorConfig) (backend.Connector, error) {
		c, err := env.platform.factory(cfg)
		return webhookOnly{c.(*fakeConnector)}, err
	}, sqlite.NewSandboxSenders(env.ws))
	a, err := accounts.AddAccount(ctx, backend.NewAccount{Name: "wa", Platform: backend.PlatformTelegram, Secrets: map[string]string{"bot_token": "123:good"}})
	if err != nil || a.Backfill == nil {
		t.Fatalf("connect: %v %+v", err, a)
	}
	if n, err := accounts.SyncDue(ctx); err != nil || n != 0 {
		t.Fatalf("a webhook-only account was fetched: %d %v", n, err)
	}
	if a, _ = accounts.GetAccount(ctx, a.ID); a.Backfill != nil || a.NextSyncAt == nil {
		t.Fatalf("after its first sync: %+v", a)
	}
}
