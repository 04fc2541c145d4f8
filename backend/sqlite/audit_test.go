package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/audit"
	"tend/backend/sqlite"
)

type auditEnv struct {
	ws    *sqlite.Workspaces
	db    *sqlite.DB
	audit *sqlite.AuditService
	clock *clock
}

// newAudit opens an empty workspace and its audit service.
func newAudit(tb testing.TB) *auditEnv {
	tb.Helper()
	env := &auditEnv{clock: &clock{now: fixedNow}}
	env.ws = sqlite.NewWorkspaces(filepath.Join(tb.TempDir(), "workspaces"), &recorder{}, env.clock.Now)
	if _, err := env.ws.Start(context.Background(), "default", ""); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { env.ws.Close() })
	var err error
	if env.db, err = env.ws.DB(); err != nil {
		tb.Fatal(err)
	}
	env.audit = sqlite.NewAuditService(env.ws)
	return env
}

// sample is the i-th test entry: three actors, several actions and subjects.
func sample(i int) backend.AuditEntry {
	actions := []string{backend.AuditDraftCreated, backend.AuditReplyApproved, backend.AuditReplySent, backend.AuditConsentOptOut}
	actors := []string{"Camille", "Léa", backend.ActorOutbox}
	return backend.AuditEntry{
		Actor: actors[i%len(actors)], Action: actions[i%len(actions)], Subject: fmt.Sprintf("reply:%d", i%5),
		Reason: fmt.Sprintf("step %d", i),
		Before: json.RawMessage(fmt.Sprintf(`{"status": "draft", "n": %d}`, i)),
		After:  json.RawMessage(fmt.Sprintf(`{"status":"approved","n":%d}`, i)),
	}
}

// add appends n sample entries, one transaction each, the clock moving a second each time.
func (env *auditEnv) add(tb testing.TB, n int) []backend.AuditEntry {
	tb.Helper()
	var out []backend.AuditEntry
	for i := range n {
		env.clock.Set(env.clock.Now().Add(time.Second))
		stored, err := sqlite.AppendAudit(context.Background(), env.db, sample(i))
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, stored...)
	}
	return out
}

// raw opens a separate connection to the workspace file, as an attacker with the file would.
func (env *auditEnv) raw(t *testing.T) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite", env.db.Path()+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

