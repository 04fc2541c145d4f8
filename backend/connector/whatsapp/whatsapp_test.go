package whatsapp_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/connector/whatsapp"
	"tend/backend/connector/whatsapp/whatsapptest"
)

var fixedNow = time.Date(2025, 6, 10, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return fixedNow }

func account(baseURL string) backend.Account {
	return backend.Account{
		ID: 7, Name: "shop-whatsapp", Platform: backend.PlatformWhatsApp, BaseURL: baseURL,
		IDs:      map[string]string{whatsapp.IDPhoneNumber: whatsapptest.DefaultPhoneNumberID},
		Channels: map[string]int64{backend.PlatformWhatsApp: 3},
	}
}

func newConnector(t *testing.T, srv *whatsapptest.Server) *whatsapp.Connector {
	t.Helper()
	c, err := whatsapp.New(backend.ConnectorConfig{
		Account: account(srv.BaseURL()),
		Secrets: map[string]string{whatsapp.SecretAccessToken: srv.Options().Token, whatsapp.SecretAppSecret: "app-secret"},
		HTTP:    srv.Client(),
		Now:     clock,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func newServer(t *testing.T, opts whatsapptest.Options) *whatsapptest.Server {
	t.Helper()
	if opts.Now == nil {
		opts.Now = clock
	}
	srv := whatsapptest.NewServer(opts)
	t.Cleanup(srv.Close)
	return srv
}

// wantError checks err is a *backend.Error with code and key, and returns it.
func wantError(t *testing.T, err error, code, key string) *backend.Error {
	t.Helper()
	var be *backend.Error
	if !errors.As(err, &be) {
		t.Fatalf("error %v (%T) is not a *backend.Error", err, err)
	}
	if be.Code != code || be.Key != key {
		t.Fatalf("error = %s / %s (%q), want %s / %s", be.Code, be.Key, be.Message, code, key)
	}
	if be.Params["platform"] != "WhatsApp" && key != "reply_text_too_long" {
		t.Errorf("params = %v, want platform WhatsApp", be.Params)
	}
	return be
}

func TestNew(t *testing.T) {
	for name, tc := range map[string]struct {
		ids     map[string]string
		secrets map[string]string
		key     string
	}{
		"NoPhoneNumberID": {map[string]string{}, map[string]string{whatsapp.SecretAccessToken: "t0ken"}, whatsapp.KeyIDRequired},
		"BadPhoneNumberID": {map[string]string{whatsapp.IDPhoneNumber: "12/../34"},
			map[string]string{whatsapp.SecretAccessToken: "t0ken"}, whatsapp.KeyIDRequired},
		"NoToken": {map[string]string{whatsapp.IDPhoneNumber: "1"}, map[string]string{}, whatsapp.KeySecretRequired},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := whatsapp.New(backend.ConnectorConfig{Account: backend.Account{IDs: tc.ids}, Secrets: tc.secrets})
			wantError(t, err, backend.EINVALID, tc.key)
		})
	}
	t.Run("OK", func(t *testing.T) {
		c, err := whatsapp.New(backend.ConnectorConfig{
			Account: backend.Account{IDs: map[string]string{whatsapp.IDPhoneNumber: "1"}},
			Secrets: map[string]string{whatsapp.SecretAccessToken: "t0ken"},
		})
		if err != nil {
			t.Fatal(err)
		}
		want := backend.Capabilities{Send: true, Webhook: true}
		if got := c.Capabilities(); got != want {
			t.Errorf("capabilities = %+v, want %+v", got, want)
		}
		if c.Idempotent() {
			t.Error("Idempotent() = true")
		}
	})
}

func TestTest(t *testing.T) {
	srv := newServer(t, whatsapptest.Options{})
	c := newConnector(t, srv)
	info, err := c.Test(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if info.DisplayName != "Tend Test Shop (+1 555-078-3881)" || info.IDs[whatsapp.IDPhoneNumber] != whatsapptest.DefaultPhoneNumberID {
		t.Errorf("info = %+v", info)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	r := reqs[0]
	if r.Method != http.MethodGet || r.Path != "/"+whatsapptest.DefaultPhoneNumberID ||
		strings.Join(r.Query["fields"], ",") != "display_phone_number,verified_name" {
		t.Errorf("request = %s %s %v", r.Method, r.Path, r.Query)
	}
	if got := r.Header.Get("Authorization"); got != "Bearer "+whatsapptest.DefaultToken {
		t.Errorf("Authorization = %q", got)
	}
	if r.Query["access_token"] != nil {
		t.Error("the token is in the query string")
	}
}

func TestFetchIsWebhookOnly(t *testing.T) {
	srv := newServer(t, whatsapptest.Options{})
	c := newConnector(t, srv)
	_, err := c.Fetch(context.Background(), "")
	be := wantError(t, err, backend.EINVALID, whatsapp.KeyWebhookOnly)
	if !strings.Contains(be.Message, "tend serve") || be.Params["account"] != "shop-whatsapp" {
		t.Errorf("error = %q %v", be.Message, be.Params)
	}
	if len(srv.Requests()) != 0 {
		t.Error("Fetch called the API")
	}
	wantError(t, c.Moderate(context.Background(), backend.ModerationAction{Kind: backend.ModerateHide, MessageID: "m"}),
		backend.EINVALID, whatsapp.KeyModerationUnsupported)
}

func decodeBody(t *testing.T, r whatsapptest.Request) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("body %s: %v", r.Body, err)
	}
	return m
}

func TestSend(t *testing.T) {
	srv := newServer(t, whatsapptest.Options{})
	c := newConnector(t, srv)
	rec, err := c.Send(context.Background(), backend.OutboundMessage{
		Kind: backend.ConversationDM, ThreadKey: "16505551234", Recipient: "16505551234",
		Text: "Yes, it also comes in blue.", ReplyTo: "wamid.IN1",
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(rec.PlatformMessageID, "wamid.") || !rec.SentAt.Equal(fixedNow) {
		t.Errorf("receipt = %+v", rec)
	}
	reqs := srv.Requests()
	r := reqs[len(reqs)-1]
	if r.Method != http.MethodPost || r.Path != "/"+whatsapptest.DefaultPhoneNumberID+"/messages" {
		t.Errorf("request = %s %s", r.Method, r.Path)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	want := `{"context":{"message_id":"wamid.IN1"},"messaging_product":"whatsapp","recipient_type":"individual",` +
		`"text":{"body":"Yes, it also comes in blue.","preview_url":false},"to":"16505551234","type":"text"}`
	if got, _ := json.Marshal(decodeBody(t, r)); string(got) != want {
		t.Errorf("body =\n%s\nwant\n%s", got, want)
	}
	sent := srv.Sent()
	if len(sent) != 1 || sent[0].ID != rec.PlatformMessageID || sent[0].ReplyTo != "wamid.IN1" {
		t.Errorf("sent = %+v", sent)
	}
}

func TestSendRecipient(t *testing.T) {
	srv := newServer(t, whatsapptest.Options{})
	c := newConnector(t, srv)
	ctx := context.Background()

	t.Run("ThreadKeyWhenNoRecipient", func(t *testing.T) {
		if _, err := c.Send(ctx, backend.OutboundMessage{ThreadKey: "33612345678", Text: "Bonjour"}); err != nil {
			t.Fatal(err)
		}
		b := decodeBody(t, srv.Requests()[len(srv.Requests())-1])
		if b["to"] != "33612345678" || b["context"] != nil {
			t.Errorf("body = %v", b)
		}
	})
	t.Run("BusinessScopedUserID", func(t *testing.T) {
		if _, err := c.Send(ctx, backend.OutboundMessage{ThreadKey: "US.13491208655302741918", Text: "Hello"}); err != nil {
			t.Fatal(err)
		}
		b := decodeBody(t, srv.Requests()[len(srv.Requests())-1])
		if b["recipient"] != "US.13491208655302741918" || b["to"] != nil {
			t.Errorf("body = %v", b)
		}
	})
	t.Run("NoCustomer", func(t *testing.T) {
		_, err := c.Send(ctx, backend.OutboundMessage{Text: "Hello"})
		wantError(t, err, backend.EINVALID, whatsapp.KeyTargetMissing)
	})
	t.Run("NotADM", func(t *testing.T) {
		_, err := c.Send(ctx, backend.OutboundMessage{ThreadKey: "1", Kind: backend.ConversationCommentThread, Text: "Hello"})
		wantError(t, err, backend.EINVALID, whatsapp.KeyKindUnsupported)
	})
	t.Run("TooLong", func(t *testing.T) {
		_, err := c.Send(ctx, backend.OutboundMessage{ThreadKey: "1", Text: strings.Repeat("é", 4097)})
		be := wantError(t, err, backend.EINVALID, "reply_text_too_long")
		if be.Params["limit"] != "4096" {
			t.Errorf("params = %v", be.Params)
		}
	})
}

func TestSendTemplate(t *testing.T) {
	srv := newServer(t, whatsapptest.Options{Templates: []string{"order_update"}})
	c := newConnector(t, srv)
	ctx := context.Background()
	rec, err := c.SendTemplate(ctx, "16505551234", "order_update", "fr", []string{"Marie", "#1042"})
	if err != nil {
		t.Fatal(err)
	}
	if rec.PlatformMessageID == "" {
		t.Error("no message id")
	}
	want := `{"messaging_product":"whatsapp","recipient_type":"individual","template":{"components":[{"parameters":` +
		`[{"text":"Marie","type":"text"},{"text":"#1042","type":"text"}],"type":"body"}],"language":{"code":"fr"},` +
		`"name":"order_update"},"to":"16505551234","type":"template"}`
	if got, _ := json.Marshal(decodeBody(t, srv.Requests()[0])); string(got) != want {
		t.Errorf("body =\n%s\nwant\n%s", got, want)
	}

	t.Run("NoParams", func(t *testing.T) {
		if _, err := c.SendTemplate(ctx, "16505551234", "order_update", "en_US", nil); err != nil {
			t.Fatal(err)
		}
		if b := decodeBody(t, srv.Requests()[len(srv.Requests())-1]); b["template"].(map[string]any)["components"] != nil {
			t.Errorf("body = %v", b)
		}
	})
	t.Run("UnknownTemplate", func(t *testing.T) {
		_, err := c.SendTemplate(ctx, "16505551234", "nope", "en_US", nil)
		be := wantError(t, err, backend.EINVALID, whatsapp.KeyRefused)
		if be.Params["reason"] != "template name (nope) does not exist in en_US" || be.Params["code"] != "132001" {
			t.Errorf("params = %v", be.Params)
		}
	})
	t.Run("Missing", func(t *testing.T) {
		_, err := c.SendTemplate(ctx, "16505551234", "", "en_US", nil)
		var be *backend.Error
		if !errors.As(err, &be) || be.Key != whatsapp.KeyTemplateRequired {
			t.Errorf("error = %v", err)
		}
	})
}

func TestWindow(t *testing.T) {
	srv := newServer(t, whatsapptest.Options{EnforceWindow: true})
	c := newConnector(t, srv)
	ctx := context.Background()
	msg := backend.OutboundMessage{ThreadKey: "16505551234", Text: "Are you still there?"}

	srv.SetLastInbound("16505551234", fixedNow.Add(-25*time.Hour))
	_, err := c.Send(ctx, msg)
	be := wantError(t, err, backend.EINVALID, whatsapp.KeyWindowClosed)
	if be.Message != "More than 24 hours have passed since the customer last wrote: only an approved template message can be sent now." {
		t.Errorf("message = %q", be.Message)
	}
	if tmp, _ := backend.Temporary(err); tmp {
		t.Error("a closed window is temporary")
	}
	if _, err := c.SendTemplate(ctx, "16505551234", "hello_again", "en_US", nil); err != nil {
		t.Errorf("template outside the window: %v", err)
	}

	srv.Inbound(whatsapptest.Inbound{From: "16505551234", Name: "Sheena", Text: "Hi!", At: fixedNow.Add(-time.Hour)})
	if _, err := c.Send(ctx, msg); err != nil {
		t.Errorf("inside the window: %v", err)
	}
}

func TestSendErrors(t *testing.T) {
	bucUsage := http.Header{"X-Business-Use-Case-Usage": {`{"102290129340398":[{"type":"whatsapp_business_management","call_count":100,"total_cputime":12,"total_time":9,"estimated_time_to_regain_access":5}]}`}}
	for name, tc := range map[string]struct {
		fail      whatsapptest.Failure
		code, key string
		wait      time.Duration
		temporary bool
		param     [2]string
	}{
		"WindowClosed":  {whatsapptest.WindowClosed, backend.EINVALID, whatsapp.KeyWindowClosed, 0, false, [2]string{}},
		"Throughput":    {whatsapptest.Throughput, backend.ERATELIMITED, whatsapp.KeyRateLimited, time.Second, true, [2]string{"seconds", "1"}},
		"PairRate":      {whatsapptest.PairRate, backend.ERATELIMITED, whatsapp.KeyRateLimited, 6 * time.Second, true, [2]string{"seconds", "6"}},
		"TokenExpired":  {whatsapptest.TokenExpired, backend.EUNAUTHORIZED, whatsapp.KeyTokenInvalid, 0, true, [2]string{}},
		"Permission":    {whatsapptest.Permission, backend.EFORBIDDEN, whatsapp.KeyPermission, 0, false, [2]string{"permission", "whatsapp_business_messaging"}},
		"Permission200": {whatsapptest.Failure{Status: 403, Code: 200, Message: "(#200) Permissions error"}, backend.EFORBIDDEN, whatsapp.KeyPermission, 0, false, [2]string{}},
		"Undeliverable": {whatsapptest.Undeliverable, backend.EINVALID, whatsapp.KeyRecipientUnavailable, 0, false, [2]string{}},
		"InvalidParam": {whatsapptest.Failure{Status: 400, Code: 100, Message: "(#100) Invalid parameter", Details: "Parameter value is not valid"},
			backend.EINVALID, whatsapp.KeyRefused, 0, false, [2]string{"reason", "Parameter value is not valid"}},
		"NoDetails": {whatsapptest.Failure{Status: 400, Code: 131051, Message: "(#131051) Message type unknown"},
			backend.EINVALID, whatsapp.KeyRefused, 0, false, [2]string{"reason", "(#131051) Message type unknown"}},
		"CodeAsString": {whatsapptest.Failure{Status: 400, Body: `{"error":{"message":"(#131056) pair rate limit hit","type":"OAuthException","code":"131056"}}`, ContentType: "application/json"},
			backend.ERATELIMITED, whatsapp.KeyRateLimited, 6 * time.Second, true, [2]string{}},
		"BusinessRateWithUsage": {whatsapptest.Failure{Status: 400, Code: 80008, Message: "(#80008) There have been too many calls to this WhatsApp Business account.", Header: bucUsage},
			backend.ERATELIMITED, whatsapp.KeyRateLimited, 5 * time.Minute, true, [2]string{"seconds", "300"}},
		"AppRateNoWait":  {whatsapptest.Failure{Status: 400, Code: 4, Message: "(#4) Application request limit reached"}, backend.ERATELIMITED, whatsapp.KeyRateLimited, 0, true, [2]string{}},
		"ServerError":    {whatsapptest.ServerError, backend.EUNAVAILABLE, whatsapp.KeyUnreachable, 0, true, [2]string{}},
		"BadGateway":     {whatsapptest.BadGateway, backend.EUNAVAILABLE, whatsapp.KeyUnreachable, 0, true, [2]string{}},
		"Bare503":        {whatsapptest.Failure{Status: 503}, backend.EUNAVAILABLE, whatsapp.KeyUnreachable, 0, true, [2]string{}},
		"Malformed":      {whatsapptest.Malformed, backend.EUNAVAILABLE, whatsapp.KeyBadResponse, 0, true, [2]string{}},
		"HTML404":        {whatsapptest.Failure{Status: 404, Body: "<html>not found</html>"}, backend.EUNAVAILABLE, whatsapp.KeyBadResponse, 0, true, [2]string{}},
		"NoMessageID":    {whatsapptest.Failure{Status: 200, Body: `{"messaging_product":"whatsapp","messages":[]}`, ContentType: "application/json"}, backend.EUNAVAILABLE, whatsapp.KeyBadResponse, 0, true, [2]string{}},
		"ConnectionDrop": {whatsapptest.Failure{Drop: true}, backend.EUNAVAILABLE, whatsapp.KeyUnreachable, 0, true, [2]string{}},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newServer(t, whatsapptest.Options{})
			c := newConnector(t, srv)
			srv.Fail(tc.fail)
			_, err := c.Send(context.Background(), backend.OutboundMessage{ThreadKey: "16505551234", Text: "Hello"})
			be := wantError(t, err, tc.code, tc.key)
			var ra *backend.RetryAfterError
			switch {
			case tc.wait > 0 && !errors.As(err, &ra):
				t.Errorf("no RetryAfterError in %v", err)
			case tc.wait > 0 && ra.After != tc.wait:
				t.Errorf("retry after %v, want %v", ra.After, tc.wait)
			case tc.wait == 0 && errors.As(err, &ra):
				t.Errorf("unexpected RetryAfterError %v", ra)
			}
			if tmp, wait := backend.Temporary(err); tmp != tc.temporary || wait != tc.wait {
				t.Errorf("Temporary = %v, %v; want %v, %v", tmp, wait, tc.temporary, tc.wait)
			}
			if tc.param[0] != "" && be.Params[tc.param[0]] != tc.param[1] {
				t.Errorf("params = %v, want %s=%s", be.Params, tc.param[0], tc.param[1])
			}
			if be.Message == "" || strings.Contains(be.Message, "OAuthException") {
				t.Errorf("message = %q", be.Message)
			}
		})
	}
}

func TestUnreachable(t *testing.T) {
	srv := whatsapptest.NewServer(whatsapptest.Options{})
	c := newConnector(t, srv)
	srv.Close()
	_, err := c.Send(context.Background(), backend.OutboundMessage{ThreadKey: "1", Text: "Hello"})
	wantError(t, err, backend.EUNAVAILABLE, whatsapp.KeyUnreachable)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = c.Test(ctx)
	wantError(t, err, backend.EUNAVAILABLE, whatsapp.KeyUnreachable)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("%v does not wrap context.Canceled", err)
	}
}

// TestTokenNeverLeaks: whatever the server says, the token appears in no error text.
func TestTokenNeverLeaks(t *testing.T) {
	const token = "EAAGsecret-token-LEAK-ME-42"
	srv := newServer(t, whatsapptest.Options{Token: "EAAGthe-right-one"})
	c, err := whatsapp.New(backend.ConnectorConfig{
		Account: account(srv.BaseURL()),
		Secrets: map[string]string{whatsapp.SecretAccessToken: token},
		HTTP:    srv.Client(), Now: clock,
	})
	if err != nil {
		t.Fatal(err)
	}
	check := func(t *testing.T, err error) {
		t.Helper()
		if err == nil {
			t.Fatal("no error")
		}
		pub := backend.Public(err)
		for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), pub.Message, fmt.Sprint(pub.Params)} {
			if strings.Contains(s, token) {
				t.Errorf("the token leaked: %s", s)
			}
		}
		for e := err; e != nil; e = errors.Unwrap(e) {
			if strings.Contains(e.Error(), token) {
				t.Errorf("the token leaked in the chain: %s", e.Error())
			}
		}
	}
	_, err = c.Send(context.Background(), backend.OutboundMessage{ThreadKey: "1", Text: "Hello"})
	wantError(t, err, backend.EUNAUTHORIZED, whatsapp.KeyTokenInvalid)
	check(t, err)

	srv.Fail(whatsapptest.Failure{Status: 400, Code: 100, Message: "bad token " + token, Details: "Token " + token + " is odd"})
	srv.SetToken(token)
	_, err = c.Send(context.Background(), backend.OutboundMessage{ThreadKey: "1", Text: "Hello"})
	check(t, err)

	srv.Fail(whatsapptest.Failure{Status: 200, Body: "not json " + token})
	_, err = c.Test(context.Background())
	check(t, err)
}
