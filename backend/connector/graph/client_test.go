package graph_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/connector/graph"
)

const secretToken = "EAAG-secret-token-0123456789"

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func TestClientSendsTokenInHeaderOnly(t *testing.T) {
	var got *http.Request
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		body, _ = io.ReadAll(r.Body)
		_, _ = io.WriteString(w, `{"id":"42","name":"Maison"}`)
	}))
	defer srv.Close()
	c := &graph.Client{BaseURL: srv.URL + "/", Token: secretToken, AppSecret: "s3cret"}
	var out struct{ ID, Name string }
	q := map[string][]string{"fields": {"id,name"}, "access_token": {"leak"}}
	if err := c.Post(context.Background(), "/1010/messages", q, map[string]string{"a": "b"}, &out); err != nil {
		t.Fatal(err)
	}
	if out.ID != "42" || out.Name != "Maison" {
		t.Errorf("decoded %+v", out)
	}
	if got.URL.Path != "/"+graph.Version+"/1010/messages" {
		t.Errorf("path %s", got.URL.Path)
	}
	if got.Header.Get("Authorization") != "Bearer "+secretToken {
		t.Errorf("Authorization = %q", got.Header.Get("Authorization"))
	}
	if strings.Contains(got.URL.RawQuery, secretToken) || got.URL.Query().Has("access_token") {
		t.Errorf("the token is in the URL: %s", got.URL.RawQuery)
	}
	if got.URL.Query().Get("appsecret_proof") != graph.AppSecretProof(secretToken, "s3cret") {
		t.Errorf("appsecret_proof missing: %s", got.URL.RawQuery)
	}
	if got.Header.Get("Content-Type") != "application/json" || string(body) != `{"a":"b"}` {
		t.Errorf("body %s (%s)", body, got.Header.Get("Content-Type"))
	}
}

func TestClientNeverLeaksToken(t *testing.T) {
	// Meta echoing the token in an error message.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(400)
		_, _ = fmt.Fprintf(w, `{"error":{"message":"Malformed access token %s","type":"OAuthException","code":100,"error_user_msg":"bad %s"}}`, secretToken, secretToken)
	}))
	defer srv.Close()
	c := &graph.Client{BaseURL: srv.URL, Token: secretToken}
	err := c.Get(context.Background(), "me", nil, nil)
	assertNoToken(t, err)
	if backend.ErrorCode(err) != backend.EINVALID {
		t.Errorf("code %s", backend.ErrorCode(err))
	}

	// A network error whose text would name the address.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	c = &graph.Client{BaseURL: "http://" + addr + "/" + secretToken, Token: secretToken}
	err = c.Get(context.Background(), "me", nil, nil)
	if backend.ErrorCode(err) != backend.EUNAVAILABLE {
		t.Fatalf("unreachable: %v", err)
	}
	var e *backend.Error
	if !errors.As(err, &e) || e.Key != graph.KeyUnreachable {
		t.Errorf("key: %v", err)
	}
	assertNoToken(t, err)

	// A base URL that cannot be parsed.
	c = &graph.Client{BaseURL: "http://[::1" + secretToken, Token: secretToken}
	assertNoToken(t, c.Get(context.Background(), "me", nil, nil))
}

func assertNoToken(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("want an error")
	}
	texts := []string{err.Error(), fmt.Sprintf("%v %+v %#v", err, err, err), backend.ErrorMessage(err)}
	var e *backend.Error
	if errors.As(err, &e) {
		raw, _ := json.Marshal(backend.Public(err))
		texts = append(texts, string(raw), e.Message)
		for _, v := range e.Params {
			texts = append(texts, v)
		}
		if e.Err != nil {
			texts = append(texts, e.Err.Error())
		}
	}
	for _, s := range texts {
		if strings.Contains(s, secretToken) {
			t.Errorf("the token leaks: %s", s)
		}
	}
}

