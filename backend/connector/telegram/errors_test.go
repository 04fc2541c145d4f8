package telegram_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/connector/telegram"
	"tend/backend/connector/telegram/telegramtest"
)

type call func(context.Context, *telegram.Connector) error

var (
	callTest = func(ctx context.Context, c *telegram.Connector) error { _, err := c.Test(ctx); return err }
	// callFetch polls from an offset: getMe, then getUpdates.
	callFetch = func(ctx context.Context, c *telegram.Connector) error { _, err := c.Fetch(ctx, "5"); return err }
	callSend  = func(ctx context.Context, c *telegram.Connector) error {
		_, err := c.Send(ctx, backend.OutboundMessage{ThreadKey: "111222333", Text: "Bonjour"})
		return err
	}
	callDelete = func(ctx context.Context, c *telegram.Connector) error {
		return c.Moderate(ctx, backend.ModerationAction{Kind: backend.ModerateDelete, MessageID: "111222333:12"})
	}
)

type errorCase struct {
	name      string
	failure   *telegramtest.Failure
	token     string // the connector's token when not the server's
	call      call
	code      string
	key       string
	params    map[string]string
	after     time.Duration // the RetryAfterError's wait, 0 for none
	temporary bool
}

var errorCases = []errorCase{
	{name: "401 wrong token", token: "987654321:ZZZ-other-TOKEN", call: callTest,
		code: backend.EUNAUTHORIZED, key: telegram.KeyTokenInvalid, temporary: true},
	{name: "401 on getUpdates", failure: ptr(telegramtest.Failure{Status: 401, Description: "Unauthorized"}.On("getUpdates")), call: callFetch,
		code: backend.EUNAUTHORIZED, key: telegram.KeyTokenInvalid, temporary: true},
	{name: "404 on getMe", failure: ptr(telegramtest.Failure{Status: 404, Description: "Not Found"}.On("getMe")), call: callTest,
		code: backend.EUNAUTHORIZED, key: telegram.KeyTokenInvalid, temporary: true},
	{name: "409 second poller", failure: ptr(telegramtest.Conflict().On("getUpdates")), call: callFetch,
		code: backend.ECONFLICT, key: telegram.KeyConflict},
	{name: "429 retry_after in the body", failure: ptr(telegramtest.RateLimited(7).On("sendMessage")), call: callSend,
		code: backend.ERATELIMITED, key: telegram.KeyRateLimited, params: map[string]string{"seconds": "7"}, after: 7 * time.Second, temporary: true},
	{name: "429 body wins over header", failure: ptr(telegramtest.Failure{Method: "sendMessage", Status: 429, Description: "Too Many Requests: retry after 3",
		RetryAfter: 3, RetryAfterHeader: "99"}), call: callSend,
		code: backend.ERATELIMITED, key: telegram.KeyRateLimited, params: map[string]string{"seconds": "3"}, after: 3 * time.Second, temporary: true},
	{name: "429 Retry-After header only", failure: ptr(telegramtest.RateLimitedHeaderOnly(11).On("getUpdates")), call: callFetch,
		code: backend.ERATELIMITED, key: telegram.KeyRateLimited, params: map[string]string{"seconds": "11"}, after: 11 * time.Second, temporary: true},
	{name: "429 wait only in the description", failure: ptr(telegramtest.Failure{Status: 429, Description: "Too Many Requests: retry after 13"}.On("sendMessage")),
		call: callSend, code: backend.ERATELIMITED, key: telegram.KeyRateLimited, params: map[string]string{"seconds": "13"}, after: 13 * time.Second, temporary: true},
	{name: "429 without a wait", failure: ptr(telegramtest.Failure{Status: 429, Description: "Too Many Requests"}.On("sendMessage")),
		call: callSend, code: backend.ERATELIMITED, key: telegram.KeyRateLimited, params: map[string]string{"seconds": "5"}, after: telegram.DefaultRetryAfter, temporary: true},
	{name: "429 HTML from a proxy", failure: ptr(telegramtest.Failure{Method: "sendMessage", Status: 429, RetryAfterHeader: "4", Body: "<h1>slow down</h1>"}),
		call: callSend, code: backend.ERATELIMITED, key: telegram.KeyRateLimited, params: map[string]string{"seconds": "4"}, after: 4 * time.Second, temporary: true},
	{name: "500", failure: ptr(telegramtest.ServerError(500).On("sendMessage")), call: callSend,
		code: backend.EUNAVAILABLE, key: telegram.KeyUnreachable, temporary: true},
	{name: "502 HTML", failure: ptr(telegramtest.Garbage(502, "<html>Bad Gateway</html>").On("getUpdates")), call: callFetch,
		code: backend.EUNAVAILABLE, key: telegram.KeyUnreachable, temporary: true},
	{name: "garbage 200", failure: ptr(telegramtest.Garbage(200, "<html>captive portal</html>").On("getUpdates")), call: callFetch,
		code: backend.EUNAVAILABLE, key: telegram.KeyBadResponse, temporary: true},
	{name: "JSON without ok", failure: ptr(telegramtest.Failure{Method: "getMe", Body: `{"id":1}`, ContentType: "application/json"}), call: callTest,
		code: backend.EUNAVAILABLE, key: telegram.KeyBadResponse, temporary: true},
	{name: "result of the wrong shape", failure: ptr(telegramtest.Failure{Method: "getUpdates", Body: `{"ok":true,"result":{"update_id":1}}`, ContentType: "application/json"}),
		call: callFetch, code: backend.EUNAVAILABLE, key: telegram.KeyBadResponse, temporary: true},
	{name: "update without an id", failure: ptr(telegramtest.Failure{Method: "getUpdates", Body: `{"ok":true,"result":[{"message":{}}]}`, ContentType: "application/json"}),
		call: callFetch, code: backend.EUNAVAILABLE, key: telegram.KeyBadResponse, temporary: true},
	{name: "chat not found", failure: ptr(telegramtest.ChatNotFound().On("sendMessage")), call: callSend,
		code: backend.EINVALID, key: telegram.KeyRefused, params: map[string]string{"reason": "Bad Request: chat not found"}},
	{name: "bot blocked", failure: ptr(telegramtest.BotBlocked().On("sendMessage")), call: callSend,
		code: backend.EFORBIDDEN, key: telegram.KeyRefused, params: map[string]string{"reason": "Forbidden: bot was blocked by the user"}},
	{name: "chat migrated", failure: ptr(telegramtest.ChatMigrated(-1001234567890).On("sendMessage")), call: callSend,
		code: backend.EINVALID, key: telegram.KeyChatMigrated, params: map[string]string{"chat_id": "-1001234567890"}},
	{name: "delete refused", failure: ptr(telegramtest.Failure{Status: 400, Description: "Bad Request: message can't be deleted"}.On("deleteMessage")),
		call: callDelete, code: backend.EINVALID, key: telegram.KeyRefused, params: map[string]string{"reason": "Bad Request: message can't be deleted"}},
	{name: "description echoing the token", failure: ptr(telegramtest.Failure{Status: 400, Description: "Bad Request: bot" + token + " is odd"}.On("sendMessage")),
		call: callSend, code: backend.EINVALID, key: telegram.KeyRefused, params: map[string]string{"reason": "Bad Request: bot[redacted] is odd"}},
	{name: "ok false without a code", failure: ptr(telegramtest.Failure{Method: "sendMessage", Body: `{"ok":false}`, ContentType: "application/json"}),
		call: callSend, code: backend.EUNAVAILABLE, key: telegram.KeyBadResponse, temporary: true},
}

