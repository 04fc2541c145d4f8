package meta_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/connector/graph"
	"tend/backend/connector/meta"
	"tend/backend/connector/meta/metatest"
)

const (
	igChannel        = 11
	fbChannel        = 21
	messengerChannel = 22
)

// clock is a settable clock shared by the fake and the connector.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newClock() *clock { return &clock{t: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)} }

func igAccount(baseURL string) backend.Account {
	return backend.Account{
		ID: 1, Name: "maison-ig", Platform: backend.PlatformInstagram, BaseURL: baseURL,
		IDs:      map[string]string{meta.IDPageID: metatest.PageID, meta.IDIGUserID: metatest.IGUserID},
		Channels: map[string]int64{backend.PlatformInstagram: igChannel},
	}
}

func fbAccount(baseURL string) backend.Account {
	return backend.Account{
		ID: 2, Name: "maison-fb", Platform: backend.PlatformFacebook, BaseURL: baseURL,
		IDs:      map[string]string{meta.IDPageID: metatest.PageID},
		Channels: map[string]int64{backend.PlatformFacebook: fbChannel, backend.PlatformMessenger: messengerChannel},
	}
}

func config(a backend.Account, clk *clock, token string) backend.ConnectorConfig {
	return backend.ConnectorConfig{Account: a, Secrets: map[string]string{meta.SecretAccessToken: token}, Now: clk.now}
}

func newInstagram(t *testing.T) (*metatest.Server, *meta.Instagram, *clock) {
	t.Helper()
	clk := newClock()
	srv := metatest.New(t, clk.now)
	ig, err := meta.NewInstagram(config(igAccount(srv.URL), clk, metatest.Token))
	if err != nil {
		t.Fatal(err)
	}
	return srv, ig, clk
}

func newFacebook(t *testing.T) (*metatest.Server, *meta.Facebook, *clock) {
	t.Helper()
	clk := newClock()
	srv := metatest.New(t, clk.now)
	fb, err := meta.NewFacebook(config(fbAccount(srv.URL), clk, metatest.Token))
	if err != nil {
		t.Fatal(err)
	}
	return srv, fb, clk
}

// syncRound fetches until the round is over and returns every message and the last cursor.
func syncRound(t *testing.T, c backend.Connector, cursor string) ([]backend.IncomingMessage, string, int) {
	t.Helper()
	var all []backend.IncomingMessage
	for calls := 1; ; calls++ {
		if calls > 500 {
			t.Fatal("the round never ends")
		}
		res, err := c.Fetch(context.Background(), cursor)
		if err != nil {
			t.Fatalf("Fetch #%d: %v", calls, err)
		}
		checkCursor(t, res.Cursor)
		for _, m := range res.Messages {
			if err := m.Validate(); err != nil {
				t.Fatalf("invalid message %+v: %v", m, err)
			}
		}
		all = append(all, res.Messages...)
		cursor = res.Cursor
		if !res.More {
			return all, cursor, calls
		}
	}
}

// checkCursor asserts a cursor is JSON and holds neither a URL nor the token.
func checkCursor(t *testing.T, cursor string) {
	t.Helper()
	if !json.Valid([]byte(cursor)) {
		t.Fatalf("cursor is not JSON: %q", cursor)
	}
	if strings.Contains(cursor, metatest.Token) || strings.Contains(cursor, "/"+graph.Version+"/") ||
		strings.Contains(cursor, "127.0.0.1") || strings.Contains(cursor, "access_token") {
		t.Fatalf("cursor holds a URL or the token: %s", cursor)
	}
}

func byID(msgs []backend.IncomingMessage) map[string]backend.IncomingMessage {
	out := map[string]backend.IncomingMessage{}
	for _, m := range msgs {
		out[m.PlatformMessageID] = m
	}
	return out
}

// assertNoToken checks that no form of err names the token.
func assertNoToken(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	texts := []string{err.Error(), fmt.Sprintf("%v %+v %#v", err, err, err), backend.ErrorMessage(err)}
	var e *backend.Error
	if errors.As(err, &e) {
		raw, _ := json.Marshal(backend.Public(err))
		texts = append(texts, string(raw))
		for _, v := range e.Params {
			texts = append(texts, v)
		}
	}
	for _, s := range texts {
		if strings.Contains(s, metatest.Token) {
			t.Errorf("the token leaks: %s", s)
		}
	}
}

// assertErr checks an error's code and key.
func assertErr(t *testing.T, err error, code, key string) *backend.Error {
	t.Helper()
	assertNoToken(t, err)
	var e *backend.Error
	if !errors.As(err, &e) {
		t.Fatalf("want %s %s, got %v", code, key, err)
	}
	if e.Code != code || e.Key != key {
		t.Fatalf("want %s %s, got %s %s: %v", code, key, e.Code, e.Key, err)
	}
	return e
}

// requestsTo returns the recorded requests whose path ends with suffix.
func requestsTo(srv *metatest.Server, method, suffix string) []metatest.Request {
	var out []metatest.Request
	for _, r := range srv.Requests() {
		if r.Method == method && strings.HasSuffix(r.Path, suffix) {
			out = append(out, r)
		}
	}
	return out
}
