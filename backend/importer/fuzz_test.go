package importer_test

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"tend/backend"
	"tend/backend/importer"
)

// addFixtures seeds f with every fixture file whose name ends with suffix.
func addFixtures(f *testing.F, suffix string) {
	err := fs.WalkDir(testdata, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, suffix) {
			return err
		}
		data, err := fs.ReadFile(testdata, name)
		if err == nil {
			f.Add(data)
		}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
}

// checkFuzzed asserts that Parse either failed with one of keys or returned valid messages.
func checkFuzzed(t *testing.T, res importer.Result, err error, keys ...string) {
	t.Helper()
	if err != nil {
		var e *backend.Error
		if !errors.As(err, &e) || e.Code != backend.EINVALID || !slices.Contains(keys, e.Key) {
			t.Fatalf("unexpected error %v", err)
		}
		return
	}
	checkValid(t, res)
}

func FuzzTelegram(f *testing.F) {
	addFixtures(f, "result.json")
	f.Add([]byte(`{"type":"personal_chat","id":1,"messages":[{"id":1,"type":"message","date":"2024-01-01T00:00:00","from_id":"user2","text":[{"type":"bold"},"x",7,null]}]}`))
	f.Add([]byte(`{"chats":{"list":[{"id":-5,"type":"x","messages":[{"id":1,"date_unixtime":99999999999999,"from_id":5,"text":"\ue000"}]}]}}`))
	f.Add([]byte(`{"personal_information":{"user_id":"3"},"left_chats":{"list":[[],{},1,{"id":2}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"result.json": {Data: data}}
		for _, opts := range []importer.Options{{}, {Owner: "user2", TimeZone: time.FixedZone("X", -11*3600)}} {
			res, err := importer.Parse(importer.FormatTelegram, fsys, "result.json", opts)
			checkFuzzed(t, res, err, importer.KeyNotTelegram, importer.KeyFileDamaged)
		}
	})
}

func FuzzMeta(f *testing.F) {
	addFixtures(f, ".json")
	f.Add([]byte(`{"participants":["A","B"],"threadName":"A_1","messages":[{"senderName":"B","timestamp":1.5e12,"text":"\u00c3","media":[{"uri":""}]}]}`))
	f.Add([]byte(`{"participants":[{"name":"A"},7],"title":"A","messages":[{"sender_name":"A","timestamp":1500000000,"share":{"link":"x"}},{"sender_name":" ","timestamp_ms":-1}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"messages/inbox/t_1/message_1.json": {Data: data},
			"messages/inbox/t_2/message_1.json": {Data: []byte(`{"participants":[{"name":"A"},{"name":"Me"}],"title":"A","messages":[]}`)},
		}
		res, err := importer.Parse(importer.FormatMeta, fsys, "messages/inbox/t_1/message_1.json", importer.Options{})
		checkFuzzed(t, res, err, importer.KeyNotMeta, importer.KeyFileDamaged)
		res, err = importer.Parse(importer.FormatMeta, fsys, ".", importer.Options{})
		checkFuzzed(t, res, err)
	})
}

func FuzzCSV(f *testing.F) {
	addFixtures(f, ".csv")
	f.Add([]byte("platform;thread;message_id;direction;author_id;author_name;text;sent_at\nother;t;1;in;a;\xe9;\"x\"\"\";-1\n"))
	f.Add([]byte("text,sent_at,platform,thread,message_id,direction,author_id,author_name,kind\n\ue000,0,other,t,1,out,,,live_chat\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := importer.Parse(importer.FormatCSV, fstest.MapFS{"x.csv": {Data: data}}, "x.csv", importer.Options{})
		checkFuzzed(t, res, err, importer.KeyNotCSV, importer.KeyCSVUnknownColumn, importer.KeyCSVMissingColumn, importer.KeyCSVDuplicateColumn)
		if err == nil && !slices.Contains(backend.Platforms, res.Platform) {
			t.Fatalf("platform %q", res.Platform)
		}
	})
}

func FuzzFixMojibake(f *testing.F) {
	for _, s := range []string{"", "Ã©", "\u00f0\u009f\u0098\u0080", "Café", "ðŸ˜€", "\xff", "Forêt 😀", "\u00c3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := importer.FixMojibake(s)
		if out != s {
			// Only strings of characters below U+0100 change, into their bytes.
			b := make([]byte, 0, len(s))
			for _, r := range s {
				if r >= 0x100 {
					t.Fatalf("%q changed but holds %U", s, r)
				}
				b = append(b, byte(r))
			}
			if out != string(b) || !utf8.ValidString(out) {
				t.Fatalf("FixMojibake(%q) = %q", s, out)
			}
		}
		if utf8.ValidString(s) {
			// Meta's encoding of a valid string is undone exactly.
			var moj strings.Builder
			for i := 0; i < len(s); i++ {
				moj.WriteRune(rune(s[i]))
			}
			if got := importer.FixMojibake(moj.String()); got != s {
				t.Fatalf("FixMojibake(mojibake of %q) = %q", s, got)
			}
		}
	})
}