func ptr[T any](v T) *T { return &v }

func TestErrorMapping(t *testing.T) {
	for _, tc := range errorCases {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t)
			s.AddChat(telegramtest.Chat{ID: 111222333, Type: telegramtest.Private})
			if tc.failure != nil {
				s.Fail(*tc.failure)
			}
			cfg := config(s.URL)
			if tc.token != "" {
				cfg.Secrets["bot_token"] = tc.token
			}
			c, err := telegram.New(cfg, telegram.WithLongPoll(0))
			if err != nil {
				t.Fatal(err)
			}
			err = tc.call(context.Background(), c)
			wantError(t, err, tc.code, tc.key, tc.params)
			var ra *backend.RetryAfterError
			if got := errors.As(err, &ra); got != (tc.after != 0) || (got && ra.After != tc.after) {
				t.Errorf("RetryAfterError %v, want a wait of %v", ra, tc.after)
			}
			temp, after := backend.Temporary(err)
			if temp != tc.temporary || after != tc.after {
				t.Errorf("Temporary = %v, %v; want %v, %v", temp, after, tc.temporary, tc.after)
			}
			assertNoLeak(t, err, token)
			if tc.token != "" {
				assertNoLeak(t, err, tc.token)
			}
		})
	}
}

func TestNetworkErrors(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close()

	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://elsewhere.invalid"+r.URL.Path+"?again="+url.QueryEscape(token), http.StatusFound)
	}))
	t.Cleanup(redirect.Close)

	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // the server notices a client gone only once the body is read
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	t.Cleanup(hang.Close)

	cases := []struct {
		name    string
		base    string
		ctx     func() (context.Context, context.CancelFunc)
		wantIs  error
		wantKey string
	}{
		{name: "connection refused", base: closedURL, wantKey: telegram.KeyUnreachable},
		{name: "redirect not followed", base: redirect.URL, wantKey: telegram.KeyUnreachable},
		{name: "deadline", base: hang.URL, wantKey: telegram.KeyUnreachable, wantIs: context.DeadlineExceeded,
			ctx: func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 50*time.Millisecond)
			}},
		{name: "cancelled", base: hang.URL, wantKey: telegram.KeyUnreachable, wantIs: context.Canceled,
			ctx: func() (context.Context, context.CancelFunc) {
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(50*time.Millisecond, cancel)
				return ctx, cancel
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := telegram.New(config(tc.base), telegram.WithLongPoll(0))
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.Background(), context.CancelFunc(func() {})
			if tc.ctx != nil {
				ctx, cancel = tc.ctx()
			}
			defer cancel()
			for name, fn := range map[string]call{"test": callTest, "send": callSend, "fetch": callFetch, "delete": callDelete} {
				err := fn(ctx, c)
				wantError(t, err, backend.EUNAVAILABLE, tc.wantKey, nil)
				if tc.wantIs != nil && !errors.Is(err, tc.wantIs) {
					t.Errorf("%s: errors.Is(%v, %v) is false", name, err, tc.wantIs)
				}
				if temp, _ := backend.Temporary(err); !temp {
					t.Errorf("%s: not temporary", name)
				}
				assertNoLeak(t, err, token)
			}
		})
	}
}

