package sqlite_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/sqlite"
)

// exportEnv is an inbox with a DM (inbound with awkward text, and its answer), a comment thread, a
// live chat, conversation tags, and a contact with tags, flags and custom fields.
func exportEnv(t *testing.T) (*inboxEnv, *sqlite.ExportService) {
	t.Helper()
	ctx := context.Background()
	env := newInbox(t)
	followers := int64(12000)
	in := env.dm("dm-julie", "julie", "Bonjour, \"ma commande\" #4821;\nelle n'est pas arrivée <b>&</b> 😕", 3*time.Hour)
	in.Author.FollowerCount = &followers
	out := env.reply("dm-julie", "Désolés Julie, on regarde tout de suite.", 2*time.Hour)
	out.ReplyTo = in.PlatformMessageID
	post := &backend.Post{ID: "vid1", Title: "Live", URL: "https://youtube.com/watch?v=vid1"}
	comment := backend.IncomingMessage{ChannelID: env.yt.ID, Kind: backend.ConversationCommentThread, PlatformMessageID: "c1",
		ThreadKey: "c1", Post: post, Direction: backend.DirectionIn, Text: "C'est quoi le prix ?", SentAt: fixedNow.Add(-time.Hour),
		Author: backend.Author{PlatformUserID: "UCana", Handle: "ana", DisplayName: "Ana"}}
	live := backend.IncomingMessage{ChannelID: env.yt.ID, Kind: backend.ConversationLiveChat, PlatformMessageID: "l1",
		ThreadKey: "vid1", Post: post, Direction: backend.DirectionIn, Text: "do you ship to Canada?", SentAt: fixedNow.Add(-time.Minute),
		Author: backend.Author{PlatformUserID: "UCdan", Handle: "dan"}}
	env.ingest(t, in, out, comment, live)

	julie := contactOf(t, env, "dm-julie")
	tags, vip, fields := []string{"commande", "fidèle"}, true, map[string]string{"order": "#4821", "city": "Lyon, FR"}
	if _, err := env.inbox.UpdateContact(ctx, julie, backend.ContactUpdate{Tags: &tags, VIP: &vip, Fields: &fields}); err != nil {
		t.Fatal(err)
	}
	var dm int64
	for _, c := range env.list(t, backend.ConversationFilter{Limit: 200}) {
		if c.ThreadKey == "dm-julie" {
			dm = c.ID
		}
	}
	assignee := "Camille"
	if _, err := env.inbox.UpdateConversations(ctx, []int64{dm}, backend.ConversationUpdate{
		Assignee: &assignee, AddTags: []string{"sav", "livraison"}}); err != nil {
		t.Fatal(err)
	}
	return env, sqlite.NewExportService(env.ws)
}

func export(t *testing.T, svc *sqlite.ExportService, kind, format string, since time.Time) string {
	t.Helper()
	var buf bytes.Buffer
	if err := svc.Export(context.Background(), &buf, kind, format, since); err != nil {
		t.Fatalf("export %s %s: %v", kind, format, err)
	}
	return buf.String()
}

// readJSONL decodes each line into a map, checking that the keys come in the columns' order.
func readJSONL(t *testing.T, kind, data string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for i, line := range strings.Split(strings.TrimSuffix(data, "\n"), "\n") {
		if line == "" {
			break
		}
		dec := json.NewDecoder(strings.NewReader(line))
		var keys []string
		if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
			t.Fatalf("line %d does not start an object: %q", i+1, line)
		}
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				t.Fatal(err)
			}
			keys = append(keys, key.(string))
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				t.Fatal(err)
			}
		}
		if want := sqlite.ExportColumns(kind); !slices.Equal(keys, want) {
			t.Fatalf("line %d keys %v, want %v", i+1, keys, want)
		}
		var row map[string]any
		if err := json.Unmarshal([]byte(line), &row); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		out = append(out, row)
	}
	return out
}

// readCSV parses an export, checks its header and returns its rows by column name.
func readCSV(t *testing.T, kind, data string) []map[string]string {
	t.Helper()
	records, err := csv.NewReader(strings.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse back: %v\n%s", err, data)
	}
	if len(records) == 0 || !slices.Equal(records[0], sqlite.ExportColumns(kind)) {
		t.Fatalf("header %v", records)
	}
	var out []map[string]string
	for _, r := range records[1:] {
		row := map[string]string{}
		for i, c := range records[0] {
			row[c] = r[i]
		}
		out = append(out, row)
	}
	return out
}

