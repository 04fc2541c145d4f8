package jsonapi_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"tend/backend/connector/jsonapi"
)

func TestExchange(t *testing.T) {
	var got *http.Request
	var gotBody string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		b, _ := io.ReadAll(r.Body)
		gotBody = string(b)
		w.Header().Set("X-Test", "yes")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"id":"42","padding":"0123456789"}`)
	}))
	defer srv.Close()
	ctx := context.Background()

	resp, err := jsonapi.Exchange(ctx, srv.Client(), http.MethodPost, srv.URL+"/x", "tok", map[string]string{"a": "b"}, 12)
	if err != nil {
		t.Fatal(err)
	}
	if got.Header.Get("Authorization") != "Bearer tok" || got.Header.Get("Content-Type") != "application/json" || gotBody != `{"a":"b"}` {
		t.Errorf("request: %v %q", got.Header, gotBody)
	}
	if resp.Status != http.StatusCreated || resp.Header.Get("X-Test") != "yes" || string(resp.Body) != `{"id":"42","` {
		t.Errorf("response %d %q (limited to 12 bytes)", resp.Status, resp.Body)
	}

	if _, err := jsonapi.Exchange(ctx, srv.Client(), http.MethodGet, srv.URL, "", nil, 100); err != nil ||
		got.Header.Get("Authorization") != "" || got.Header.Get("Content-Type") != "" {
		t.Errorf("without token or body: %v %v", err, got.Header)
	}

	_, err = jsonapi.Exchange(ctx, srv.Client(), http.MethodPost, srv.URL, "", func() {}, 100)
	if !jsonapi.Internal(err) {
		t.Errorf("a body that cannot be encoded: %v", err)
	}

	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	_, err = jsonapi.Exchange(ctx, http.DefaultClient, http.MethodGet, closed.URL, "", nil, 100)
	if err == nil || jsonapi.Internal(err) {
		t.Errorf("a refused connection is a transport error for the caller to map: %v", err)
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := jsonapi.Exchange(cancelled, srv.Client(), http.MethodGet, srv.URL, "", nil, 100); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}