// assertNoLeak fails when the token shows anywhere in err: its text, every link of its chain, its
// message and params, its public form.
func assertNoLeak(t *testing.T, err error, tok string) {
	t.Helper()
	if err == nil {
		return
	}
	forms := []string{tok, url.PathEscape(tok), url.QueryEscape(tok)}
	if _, secret, ok := strings.Cut(tok, ":"); ok {
		forms = append(forms, secret)
	}
	check := func(what, s string) {
		for _, f := range forms {
			if strings.Contains(s, f) {
				t.Errorf("the token leaks in %s: %q", what, s)
				return
			}
		}
	}
	check("Error()", err.Error())
	check("%+v", fmt.Sprintf("%+v", err))
	pub := backend.Public(err)
	check("Public message", pub.Message)
	for k, v := range pub.Params {
		check("param "+k, v)
	}
	var walk func(error, int)
	walk = func(e error, depth int) {
		if e == nil || depth > 20 {
			return
		}
		check(fmt.Sprintf("chain link %d (%T)", depth, e), e.Error())
		var ue *url.Error
		if errors.As(e, &ue) {
			check("url.Error.URL", ue.URL)
		}
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			walk(u.Unwrap(), depth+1)
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				walk(x, depth+1)
			}
		}
	}
	walk(err, 0)
}