func TestExportMessages(t *testing.T) {
	_, svc := exportEnv(t)
	rows := readJSONL(t, sqlite.ExportMessages, export(t, svc, sqlite.ExportMessages, sqlite.ExportJSONL, time.Time{}))
	if len(rows) != 4 {
		t.Fatalf("%d messages", len(rows))
	}
	var prev float64
	for _, r := range rows {
		if id := r["id"].(float64); id <= prev {
			t.Fatalf("ids not ascending: %v after %v", id, prev)
		} else {
			prev = id
		}
	}
	in, out := rows[0], rows[1]
	if in["text"] != "Bonjour, \"ma commande\" #4821;\nelle n'est pas arrivée <b>&</b> 😕" || in["direction"] != "in" ||
		in["platform"] != "instagram" || in["channel"] != "Instagram" || in["kind"] != "dm" || in["thread"] != "dm-julie" ||
		in["author_handle"] != "julie" || in["author_name"] != "Julie" || in["author_contact_id"] == nil {
		t.Fatalf("inbound message %v", in)
	}
	if in["sent_at"] != fixedNow.Add(-3*time.Hour).Format(time.RFC3339Nano) {
		t.Fatalf("sent_at %v", in["sent_at"])
	}
	if in["intent"] == nil || in["sentiment"] == nil || in["language"] == nil ||
		!slices.Contains([]any{"urgent", "high", "normal", "low"}, in["priority"]) {
		t.Fatalf("inbound triage %v", in)
	}
	if out["direction"] != "out" || out["intent"] != nil || out["priority"] != nil || out["author_contact_id"] != nil ||
		out["reply_to"] != in["platform_message_id"] {
		t.Fatalf("outbound message %v", out)
	}
	if rows[2]["kind"] != "comment_thread" || rows[3]["kind"] != "live_chat" || rows[3]["thread"] != "vid1" {
		t.Fatalf("comment and live chat %v %v", rows[2], rows[3])
	}

	csvRows := readCSV(t, sqlite.ExportMessages, export(t, svc, sqlite.ExportMessages, sqlite.ExportCSV, time.Time{}))
	if len(csvRows) != 4 {
		t.Fatalf("%d CSV messages", len(csvRows))
	}
	for i, r := range csvRows {
		for _, col := range sqlite.ExportColumns(sqlite.ExportMessages) {
			if want := fmt.Sprint(orEmpty(rows[i][col])); r[col] != want {
				t.Errorf("row %d %s: CSV %q, JSON %q", i, col, r[col], want)
			}
		}
	}

	// --since keeps the messages sent at or after it.
	recent := readJSONL(t, sqlite.ExportMessages, export(t, svc, sqlite.ExportMessages, sqlite.ExportJSONL, fixedNow.Add(-time.Hour)))
	if len(recent) != 2 || recent[0]["platform_message_id"] != "c1" || recent[1]["platform_message_id"] != "l1" {
		t.Fatalf("since: %v", recent)
	}
	if got := export(t, svc, sqlite.ExportMessages, sqlite.ExportCSV, fixedNow.Add(time.Hour)); strings.Count(got, "\n") != 1 {
		t.Fatalf("nothing after since should leave the header only: %q", got)
	}
}

// orEmpty is how a JSON value reads in CSV: null is empty, numbers are integers.
func orEmpty(v any) any {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return int64(x)
	}
	return v
}

func TestExportConversations(t *testing.T) {
	_, svc := exportEnv(t)
	rows := readJSONL(t, sqlite.ExportConversations, export(t, svc, sqlite.ExportConversations, sqlite.ExportJSONL, time.Time{}))
	if len(rows) != 3 {
		t.Fatalf("%d conversations", len(rows))
	}
	dm := rows[0]
	if dm["thread"] != "dm-julie" || dm["assignee"] != "Camille" || dm["contact_name"] != "Julie" || dm["message_count"] != float64(2) ||
		fmt.Sprint(dm["tags"]) != "[livraison sav]" || dm["first_inbound_at"] != fixedNow.Add(-3*time.Hour).Format(time.RFC3339Nano) ||
		dm["first_response_at"] != fixedNow.Add(-2*time.Hour).Format(time.RFC3339Nano) || dm["resolved_at"] != nil || dm["status"] == "" {
		t.Fatalf("DM conversation %v", dm)
	}
	if live := rows[2]; live["kind"] != "live_chat" || live["contact_id"] != nil || fmt.Sprint(live["tags"]) != "[]" {
		t.Fatalf("live chat %v", live)
	}
	csvRows := readCSV(t, sqlite.ExportConversations, export(t, svc, sqlite.ExportConversations, sqlite.ExportCSV, time.Time{}))
	if len(csvRows) != 3 || csvRows[0]["tags"] != "livraison;sav" || csvRows[2]["tags"] != "" || csvRows[2]["contact_id"] != "" ||
		csvRows[0]["last_message_at"] != dm["last_message_at"] || csvRows[0]["priority"] != dm["priority"] {
		t.Fatalf("CSV conversations %v", csvRows)
	}
}

