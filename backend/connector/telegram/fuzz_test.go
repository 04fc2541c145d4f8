package telegram_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"tend/backend"
	"tend/backend/connector/telegram"
)

func fixtures(f *testing.F) [][]byte {
	f.Helper()
	names, err := filepath.Glob(filepath.Join("testdata", "updates", "*.json"))
	if err != nil || len(names) == 0 {
		f.Fatalf("no fixtures: %v", err)
	}
	var out [][]byte
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// FuzzParseWebhook feeds any body to ParseWebhook: it must never panic, and return either at most
// one message that passes IncomingMessage.Validate, or EINVALID webhook_invalid and nothing.
func FuzzParseWebhook(f *testing.F) {
	for _, fx := range fixtures(f) {
		f.Add(fx)
	}
	for _, s := range []string{
		``, `null`, `[]`, `{"update_id":1}`, `{"update_id":-1,"message":null}`,
		`{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"text":"\xff\xfe"}}`,
		`{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"text":"\u0000"}}`,
		`{"update_id":1,"message":{"message_id":-5,"date":9999999999999,"chat":{"id":-1,"type":""},"from":{"id":-9},"caption":"x"}}`,
		`{"update_id":1,"channel_post":{"message_id":1,"date":1,"chat":{"id":1,"type":"channel"},"photo":[]}}`,
		`{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"reply_to_message":{"reply_to_message":{}},"sticker":{"file_size":-1}}}`,
	} {
		f.Add([]byte(s))
	}
	acct := config("").Account
	acct.IDs = map[string]string{"bot_id": "7000001"}
	f.Fuzz(func(t *testing.T, body []byte) {
		batch, err := telegram.ParseWebhook(acct, body)
		if err != nil {
			var e *backend.Error
			if !errors.As(err, &e) || e.Code != backend.EINVALID || e.Key != telegram.KeyWebhookInvalid {
				t.Fatalf("err = %v", err)
			}
			if len(batch.Messages) != 0 {
				t.Fatal("messages with an error")
			}
			return
		}
		if len(batch.Messages) > 1 {
			t.Fatalf("%d messages from one update", len(batch.Messages))
		}
		for _, m := range batch.Messages {
			if err := m.Validate(); err != nil {
				t.Fatalf("invalid message %+v: %v", m, err)
			}
			if m.ChannelID != channelID || m.Kind != backend.ConversationDM {
				t.Fatalf("message %+v", m)
			}
		}
	})
}

// fuzzKeys are the keys an answer from the server may turn into.
var fuzzKeys = []string{
	telegram.KeyTokenInvalid, telegram.KeyRateLimited, telegram.KeyUnreachable, telegram.KeyBadResponse,
	telegram.KeyConflict, telegram.KeyChatMigrated, telegram.KeyRefused,
}

// FuzzFetch serves any getUpdates answer: a list of arbitrary updates inside a successful envelope
// (wrap), or any body with any status. Fetch must never panic; it returns messages that pass
// Validate and a cursor past the start, or one of the connector's errors, never the token.
func FuzzFetch(f *testing.F) {
	var mu sync.Mutex
	var status int
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if strings.HasSuffix(r.URL.Path, "/getMe") {
			_, _ = w.Write([]byte(`{"ok":true,"result":{"id":7000001,"is_bot":true,"first_name":"Tend Test"}}`))
			return
		}
		mu.Lock()
		st, b := status, body
		mu.Unlock()
		w.Header().Set("Retry-After", "3")
		w.WriteHeader(st)
		_, _ = w.Write(b)
	}))
	f.Cleanup(srv.Close)
	c, err := telegram.New(config(srv.URL), telegram.WithLongPoll(0))
	if err != nil {
		f.Fatal(err)
	}

	fx := fixtures(f)
	for _, x := range fx {
		f.Add(200, true, x)
	}
	var all []string
	for _, x := range fx {
		all = append(all, string(x))
	}
	f.Add(200, true, []byte(strings.Join(all, ",")))
	f.Add(200, true, []byte(`{"update_id":1},{"update_id":"2"}`))
	f.Add(200, true, []byte(`1,2,3`))
	f.Add(200, false, []byte(`{"ok":true,"result":[]}`))
	f.Add(200, false, []byte(`{"ok":true,"result":null}`))
	f.Add(429, false, []byte(`{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 9","parameters":{"retry_after":9}}`))
	f.Add(400, false, []byte(`{"ok":false,"error_code":400,"description":"Bad Request: bot`+token+`","parameters":{"migrate_to_chat_id":-100}}`))
	f.Add(409, false, []byte(`{"ok":false,"error_code":409,"description":"Conflict"}`))
	f.Add(502, false, []byte(`<html>`))
	f.Add(200, false, []byte(`{"ok":false,"error_code":-1}`))

	f.Fuzz(func(t *testing.T, st int, wrap bool, b []byte) {
		if st < 0 {
			st = -st
		}
		st = 200 + st%400
		if wrap {
			b = append(append([]byte(`{"ok":true,"result":[`), b...), "]}"...)
		}
		mu.Lock()
		status, body = st, b
		mu.Unlock()

		res, err := c.Fetch(context.Background(), "5")
		if err != nil {
			var e *backend.Error
			if !errors.As(err, &e) || !slices.Contains(fuzzKeys, e.Key) {
				t.Fatalf("err = %v", err)
			}
			assertNoLeak(t, err, token)
			return
		}
		next, perr := strconv.ParseInt(res.Cursor, 10, 64)
		if perr != nil || next < 5 {
			t.Fatalf("cursor %q", res.Cursor)
		}
		seen := map[string]bool{}
		for _, m := range res.Messages {
			if err := m.Validate(); err != nil {
				t.Fatalf("invalid message %+v: %v", m, err)
			}
			if seen[m.PlatformMessageID] {
				t.Fatalf("%s twice in one page", m.PlatformMessageID)
			}
			seen[m.PlatformMessageID] = true
		}
	})
}
