package webhook_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"tend/backend"
	"tend/backend/connector/graph"
	"tend/backend/webhook"
)

type fakeAccounts struct {
	accounts map[string]backend.Account
	secrets  map[int64]map[string]string
	stored   [][]byte
}

func (f *fakeAccounts) AccountByName(_ context.Context, name string) (backend.Account, error) {
	a, ok := f.accounts[name]
	if !ok {
		return a, backend.Errorf(backend.ENOTFOUND, "no account")
	}
	return a, nil
}

func (f *fakeAccounts) WebhookSecrets(_ context.Context, a backend.Account) (map[string]string, error) {
	return f.secrets[a.ID], nil
}

func (f *fakeAccounts) StoreWebhook(_ context.Context, _ int64, body []byte) error {
	f.stored = append(f.stored, body)
	return nil
}

// sign is Meta's X-Hub-Signature-256 of body with secret.
func sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

func newHandler() (*webhook.Handler, *fakeAccounts) {
	accounts := &fakeAccounts{
		accounts: map[string]backend.Account{"shop": {ID: 1, Name: "shop", Platform: backend.PlatformInstagram}},
		secrets:  map[int64]map[string]string{1: {"app_secret": "s3cret", "verify_token": "v-token"}},
	}
	return &webhook.Handler{Accounts: accounts, Logger: slog.New(slog.DiscardHandler), Schemes: map[string]webhook.Scheme{
		webhook.FamilyMeta: {
			Platforms: []string{backend.PlatformInstagram, backend.PlatformFacebook},
			Challenge: func(s map[string]string, q url.Values) (string, bool) {
				return graph.VerifyChallenge(q, s["verify_token"])
			},
			Verify: func(s map[string]string, h http.Header, body []byte) bool {
				return graph.VerifySignature(s["app_secret"], body, h.Get(graph.SignatureHeader))
			},
		},
	}}, accounts
}

func TestMetaWebhook(t *testing.T) {
	h, accounts := newHandler()
	srv := httptest.NewServer(h)
	defer srv.Close()

	get := func(query string) (int, string) {
		resp, err := http.Get(srv.URL + "/webhooks/meta/shop?" + query)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("hub.mode=subscribe&hub.verify_token=v-token&hub.challenge=1158201444"); code != 200 || body != "1158201444" {
		t.Errorf("challenge: %d %q", code, body)
	}
	if code, _ := get("hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1"); code != http.StatusForbidden {
		t.Errorf("wrong verify token: %d", code)
	}

	body := []byte(`{"object":"instagram","entry":[{"id":"17841","time":1732780000,"messaging":[]}]}`)
	post := func(path, signature string, payload []byte) int {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader(string(payload)))
		if signature != "" {
			req.Header.Set("X-Hub-Signature-256", signature)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	good := sign("s3cret", body)
	if code := post("/webhooks/meta/shop", good, body); code != 200 || len(accounts.stored) != 1 || string(accounts.stored[0]) != string(body) {
		t.Fatalf("signed delivery: %d, stored %d", code, len(accounts.stored))
	}
	for name, tc := range map[string]struct {
		path, sig string
		body      []byte
		want      int
	}{
		"no signature":     {"/webhooks/meta/shop", "", body, 401},
		"wrong secret":     {"/webhooks/meta/shop", sign("other", body), body, 401},
		"body changed":     {"/webhooks/meta/shop", good, []byte(strings.Replace(string(body), "17841", "17842", 1)), 401},
		"unknown account":  {"/webhooks/meta/nobody", good, body, 404},
		"wrong family":     {"/webhooks/telegram/shop", good, body, 404},
		"nested path":      {"/webhooks/meta/shop/x", good, body, 404},
		"re-serialised ok": {"/webhooks/meta/shop", sign("s3cret", []byte(`{"object": "instagram"}`)), []byte(`{"object":"instagram"}`), 401},
	} {
		if code := post(tc.path, tc.sig, tc.body); code != tc.want {
			t.Errorf("%s: %d, want %d", name, code, tc.want)
		}
	}
	if len(accounts.stored) != 1 {
		t.Errorf("refused deliveries were stored: %d", len(accounts.stored))
	}
}