func TestExportContacts(t *testing.T) {
	_, svc := exportEnv(t)
	rows := readJSONL(t, sqlite.ExportContacts, export(t, svc, sqlite.ExportContacts, sqlite.ExportJSONL, time.Time{}))
	if len(rows) != 3 {
		t.Fatalf("%d contacts", len(rows))
	}
	julie := rows[0]
	if julie["display_name"] != "Julie" || julie["vip"] != true || julie["influencer"] != false || julie["automation_opt_out"] != false ||
		julie["follower_count"] != float64(12000) || fmt.Sprint(julie["tags"]) != "[commande fidèle]" ||
		fmt.Sprint(julie["fields"]) != "map[city:Lyon, FR order:#4821]" ||
		fmt.Sprint(julie["identities"]) != "[map[handle:julie platform:instagram user_id:u-julie]]" {
		t.Fatalf("contact %v", julie)
	}
	if ana := rows[1]; ana["follower_count"] != nil || fmt.Sprint(ana["fields"]) != "map[]" || fmt.Sprint(ana["tags"]) != "[]" {
		t.Fatalf("contact without extras %v", ana)
	}
	csvRows := readCSV(t, sqlite.ExportContacts, export(t, svc, sqlite.ExportContacts, sqlite.ExportCSV, time.Time{}))
	if len(csvRows) != 3 {
		t.Fatalf("%d CSV contacts", len(csvRows))
	}
	c := csvRows[0]
	if c["tags"] != "commande;fidèle" || c["identities"] != "instagram:u-julie:julie" || c["vip"] != "true" ||
		c["follower_count"] != "12000" || c["fields"] != `{"city":"Lyon, FR","order":"#4821"}` {
		t.Fatalf("CSV contact %v", c)
	}
	if c := csvRows[1]; c["fields"] != "" || c["follower_count"] != "" || c["identities"] != "youtube:UCana:ana" {
		t.Fatalf("CSV contact without extras %v", c)
	}
}

func TestExportIsStableAndStreams(t *testing.T) {
	env, svc := exportEnv(t)
	for _, kind := range sqlite.ExportKinds {
		for _, format := range []string{sqlite.ExportJSONL, sqlite.ExportCSV} {
			if a, b := export(t, svc, kind, format, time.Time{}), export(t, svc, kind, format, time.Time{}); a != b {
				t.Fatalf("%s %s differs between two runs:\n%s\n%s", kind, format, a, b)
			}
		}
	}

	// A large export reaches the writer in bounded pieces, long before the last row is read.
	batch := make([]backend.IncomingMessage, 0, 1500)
	for i := range 1500 {
		batch = append(batch, env.dm(fmt.Sprintf("bulk-%d", i%50), fmt.Sprintf("user%d", i%50), strings.Repeat("message de test ", 8), time.Duration(i)*time.Second))
	}
	env.ingest(t, batch...)
	full := export(t, svc, sqlite.ExportMessages, sqlite.ExportJSONL, time.Time{})
	for _, format := range []string{sqlite.ExportJSONL, sqlite.ExportCSV} {
		w := &refusingWriter{}
		err := svc.ExportMessages(context.Background(), w, format, time.Time{})
		var be *backend.Error
		if !errors.As(err, &be) || be.Code != backend.EUNAVAILABLE || be.Key != "export_write" {
			t.Fatalf("%s: a failed write gives %v", format, err)
		}
		if w.first == 0 || w.first > 128<<10 || w.first >= len(full) {
			t.Fatalf("%s: first write of %d bytes for a %d-byte export", format, w.first, len(full))
		}
	}
}

// refusingWriter refuses every write and remembers the size of the first one.
type refusingWriter struct{ first int }

func (w *refusingWriter) Write(p []byte) (int, error) {
	if w.first == 0 {
		w.first = len(p)
	}
	return 0, io.ErrShortWrite
}

func TestExportErrors(t *testing.T) {
	_, svc := exportEnv(t)
	ctx := context.Background()
	for _, tc := range []struct {
		kind, format, key string
	}{
		{sqlite.ExportMessages, "xlsx", "export_format_unknown"},
		{sqlite.ExportContacts, "", "export_format_unknown"},
		{"replies", sqlite.ExportCSV, "export_kind_unknown"},
	} {
		var buf bytes.Buffer
		err := svc.Export(ctx, &buf, tc.kind, tc.format, time.Time{})
		var be *backend.Error
		if !errors.As(err, &be) || be.Code != backend.EINVALID || be.Key != tc.key || buf.Len() != 0 {
			t.Errorf("%s %s: %v (wrote %q)", tc.kind, tc.format, err, buf.String())
		}
	}
	if sqlite.ExportColumns("replies") != nil {
		t.Error("columns of an unknown kind")
	}

	closed := sqlite.NewExportService(sqlite.NewWorkspaces(t.TempDir(), &recorder{}, nil))
	if err := closed.ExportContacts(ctx, io.Discard, sqlite.ExportCSV); err == nil {
		t.Error("export without an open workspace")
	}
}

func TestCountMessagesAfter(t *testing.T) {
	env, svc := exportEnv(t)
	ctx := context.Background()
	mark, err := svc.LastMessageID(ctx)
	if err != nil || mark == 0 {
		t.Fatalf("mark %d %v", mark, err)
	}
	if counts, err := svc.CountMessagesAfter(ctx, mark); err != nil || len(counts) != 0 {
		t.Fatalf("nothing new: %v %v", counts, err)
	}
	env.ingest(t, env.dm("dm-new", "zoe", "Bonjour !", 0), env.dm("dm-new", "zoe", "Vous êtes là ?", 0))
	counts, err := svc.CountMessagesAfter(ctx, mark)
	if err != nil || len(counts) != 1 || counts[env.ig.ID] != 2 {
		t.Fatalf("two new Instagram messages: %v %v", counts, err)
	}
}