func TestClientThrottles(t *testing.T) {
	calls := 0
	var mode string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		switch mode {
		case "ratelimit":
			w.Header().Set("X-Business-Use-Case-Usage", `{"1":[{"type":"pages","call_count":100,"estimated_time_to_regain_access":3}]}`)
			w.WriteHeader(400)
			_, _ = io.WriteString(w, `{"error":{"message":"(#32) Page request limit reached","code":32}}`)
		case "high":
			w.Header().Set("X-App-Usage", `{"call_count":92,"total_time":1,"total_cputime":1}`)
			_, _ = io.WriteString(w, `{}`)
		default:
			_, _ = io.WriteString(w, `{}`)
		}
	}))
	defer srv.Close()
	clk := &clock{t: now}
	c := &graph.Client{BaseURL: srv.URL, Token: "t", Now: clk.now}
	ctx := context.Background()

	mode = "high"
	if err := c.Get(ctx, "me", nil, nil); err != nil {
		t.Fatal(err)
	}
	if w := c.Wait(); w != graph.SlowDownWait {
		t.Errorf("Wait after high usage = %v", w)
	}
	if err := c.Get(ctx, "me", nil, nil); err != nil {
		t.Fatalf("high usage must not block calls: %v", err)
	}

	mode = "ratelimit"
	err := c.Get(ctx, "me", nil, nil)
	var ra *backend.RetryAfterError
	if !errors.As(err, &ra) || ra.After != 3*time.Minute {
		t.Fatalf("rate limit: %v", err)
	}
	before := calls
	mode = ""
	err = c.Get(ctx, "me", nil, nil)
	if !errors.As(err, &ra) || ra.After != 3*time.Minute || backend.ErrorCode(err) != backend.ERATELIMITED {
		t.Fatalf("a throttled client must fail fast: %v", err)
	}
	if calls != before {
		t.Errorf("a throttled client called Meta")
	}
	clk.t = clk.t.Add(time.Minute)
	if w := c.Wait(); w != 2*time.Minute {
		t.Errorf("Wait = %v", w)
	}
	clk.t = clk.t.Add(2*time.Minute + time.Second)
	if err := c.Get(ctx, "me", nil, nil); err != nil || calls != before+1 {
		t.Errorf("after the wait: %v (%d calls)", err, calls-before)
	}
	if c.Wait() != 0 {
		t.Errorf("Wait = %v", c.Wait())
	}
}

func TestClientContextAndBadAnswers(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/" + graph.Version + "/slow":
			<-r.Context().Done()
		case "/" + graph.Version + "/html":
			_, _ = io.WriteString(w, "<html>oops</html>")
		case "/" + graph.Version + "/shape":
			_, _ = io.WriteString(w, `{"id":{"nested":true}}`)
		}
	}))
	defer srv.Close()
	c := &graph.Client{BaseURL: srv.URL, Token: "t"}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := c.Get(ctx, "slow", nil, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("cancelled: %v", err)
	}
	var out struct{ ID string }
	for _, p := range []string{"html", "shape"} {
		err := c.Get(context.Background(), p, nil, &out)
		var e *backend.Error
		if !errors.As(err, &e) || e.Key != graph.KeyBadResponse || e.Params["status"] != "200" {
			t.Errorf("%s: %v", p, err)
		}
	}
}

func TestTimeAndID(t *testing.T) {
	var v struct {
		A, B, C, D, E, F, G graph.Time
		ID, Num             graph.ID
		Obj                 graph.ID
	}
	raw := `{"A":"2024-05-01T12:00:00+0000","B":1714564800,"C":1714564800000,"D":"1714564800","E":"2024-05-01T12:00:00Z","F":"soon","G":-5,
		"ID":"17841400000000001","Num":17841400000000001,"Obj":{"x":1}}`
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		t.Fatal(err)
	}
	want := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	for i, got := range []graph.Time{v.A, v.B, v.C, v.D, v.E} {
		if !got.Equal(want) {
			t.Errorf("time %d = %v", i, got)
		}
	}
	if !v.F.IsZero() || !v.G.IsZero() {
		t.Errorf("bad times must be zero: %v %v", v.F, v.G)
	}
	if v.ID != "17841400000000001" || v.Num != "17841400000000001" || v.Obj != "" {
		t.Errorf("ids %q %q %q", v.ID, v.Num, v.Obj)
	}
	if got := graph.UnixTime(1714564800123); !got.Equal(want.Add(123 * time.Millisecond)) {
		t.Errorf("ms = %v", got)
	}
}

func TestPagingNextAfter(t *testing.T) {
	var p graph.Paging
	_ = json.Unmarshal([]byte(`{"cursors":{"before":"b","after":"a"}}`), &p)
	if p.NextAfter() != "" {
		t.Errorf("the last page has no next cursor")
	}
	_ = json.Unmarshal([]byte(`{"cursors":{"before":"b","after":"a"},"next":"https://graph.facebook.com/v21.0/x?after=a"}`), &p)
	if p.NextAfter() != "a" {
		t.Errorf("NextAfter = %q", p.NextAfter())
	}
	var q graph.Paging
	_ = json.Unmarshal([]byte(`{"next":"https://graph.facebook.com/v21.0/x?after=zz&access_token=SECRET"}`), &q)
	if q.NextAfter() != "zz" {
		t.Errorf("NextAfter from the URL = %q", q.NextAfter())
	}
}
