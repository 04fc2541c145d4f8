package whatsapp_test

import (
	"strings"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/connector/whatsapp"
	"tend/backend/connector/whatsapp/whatsapptest"
)

// Deliveries written after the samples of Meta's messages webhook reference.
const (
	docTextMessage = `{
  "object": "whatsapp_business_account",
  "entry": [{
    "id": "102290129340398",
    "changes": [{
      "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
        "contacts": [{"profile": {"name": "Sheena Nelson"}, "wa_id": "16505551234"}],
        "messages": [{
          "from": "16505551234",
          "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
          "timestamp": "1749416383",
          "type": "text",
          "text": {"body": "Does it come in another color?"}
        }]
      },
      "field": "messages"
    }]
  }]
}`
	docUsernameMessage = `{
  "object": "whatsapp_business_account",
  "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
    "messaging_product": "whatsapp",
    "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
    "contacts": [{"profile": {"name": "Pablo", "username": "@pablo.m"}, "wa_id": "", "user_id": "US.13491208655302741918"}],
    "messages": [{
      "from": "", "from_user_id": "US.13491208655302741918",
      "id": "wamid.USERNAME1", "timestamp": "1749416400", "type": "text",
      "context": {"from": "15550783881", "id": "wamid.OUT1"},
      "text": {"body": "Is my order shipped?"}
    }]
  }}]}]
}`
	docStatuses = `{
  "object": "whatsapp_business_account",
  "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
    "messaging_product": "whatsapp",
    "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
    "statuses": [
      {"id": "wamid.OUT1", "status": "sent", "timestamp": "1749416500", "recipient_id": "16505551234",
       "conversation": {"id": "c1", "origin": {"type": "service"}}, "pricing": {"billable": false, "pricing_model": "PMP", "category": "service"}},
      {"id": "wamid.OUT1", "status": "delivered", "timestamp": "1749416501", "recipient_id": "16505551234"},
      {"id": "wamid.OUT1", "status": "read", "timestamp": "1749416502", "recipient_id": "16505551234"},
      {"id": "wamid.OUT2", "status": "failed", "timestamp": "1749416503", "recipient_id": "16505551234",
       "errors": [{"code": 131047, "title": "Re-engagement message", "message": "Re-engagement message",
                   "error_data": {"details": "Message failed to send because more than 24 hours have passed since the customer last replied to this number."},
                   "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"}]},
      {"id": "wamid.OUT3", "status": "failed", "timestamp": "1749416504", "recipient_id": "16505551234",
       "errors": [{"code": 131026, "title": "Message undeliverable", "message": "Message undeliverable"}]},
      {"id": "wamid.OUT4", "status": "failed", "timestamp": "1749416505", "recipient_id": "16505551234",
       "errors": [{"code": 130429, "title": "Rate limit hit", "message": "Rate limit hit"}]},
      {"id": "wamid.OUT5", "status": "failed", "timestamp": "1749416506", "recipient_id": "16505551234",
       "errors": [{"code": 131053, "title": "Media upload error", "message": "Media upload error",
                   "error_data": {"details": "Unable to download the media from the sender."}}]},
      {"id": "wamid.OUT6", "status": "deleted", "timestamp": "1749416507"}
    ]
  }}]}]
}`
	docOtherTypes = `{
  "object": "whatsapp_business_account",
  "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
    "messaging_product": "whatsapp",
    "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
    "contacts": [{"profile": {"name": "Sheena Nelson"}, "wa_id": "16505551234"}],
    "messages": [
      {"from": "16505551234", "id": "wamid.IMG", "timestamp": "1749416383", "type": "image",
       "image": {"caption": "The stain", "mime_type": "image/jpeg", "sha256": "abc", "id": "1003383421387256"}},
      {"from": "16505551234", "id": "wamid.DOC", "timestamp": "1749416384", "type": "document",
       "document": {"filename": "invoice.pdf", "mime_type": "application/pdf", "id": "1003383421387257"}},
      {"from": "16505551234", "id": "wamid.LOC", "timestamp": "1749416385", "type": "location",
       "location": {"latitude": 48.8584, "longitude": 2.2945, "name": "Tour Eiffel", "address": "Champ de Mars, Paris"}},
      {"from": "16505551234", "id": "wamid.BTN", "timestamp": "1749416386", "type": "interactive",
       "interactive": {"type": "button_reply", "button_reply": {"id": "yes", "title": "Yes please"}}},
      {"from": "16505551234", "id": "wamid.REACT", "timestamp": "1749416387", "type": "reaction",
       "reaction": {"message_id": "wamid.OUT1", "emoji": "👍"}},
      {"from": "16505551234", "id": "wamid.SYS", "timestamp": "1749416388", "type": "system",
       "system": {"body": "Sheena changed their phone number", "type": "user_changed_number"}},
      {"from": "16505551234", "id": "wamid.UNSUP", "timestamp": "1749416389", "type": "unsupported",
       "errors": [{"code": 131051, "title": "Message type unknown", "message": "Message type unknown"}]},
      {"from": "16505551234", "id": "wamid.IMG", "timestamp": "1749416383", "type": "image",
       "image": {"caption": "The stain", "mime_type": "image/jpeg", "id": "1003383421387256"}}
    ]
  }}]}]
}`
)

