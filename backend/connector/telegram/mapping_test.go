package telegram_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strconv"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/connector/telegram"
)

func at(offset int64) time.Time { return time.Unix(baseDate+offset, 0).UTC() }

var (
	camille   = backend.Author{PlatformUserID: "111222333", Handle: "camille_d", DisplayName: "Camille Durand"}
	marc      = backend.Author{PlatformUserID: "222333444", DisplayName: "Marc"}
	tendNews  = backend.Author{PlatformUserID: "-1001555000111", Handle: "tendnews", DisplayName: "Tend News"}
	community = backend.Author{PlatformUserID: "-1001987654321", Handle: "tendcommunity", DisplayName: "Tend community"}
)

func dm(thread, id string, dir string, author backend.Author, text string, sent time.Time) *backend.IncomingMessage {
	return &backend.IncomingMessage{
		ChannelID: channelID, Kind: backend.ConversationDM, PlatformMessageID: thread + ":" + id, ThreadKey: thread,
		Direction: dir, Author: author, Text: text, SentAt: sent,
	}
}

func with(m *backend.IncomingMessage, f func(*backend.IncomingMessage)) *backend.IncomingMessage {
	f(m)
	return m
}

// mappingCases map each fixture (one documented Update) to the message Tend keeps, nil for none.
var mappingCases = []struct {
	fixture string
	want    *backend.IncomingMessage
}{
	{"private_text", dm("111222333", "12", "in", camille, "Bonjour, ma commande n'est pas arrivée", at(0))},
	{"group_text", dm("-4001234567", "301", "in", marc, "Quelqu'un a reçu sa commande ?", at(60))},
	{"supergroup_reply", with(dm("-1001987654321", "41", "in", camille, "J'adore 😍", at(120)),
		func(m *backend.IncomingMessage) { m.ReplyTo = "-1001987654321:40" })},
	{"channel_post", dm("-1001555000111", "77", "out",
		backend.Author{PlatformUserID: "-1001555000111", Handle: "tendnews", DisplayName: "Alice"}, "Soldes ce week-end", at(180))},
	{"edited_channel_post", dm("-1001555000111", "77", "out", tendNews, "Soldes ce week-end, -20 %", at(180))},
	{"edited_message", dm("111222333", "12", "in", camille, "Bonjour, ma commande n'est toujours pas arrivée", at(0))},
	{"photo_caption", with(dm("111222333", "13", "in", camille, "Colis abîmé", at(300)), func(m *backend.IncomingMessage) {
		m.Attachments = []backend.Attachment{{Kind: "image", MIME: "image/jpeg", Size: 98311}}
	})},
	{"document", with(dm("111222333", "14", "in", camille, "", at(310)), func(m *backend.IncomingMessage) {
		m.Attachments = []backend.Attachment{{Kind: "file", Name: "facture.pdf", MIME: "application/pdf", Size: 48213}}
	})},
	{"voice", with(dm("111222333", "15", "in", camille, "", at(320)), func(m *backend.IncomingMessage) {
		m.Attachments = []backend.Attachment{{Kind: "audio", MIME: "audio/ogg", Size: 9821}}
	})},
	{"video", with(dm("111222333", "16", "in", camille, "Le déballage", at(330)), func(m *backend.IncomingMessage) {
		m.Attachments = []backend.Attachment{{Kind: "video", Name: "unboxing.mp4", MIME: "video/mp4", Size: 3048576}}
	})},
	{"sticker", with(dm("111222333", "17", "in", camille, "", at(340)), func(m *backend.IncomingMessage) {
		m.Attachments = []backend.Attachment{{Kind: "sticker", Name: "👍", MIME: "image/webp", Size: 22118}}
	})},
	{"other_bot", dm("-4001234567", "302", "in",
		backend.Author{PlatformUserID: "5550001", Handle: "promo_spam_bot", DisplayName: "Promo", IsBot: true}, "Gagnez un iPhone !", at(400))},
	{"own_bot", dm("-4001234567", "303", "out",
		backend.Author{PlatformUserID: "7000001", Handle: "tend_test_bot", DisplayName: "Tend Test", IsBot: true}, "Merci pour votre message !", at(410))},
	{"anonymous_admin", dm("-1001987654321", "42", "out", community, "Rappel : livraison gratuite dès 50 €", at(800))},
	{"automatic_forward", dm("-1001987654321", "43", "out", tendNews, "Soldes ce week-end", at(810))},
	{"channel_in_group", dm("-1001987654321", "44", "in",
		backend.Author{PlatformUserID: "-1001999888777", Handle: "fanclub", DisplayName: "Fan Club"}, "On adore Tend", at(820))},
	{"service_new_members", nil},
	{"callback_query", nil},
	{"message_reaction", nil},
}

func TestMappingThroughFetch(t *testing.T) {
	for _, tc := range mappingCases {
		t.Run(tc.fixture, func(t *testing.T) {
			s := newServer(t)
			raw := fixture(t, tc.fixture)
			if err := s.QueueJSON(raw); err != nil {
				t.Fatal(err)
			}
			res, err := newConnector(t, s).Fetch(context.Background(), "")
			if err != nil {
				t.Fatal(err)
			}
			checkMapped(t, res.Messages, tc.want)
			var u struct {
				UpdateID int64 `json:"update_id"`
			}
			if err := json.Unmarshal([]byte(raw), &u); err != nil {
				t.Fatal(err)
			}
			if want := u.UpdateID + 1; res.Cursor != strconv.FormatInt(want, 10) {
				t.Errorf("cursor %q, want %d", res.Cursor, want)
			}
		})
	}
}

func TestMappingThroughWebhook(t *testing.T) {
	acct := config("").Account
	acct.IDs = map[string]string{"bot_id": "7000001"}
	for _, tc := range mappingCases {
		t.Run(tc.fixture, func(t *testing.T) {
			batch, err := telegram.ParseWebhook(acct, []byte(fixture(t, tc.fixture)))
			if err != nil {
				t.Fatal(err)
			}
			checkMapped(t, batch.Messages, tc.want)
			if len(batch.Statuses) != 0 {
				t.Errorf("statuses %v", batch.Statuses)
			}
		})
	}
}

// Without the bot's id, its own messages look like any bot's: inbound, from a bot.
func TestWebhookWithoutBotID(t *testing.T) {
	batch, err := telegram.ParseWebhook(config("").Account, []byte(fixture(t, "own_bot")))
	if err != nil {
		t.Fatal(err)
	}
	if len(batch.Messages) != 1 || batch.Messages[0].Direction != backend.DirectionIn || !batch.Messages[0].Author.IsBot {
		t.Errorf("messages %+v", batch.Messages)
	}
}

func checkMapped(t *testing.T, got []backend.IncomingMessage, want *backend.IncomingMessage) {
	t.Helper()
	if want == nil {
		if len(got) != 0 {
			t.Fatalf("got %+v, want no message", got)
		}
		return
	}
	if len(got) != 1 {
		t.Fatalf("got %d messages, want 1", len(got))
	}
	if !reflect.DeepEqual(got[0], *want) {
		t.Errorf("got  %+v\nwant %+v", got[0], *want)
	}
	if err := got[0].Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}