// tamper drops the audit triggers and runs statements.
func (env *auditEnv) tamper(t *testing.T, statements ...string) {
	t.Helper()
	raw := env.raw(t)
	for _, s := range append([]string{
		`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`,
		`DROP TRIGGER audit_head_forward`, `DROP TRIGGER audit_head_no_delete`,
	}, statements...) {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func (env *auditEnv) verify(t *testing.T) backend.AuditVerification {
	t.Helper()
	v, err := env.audit.VerifyAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestAppendAudit(t *testing.T) {
	ctx := context.Background()

	t.Run("SealsAndLinksEntries", func(t *testing.T) {
		env := newAudit(t)
		entries := env.add(t, 3)
		prev := audit.Genesis
		for i, e := range entries {
			want := fixedNow.Add(time.Duration(i+1) * time.Second)
			if e.Seq != int64(i+1) || !e.At.Equal(want) || e.PrevHash != prev || e.Hash != audit.Hash(e) || len(e.Hash) != 64 {
				t.Fatalf("entry %d: %+v", i, e)
			}
			prev = e.Hash
		}
		if string(entries[0].Before) != `{"status":"draft","n":0}` {
			t.Errorf("before stored as %s, want it compacted", entries[0].Before)
		}
		page, err := env.audit.ListAudit(ctx, backend.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range page.Entries {
			if stored := entries[len(entries)-1-i]; !e.At.Equal(stored.At) || e.Hash != stored.Hash ||
				!bytes.Equal(e.Before, stored.Before) || e.Actor != stored.Actor {
				t.Errorf("read back %+v, stored %+v", e, stored)
			}
		}
	})

	t.Run("SnapshotsAndTime", func(t *testing.T) {
		env := newAudit(t)
		e := backend.AuditEntry{Actor: "Camille", Action: backend.AuditSettingsChanged, Subject: "settings",
			Before: json.RawMessage(" null "), After: nil, At: time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)}
		stored, err := sqlite.AppendAudit(ctx, env.db, e)
		if err != nil {
			t.Fatal(err)
		}
		if s := stored[0]; s.Before != nil || s.After != nil || !s.At.Equal(fixedNow) {
			t.Fatalf("stored %+v: want null snapshots and the transaction's time, not the caller's", s)
		}
		if v := env.verify(t); !v.OK || v.Entries != 1 {
			t.Fatalf("verify %+v", v)
		}
	})

	t.Run("Validation", func(t *testing.T) {
		env := newAudit(t)
		valid := backend.AuditEntry{Actor: "Camille", Action: backend.AuditReplyApproved, Subject: "reply:1"}
		cases := []struct {
			field string
			edit  func(e *backend.AuditEntry)
		}{
			{"actor", func(e *backend.AuditEntry) { e.Actor = " " }},
			{"actor", func(e *backend.AuditEntry) { e.Actor = "Cam\xffille" }},
			{"subject", func(e *backend.AuditEntry) { e.Subject = "" }},
			{"reason", func(e *backend.AuditEntry) { e.Reason = "\xff" }},
			{"action", func(e *backend.AuditEntry) { e.Action = "" }},
			{"action", func(e *backend.AuditEntry) { e.Action = "reply" }},
			{"action", func(e *backend.AuditEntry) { e.Action = "reply." }},
			{"action", func(e *backend.AuditEntry) { e.Action = "Reply.Approved" }},
			{"action", func(e *backend.AuditEntry) { e.Action = "reply.approved " }},
			{"before", func(e *backend.AuditEntry) { e.Before = json.RawMessage(`{"a":`) }},
			{"after", func(e *backend.AuditEntry) { e.After = json.RawMessage("\"\xff\"") }},
		}
		for _, c := range cases {
			e := valid
			c.edit(&e)
			_, err := sqlite.AppendAudit(ctx, env.db, valid, e)
			pub := backend.Public(err)
			if pub.Code != backend.EINVALID || pub.Key != "audit_entry_invalid" || pub.Params["field"] != c.field {
				t.Errorf("%+v: got %+v, want EINVALID on %s", e, pub, c.field)
			}
		}
		// The failed transactions left nothing behind: the next entry is the first.
		stored, err := sqlite.AppendAudit(ctx, env.db, valid)
		if err != nil || stored[0].Seq != 1 || stored[0].PrevHash != audit.Genesis {
			t.Fatalf("after failed appends: %+v, %v", stored, err)
		}
	})

	t.Run("RolledBackWithItsChange", func(t *testing.T) {
		env := newAudit(t)
		env.add(t, 2)
		boom := errors.New("the change failed")
		err := env.db.Write(ctx, func(tx *sqlite.Tx) error {
			if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (seq, at, actor, action, subject, prev_hash, hash)
				VALUES (99, 'x', 'x', 'x', 'x', 'x', 'x')`); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("got %v", err)
		}
		if v := env.verify(t); !v.OK || v.Entries != 2 {
			t.Fatalf("verify %+v", v)
		}
		if next := env.add(t, 1); next[0].Seq != 3 {
			t.Fatalf("next seq %d, want 3", next[0].Seq)
		}
	})

	t.Run("NoWorkspace", func(t *testing.T) {
		ws := sqlite.NewWorkspaces(t.TempDir(), &recorder{}, nil)
		svc := sqlite.NewAuditService(ws)
		if _, err := svc.VerifyAudit(ctx); backend.ErrorCode(err) != backend.EUNAVAILABLE {
			t.Errorf("verify: %v", err)
		}
		if _, err := svc.ListAudit(ctx, backend.AuditFilter{}); backend.ErrorCode(err) != backend.EUNAVAILABLE {
			t.Errorf("list: %v", err)
		}
		if err := svc.ExportAudit(ctx, &bytes.Buffer{}, "jsonl"); backend.ErrorCode(err) != backend.EUNAVAILABLE {
			t.Errorf("export: %v", err)
		}
	})
}

func TestAuditAppendOnly(t *testing.T) {
	ctx := context.Background()
	env := newAudit(t)
	env.add(t, 3)
	raw := env.raw(t)
	for _, statement := range []string{
		`UPDATE audit_log SET reason = 'nothing happened' WHERE seq = 2`,
		`UPDATE audit_log SET seq = 10 WHERE seq = 3`,
		`DELETE FROM audit_log WHERE seq = 3`,
		`DELETE FROM audit_log`,
		`UPDATE audit_head SET seq = 1`,
		`DELETE FROM audit_head`,
	} {
		if _, err := raw.Exec(statement); err == nil || !strings.Contains(err.Error(), "audit") {
			t.Errorf("%s: got %v, want the trigger's refusal", statement, err)
		}
		if err := sqlite.AuditWriteSQL(ctx, env.db, statement); backend.ErrorCode(err) != backend.EFORBIDDEN ||
			backend.Public(err).Key != "audit_append_only" ||
			backend.ErrorMessage(err) != "The audit trail is append-only: its entries cannot be changed or deleted." {
			t.Errorf("%s through the store: %v", statement, err)
		}
	}
	if v := env.verify(t); !v.OK || v.Entries != 3 {
		t.Fatalf("verify %+v", v)
	}
}

func TestVerifyAudit(t *testing.T) {
	ctx := context.Background()

	t.Run("Empty", func(t *testing.T) {
		if v := newAudit(t).verify(t); v != (backend.AuditVerification{OK: true}) {
			t.Fatalf("got %+v", v)
		}
	})

	cases := []struct {
		name       string
		statements []string
		firstBad   int64
		problem    string
		entries    int64
	}{
		{"EditedField", []string{`UPDATE audit_log SET actor = 'Someone else' WHERE seq = 4`},
			4, "entry 4 was altered: its content does not match its hash", 8},
		{"EditedTime", []string{`UPDATE audit_log SET at = '2026-11-28T09:30:05.000000001Z' WHERE seq = 5`},
			5, "entry 5 was altered", 8},
		{"UnreadableTime", []string{`UPDATE audit_log SET at = 'yesterday' WHERE seq = 2`},
			2, "entry 2 was altered", 8},
		{"EditedSnapshot", []string{`UPDATE audit_log SET after = NULL WHERE seq = 1`},
			1, "entry 1 was altered", 8},
		{"ReindentedSnapshotIsNoChange", []string{`UPDATE audit_log SET before = '{ "status" : "draft", "n" : 2 }' WHERE seq = 3`},
			0, "", 8},
		{"DeletedMiddle", []string{`DELETE FROM audit_log WHERE seq = 3`},
			3, "entry 3 is missing: the trail jumps from entry 2 to entry 4", 7},
		{"DeletedFirst", []string{`DELETE FROM audit_log WHERE seq = 1`},
			1, "entry 1 is missing", 7},
		{"SwappedRows", []string{
			`CREATE TEMP TABLE swap AS SELECT * FROM audit_log WHERE seq IN (2, 6)`,
			`UPDATE audit_log SET hash = 'tmp' WHERE seq = 2`,
			`UPDATE audit_log SET (at, actor, action, subject, reason, before, after, prev_hash, hash) =
				(SELECT at, actor, action, subject, reason, before, after, prev_hash, hash FROM temp.swap WHERE seq = 2) WHERE seq = 6`,
			`UPDATE audit_log SET (at, actor, action, subject, reason, before, after, prev_hash, hash) =
				(SELECT at, actor, action, subject, reason, before, after, prev_hash, hash FROM temp.swap WHERE seq = 6) WHERE seq = 2`,
		}, 2, "entry 2 was altered", 8},
		{"RenumberedAfterDelete", []string{`DELETE FROM audit_log WHERE seq = 5`, `UPDATE audit_log SET seq = seq - 1 WHERE seq > 5`},
			5, "entry 5 was altered", 7},
		{"TruncatedTail", []string{`DELETE FROM audit_log WHERE seq > 6`},
			7, "entries 7 to 8 are missing: the trail stops at entry 6 but the last entry recorded is 8", 6},
		{"TruncatedEverything", []string{`DELETE FROM audit_log`},
			1, "entries 1 to 8 are missing", 0},
		{"ForgedTail", []string{`INSERT INTO audit_log SELECT 9, at, actor, action, subject, reason, before, after, hash, 'forged' FROM audit_log WHERE seq = 8`},
			9, "entry 9 was altered", 9},
		{"HeadRolledBack", []string{`DELETE FROM audit_log WHERE seq = 8`,
			`UPDATE audit_head SET seq = 7, hash = (SELECT hash FROM audit_log WHERE seq = 7)`},
			0, "", 7}, // the limit of any chain: rewriting the head too goes unseen (see package audit)
		{"HeadEdited", []string{`UPDATE audit_head SET hash = 'x'`},
			8, "entry 8 is not the last entry Tend recorded", 8},
		{"HeadDeleted", []string{`DELETE FROM audit_head`},
			9, "the record of the last entry is missing", 8},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := newAudit(t)
			env.add(t, 8)
			env.tamper(t, c.statements...)
			v := env.verify(t)
			if v.OK != (c.firstBad == 0) || v.FirstBad != c.firstBad || !strings.Contains(v.Problem, c.problem) || v.Entries != c.entries {
				t.Fatalf("got %+v\nwant first bad %d, problem containing %q, %d entries", v, c.firstBad, c.problem, c.entries)
			}
		})
	}

	t.Run("ForgedTailWithValidHash", func(t *testing.T) {
		env := newAudit(t)
		last := env.add(t, 3)[2]
		forged := backend.AuditEntry{Seq: 4, At: fixedNow, Actor: "Camille", Action: backend.AuditReplyApproved,
			Subject: "reply:7", PrevHash: last.Hash}
		forged.Hash = audit.Hash(forged)
		if _, err := env.raw(t).Exec(`INSERT INTO audit_log (seq, at, actor, action, subject, prev_hash, hash)
			VALUES (?, '2026-11-28T09:30:00.000000000Z', ?, ?, ?, ?, ?)`,
			forged.Seq, forged.Actor, forged.Action, forged.Subject, forged.PrevHash, forged.Hash); err != nil {
			t.Fatal(err)
		}
		if v := env.verify(t); v.OK || v.FirstBad != 4 || v.Problem != "entry 4 was not recorded by Tend: the last entry recorded is 3" {
			t.Fatalf("got %+v", v)
		}
	})

	t.Run("AppendingAfterTruncationKeepsTheGap", func(t *testing.T) {
		env := newAudit(t)
		env.add(t, 5)
		env.tamper(t, `DELETE FROM audit_log WHERE seq >= 4`)
		next := env.add(t, 1)[0]
		if next.Seq != 6 {
			t.Fatalf("appended seq %d, want 6 (after the recorded head)", next.Seq)
		}
		if v := env.verify(t); v.OK || v.FirstBad != 4 || !strings.Contains(v.Problem, "entries 4 to 5 are missing") || v.Entries != 4 {
			t.Fatalf("got %+v", v)
		}
	})

	t.Run("AppendingNeverReusesANumber", func(t *testing.T) {
		env := newAudit(t)
		env.add(t, 2)
		env.tamper(t, `INSERT INTO audit_log SELECT 3, at, actor, action, subject, reason, before, after, hash, 'forged' FROM audit_log WHERE seq = 2`)
		if next := env.add(t, 1)[0]; next.Seq != 4 {
			t.Fatalf("appended seq %d, want 4", next.Seq)
		}
		if v := env.verify(t); v.OK || v.FirstBad != 3 || v.Entries != 4 {
			t.Fatalf("got %+v", v)
		}
	})

	t.Run("AppendRefusedWithoutHead", func(t *testing.T) {
		env := newAudit(t)
		env.add(t, 1)
		env.tamper(t, `DELETE FROM audit_head`)
		_, err := sqlite.AppendAudit(ctx, env.db, sample(1))
		if pub := backend.Public(err); pub.Code != backend.ECONFLICT || pub.Key != "audit_damaged" {
			t.Fatalf("got %v", err)
		}
	})
}

func TestListAudit(t *testing.T) {
	ctx := context.Background()
	env := newAudit(t)
	all := env.add(t, 12) // actions cycle drafted, approved, sent, opt_out; actors Camille, Léa, tend:outbox

	seqs := func(p backend.AuditPage) []int64 {
		var out []int64
		for _, e := range p.Entries {
			out = append(out, e.Seq)
		}
		return out
	}
	cases := []struct {
		name   string
		filter backend.AuditFilter
		want   []int64
		next   int64
	}{
		{"All", backend.AuditFilter{}, []int64{12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 0},
		{"Page", backend.AuditFilter{Limit: 5}, []int64{12, 11, 10, 9, 8}, 8},
		{"NextPage", backend.AuditFilter{Limit: 5, Before: 8}, []int64{7, 6, 5, 4, 3}, 3},
		{"LastPage", backend.AuditFilter{Limit: 5, Before: 3}, []int64{2, 1}, 0},
		{"ExactPage", backend.AuditFilter{Limit: 4, Before: 5}, []int64{4, 3, 2, 1}, 0},
		{"Action", backend.AuditFilter{Action: backend.AuditReplySent}, []int64{11, 7, 3}, 0},
		{"ActionPrefix", backend.AuditFilter{Action: "reply.", Limit: 4}, []int64{11, 10, 9, 7}, 7},
		{"OtherPrefix", backend.AuditFilter{Action: "consent."}, []int64{12, 8, 4}, 0},
		{"PrefixIsNotSubstring", backend.AuditFilter{Action: "repl."}, nil, 0},
		{"Actor", backend.AuditFilter{Actor: "Léa"}, []int64{11, 8, 5, 2}, 0},
		{"Subject", backend.AuditFilter{Subject: "reply:0"}, []int64{11, 6, 1}, 0},
		{"Combined", backend.AuditFilter{Action: "reply.", Actor: "Camille", Before: 10}, []int64{7, 1}, 0},
		{"NoMatch", backend.AuditFilter{Actor: "nobody"}, nil, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			page, err := env.audit.ListAudit(ctx, c.filter)
			if err != nil {
				t.Fatal(err)
			}
			if got := seqs(page); fmt.Sprint(got) != fmt.Sprint(c.want) || page.Next != c.next || page.Entries == nil {
				t.Fatalf("got %v next %d, want %v next %d", got, page.Next, c.want, c.next)
			}
		})
	}
	page, _ := env.audit.ListAudit(ctx, backend.AuditFilter{Limit: 1})
	if got := page.Entries[0]; got.Hash != all[11].Hash || got.Actor != all[11].Actor || string(got.After) != string(all[11].After) {
		t.Errorf("entry read back as %+v", got)
	}

	for _, c := range []struct {
		filter backend.AuditFilter
		key    string
	}{
		{backend.AuditFilter{Limit: -1}, "audit_limit_invalid"},
		{backend.AuditFilter{Limit: backend.MaxAuditPage + 1}, "audit_limit_invalid"},
		{backend.AuditFilter{Before: -1}, "audit_cursor_invalid"},
		{backend.AuditFilter{Action: "reply.*"}, "audit_action_invalid"},
		{backend.AuditFilter{Action: "reply%"}, "audit_action_invalid"},
		{backend.AuditFilter{Action: "."}, "audit_action_invalid"},
		{backend.AuditFilter{Action: "Reply."}, "audit_action_invalid"},
	} {
		page, err := env.audit.ListAudit(ctx, c.filter)
		if pub := backend.Public(err); pub.Code != backend.EINVALID || pub.Key != c.key || page.Entries == nil {
			t.Errorf("%+v: got %+v", c.filter, pub)
		}
	}
	if page, err := env.audit.ListAudit(ctx, backend.AuditFilter{Limit: backend.MaxAuditPage}); err != nil || len(page.Entries) != 12 {
		t.Errorf("max page: %d, %v", len(page.Entries), err)
	}
}

func TestExportAudit(t *testing.T) {
	ctx := context.Background()
	env := newAudit(t)
	entries := env.add(t, 4)

	t.Run("JSONL", func(t *testing.T) {
		var buf bytes.Buffer
		if err := env.audit.ExportAudit(ctx, &buf, audit.FormatJSONL); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		if len(lines) != 4 {
			t.Fatalf("%d lines", len(lines))
		}
		var v audit.Verifier
		for i, line := range lines {
			var e backend.AuditEntry
			if err := json.Unmarshal([]byte(line), &e); err != nil {
				t.Fatal(err)
			}
			if e.Seq != int64(i+1) || e.Hash != entries[i].Hash {
				t.Fatalf("line %d: %s", i, line)
			}
			v.Add(e)
		}
		v.CheckHead(4, entries[3].Hash)
		if r := v.Result(); !r.OK {
			t.Fatalf("the export does not verify: %+v", r)
		}
	})

	t.Run("CSV", func(t *testing.T) {
		var buf bytes.Buffer
		if err := env.audit.ExportAudit(ctx, &buf, audit.FormatCSV); err != nil {
			t.Fatal(err)
		}
		records, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(records) != 5 || strings.Join(records[0], ",") != "seq,at,actor,action,subject,reason,before,after,prev_hash,hash" {
			t.Fatalf("records %q", records)
		}
		if r := records[2]; r[0] != "2" || r[1] != "2026-11-28T09:30:02Z" || r[2] != "Léa" || r[6] != `{"status":"draft","n":1}` || r[9] != entries[1].Hash {
			t.Fatalf("record %q", r)
		}
	})

	t.Run("EmptyTrail", func(t *testing.T) {
		empty := newAudit(t)
		var jsonl, csvOut bytes.Buffer
		if err := empty.audit.ExportAudit(ctx, &jsonl, "jsonl"); err != nil || jsonl.Len() != 0 {
			t.Fatalf("jsonl %q, %v", jsonl.String(), err)
		}
		if err := empty.audit.ExportAudit(ctx, &csvOut, "csv"); err != nil || csvOut.String() != "seq,at,actor,action,subject,reason,before,after,prev_hash,hash\n" {
			t.Fatalf("csv %q, %v", csvOut.String(), err)
		}
	})

	t.Run("UnknownFormat", func(t *testing.T) {
		err := env.audit.ExportAudit(ctx, &bytes.Buffer{}, "xlsx")
		if pub := backend.Public(err); pub.Code != backend.EINVALID || pub.Key != "audit_format_unknown" || pub.Params["format"] != "xlsx" {
			t.Fatalf("got %v", err)
		}
	})

	t.Run("WriteFailure", func(t *testing.T) {
		err := env.audit.ExportAudit(ctx, failingWriter{}, "jsonl")
		if pub := backend.Public(err); pub.Code != backend.EUNAVAILABLE || pub.Key != "audit_export_write" {
			t.Fatalf("got %v", err)
		}
	})
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// seedAudit appends n entries in transactions of 10,000, quickly.
func seedAudit(b *testing.B, env *auditEnv, n int) {
	b.Helper()
	for done := 0; done < n; {
		batch := make([]backend.AuditEntry, 0, 10_000)
		for ; done < n && len(batch) < cap(batch); done++ {
			batch = append(batch, sample(done))
		}
		if _, err := sqlite.AppendAudit(context.Background(), env.db, batch...); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyAudit100k verifies a trail of 100,000 entries.
func BenchmarkVerifyAudit100k(b *testing.B) {
	env := newAudit(b)
	seedAudit(b, env, 100_000)
	b.ReportAllocs()
	for b.Loop() {
		v, err := env.audit.VerifyAudit(context.Background())
		if err != nil || !v.OK || v.Entries != 100_000 {
			b.Fatalf("%+v, %v", v, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100_000, "ns/entry")
}

// BenchmarkExportAudit100k exports a trail of 100,000 entries as JSON lines.
func BenchmarkExportAudit100k(b *testing.B) {
	env := newAudit(b)
	seedAudit(b, env, 100_000)
	b.ReportAllocs()
	for b.Loop() {
		var out countingWriter
		if err := env.audit.ExportAudit(context.Background(), &out, audit.FormatJSONL); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(out))
	}
}

// countingWriter discards what it is given and counts the bytes.
type countingWriter int

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}

// BenchmarkAppendAudit measures one entry appended in its own transaction, as a service does.
func BenchmarkAppendAudit(b *testing.B) {
	env := newAudit(b)
	i := 0
	for b.Loop() {
		if _, err := sqlite.AppendAudit(context.Background(), env.db, sample(i)); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