func accounts() []backend.Account {
	return []backend.Account{
		{ID: 1, Platform: backend.PlatformWhatsApp, IDs: map[string]string{whatsapp.IDPhoneNumber: "999"}, Channels: map[string]int64{"whatsapp": 10}},
		account(""),
	}
}

func parse(t *testing.T, body string) backend.WebhookBatch {
	t.Helper()
	out, err := whatsapp.ParseWebhook(accounts(), []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if len(out) > 1 || (len(out) == 1 && out[7].Messages == nil && out[7].Statuses == nil) {
		t.Fatalf("batches = %+v", out)
	}
	return out[7]
}

func TestParseWebhookText(t *testing.T) {
	b := parse(t, docTextMessage)
	if len(b.Messages) != 1 || len(b.Statuses) != 0 {
		t.Fatalf("batch = %+v", b)
	}
	m := b.Messages[0]
	want := backend.IncomingMessage{
		ChannelID: 3, Kind: backend.ConversationDM,
		PlatformMessageID: "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
		ThreadKey:         "16505551234", Direction: backend.DirectionIn,
		Author: backend.Author{PlatformUserID: "16505551234", DisplayName: "Sheena Nelson"},
		Text:   "Does it come in another color?", SentAt: time.Unix(1749416383, 0).UTC(),
	}
	if m.ChannelID != want.ChannelID || m.Kind != want.Kind || m.PlatformMessageID != want.PlatformMessageID ||
		m.ThreadKey != want.ThreadKey || m.Direction != want.Direction || m.Author != want.Author ||
		m.Text != want.Text || !m.SentAt.Equal(want.SentAt) || m.ReplyTo != "" || m.Post != nil {
		t.Errorf("message =\n%+v\nwant\n%+v", m, want)
	}
}

func TestParseWebhookUsername(t *testing.T) {
	b := parse(t, docUsernameMessage)
	if len(b.Messages) != 1 {
		t.Fatalf("batch = %+v", b)
	}
	m := b.Messages[0]
	if m.ThreadKey != "US.13491208655302741918" || m.Author.PlatformUserID != "US.13491208655302741918" ||
		m.Author.Handle != "pablo.m" || m.Author.DisplayName != "Pablo" || m.ReplyTo != "wamid.OUT1" {
		t.Errorf("message = %+v", m)
	}
	if err := m.Validate(); err != nil {
		t.Error(err)
	}
}

func TestParseWebhookStatuses(t *testing.T) {
	b := parse(t, docStatuses)
	if len(b.Messages) != 0 || len(b.Statuses) != 7 {
		t.Fatalf("batch = %+v", b)
	}
	want := []struct {
		id, status, code, key string
	}{
		{"wamid.OUT1", "sent", "", ""},
		{"wamid.OUT1", "delivered", "", ""},
		{"wamid.OUT1", "read", "", ""},
		{"wamid.OUT2", "failed", backend.EINVALID, whatsapp.KeyWindowClosed},
		{"wamid.OUT3", "failed", backend.EINVALID, whatsapp.KeyRecipientUnavailable},
		{"wamid.OUT4", "failed", backend.ERATELIMITED, whatsapp.KeyRateLimited},
		{"wamid.OUT5", "failed", backend.EINVALID, whatsapp.KeyRefused},
	}
	for i, w := range want {
		st := b.Statuses[i]
		if st.PlatformMessageID != w.id || st.Status != w.status || !st.At.Equal(time.Unix(int64(1749416500+i), 0)) {
			t.Errorf("status %d = %+v", i, st)
		}
		switch {
		case w.code == "" && st.Error != nil:
			t.Errorf("status %d has error %v", i, st.Error)
		case w.code != "" && (st.Error == nil || st.Error.Code != w.code || st.Error.Key != w.key):
			t.Errorf("status %d error = %+v, want %s %s", i, st.Error, w.code, w.key)
		}
	}
	if e := b.Statuses[4].Error; e.Params["reason"] != "" && !strings.Contains(e.Message, "could not deliver") {
		t.Errorf("undeliverable = %+v", e)
	}
	if e := b.Statuses[6].Error; e.Params["reason"] != "Unable to download the media from the sender." {
		t.Errorf("refused = %+v", e)
	}
	if e := b.Statuses[5].Error; !strings.Contains(e.Message, "send it again later") {
		t.Errorf("rate limited = %q", e.Message)
	}
}

func TestParseWebhookOtherTypes(t *testing.T) {
	b := parse(t, docOtherTypes)
	var ids []string
	for _, m := range b.Messages {
		ids = append(ids, m.PlatformMessageID)
		if err := m.Validate(); err != nil {
			t.Errorf("%s: %v", m.PlatformMessageID, err)
		}
	}
	if strings.Join(ids, ",") != "wamid.IMG,wamid.DOC,wamid.LOC,wamid.BTN" {
		t.Fatalf("messages = %v", ids)
	}
	img, doc, loc, btn := b.Messages[0], b.Messages[1], b.Messages[2], b.Messages[3]
	if img.Text != "The stain" || len(img.Attachments) != 1 || img.Attachments[0].Kind != "image" || img.Attachments[0].MIME != "image/jpeg" {
		t.Errorf("image = %+v", img)
	}
	if doc.Text != "" || len(doc.Attachments) != 1 || doc.Attachments[0].Kind != "file" || doc.Attachments[0].Name != "invoice.pdf" {
		t.Errorf("document = %+v", doc)
	}
	if loc.Text != "Location: Tour Eiffel Champ de Mars, Paris (48.8584, 2.2945)" {
		t.Errorf("location = %q", loc.Text)
	}
	if btn.Text != "Yes please" {
		t.Errorf("button = %q", btn.Text)
	}
}

func TestParseWebhookIgnores(t *testing.T) {
	for name, body := range map[string]string{
		"UnknownNumber": strings.Replace(docTextMessage, "106540352242922", "555", 1),
		"OtherObject":   strings.Replace(docTextMessage, "whatsapp_business_account", "page", 1),
		"OtherField":    strings.Replace(docTextMessage, `"field": "messages"`, `"field": "account_update"`, 1),
		"Empty":         `{}`,
		"NoEntries":     `{"object":"whatsapp_business_account","entry":[]}`,
		"BadValue":      `{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":"oops"}]}]}`,
		"BadEntry":      `{"object":"whatsapp_business_account","entry":[{"id":{"x":1},"changes":[{"field":7}]}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			out, err := whatsapp.ParseWebhook(accounts(), []byte(body))
			if err != nil || len(out) != 0 {
				t.Errorf("ParseWebhook = %+v, %v", out, err)
			}
		})
	}
	for _, body := range []string{"", "not json", "[1,2]", `"x"`} {
		_, err := whatsapp.ParseWebhook(accounts(), []byte(body))
		wantError(t, err, backend.EINVALID, whatsapp.KeyWebhookMalformed)
	}
}

func TestParseWebhookFromServer(t *testing.T) {
	srv := newServer(t, whatsapptest.Options{})
	body := srv.Inbound(
		whatsapptest.Inbound{From: "33612345678", Name: "Marie", Text: "Bonjour", At: fixedNow},
		whatsapptest.Inbound{UserID: "FR.998877", Name: "Anon", Username: "anon", Text: "Salut", At: fixedNow},
	)
	b := parse(t, string(body))
	if len(b.Messages) != 2 || b.Messages[0].ThreadKey != "33612345678" || b.Messages[1].ThreadKey != "FR.998877" ||
		b.Messages[1].Author.DisplayName != "Anon" || !b.Messages[0].SentAt.Equal(fixedNow) {
		t.Errorf("batch = %+v", b)
	}
	st := parse(t, string(srv.Statuses(whatsapptest.Status{ID: "wamid.X", Status: "failed", ErrorCode: 131047,
		ErrorTitle: "Re-engagement message", ErrorMessage: "Re-engagement message"})))
	if len(st.Statuses) != 1 || st.Statuses[0].Error == nil || st.Statuses[0].Error.Key != whatsapp.KeyWindowClosed {
		t.Errorf("statuses = %+v", st)
	}
}

func TestParseWebhookNoChannel(t *testing.T) {
	accts := []backend.Account{{ID: 7, Name: "shop", Platform: backend.PlatformWhatsApp,
		IDs: map[string]string{whatsapp.IDPhoneNumber: whatsapptest.DefaultPhoneNumberID}}}
	_, err := whatsapp.ParseWebhook(accts, []byte(docTextMessage))
	be := wantError(t, err, backend.EINVALID, whatsapp.KeyChannelMissing)
	if be.Params["account"] != "shop" {
		t.Errorf("params = %v", be.Params)
	}
	out, err := whatsapp.ParseWebhook(accts, []byte(docStatuses))
	if err != nil || len(out[7].Statuses) != 7 {
		t.Errorf("statuses without a channel = %+v, %v", out, err)
	}
}
