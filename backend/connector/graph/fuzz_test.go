package graph_test

import (
	"errors"
	"net/http"
	"slices"
	"testing"

	"tend/backend"
	"tend/backend/connector/graph"
)

var allKeys = []string{
	graph.KeyTokenInvalid, graph.KeyPermission, graph.KeyRateLimited, graph.KeyOutsideWindow,
	graph.KeyRecipientUnavailable, graph.KeyUnreachable, graph.KeyBadResponse, graph.KeyRefused,
}

// FuzzParseError feeds any status, usage headers and body to ParseError: it never panics, and
// returns nil only for a 2xx JSON answer without an error object, else a *backend.Error with one
// of the package's keys; rate limits carry a positive wait.
func FuzzParseError(f *testing.F) {
	f.Add(400, `{"error":{"message":"x","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"a"}}`, "", "")
	f.Add(400, `{"error":{"message":"x","code":4}}`, `{"call_count":100}`, "")
	f.Add(400, `{"error":{"message":"x","code":80002}}`, "", `{"1":[{"estimated_time_to_regain_access":5}]}`)
	f.Add(400, `{"error":{"message":"x","code":"10","error_subcode":"2018278"}}`, "", "")
	f.Add(500, `<html>`, "", "")
	f.Add(200, `{"data":[]}`, "", "")
	f.Add(200, `{"error":"text"}`, "", "")
	f.Add(429, ``, "", `{"1":[{"estimated_time_to_regain_access":-4}]}`)
	f.Add(400, `{"error":{"code":1e300,"error_subcode":-1}}`, "", "")
	f.Fuzz(func(t *testing.T, status int, body, appUsage, bucUsage string) {
		h := http.Header{}
		h.Set("X-App-Usage", appUsage)
		h.Set("X-Business-Use-Case-Usage", bucUsage)
		err := graph.ParseError(&http.Response{StatusCode: status, Header: h}, []byte(body), now)
		_ = graph.UsageWait(h)
		if err == nil {
			if status < 200 || status > 299 {
				t.Fatalf("nil error for HTTP %d", status)
			}
			return
		}
		var e *backend.Error
		if !errors.As(err, &e) {
			t.Fatalf("not a *backend.Error: %v", err)
		}
		if !slices.Contains(allKeys, e.Key) || e.Message == "" {
			t.Fatalf("key %q message %q", e.Key, e.Message)
		}
		if e.Code == backend.ERATELIMITED {
			var ra *backend.RetryAfterError
			if !errors.As(err, &ra) || ra.After <= 0 {
				t.Fatalf("a rate limit without a wait: %v", err)
			}
		}
		_ = err.Error()
	})
}
