package telegram_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/connector/telegram"
	"tend/backend/connector/telegram/telegramtest"
)

const (
	token     = "123456789:AAF-secret_TOKEN-value-xyz"
	channelID = 42
	baseDate  = 1735725600
)

var fixedNow = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

func config(baseURL string) backend.ConnectorConfig {
	return backend.ConnectorConfig{
		Account: backend.Account{
			ID: 1, Name: "shop", Platform: backend.PlatformTelegram, BaseURL: baseURL,
			Channels: map[string]int64{backend.PlatformTelegram: channelID},
		},
		Secrets: map[string]string{telegram.SecretBotToken: token, telegram.SecretWebhookSecret: "hook_Secret-1"},
		Now:     func() time.Time { return fixedNow },
	}
}

func newServer(t *testing.T) *telegramtest.Server {
	t.Helper()
	s := telegramtest.NewServer(token)
	s.SetNow(func() time.Time { return fixedNow })
	t.Cleanup(s.Close)
	return s
}

func newConnector(t *testing.T, s *telegramtest.Server, opts ...telegram.Option) *telegram.Connector {
	t.Helper()
	c, err := telegram.New(config(s.URL), append([]telegram.Option{telegram.WithLongPoll(0)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func fixture(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "updates", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func privateText(id, messageID int64, text string) telegramtest.Update {
	return telegramtest.Update{UpdateID: id, Message: &telegramtest.Message{
		MessageID: messageID,
		From:      &telegramtest.User{ID: 111222333, FirstName: "Camille", Username: "camille_d"},
		Chat:      telegramtest.Chat{ID: 111222333, Type: telegramtest.Private, FirstName: "Camille"},
		Date:      baseDate + messageID,
		Text:      text,
	}}
}

// wantError checks err's code, key and params (besides "platform"), and returns the *backend.Error.
func wantError(t *testing.T, err error, code, key string, params map[string]string) *backend.Error {
	t.Helper()
	var e *backend.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v (%T), want a *backend.Error", err, err)
	}
	if e.Code != code || e.Key != key {
		t.Fatalf("err = %s key %q, want %s key %q (%v)", e.Code, e.Key, code, key, err)
	}
	got := map[string]string{}
	for k, v := range e.Params {
		if k != "platform" {
			got[k] = v
		}
	}
	if params == nil {
		params = map[string]string{}
	}
	if !reflect.DeepEqual(got, params) {
		t.Errorf("params = %v, want %v", got, params)
	}
	if e.Params["platform"] != "Telegram" {
		t.Errorf("params[platform] = %q, want Telegram", e.Params["platform"])
	}
	if e.Message == "" {
		t.Error("no English message")
	}
	return e
}

func TestNew(t *testing.T) {
	cases := []struct {
		name    string
		mutate  func(*backend.ConnectorConfig)
		key     string
		params  map[string]string
		wantErr bool
	}{
		{name: "ok", mutate: func(*backend.ConnectorConfig) {}},
		{name: "default base URL", mutate: func(c *backend.ConnectorConfig) { c.Account.BaseURL = "" }},
		{name: "no channel yet", mutate: func(c *backend.ConnectorConfig) { c.Account.Channels = nil }},
		{name: "no token", mutate: func(c *backend.ConnectorConfig) { delete(c.Secrets, "bot_token") },
			wantErr: true, key: telegram.KeySecretMissing, params: map[string]string{"name": "bot_token"}},
		{name: "blank token", mutate: func(c *backend.ConnectorConfig) { c.Secrets["bot_token"] = "  " },
			wantErr: true, key: telegram.KeySecretMissing, params: map[string]string{"name": "bot_token"}},
		{name: "bad base URL", mutate: func(c *backend.ConnectorConfig) { c.Account.BaseURL = "ftp://example.org" },
			wantErr: true, key: telegram.KeyBaseURLInvalid, params: map[string]string{"url": "ftp://example.org"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := config("http://127.0.0.1:1")
			tc.mutate(&cfg)
			c, err := telegram.New(cfg)
			if !tc.wantErr {
				if err != nil || c == nil {
					t.Fatalf("New: %v", err)
				}
				return
			}
			wantError(t, err, backend.EINVALID, tc.key, tc.params)
		})
	}
}

func TestConnectorDoesNotPrintItsToken(t *testing.T) {
	c, err := telegram.New(config(""))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{c.String(), c.GoString()} {
		if strings.Contains(s, "secret_TOKEN") {
			t.Errorf("%q holds the token", s)
		}
	}
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestDefaultBaseURLAndRequestShape(t *testing.T) {
	var got *http.Request
	var body []byte
	cfg := config("")
	cfg.HTTP = &http.Client{Transport: roundTrip(func(r *http.Request) (*http.Response, error) {
		got = r
		body, _ = io.ReadAll(r.Body)
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(`{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"B"}}`))}, nil
	})}
	c, err := telegram.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Test(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got.Method != http.MethodPost || got.URL.Host != "api.telegram.org" || got.URL.Scheme != "https" ||
		got.URL.Path != "/bot"+token+"/getMe" {
		t.Errorf("request = %s %s", got.Method, got.URL)
	}
	if ct := got.Header.Get("Content-Type"); ct != "application/json" || string(body) != "{}" {
		t.Errorf("content type %q, body %q", ct, body)
	}
}

func TestCapabilities(t *testing.T) {
	c := newConnector(t, newServer(t))
	want := backend.Capabilities{Fetch: true, Send: true, Hide: false, Delete: true, PrivateReply: false, Webhook: true}
	if got := c.Capabilities(); got != want {
		t.Errorf("Capabilities() = %+v, want %+v", got, want)
	}
	if c.Idempotent() {
		t.Error("Idempotent() = true: the Bot API has no idempotency key")
	}
}

func TestTest(t *testing.T) {
	cases := []struct {
		name string
		bot  telegramtest.User
		want backend.AccountInfo
	}{
		{"with username", telegramtest.DefaultBot, backend.AccountInfo{DisplayName: "Tend Test (@tend_test_bot)",
			IDs: map[string]string{"bot_id": "7000001", "username": "tend_test_bot"}}},
		{"without username", telegramtest.User{ID: 99, IsBot: true, FirstName: "Shop"}, backend.AccountInfo{DisplayName: "Shop",
			IDs: map[string]string{"bot_id": "99", "username": ""}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t)
			s.SetBot(tc.bot)
			got, err := newConnector(t, s).Test(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Test() = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestFetchPagesWithNonContiguousIDs(t *testing.T) {
	ctx := context.Background()
	s := newServer(t)
	c := newConnector(t, s)
	var ids []int64
	for i := range int64(150) {
		id := 1000 + i*7
		if i >= 60 {
			id += 100_000 // a jump, as after a quiet week
		}
		ids = append(ids, id)
		s.Queue(privateText(id, i+1, "message "+strconv.FormatInt(i+1, 10)))
	}

	steps := []struct {
		cursor      string
		wantCount   int
		wantMore    bool
		wantCursor  string
		wantOffset  string // the offset param sent, "" for none
		wantPending int    // updates left unconfirmed on the server after the call
	}{
		{"", 100, true, strconv.FormatInt(ids[99]+1, 10), "", 150},
		{strconv.FormatInt(ids[99]+1, 10), 50, false, strconv.FormatInt(ids[149]+1, 10), strconv.FormatInt(ids[99]+1, 10), 50},
		{strconv.FormatInt(ids[149]+1, 10), 0, false, strconv.FormatInt(ids[149]+1, 10), strconv.FormatInt(ids[149]+1, 10), 0},
	}
	first := 0
	for i, st := range steps {
		res, err := c.Fetch(ctx, st.cursor)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if len(res.Messages) != st.wantCount || res.More != st.wantMore || res.Cursor != st.wantCursor {
			t.Fatalf("step %d: %d messages, more %v, cursor %q; want %d, %v, %q",
				i, len(res.Messages), res.More, res.Cursor, st.wantCount, st.wantMore, st.wantCursor)
		}
		for j, m := range res.Messages {
			want := "111222333:" + strconv.Itoa(first+j+1)
			if m.PlatformMessageID != want {
				t.Fatalf("step %d: message %d is %q, want %q", i, j, m.PlatformMessageID, want)
			}
		}
		first += len(res.Messages)
		reqs := s.Requests("getUpdates")
		p := reqs[len(reqs)-1].Params
		if p["offset"] != st.wantOffset || p["limit"] != "100" || p["timeout"] != "0" {
			t.Errorf("step %d: params %v", i, p)
		}
		if got := len(s.Pending()); got != st.wantPending {
			t.Errorf("step %d: %d updates pending, want %d", i, got, st.wantPending)
		}
	}
	want := []string{"message", "edited_message", "channel_post", "edited_channel_post"}
	if got := s.AllowedUpdates(); !slices.Equal(got, want) {
		t.Errorf("allowed_updates = %v, want %v", got, want)
	}
	if n := s.Calls("getMe"); n != 1 {
		t.Errorf("getMe called %d times, want once", n)
	}
}

func TestFetchLongPollsAfterTheFirstSync(t *testing.T) {
	cases := []struct {
		name   string
		opts   []telegram.Option
		cursor string
		want   string
	}{
		{"first sync", nil, "", "0"},
		{"default", []telegram.Option{telegram.WithLongPoll(telegram.DefaultLongPoll)}, "5", "25"},
		{"option", []telegram.Option{telegram.WithLongPoll(7)}, "5", "7"},
		{"capped", []telegram.Option{telegram.WithLongPoll(500)}, "5", "50"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t)
			s.Queue(privateText(5, 1, "hi")) // pending, so the long poll returns at once
			c := newConnector(t, s, tc.opts...)
			if _, err := c.Fetch(context.Background(), tc.cursor); err != nil {
				t.Fatal(err)
			}
			if got := s.Requests("getUpdates")[0].Params["timeout"]; got != tc.want {
				t.Errorf("timeout = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestFetchLongPollWaitsForAnUpdate(t *testing.T) {
	s := newServer(t)
	c := newConnector(t, s, telegram.WithLongPoll(5))
	go func() {
		time.Sleep(100 * time.Millisecond)
		s.Queue(privateText(9, 1, "late"))
	}()
	res, err := c.Fetch(context.Background(), "3")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Messages) != 1 || res.Cursor != "10" {
		t.Errorf("got %d messages, cursor %q", len(res.Messages), res.Cursor)
	}
}

func TestFetchSkipsUnknownKindsButAdvances(t *testing.T) {
	ctx := context.Background()
	s := newServer(t)
	c := newConnector(t, s)
	for _, raw := range []string{
		fixture(t, "callback_query"),   // 873459061
		fixture(t, "message_reaction"), // 873459062
		`{"update_id":873459063,"chat_boost":{"chat":{"id":1,"type":"channel"},"boost":{}}}`,
		`{"update_id":873459064,"message":{"message_id":"not a number","chat":{"id":1,"type":"private"}}}`,
		fixture(t, "service_new_members"), // 873459060: lower id, still confirmed by the offset
	} {
		if err := s.QueueJSON(raw); err != nil {
			t.Fatal(err)
		}
	}
	res, err := c.Fetch(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Messages) != 0 || res.Cursor != "873459065" || res.More {
		t.Fatalf("got %d messages, cursor %q, more %v", len(res.Messages), res.Cursor, res.More)
	}
	s.Queue(privateText(873459100, 1, "and now a message"))
	res, err = c.Fetch(ctx, res.Cursor)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Messages) != 1 || res.Cursor != "873459101" {
		t.Fatalf("got %d messages, cursor %q", len(res.Messages), res.Cursor)
	}
	if p := s.Pending(); len(p) != 1 || p[0] != 873459100 {
		t.Errorf("pending %v: the skipped updates were not confirmed", p)
	}
}

func TestFetchEmptyKeepsTheCursor(t *testing.T) {
	for _, cursor := range []string{"", "77"} {
		res, err := newConnector(t, newServer(t)).Fetch(context.Background(), cursor)
		if err != nil {
			t.Fatal(err)
		}
		if res.Cursor != cursor || len(res.Messages) != 0 || res.More {
			t.Errorf("cursor %q: got %+v", cursor, res)
		}
	}
}

func TestFetchEditInTheSamePageKeepsTheOriginal(t *testing.T) {
	s := newServer(t)
	for _, name := range []string{"private_text", "edited_message"} {
		if err := s.QueueJSON(fixture(t, name)); err != nil {
			t.Fatal(err)
		}
	}
	res, err := newConnector(t, s).Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Messages) != 1 || res.Messages[0].Text != "Bonjour, ma commande n'est pas arrivée" {
		t.Errorf("messages %+v", res.Messages)
	}
	if res.Cursor != "873459031" {
		t.Errorf("cursor %q", res.Cursor)
	}
}

func TestFetchNeedsAChannelAndAValidCursor(t *testing.T) {
	s := newServer(t)
	cfg := config(s.URL)
	cfg.Account.Channels = map[string]int64{}
	c, err := telegram.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Fetch(context.Background(), "")
	wantError(t, err, backend.EINVALID, telegram.KeyChannelMissing, nil)

	_, err = newConnector(t, s).Fetch(context.Background(), "12abc")
	if backend.ErrorCode(err) != backend.EINTERNAL {
		t.Errorf("bad cursor: %v", err)
	}
}

func TestSend(t *testing.T) {
	ctx := context.Background()
	long := strings.Repeat("é", telegram.MaxTextRunes+1)
	exact := strings.Repeat("😀", telegram.MaxTextRunes)
	cases := []struct {
		name      string
		msg       backend.OutboundMessage
		wantID    string
		wantChat  string // raw JSON chat_id
		wantReply string // raw JSON reply_parameters, "" for none
		key       string // expected error key
		code      string
		params    map[string]string
	}{
		{name: "private", msg: backend.OutboundMessage{ThreadKey: "111222333", Text: "Merci, nous regardons."},
			wantID: "111222333:13", wantChat: `111222333`},
		{name: "reply", msg: backend.OutboundMessage{ThreadKey: "111222333", ReplyTo: "111222333:12", Text: "Voici le suivi."},
			wantID: "111222333:13", wantChat: `111222333`, wantReply: `{"message_id":12,"allow_sending_without_reply":true}`},
		{name: "reply to a deleted message", msg: backend.OutboundMessage{ThreadKey: "111222333", ReplyTo: "111222333:999", Text: "Toujours là ?"},
			wantID: "111222333:13", wantChat: `111222333`, wantReply: `{"message_id":999,"allow_sending_without_reply":true}`},
		{name: "reply in another chat is dropped", msg: backend.OutboundMessage{ThreadKey: "111222333", ReplyTo: "-100:12", Text: "Bonjour"},
			wantID: "111222333:13", wantChat: `111222333`},
		{name: "malformed reply-to is dropped", msg: backend.OutboundMessage{ThreadKey: "111222333", ReplyTo: "12", Text: "Bonjour"},
			wantID: "111222333:13", wantChat: `111222333`},
		{name: "channel by username", msg: backend.OutboundMessage{ThreadKey: "@tendnews", Text: "Nouveau !"},
			wantID: "-1001555000111:1", wantChat: `"@tendnews"`},
		{name: "group", msg: backend.OutboundMessage{ThreadKey: "-4001234567", Text: "Bienvenue"},
			wantID: "-4001234567:1", wantChat: `-4001234567`},
		{name: "4096 characters", msg: backend.OutboundMessage{ThreadKey: "111222333", Text: exact},
			wantID: "111222333:13", wantChat: `111222333`},
		{name: "too long", msg: backend.OutboundMessage{ThreadKey: "111222333", Text: long},
			code: backend.EINVALID, key: telegram.KeyTooLong, params: map[string]string{"limit": "4096", "length": "4097"}},
		{name: "empty", msg: backend.OutboundMessage{ThreadKey: "111222333", Text: " \n"},
			code: backend.EINVALID, key: telegram.KeyTextRequired},
		{name: "unknown chat", msg: backend.OutboundMessage{ThreadKey: "555", Text: "Allô"},
			code: backend.EINVALID, key: telegram.KeyRefused, params: map[string]string{"reason": "Bad Request: chat not found"}},
		{name: "no chat", msg: backend.OutboundMessage{Text: "Allô"},
			code: backend.EINVALID, key: telegram.KeyRefused, params: map[string]string{"reason": "Bad Request: chat_id is empty"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t)
			if err := s.QueueJSON(fixture(t, "private_text")); err != nil { // message 12 of 111222333
				t.Fatal(err)
			}
			s.AddChat(telegramtest.Chat{ID: -1001555000111, Type: telegramtest.Channel, Title: "Tend News", Username: "tendnews"})
			s.AddChat(telegramtest.Chat{ID: -4001234567, Type: telegramtest.Group, Title: "Tend fans"})
			c := newConnector(t, s)
			tc.msg.IdempotencyKey = "k1"
			got, err := c.Send(ctx, tc.msg)
			if tc.key != "" {
				wantError(t, err, tc.code, tc.key, tc.params)
				if temp, _ := backend.Temporary(err); temp {
					t.Error("a refusal is not temporary")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := backend.SendReceipt{PlatformMessageID: tc.wantID, SentAt: fixedNow}
			if got != want {
				t.Errorf("receipt %+v, want %+v", got, want)
			}
			sent := s.Sent()
			if len(sent) != 1 || sent[0].Text != tc.msg.Text {
				t.Fatalf("sent %+v", sent)
			}
			req := s.Requests("sendMessage")[0]
			if string(req.JSON["chat_id"]) != tc.wantChat {
				t.Errorf("chat_id %s, want %s", req.JSON["chat_id"], tc.wantChat)
			}
			if string(req.JSON["reply_parameters"]) != tc.wantReply {
				t.Errorf("reply_parameters %s, want %s", req.JSON["reply_parameters"], tc.wantReply)
			}
		})
	}
}

func TestSendTooLongMakesNoCall(t *testing.T) {
	s := newServer(t)
	_, err := newConnector(t, s).Send(context.Background(), backend.OutboundMessage{ThreadKey: "1", Text: strings.Repeat("a", 5000)})
	wantError(t, err, backend.EINVALID, telegram.KeyTooLong, map[string]string{"limit": "4096", "length": "5000"})
	if n := s.Calls("sendMessage"); n != 0 {
		t.Errorf("sendMessage called %d times", n)
	}
}

func TestSendDateFallsBackToNow(t *testing.T) {
	s := newServer(t)
	s.SetNow(func() time.Time { return time.Unix(0, 0) }) // date 0: unknown
	s.AddChat(telegramtest.Chat{ID: 5, Type: telegramtest.Private})
	got, err := newConnector(t, s).Send(context.Background(), backend.OutboundMessage{ThreadKey: "5", Text: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if !got.SentAt.Equal(fixedNow) {
		t.Errorf("SentAt %v", got.SentAt)
	}
}

func TestModerate(t *testing.T) {
	cases := []struct {
		name   string
		action backend.ModerationAction
		code   string
		key    string
		params map[string]string
	}{
		{name: "delete", action: backend.ModerationAction{Kind: backend.ModerateDelete, MessageID: "-1001987654321:41"}},
		{name: "hide", action: backend.ModerationAction{Kind: backend.ModerateHide, MessageID: "-1001987654321:41"},
			code: backend.EINVALID, key: telegram.KeyModeration, params: map[string]string{"action": "hide"}},
		{name: "unhide", action: backend.ModerationAction{Kind: backend.ModerateUnhide, MessageID: "-1001987654321:41"},
			code: backend.EINVALID, key: telegram.KeyModeration, params: map[string]string{"action": "unhide"}},
		{name: "bad id", action: backend.ModerationAction{Kind: backend.ModerateDelete, MessageID: "41"},
			code: backend.EINVALID, key: telegram.KeyMessageIDInvalid, params: map[string]string{"id": "41"}},
		{name: "gone", action: backend.ModerationAction{Kind: backend.ModerateDelete, MessageID: "-1001987654321:40000"},
			code: backend.EINVALID, key: telegram.KeyRefused, params: map[string]string{"reason": "Bad Request: message to delete not found"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t)
			if err := s.QueueJSON(fixture(t, "supergroup_reply")); err != nil {
				t.Fatal(err)
			}
			err := newConnector(t, s).Moderate(context.Background(), tc.action)
			if tc.key != "" {
				wantError(t, err, tc.code, tc.key, tc.params)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := []telegramtest.Deleted{{ChatID: -1001987654321, MessageID: 41}}
			if got := s.Deleted(); !slices.Equal(got, want) {
				t.Errorf("deleted %v, want %v", got, want)
			}
			req := s.Requests("deleteMessage")[0]
			if string(req.JSON["chat_id"]) != "-1001987654321" || string(req.JSON["message_id"]) != "41" {
				t.Errorf("request %v", req.JSON)
			}
		})
	}
}

func TestWebhookSetAndDelete(t *testing.T) {
	ctx := context.Background()
	s := newServer(t)
	c := newConnector(t, s)
	const hook = "https://tend.example.org/hooks/telegram/shop"

	if err := c.SetWebhook(ctx, hook, "s3cret_ABC-1"); err != nil {
		t.Fatal(err)
	}
	w := s.Webhook()
	if w.URL != hook || w.SecretToken != "s3cret_ABC-1" ||
		!slices.Equal(w.AllowedUpdates, []string{"message", "edited_message", "channel_post", "edited_channel_post"}) {
		t.Errorf("webhook %+v", w)
	}
	// Polling while a webhook is set is a conflict.
	_, err := c.Fetch(ctx, "")
	wantError(t, err, backend.ECONFLICT, telegram.KeyConflict, nil)

	if err := c.SetWebhook(ctx, hook, ""); err != nil {
		t.Fatal(err)
	}
	if got := s.Webhook().SecretToken; got != "hook_Secret-1" {
		t.Errorf("secret %q, want the account's webhook_secret", got)
	}
	err = c.SetWebhook(ctx, hook, "not allowed!")
	wantError(t, err, backend.EINVALID, telegram.KeyRefused, map[string]string{"reason": telegramtest.DescSecretInvalid})

	s.Queue(privateText(3, 1, "kept while the webhook was set"))
	if err := c.DeleteWebhook(ctx); err != nil {
		t.Fatal(err)
	}
	if s.Webhook().URL != "" {
		t.Error("webhook still set")
	}
	res, err := c.Fetch(ctx, "")
	if err != nil || len(res.Messages) != 1 {
		t.Fatalf("after deleteWebhook: %v, %+v", err, res)
	}
	if got := s.Requests("deleteWebhook")[0].JSON["drop_pending_updates"]; string(got) != "false" {
		t.Errorf("drop_pending_updates %s", got)
	}
}

// TestRequestsAreJSON pins the wire format the connector uses, for the record.
func TestRequestsAreJSON(t *testing.T) {
	s := newServer(t)
	c := newConnector(t, s)
	if _, err := c.Fetch(context.Background(), "10"); err != nil {
		t.Fatal(err)
	}
	req := s.Requests("getUpdates")[0]
	if req.ContentType != "application/json" || req.HTTPMethod != http.MethodPost {
		t.Errorf("%s %s", req.HTTPMethod, req.ContentType)
	}
	var allowed []string
	if err := json.Unmarshal(req.JSON["allowed_updates"], &allowed); err != nil || len(allowed) != 4 {
		t.Errorf("allowed_updates %s", req.JSON["allowed_updates"])
	}
	if string(req.JSON["offset"]) != "10" {
		t.Errorf("offset %s", req.JSON["offset"])
	}
}
