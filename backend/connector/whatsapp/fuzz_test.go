package whatsapp_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/connector/whatsapp"
)

// FuzzParseWebhook feeds any delivery to the parser: it never panics, fails only with EINVALID,
// and every message it returns validates and belongs to the account's channel.
func FuzzParseWebhook(f *testing.F) {
	for _, seed := range []string{docTextMessage, docUsernameMessage, docStatuses, docOtherTypes, "", "{}", "null",
		`{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"metadata":{"phone_number_id":106540352242922},"messages":[{"id":"x","from":"1","timestamp":1749416383000,"type":"text","text":{"body":"  "}}]}}]}]}`,
		`{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"metadata":{"phone_number_id":"106540352242922"},"contacts":[{"wa_id":"","user_id":""}],"messages":[{"id":"x","from":"","timestamp":"-5","type":"text","text":{"body":"hi"}}]}}]}]}`,
	} {
		f.Add([]byte(seed))
	}
	accts := accounts()
	f.Fuzz(func(t *testing.T, body []byte) {
		out, err := whatsapp.ParseWebhook(accts, body)
		if err != nil {
			var be *backend.Error
			if !errors.As(err, &be) || be.Code != backend.EINVALID || be.Key != whatsapp.KeyWebhookMalformed {
				t.Fatalf("error = %v", err)
			}
			return
		}
		for id, batch := range out {
			var channel int64
			for _, a := range accts {
				if a.ID == id {
					channel = a.Channels[backend.PlatformWhatsApp]
				}
			}
			if channel == 0 {
				t.Fatalf("batch for unknown account %d", id)
			}
			for _, m := range batch.Messages {
				if err := m.Validate(); err != nil {
					t.Fatalf("message %+v: %v", m, err)
				}
				if m.ChannelID != channel || m.Kind != backend.ConversationDM || m.Direction != backend.DirectionIn {
					t.Fatalf("message %+v", m)
				}
			}
			for _, st := range batch.Statuses {
				if st.PlatformMessageID == "" || st.At.IsZero() || (st.Status == "failed") != (st.Error != nil) {
					t.Fatalf("status %+v", st)
				}
			}
		}
	})
}

// FuzzSendAnswer feeds any answer to a send: the result is a receipt or a *backend.Error with one
// of the package's keys, and the token never shows.
func FuzzSendAnswer(f *testing.F) {
	const token = "EAAGfuzz-SECRET-token"
	var mu sync.Mutex
	var status int
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		st, b := status, body
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Business-Use-Case-Usage", `{"1":[{"estimated_time_to_regain_access":3}]}`)
		w.WriteHeader(st)
		_, _ = w.Write(b)
	}))
	f.Cleanup(srv.Close)
	c, err := whatsapp.New(backend.ConnectorConfig{
		Account: backend.Account{IDs: map[string]string{whatsapp.IDPhoneNumber: "1"}, BaseURL: srv.URL},
		Secrets: map[string]string{whatsapp.SecretAccessToken: token}, HTTP: srv.Client(), Now: clock,
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(200, []byte(`{"messaging_product":"whatsapp","contacts":[{"input":"1","wa_id":"1"}],"messages":[{"id":"wamid.1"}]}`))
	f.Add(400, []byte(`{"error":{"message":"(#131047) Re-engagement message","type":"OAuthException","code":131047,"error_data":{"messaging_product":"whatsapp","details":"24h"},"fbtrace_id":"x"}}`))
	f.Add(400, []byte(`{"error":{"message":"x `+token+`","code":"80008","error_data":"details `+token+`"}}`))
	f.Add(500, []byte(`<html>`))
	f.Add(200, []byte(`{"error":{"code":190}}`))
	keys := map[string]bool{whatsapp.KeyWindowClosed: true, whatsapp.KeyRateLimited: true, whatsapp.KeyTokenInvalid: true,
		whatsapp.KeyPermission: true, whatsapp.KeyRecipientUnavailable: true, whatsapp.KeyRefused: true,
		whatsapp.KeyUnreachable: true, whatsapp.KeyBadResponse: true}
	f.Fuzz(func(t *testing.T, st int, b []byte) {
		if st < 200 || st > 599 {
			st = 200 + (st%400+400)%400
		}
		mu.Lock()
		status, body = st, b
		mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		rec, err := c.Send(ctx, backend.OutboundMessage{ThreadKey: "1", Text: "Hello"})
		if ctx.Err() != nil {
			t.Fatalf("hung on %d %q: %v", st, b, err)
		}
		if err == nil {
			if rec.PlatformMessageID == "" {
				t.Fatal("a receipt without an id")
			}
			return
		}
		var be *backend.Error
		if !errors.As(err, &be) || !keys[be.Key] {
			t.Fatalf("error = %v", err)
		}
		if strings.Contains(err.Error(), token) || strings.Contains(be.Message, token) || strings.Contains(be.Params["reason"], token) {
			t.Fatalf("the token leaked: %v", err)
		}
	})
}
