package telegram_test

import (
	"testing"

	"tend/backend"
	"tend/backend/connector/telegram"
)

func TestParseWebhookRefusals(t *testing.T) {
	acct := config("").Account
	cases := []struct {
		name string
		acct func(backend.Account) backend.Account
		body string
		key  string
	}{
		{name: "not JSON", body: "<html>", key: telegram.KeyWebhookInvalid},
		{name: "empty", body: "", key: telegram.KeyWebhookInvalid},
		{name: "an array", body: `[{"update_id":1}]`, key: telegram.KeyWebhookInvalid},
		{name: "wrong type", body: `{"update_id":"one"}`, key: telegram.KeyWebhookInvalid},
		{name: "no channel", body: fixture(t, "private_text"), key: telegram.KeyChannelMissing,
			acct: func(a backend.Account) backend.Account { a.Channels = nil; return a }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := acct
			if tc.acct != nil {
				a = tc.acct(a)
			}
			batch, err := telegram.ParseWebhook(a, []byte(tc.body))
			wantError(t, err, backend.EINVALID, tc.key, nil)
			if len(batch.Messages) != 0 {
				t.Errorf("messages %v", batch.Messages)
			}
		})
	}
}

func TestParseWebhookEmptyBatches(t *testing.T) {
	for _, body := range []string{`{}`, `null`, `{"update_id":5}`, `{"update_id":5,"poll":{"id":"1"}}`,
		`{"update_id":5,"message":{"message_id":1,"date":1,"chat":{"id":0,"type":"private"},"text":"no chat"}}`,
		`{"update_id":5,"message":{"message_id":1,"date":0,"chat":{"id":9,"type":"private"},"text":"no date"}}`,
		`{"update_id":5,"message":{"message_id":1,"date":1,"chat":{"id":9,"type":"group"},"text":"no sender"}}`,
		`{"update_id":5,"message":{"message_id":1,"date":1,"chat":{"id":9,"type":"private"},"from":{"id":9},"text":"  "}}`,
	} {
		batch, err := telegram.ParseWebhook(config("").Account, []byte(body))
		if err != nil || len(batch.Messages) != 0 {
			t.Errorf("%s: %v, %+v", body, err, batch)
		}
	}
}

func TestParseWebhookTruncatesHugeText(t *testing.T) {
	long := make([]byte, 0, 40000)
	for len(long) < 40000 {
		long = append(long, "é"...)
	}
	body := `{"update_id":5,"message":{"message_id":1,"date":1,"chat":{"id":9,"type":"private"},"from":{"id":9},"text":"` + string(long) + `"}}`
	batch, err := telegram.ParseWebhook(config("").Account, []byte(body))
	if err != nil || len(batch.Messages) != 1 {
		t.Fatalf("%v, %d messages", err, len(batch.Messages))
	}
	if n := len(batch.Messages[0].Text); n > backend.MaxMessageTextBytes || n < backend.MaxMessageTextBytes-4 {
		t.Errorf("text is %d bytes", n)
	}
	if err := batch.Messages[0].Validate(); err != nil {
		t.Error(err)
	}
}

func TestVerifySecret(t *testing.T) {
	cases := []struct {
		expected, header string
		want             bool
	}{
		{"s3cret_ABC-1", "s3cret_ABC-1", true},
		{"s3cret_ABC-1", "s3cret_ABC-2", false},
		{"s3cret_ABC-1", "s3cret_ABC-", false},
		{"s3cret_ABC-1", "s3cret_ABC-11", false},
		{"s3cret_ABC-1", "", false},
		{"", "", false}, // no secret configured verifies nothing
		{"", "anything", false},
	}
	for _, tc := range cases {
		if got := telegram.VerifySecret(tc.expected, tc.header); got != tc.want {
			t.Errorf("VerifySecret(%q, %q) = %v, want %v", tc.expected, tc.header, got, tc.want)
		}
	}
}
