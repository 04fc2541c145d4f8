package importer_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"tend/backend"
	"tend/backend/importer"
)

var testdata = os.DirFS("testdata")

// brief is the part of a message the tests compare, on one line.
type brief struct {
	ID, Thread, Dir, AuthorID, Author, Text, SentAt, ReplyTo string
}

func briefOf(m backend.IncomingMessage) brief {
	return brief{m.PlatformMessageID, m.ThreadKey, m.Direction, m.Author.PlatformUserID, m.Author.DisplayName, m.Text,
		m.SentAt.UTC().Format(time.RFC3339), m.ReplyTo}
}

func parse(t *testing.T, fsys fs.FS, format importer.Format, root string, opts importer.Options) importer.Result {
	t.Helper()
	res, err := importer.Parse(format, fsys, root, opts)
	if err != nil {
		t.Fatalf("Parse(%s, %q): %v", format, root, err)
	}
	checkValid(t, res)
	return res
}

// checkValid asserts the package's promises on every result: messages validate once a channel is
// set, ids are unique, times are in order and no channel is set.
func checkValid(t testing.TB, res importer.Result) {
	t.Helper()
	seen := map[string]bool{}
	for i, m := range res.Messages {
		if m.ChannelID != 0 {
			t.Errorf("message %d has channel %d", i, m.ChannelID)
		}
		m.ChannelID = 1
		if err := m.Validate(); err != nil {
			t.Errorf("message %d (%q) does not validate: %v", i, m.PlatformMessageID, err)
		}
		if seen[m.PlatformMessageID] {
			t.Errorf("message id %q returned twice", m.PlatformMessageID)
		}
		seen[m.PlatformMessageID] = true
		if i > 0 && m.SentAt.Before(res.Messages[i-1].SentAt) {
			t.Errorf("message %d is older than the one before", i)
		}
		if strings.ContainsAny(m.Text, backend.SnippetStart+backend.SnippetEnd) {
			t.Errorf("message %d keeps a snippet marker", i)
		}
	}
	if len(res.Rejected) > importer.MaxRejections {
		t.Errorf("%d rejections listed", len(res.Rejected))
	}
	for _, r := range res.Rejected {
		if r.Location == "" || r.Reason == "" || r.Key == "" {
			t.Errorf("incomplete rejection %+v", r)
		}
	}
}

func errKey(t *testing.T, err error, code string) string {
	t.Helper()
	var e *backend.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not a *backend.Error", err)
	}
	if e.Code != code {
		t.Errorf("code = %s, want %s (%v)", e.Code, code, err)
	}
	return e.Key
}

func rejections(res importer.Result) []string {
	var out []string
	for _, r := range res.Rejected {
		out = append(out, r.Location+" "+r.Key)
	}
	return out
}

