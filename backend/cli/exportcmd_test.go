package cli_test

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// exportColumns are the documented columns of each export.
var exportColumns = map[string][]string{
	"messages": {"id", "conversation_id", "channel", "platform", "kind", "thread", "platform_message_id", "direction",
		"author_contact_id", "author_name", "author_handle", "text", "sent_at", "reply_to", "intent", "sentiment", "language", "priority"},
	"conversations": {"id", "channel", "platform", "kind", "thread", "contact_id", "contact_name", "status", "assignee", "priority",
		"intent", "sentiment", "language", "tags", "message_count", "first_inbound_at", "first_response_at", "resolved_at", "last_message_at"},
	"contacts": {"id", "display_name", "language", "tags", "influencer", "vip", "follower_count", "identities", "automation_opt_out", "fields"},
}

// decodeJSONL reads an export's objects, checking each one's keys are the columns in order.
func decodeJSONL(t *testing.T, kind, data string) []map[string]any {
	t.Helper()
	var rows []map[string]any
	dec := json.NewDecoder(strings.NewReader(data))
	for {
		var raw json.RawMessage
		if err := dec.Decode(&raw); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("%s JSONL does not parse back: %v\n%s", kind, err, data)
		}
		keys := json.NewDecoder(strings.NewReader(string(raw)))
		var order []string
		keys.Token() // {
		for keys.More() {
			k, _ := keys.Token()
			order = append(order, k.(string))
			var skip json.RawMessage
			if err := keys.Decode(&skip); err != nil {
				t.Fatal(err)
			}
		}
		if !slices.Equal(order, exportColumns[kind]) {
			t.Fatalf("%s keys %v", kind, order)
		}
		var row map[string]any
		if err := json.Unmarshal(raw, &row); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, row)
	}
	if lines := strings.Count(data, "\n"); lines != len(rows) {
		t.Fatalf("%d objects on %d lines", len(rows), lines)
	}
	return rows
}

func TestExportUsage(t *testing.T) {
	expect(t, tend(t, "", "export", "--help"), 0, "", "tend export [flags] messages|conversations|contacts [--format jsonl|csv] [--since TIME]")
	dir := t.TempDir()
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"export"}, "export takes what to export: messages, conversations or contacts (got 0 argument(s))"},
		{[]string{"export", "messages", "contacts"}, "(got 2 argument(s))"},
		{[]string{"export", "replies"}, `unknown export "replies": use messages, conversations or contacts`},
		{[]string{"export", "messages", "--format", "xlsx"}, `invalid --format "xlsx": use jsonl or csv`},
		{[]string{"export", "contacts", "--since", "2026-01-01T00:00:00Z"}, "--since applies to export messages only"},
		{[]string{"export", "messages", "--since", "yesterday"}, `invalid --since "yesterday"`},
	} {
		expect(t, tend(t, "", append([]string{"--data-dir", dir}, tc.args...)...), 2, "", tc.stderr)
	}
	expect(t, tend(t, "", "--data-dir", dir, "export", "messages"), 1, "", `There is no workspace named "default".`)
	if _, err := os.Stat(filepath.Join(dir, "data", "workspaces", "default.db")); err == nil {
		t.Fatal("export created the workspace")
	}
}

func TestExportEachKind(t *testing.T) {
	dir := t.TempDir()
	expect(t, tend(t, "", "--data-dir", dir, "import", "--format", "csv", writeFixture(t, "messages.csv", csvFixture)), 0, "imported: 3", "")
	want := map[string]int{"messages": 3, "conversations": 2, "contacts": 1} // the brand's own messages make no contact
	for kind, n := range want {
		jsonl := tend(t, "", "--data-dir", dir, "export", kind)
		if jsonl.code != 0 || jsonl.stderr != "" {
			t.Fatalf("export %s: %+v", kind, jsonl)
		}
		rows := decodeJSONL(t, kind, jsonl.stdout)
		if len(rows) != n {
			t.Fatalf("%s: %d rows, want %d", kind, len(rows), n)
		}
		if again := tend(t, "", "--data-dir", dir, "export", kind, "--format", "jsonl"); again.stdout != jsonl.stdout {
			t.Fatalf("%s: two exports differ", kind)
		}

		r := tend(t, "", "--data-dir", dir, "export", kind, "--format", "csv")
		records, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		if r.code != 0 || err != nil || len(records) != n+1 || !slices.Equal(records[0], exportColumns[kind]) {
			t.Fatalf("%s CSV: exit %d, %v\n%s", kind, r.code, err, r.stdout)
		}
		for i, rec := range records[1:] {
			if rec[0] != jsonString(rows[i]["id"]) {
				t.Fatalf("%s: CSV row %d is id %s, JSONL %v: not the same order", kind, i, rec[0], rows[i]["id"])
			}
		}
		if again := tend(t, "", "--data-dir", dir, "export", kind, "--format", "csv"); again.stdout != r.stdout {
			t.Fatalf("%s: two CSV exports differ", kind)
		}
	}

	msgs := decodeJSONL(t, "messages", tend(t, "", "--data-dir", dir, "export", "messages").stdout)
	if msgs[1]["platform_message_id"] != "dm-1" || msgs[1]["text"] != "Bonjour,\nj'ai une question sur ma commande \"#4821\"." {
		t.Fatalf("texts do not survive the trip: %v", msgs)
	}
	// --since keeps the messages sent at or after it: the answer at 15:10 UTC, not the DM at 14:00 UTC.
	recent := decodeJSONL(t, "messages", tend(t, "", "--data-dir", dir, "export", "messages", "--since", "2024-05-01T16:30:00+02:00").stdout)
	if len(recent) != 1 || recent[0]["platform_message_id"] != "c-1002" || recent[0]["sent_at"] != "2024-05-01T15:10:00Z" {
		t.Fatalf("since: %v", recent)
	}
	contacts := decodeJSONL(t, "contacts", tend(t, "", "--data-dir", dir, "export", "contacts").stdout)
	ids, _ := json.Marshal(contacts[0]["identities"])
	if contacts[0]["display_name"] != "Julie Dupont" || string(ids) != `[{"handle":"julie.dupont","platform":"instagram","user_id":"17841401"}]` {
		t.Fatalf("contact %v %s", contacts[0], ids)
	}
}

func jsonString(v any) string {
	raw, _ := json.Marshal(v)
	return string(raw)
}