func sameList(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

func find(t *testing.T, res importer.Result, id string) backend.IncomingMessage {
	t.Helper()
	for _, m := range res.Messages {
		if m.PlatformMessageID == id {
			return m
		}
	}
	t.Fatalf("no message %q", id)
	return backend.IncomingMessage{}
}

func compare(t *testing.T, res importer.Result, want []brief) {
	t.Helper()
	var got []brief
	for _, m := range res.Messages {
		got = append(got, briefOf(m))
	}
	if len(got) != len(want) {
		t.Errorf("got %d messages, want %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Errorf("message %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestTelegram(t *testing.T) {
	t.Run("NewSingleChat", func(t *testing.T) {
		res := parse(t, testdata, importer.FormatTelegram, "telegram/single-new", importer.Options{})
		if res.Platform != backend.PlatformTelegram || res.Owner != "Atelier Lumière" {
			t.Errorf("platform %q owner %q", res.Platform, res.Owner)
		}
		compare(t, res, []brief{
			{"6021337:102", "6021337", "in", "6021337", "Camille Martin", "Bonjour ! Vos bougies sont-elles vegan ?", "2024-05-01T09:02:40Z", ""},
			{"6021337:103", "6021337", "out", "5550001", "Atelier Lumière", "Bonjour Camille, oui : 100 % cire de soja 🌱", "2024-05-01T09:05:03Z", "6021337:102"},
			{"6021337:104", "6021337", "in", "6021337", "Camille Martin", "", "2024-05-01T09:06:30Z", ""},
			{"6021337:105", "6021337", "in", "6021337", "Camille Martin", "", "2024-05-01T09:06:41Z", ""},
			{"6021337:106", "6021337", "in", "6021337", "Camille Martin", "Le lien ne marche pas : https://atelier-lumiere.fr/commande/4821", "2024-05-01T09:08:15Z", ""},
			{"6021337:109", "6021337", "out", "5550001", "Atelier Lumière", "Voici la facture, désolée pour le lien !", "2024-05-01T09:15:00Z", ""},
		})
		want := map[string][]backend.Attachment{
			"6021337:104": {{Kind: "image"}},
			"6021337:105": {{Kind: "sticker", MIME: "image/webp"}},
			"6021337:109": {{Kind: "file", Name: "facture_4821.pdf", MIME: "application/pdf", Size: 48213}},
		}
		for id, atts := range want {
			if got := find(t, res, id).Attachments; !reflect.DeepEqual(got, atts) {
				t.Errorf("%s attachments = %+v, want %+v", id, got, atts)
			}
		}
		if m := find(t, res, "6021337:102"); m.Kind != backend.ConversationDM || m.Author.IsBot {
			t.Errorf("kind %q bot %v", m.Kind, m.Author.IsBot)
		}
		if res.Skipped != 1 || res.Truncated != 0 {
			t.Errorf("skipped %d truncated %d", res.Skipped, res.Truncated)
		}
		sameList(t, "rejections", rejections(res), []string{
			"telegram/single-new/result.json#messages[6] " + importer.KeyItemEmpty,
			"telegram/single-new/result.json#messages[7] " + importer.KeyItemBadDate,
		})
		if p := res.Rejected[1].Params["value"]; p != "hier soir" {
			t.Errorf("bad date param %q", p)
		}
	})

	t.Run("OldSingleChatLocalDates", func(t *testing.T) {
		opts := importer.Options{TimeZone: time.FixedZone("CET", 3600)}
		res := parse(t, testdata, importer.FormatTelegram, "telegram/single-old/result.json", opts)
		compare(t, res, []brief{
			{"4242:8", "4242", "in", "4242", "John Carter", "Hi! Is the Winter Forest candle back in stock? See this post", "2019-03-14T17:05:00Z", ""},
			{"4242:9", "4242", "out", "5550001", "Atelier Lumière", "Yes, since Monday. Shall I put one aside for you?", "2019-03-14T17:20:00Z", "4242:8"},
			{"4242:10", "4242", "in", "4242", "John Carter", "", "2019-03-14T17:21:30Z", ""},
		})
		if got := find(t, res, "4242:10").Attachments; !reflect.DeepEqual(got, []backend.Attachment{{Kind: "audio", Name: "audio_1@14-03-2019_18-21-30.ogg", MIME: "audio/ogg"}}) {
			t.Errorf("voice message attachments %+v", got)
		}
		// Without a time zone, dates without one are UTC.
		res = parse(t, testdata, importer.FormatTelegram, "telegram/single-old/result.json", importer.Options{})
		if got := res.Messages[0].SentAt; !got.Equal(time.Date(2019, 3, 14, 18, 5, 0, 0, time.UTC)) {
			t.Errorf("UTC date %v", got)
		}
	})

	t.Run("ExportAll", func(t *testing.T) {
		res := parse(t, testdata, importer.FormatTelegram, "telegram/export-all/result.json", importer.Options{})
		if res.Owner != "Atelier Lumière" {
			t.Errorf("owner %q", res.Owner)
		}
		compare(t, res, []brief{
			{"-912345:3001", "-912345", "in", "8000002", "Paul Girard", "Is the stall next to the entrance still available?", "2023-11-20T16:45:00Z", ""},
			{"-1001771234567:2", "-1001771234567", "in", "7000001", "Sophie Leroy", "Hello everyone! When is the next workshop?", "2024-04-02T07:30:00Z", ""},
			{"-1001771234567:3", "-1001771234567", "out", "5550001", "Atelier Lumière", "Samedi 13 avril à 14 h, il reste 3 places !", "2024-04-02T07:41:00Z", "-1001771234567:2"},
			{"-1001771234567:4", "-1001771234567", "in", "-1001771234567", "Clients VIP", "📌 Rappel : -10 % pour les membres ce week-end.", "2024-04-02T08:02:00Z", ""},
			{"6021337:102", "6021337", "in", "6021337", "Camille Martin", "Bonjour ! Vos bougies sont-elles vegan ?", "2024-05-01T09:02:40Z", ""},
			{"6021337:103", "6021337", "out", "5550001", "Atelier Lumière", "Bonjour Camille, oui : 100 % cire de soja 🌱", "2024-05-01T09:05:03Z", "6021337:102"},
		})
		// service message, two channel posts, one saved message
		if res.Skipped != 4 {
			t.Errorf("skipped %d", res.Skipped)
		}
		sameList(t, "rejections", rejections(res), []string{
			"telegram/export-all/result.json#chats.list[4] " + importer.KeyItemUnreadable,
			"telegram/export-all/result.json#chats.list[5] " + importer.KeyChatNoID,
		})
	})

	t.Run("SameIDsAcrossExportStyles", func(t *testing.T) {
		single := parse(t, testdata, importer.FormatTelegram, "telegram/single-new", importer.Options{})
		all := parse(t, testdata, importer.FormatTelegram, "telegram/export-all", importer.Options{})
		for _, id := range []string{"6021337:102", "6021337:103"} {
			if a, b := find(t, single, id), find(t, all, id); !reflect.DeepEqual(a, b) {
				t.Errorf("%s differs:\n%+v\n%+v", id, a, b)
			}
		}
	})

	t.Run("OwnerOption", func(t *testing.T) {
		// The owner named by the option is outbound, and the detection from the chat is off.
		res := parse(t, testdata, importer.FormatTelegram, "telegram/single-new", importer.Options{Owner: "camille martin"})
		if find(t, res, "6021337:102").Direction != backend.DirectionOut || find(t, res, "6021337:103").Direction != backend.DirectionIn {
			t.Error("the option did not set the directions")
		}
		res = parse(t, testdata, importer.FormatTelegram, "telegram/single-new", importer.Options{Owner: "user5550001"})
		if find(t, res, "6021337:103").Direction != backend.DirectionOut || find(t, res, "6021337:102").Direction != backend.DirectionIn {
			t.Error("an owner given by id did not set the directions")
		}
	})

	t.Run("BotChat", func(t *testing.T) {
		fsys := fstest.MapFS{"result.json": {Data: []byte(`{"name":"ShopBot","type":"bot_chat","id":777,"messages":[
			{"id":1,"type":"message","date_unixtime":"1714554160","from":"Atelier Lumière","from_id":"user5","text":"/start"},
			{"id":2,"type":"message","date_unixtime":"1714554161","from":"ShopBot","from_id":"user777","text":"Welcome!"}]}`)}}
		res := parse(t, fsys, importer.FormatTelegram, "result.json", importer.Options{})
		if m := find(t, res, "777:2"); !m.Author.IsBot || m.Direction != backend.DirectionIn {
			t.Errorf("bot message %+v", m)
		}
		if m := find(t, res, "777:1"); m.Author.IsBot || m.Direction != backend.DirectionOut {
			t.Errorf("own message %+v", m)
		}
	})

	t.Run("NoAuthor", func(t *testing.T) {
		fsys := fstest.MapFS{"result.json": {Data: []byte(`{"name":"G","type":"private_group","id":9,"messages":[
			{"id":1,"type":"message","date_unixtime":"1714554160","from":null,"text":"who am I?"}]}`)}}
		res := parse(t, fsys, importer.FormatTelegram, "result.json", importer.Options{})
		sameList(t, "rejections", rejections(res), []string{"result.json#messages[0] " + importer.KeyItemNoAuthor})
	})
}

func TestTelegramNotTelegram(t *testing.T) {
	metaFile := "meta/facebook-atelierlumiere-2024-05-02/your_facebook_activity/messages/inbox/camillemartin_10158822334455/message_1.json"
	for _, root := range []string{metaFile, "csv/good.csv", "meta/e2ee", "telegram"} {
		_, err := importer.Parse(importer.FormatTelegram, testdata, root, importer.Options{})
		if key := errKey(t, err, backend.EINVALID); key != importer.KeyNotTelegram {
			t.Errorf("%s: key %q", root, key)
		}
	}
	full, err := fs.ReadFile(testdata, "telegram/export-all/result.json")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"empty": "", "array": "[1,2]", "string": `"result"`, "no messages": `{"name":"x","type":"personal_chat","id":1}`,
		"garbage": "\x00\x01PK", "messages not a list": `{"name":"x","type":"personal_chat","id":1,"messages":{}}`,
	} {
		_, err := importer.Parse(importer.FormatTelegram, fstest.MapFS{"result.json": {Data: []byte(data)}}, "result.json", importer.Options{})
		if key := errKey(t, err, backend.EINVALID); key != importer.KeyNotTelegram {
			t.Errorf("%s: key %q", name, key)
		}
	}
	// A real export cut short is damaged, not "not Telegram".
	cut := fstest.MapFS{"result.json": {Data: full[:len(full)/2]}}
	_, err = importer.Parse(importer.FormatTelegram, cut, "result.json", importer.Options{})
	if key := errKey(t, err, backend.EINVALID); key != importer.KeyFileDamaged {
		t.Errorf("cut export: key %q", key)
	}
}

func TestMeta(t *testing.T) {
	const fb = "meta/facebook-atelierlumiere-2024-05-02"
	const camille = "camillemartin_10158822334455"
	t.Run("FacebookFolder", func(t *testing.T) {
		res := parse(t, testdata, importer.FormatMeta, fb, importer.Options{})
		if res.Platform != backend.PlatformMessenger || res.Owner != "Atelier Lumière" {
			t.Errorf("platform %q owner %q", res.Platform, res.Owner)
		}
		var got []string
		for _, m := range res.Messages {
			got = append(got, fmt.Sprintf("%s %s %s %q %d", m.ThreadKey, m.Direction, m.Author.DisplayName, m.Text, m.SentAt.UnixMilli()))
		}
		sameList(t, "messages", got, []string{
			`lucasbernard_8841220011 in Lucas Bernard "Hello! Do you ship to the UK?" 1700000000000`,
			`lucasbernard_8841220011 out Atelier Lumière "Yes, 3–5 days with Colissimo 🚚" 1700000300000`,
			`equipeboutique_7712093344 in Sophie Leroy "Qui tient le stand au marché ce week-end ?" 1714400000000`,
			`equipeboutique_7712093344 in Paul Girard "Je peux venir samedi matin 👍" 1714400100000`,
			camille + ` in Camille Martin "Bonjour, vous livrez à Montréal ? Ça m'intéresse beaucoup." 1714480000000`,
			camille + ` in Camille Martin "ok" 1714567600000`,
			camille + ` in Camille Martin "ok" 1714567600000`,
			camille + ` out Atelier Lumière "" 1714568000000`,
			camille + ` in Camille Martin "" 1714568500000`,
			camille + ` in Camille Martin "Super, je prends la bougie « Forêt d'hiver » 😀" 1714569000000`,
			camille + ` out Atelier Lumière "Merci Camille ! Votre commande part demain 📦" 1714570000000`,
		})
		// Identical messages get the same hash and a counter.
		if a, b := res.Messages[5].PlatformMessageID, res.Messages[6].PlatformMessageID; b != a+"-2" || !strings.HasPrefix(a, "dyi-") {
			t.Errorf("duplicate ids %q %q", a, b)
		}
		if got := res.Messages[7].Attachments; !reflect.DeepEqual(got, []backend.Attachment{{Kind: "link",
			URL: "https://atelier-lumiere.fr/bougies/foret-hiver", Name: "Bougie Forêt d'hiver – Atelier Lumière"}}) {
			t.Errorf("share %+v", got)
		}
		if got := res.Messages[8].Attachments; !reflect.DeepEqual(got, []backend.Attachment{{Kind: "image", Name: "441822349_1042_n.jpg"}}) {
			t.Errorf("photo %+v", got)
		}
		// The same sender has the same id everywhere, and it is not their name.
		if a, b := res.Messages[4].Author.PlatformUserID, res.Messages[9].Author.PlatformUserID; a != b || !strings.HasPrefix(a, "name-") {
			t.Errorf("author ids %q %q", a, b)
		}
		// reaction line, unsent, call, group join
		if res.Skipped != 4 {
			t.Errorf("skipped %d", res.Skipped)
		}
		inbox := fb + "/your_facebook_activity/messages/inbox/"
		sameList(t, "rejections", rejections(res), []string{
			inbox + "broken_0001/message_1.json " + importer.KeyFileNotMeta,
			inbox + camille + "/message_2.json#messages[1] " + importer.KeyItemBadDate,
			inbox + camille + "/message_2.json#messages[2] " + importer.KeyItemUnreadable,
		})
	})

	t.Run("SingleFileWithOwner", func(t *testing.T) {
		file := fb + "/your_facebook_activity/messages/inbox/" + camille + "/message_2.json"
		res := parse(t, testdata, importer.FormatMeta, file, importer.Options{Owner: "Camille Martin"})
		if len(res.Messages) != 1 || res.Messages[0].Direction != backend.DirectionOut || res.Messages[0].ThreadKey != camille {
			t.Errorf("messages %+v", res.Messages)
		}
		// The same message read from the folder has the same id.
		all := parse(t, testdata, importer.FormatMeta, fb, importer.Options{})
		find(t, all, res.Messages[0].PlatformMessageID)
	})

	t.Run("E2EEExport", func(t *testing.T) {
		res := parse(t, testdata, importer.FormatMeta, "meta/e2ee/Camille Martin_12.json", importer.Options{})
		if res.Platform != backend.PlatformMessenger || res.Owner != "Atelier Lumière" {
			t.Errorf("platform %q owner %q", res.Platform, res.Owner)
		}
		var got []string
		for _, m := range res.Messages {
			got = append(got, fmt.Sprintf("%s %s %q %v", m.ThreadKey, m.Direction, m.Text, m.Attachments))
		}
		sameList(t, "messages", got, []string{
			`Camille Martin_12 in "Coucou ! La bougie est arrivée, elle sent trop bon 😍" []`,
			`Camille Martin_12 out "Merci beaucoup Camille ! 🙏" []`,
			`Camille Martin_12 in "" [{image  4f1c2b9e-77aa-4e51-9c1d-0b1e2f3a4b5c.jpeg  0}]`,
			`Camille Martin_12 in "" [{file    0}]`,
			`Camille Martin_12 in "https://atelier-lumiere.fr/avis" []`,
			`Camille Martin_12 in "Café crème, s'il vous plaît – à bientôt" []`,
		})
		if res.Skipped != 2 { // unsent, placeholder
			t.Errorf("skipped %d", res.Skipped)
		}
		// The same download as a folder: its files sit at the top.
		dir := parse(t, testdata, importer.FormatMeta, "meta/e2ee", importer.Options{})
		if !reflect.DeepEqual(dir.Messages, res.Messages) {
			t.Error("the folder and the file differ")
		}
	})

	t.Run("Instagram", func(t *testing.T) {
		res := parse(t, testdata, importer.FormatMeta, "meta/instagram-atelierlumiere-2024-06-01", importer.Options{})
		if res.Platform != backend.PlatformInstagram {
			t.Errorf("platform %q", res.Platform)
		}
		var got []string
		for _, m := range res.Messages {
			got = append(got, m.Direction+" "+m.Text)
		}
		sameList(t, "messages", got, []string{"in Est-ce que vous faites des ateliers DIY ? 🕯️", "out Oui ! Le prochain est le 15 juin, 35 € tout compris."})
		if res.Skipped != 2 {
			t.Errorf("skipped %d", res.Skipped)
		}
	})

	t.Run("MixedPlatforms", func(t *testing.T) {
		file := []byte(`{"participants":[{"name":"A"},{"name":"B"}],"messages":[{"sender_name":"A","timestamp_ms":1700000000000,"content":"hi"}]}`)
		fsys := fstest.MapFS{
			"x/your_instagram_activity/messages/inbox/a_1/message_1.json": {Data: file},
			"x/your_facebook_activity/messages/inbox/a_1/message_1.json":  {Data: file},
		}
		_, err := importer.Parse(importer.FormatMeta, fsys, "x", importer.Options{})
		if key := errKey(t, err, backend.EINVALID); key != importer.KeyMetaMixedPlatforms {
			t.Errorf("key %q", key)
		}
		res := parse(t, fsys, importer.FormatMeta, "x", importer.Options{Platform: backend.PlatformInstagram})
		// Both files have the thread folder a_1: they are one thread, whose identical messages are
		// told apart by their counter.
		if res.Platform != backend.PlatformInstagram || len(res.Messages) != 2 || res.Messages[1].PlatformMessageID != res.Messages[0].PlatformMessageID+"-2" {
			t.Errorf("forced platform: %+v", res)
		}
	})

	t.Run("OwnerFromCommonParticipant", func(t *testing.T) {
		thread := func(title string, names ...string) *fstest.MapFile {
			var ps []string
			for _, n := range names {
				ps = append(ps, fmt.Sprintf(`{"name":%q}`, n))
			}
			return &fstest.MapFile{Data: fmt.Appendf(nil, `{"title":%q,"participants":[%s],"messages":[{"sender_name":"Me","timestamp_ms":1700000000000,"content":"hello"}]}`,
				title, strings.Join(ps, ","))}
		}
		fsys := fstest.MapFS{
			"messages/inbox/g1_1/message_1.json": thread("Group one", "Ann", "Me", "Bob"),
			"messages/inbox/g2_2/message_1.json": thread("Group two", "Cid", "Me", "Ann"),
			"messages/inbox/g3_3/message_1.json": thread("Group three", "Me", "Dan"),
		}
		res := parse(t, fsys, importer.FormatMeta, ".", importer.Options{})
		if res.Owner != "Me" || res.Messages[0].Direction != backend.DirectionOut {
			t.Errorf("owner %q", res.Owner)
		}
		delete(fsys, "messages/inbox/g3_3/message_1.json") // Ann and Me are both everywhere
		if res := parse(t, fsys, importer.FormatMeta, ".", importer.Options{}); res.Owner != "" || res.Messages[0].Direction != backend.DirectionIn {
			t.Errorf("ambiguous owner %q", res.Owner)
		}
	})

	t.Run("NotMeta", func(t *testing.T) {
		for _, root := range []string{"telegram/export-all/result.json", "csv/good.csv", "telegram", "csv"} {
			_, err := importer.Parse(importer.FormatMeta, testdata, root, importer.Options{})
			if key := errKey(t, err, backend.EINVALID); key != importer.KeyNotMeta {
				t.Errorf("%s: key %q", root, key)
			}
		}
		broken := fb + "/your_facebook_activity/messages/inbox/broken_0001/message_1.json"
		_, err := importer.Parse(importer.FormatMeta, testdata, broken, importer.Options{})
		if key := errKey(t, err, backend.EINVALID); key != importer.KeyFileDamaged {
			t.Errorf("damaged file: key %q", key)
		}
	})

	t.Run("TooManyAttachments", func(t *testing.T) {
		photos := strings.Repeat(`{"uri":"p/1.jpg"},`, 60)
		fsys := fstest.MapFS{"message_1.json": {Data: []byte(`{"participants":[{"name":"A"}],"messages":[{"sender_name":"A","timestamp_ms":1700000000000,"photos":[` +
			strings.TrimSuffix(photos, ",") + `]}]}`)}}
		res := parse(t, fsys, importer.FormatMeta, "message_1.json", importer.Options{})
		if res.Truncated != 1 || len(res.Messages[0].Attachments) != backend.MaxAttachmentsPerMsg {
			t.Errorf("truncated %d, %d attachments", res.Truncated, len(res.Messages[0].Attachments))
		}
		if res.Messages[0].ThreadKey != "message_1" {
			t.Errorf("thread key %q", res.Messages[0].ThreadKey)
		}
	})
}

func TestFixMojibake(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Ã©", "é"},
		{"Atelier Lumi\u00c3\u00a8re", "Atelier Lumière"},
		// 😀 is F0 9F 98 80: Meta writes \u00f0\u009f\u0098\u0080, which a Windows-1252 viewer shows as "ðŸ˜€".
		{"\u00f0\u009f\u0098\u0080", "😀"},
		{"\u00c2\u00ab For\u00c3\u00aat \u00c2\u00bb", "« Forêt »"},
		{"plain ASCII", "plain ASCII"},
		{"", ""},
		{"Café crème", "Café crème"}, // é alone is not a UTF-8 sequence: clean, untouched
		{"déjà vu – ok", "déjà vu – ok"},
		{"Forêt 😀", "Forêt 😀"},                       // characters from U+0100 up: clean
		{"ðŸ˜€", "ðŸ˜€"},                             // the Windows-1252 rendering holds U+0178 and U+20AC: not Meta's escapes
		{"\xff\xfe", "\xff\xfe"},                     // invalid UTF-8 stays as it is
		{"Ã", "Ã"},                                   // a lone lead byte is not valid UTF-8
		{"\u00c3\u00a9\u00e9", "\u00c3\u00a9\u00e9"}, // mixing fixed and clean bytes is not valid UTF-8
	} {
		if got := importer.FixMojibake(tc.in); got != tc.want {
			t.Errorf("FixMojibake(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCSV(t *testing.T) {
	t.Run("Good", func(t *testing.T) {
		res := parse(t, testdata, importer.FormatCSV, "csv/good.csv", importer.Options{})
		if res.Platform != backend.PlatformInstagram || len(res.Rejected) != 0 {
			t.Errorf("platform %q rejected %v", res.Platform, res.Rejected)
		}
		compare(t, res, []brief{
			{"c-1001", "post-77:c-1001", "in", "17841401", "Julie Dupont", "Trop belle cette bougie 😍, elle existe en grand format ?", "2024-05-01T12:03:00Z", ""},
			{"dm-1", "dm-julie", "in", "17841401", "Julie Dupont", "Bonjour,\nj'ai une question sur ma commande \"#4821\".", "2024-05-01T14:00:00Z", ""},
			{"dm-2", "dm-julie", "out", "", "", "Bien sûr, dites-moi tout !", "2024-05-01T14:30:00Z", "dm-1"},
			{"c-1002", "post-77:c-1001", "out", "17841999", "Atelier Lumière", "Merci Julie ! Oui, en 400 g.", "2024-05-01T15:10:00Z", "c-1001"},
			{"dm-3", "dm-julie", "in", "17841401", "Julie Dupont", "Where is my parcel? It's been two weeks.", "2024-05-02T07:00:00Z", ""},
		})
		c := find(t, res, "c-1001")
		if c.Kind != backend.ConversationCommentThread || c.Author.Handle != "julie.dupont" ||
			!reflect.DeepEqual(c.Post, &backend.Post{ID: "post-77", URL: "https://www.instagram.com/p/C6abc/"}) {
			t.Errorf("comment %+v post %+v", c, c.Post)
		}
		if d := find(t, res, "dm-1"); d.Kind != backend.ConversationDM || d.Post != nil {
			t.Errorf("dm %+v", d)
		}
		if got := find(t, res, "dm-3").SentAt; got.Nanosecond() != 250_000_000 {
			t.Errorf("fractional seconds lost: %v", got)
		}
	})

	t.Run("BadRows", func(t *testing.T) {
		res := parse(t, testdata, importer.FormatCSV, "csv/bad-rows.csv", importer.Options{})
		if res.Platform != backend.PlatformYouTube {
			t.Errorf("platform %q", res.Platform)
		}
		var ids []string
		for _, m := range res.Messages {
			ids = append(ids, m.PlatformMessageID)
		}
		sameList(t, "imported", ids, []string{"c1", "c10"})
		const f = "csv/bad-rows.csv:"
		sameList(t, "rejections", rejections(res), []string{
			f + "3 " + importer.KeyCSVBadDirection,
			f + "4 " + importer.KeyCSVRequired,
			f + "5 " + importer.KeyCSVBadTime,
			f + "6 " + importer.KeyCSVBadPlatform,
			f + "7 " + importer.KeyCSVOtherPlatform,
			f + "8 " + importer.KeyCSVDuplicateMessage,
			f + "9 " + importer.KeyCSVFieldCount,
			f + "10 " + importer.KeyCSVSyntax,
			f + "11 " + importer.KeyCSVRequired,
		})
		byLine := map[string]importer.Rejection{}
		for _, r := range res.Rejected {
			byLine[strings.TrimPrefix(r.Location, f)] = r
		}
		for line, want := range map[string]map[string]string{
			"3": {"value": "sideways"}, "4": {"column": "text"}, "7": {"value": "tiktok", "expected": "youtube"},
			"8": {"id": "c1", "line": "2"}, "9": {"got": "7", "want": "8"}, "11": {"column": "author_id"},
		} {
			if got := byLine[line].Params; !reflect.DeepEqual(got, want) {
				t.Errorf("line %s params %v, want %v (%s)", line, got, want, byLine[line].Reason)
			}
		}
		if r := byLine["5"]; !strings.Contains(r.Reason, "03/03/2024 10:03") || !strings.Contains(r.Reason, "RFC 3339") {
			t.Errorf("bad time reason %q", r.Reason)
		}
	})

	t.Run("ExpectedPlatform", func(t *testing.T) {
		res := parse(t, testdata, importer.FormatCSV, "csv/good.csv", importer.Options{Platform: backend.PlatformTikTok})
		if len(res.Messages) != 0 || len(res.Rejected) != 5 || res.Platform != backend.PlatformTikTok {
			t.Errorf("%d messages, %d rejected, platform %q", len(res.Messages), len(res.Rejected), res.Platform)
		}
	})

	t.Run("Encodings", func(t *testing.T) {
		res := parse(t, testdata, importer.FormatCSV, "csv/semicolon-cp1252.csv", importer.Options{})
		compare(t, res, []brief{
			{"fb-1", "page-fil-1", "in", "100012345", "Hélène Fabre", "Très bien reçu, merci – à bientôt ! Prix : 25 €", "2024-02-14T08:30:00Z", ""},
			{"fb-2", "page-fil-1", "out", "", "Atelier Lumière", "« Avec plaisir » Hélène !", "2024-02-14T08:40:00Z", ""},
		})
		res = parse(t, testdata, importer.FormatCSV, "csv/bom.csv", importer.Options{})
		if res.Platform != backend.PlatformWhatsApp || len(res.Messages) != 1 || res.Messages[0].Author.DisplayName != "Inès" {
			t.Errorf("BOM file: %+v", res)
		}
	})

	t.Run("HeaderErrors", func(t *testing.T) {
		_, err := importer.Parse(importer.FormatCSV, testdata, "csv/missing.csv", importer.Options{})
		if key := errKey(t, err, backend.EINVALID); key != importer.KeyCSVMissingColumn {
			t.Errorf("missing: key %q", key)
		}
		if got := backend.Public(err).Params["columns"]; got != "text, sent_at" {
			t.Errorf("missing columns %q", got)
		}
		_, err = importer.Parse(importer.FormatCSV, testdata, "csv/unknown.csv", importer.Options{})
		if key := errKey(t, err, backend.EINVALID); key != importer.KeyCSVUnknownColumn {
			t.Errorf("unknown: key %q", key)
		}
		if got := backend.Public(err).Params["columns"]; got != `"mesage_id", "subject"` {
			t.Errorf("unknown columns %q", got)
		}
		dup := fstest.MapFS{"d.csv": {Data: []byte("platform,thread,message_id,direction,author_id,author_name,text,sent_at,Text\n")}}
		_, err = importer.Parse(importer.FormatCSV, dup, "d.csv", importer.Options{})
		if key := errKey(t, err, backend.EINVALID); key != importer.KeyCSVDuplicateColumn {
			t.Errorf("duplicate: key %q", key)
		}
		for name, data := range map[string]string{"empty": "", "json": "{\n\"a\": 1\n}\n", "quote": "\"platform,thread\n", "binary": "\x00\x01\x02"} {
			_, err = importer.Parse(importer.FormatCSV, fstest.MapFS{"x.csv": {Data: []byte(data)}}, "x.csv", importer.Options{})
			if key := errKey(t, err, backend.EINVALID); key != importer.KeyNotCSV {
				t.Errorf("%s: key %q", name, key)
			}
		}
		_, err = importer.Parse(importer.FormatCSV, testdata, "csv", importer.Options{})
		if key := errKey(t, err, backend.EINVALID); key != importer.KeyNotCSV {
			t.Errorf("folder: key %q", key)
		}
	})

	t.Run("LongTextAndMarkers", func(t *testing.T) {
		long := strings.Repeat("é", backend.MaxMessageTextBytes) // twice the limit in bytes
		data := "platform,thread,message_id,direction,author_id,author_name,text,sent_at\n" +
			"other,t,1,in,a,A," + long + ",1700000000\n" +
			"other,t,2,in,a,A,a" + backend.SnippetStart + "b" + backend.SnippetEnd + ",1700000001\n" +
			"other,t,3,in,a,A," + backend.SnippetStart + ",1700000002\n" +
			"other,t,4,in,a," + strings.Repeat("N", 300) + ",name,1700000003\n"
		res := parse(t, fstest.MapFS{"x.csv": {Data: []byte(data)}}, importer.FormatCSV, "x.csv", importer.Options{})
		if res.Truncated != 1 || len(res.Messages) != 3 {
			t.Fatalf("truncated %d, %d messages, rejected %v", res.Truncated, len(res.Messages), res.Rejected)
		}
		if m := res.Messages[0].Text; len(m) > backend.MaxMessageTextBytes || !utf8.ValidString(m) || len(m) < backend.MaxMessageTextBytes-1 {
			t.Errorf("truncated text of %d bytes", len(m))
		}
		if res.Messages[1].Text != "ab" || utf8.RuneCountInString(res.Messages[2].Author.DisplayName) != backend.MaxContactNameRunes {
			t.Errorf("markers or name: %q %d", res.Messages[1].Text, utf8.RuneCountInString(res.Messages[2].Author.DisplayName))
		}
		sameList(t, "rejections", rejections(res), []string{"x.csv:4 " + importer.KeyItemEmpty})
	})

	t.Run("RejectionCap", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("platform,thread,message_id,direction,author_id,author_name,text,sent_at\n")
		for i := range 1500 {
			fmt.Fprintf(&b, "other,t,%d,nowhere,a,A,x,1700000000\n", i)
		}
		res := parse(t, fstest.MapFS{"x.csv": {Data: []byte(b.String())}}, importer.FormatCSV, "x.csv", importer.Options{})
		if len(res.Rejected) != importer.MaxRejections || res.MoreRejected != 500 {
			t.Errorf("%d listed, %d more", len(res.Rejected), res.MoreRejected)
		}
	})
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name         string
		format       importer.Format
		root         string
		opts         importer.Options
		code, key    string
		paramsSubset map[string]string
	}{
		{"UnknownFormat", "whatsapp", "csv/good.csv", importer.Options{}, backend.EINVALID, importer.KeyFormatUnknown, map[string]string{"format": "whatsapp"}},
		{"BadPath", importer.FormatCSV, "/etc/passwd", importer.Options{}, backend.EINVALID, importer.KeyPathInvalid, nil},
		{"Missing", importer.FormatCSV, "csv/nope.csv", importer.Options{}, backend.ENOTFOUND, importer.KeyFileNotFound, map[string]string{"file": "csv/nope.csv"}},
		{"TelegramPlatform", importer.FormatTelegram, "telegram", importer.Options{Platform: "instagram"}, backend.EINVALID, importer.KeyPlatformInvalid, nil},
		{"MetaPlatform", importer.FormatMeta, "meta", importer.Options{Platform: "youtube"}, backend.EINVALID, importer.KeyPlatformInvalid, nil},
		{"CSVPlatform", importer.FormatCSV, "csv/good.csv", importer.Options{Platform: "myspace"}, backend.EINVALID, importer.KeyPlatformInvalid, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := importer.Parse(tc.format, testdata, tc.root, tc.opts)
			if key := errKey(t, err, tc.code); key != tc.key {
				t.Errorf("key %q, want %q", key, tc.key)
			}
			for k, v := range tc.paramsSubset {
				if got := backend.Public(err).Params[k]; got != v {
					t.Errorf("param %s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

// TestReimportIsStable parses every fixture twice: the results, ids included, are identical.
func TestReimportIsStable(t *testing.T) {
	for _, tc := range []struct {
		format importer.Format
		root   string
	}{
		{importer.FormatTelegram, "telegram/single-new"},
		{importer.FormatTelegram, "telegram/single-old"},
		{importer.FormatTelegram, "telegram/export-all"},
		{importer.FormatMeta, "meta/facebook-atelierlumiere-2024-05-02"},
		{importer.FormatMeta, "meta/e2ee"},
		{importer.FormatMeta, "meta/instagram-atelierlumiere-2024-06-01"},
		{importer.FormatCSV, "csv/good.csv"},
		{importer.FormatCSV, "csv/bad-rows.csv"},
		{importer.FormatCSV, "csv/semicolon-cp1252.csv"},
	} {
		first := parse(t, testdata, tc.format, tc.root, importer.Options{})
		second := parse(t, testdata, tc.format, tc.root, importer.Options{})
		if len(first.Messages) == 0 {
			t.Errorf("%s: nothing read", tc.root)
		}
		if !reflect.DeepEqual(first, second) {
			t.Errorf("%s: two parses differ", tc.root)
		}
	}
}
