package cli_test

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/audit"
	"tend/backend/sqlite"
)

// storedTime is how the store writes times (sqlite.timeLayout).
const storedTime = "2006-01-02T15:04:05.000000000Z"

// auditDB creates a workspace database at path holding n audit entries, written the way the store
// writes them (the store's writer is reachable only from the services that audit themselves), and
// returns an open connection to it for tampering.
func auditDB(t *testing.T, path string, n int) *sql.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path, sqlite.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	prev := audit.Genesis
	for i := 1; i <= n; i++ {
		e := backend.AuditEntry{
			Seq: int64(i), At: time.Date(2026, 11, 28, 9, 30, i, 0, time.UTC), Actor: "Camille",
			Action: backend.AuditReplyApproved, Subject: fmt.Sprintf("reply:%d", i), Reason: "a, \"quoted\" reason",
			After: json.RawMessage(`{"status":"approved"}`), PrevHash: prev,
		}
		e.Hash = audit.Hash(e)
		if _, err := raw.Exec(`INSERT INTO audit_log (seq, at, actor, action, subject, reason, after, prev_hash, hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.Seq, e.At.Format(storedTime), e.Actor, e.Action, e.Subject, e.Reason,
			string(e.After), e.PrevHash, e.Hash); err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(`UPDATE audit_head SET seq = ?, hash = ?`, e.Seq, e.Hash); err != nil {
			t.Fatal(err)
		}
		prev = e.Hash
	}
	return raw
}

func TestAuditUsage(t *testing.T) {
	expect(t, tend(t, "", "audit", "--help"), 0, "", "tend audit [flags] verify | export [--format jsonl|csv]")
	expect(t, tend(t, "", "help", "audit"), 0, "", "-format FORMAT")
	expect(t, tend(t, "", "--help"), 0, "", "audit      verify the audit trail")
	expect(t, tend(t, "", "audit"), 2, "", "audit needs a subcommand: verify or export")
	expect(t, tend(t, "", "audit", "fix"), 2, "", `unknown audit subcommand "fix"`)
	expect(t, tend(t, "", "audit", "verify", "now"), 2, "", `audit verify takes no arguments, got "now"`)
	expect(t, tend(t, "", "audit", "verify", "--format", "csv"), 2, "", "--format applies to audit export only")
	expect(t, tend(t, "", "audit", "export", "--format", "xlsx"), 2, "", `invalid --format "xlsx": use jsonl or csv`)
	expect(t, tend(t, "", "audit", "export", "--format"), 2, "", "flag needs an argument")
}

func TestAuditVerifyAndExport(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "maison.db")
	raw := auditDB(t, path, 5)

	expect(t, tend(t, "", "--db", path, "audit", "verify"), 0, "Audit trail OK: 5 entries, chain verified.\n", "")

	r := tend(t, "", "audit", "export", "--db", path)
	expect(t, r, 0, "", "")
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("jsonl export:\n%s", r.stdout)
	}
	var v audit.Verifier
	for _, line := range lines {
		var e backend.AuditEntry
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		v.Add(e)
	}
	if res := v.Result(); !res.OK || res.Entries != 5 {
		t.Fatalf("the export does not verify: %+v", res)
	}

	r = tend(t, "", "--db", path, "audit", "export", "--format", "csv")
	expect(t, r, 0, "seq,at,actor,action,subject,reason,before,after,prev_hash,hash\n", "")
	records, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil || len(records) != 6 || records[3][0] != "3" || records[3][5] != `a, "quoted" reason` || records[3][6] != "" {
		t.Fatalf("csv export (%v):\n%s", err, r.stdout)
	}

	// Someone edits entry 3 behind Tend's back.
	for _, s := range []string{`DROP TRIGGER audit_log_no_update`, `UPDATE audit_log SET reason = 'nothing happened' WHERE seq = 3`} {
		if _, err := raw.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	expect(t, tend(t, "", "--db", path, "audit", "verify"), 1,
		"Audit trail BROKEN at entry 3: entry 3 was altered: its content does not match its hash\n", "tend: audit verification failed")

	// And then removes the last two.
	if _, err := raw.Exec(`DROP TRIGGER audit_log_no_delete`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`DELETE FROM audit_log WHERE seq >= 3`); err != nil {
		t.Fatal(err)
	}
	expect(t, tend(t, "", "--db", path, "audit", "verify"), 1,
		"Audit trail BROKEN at entry 3: entries 3 to 5 are missing: the trail stops at entry 2 but the last entry recorded is 5", "")
	// Exporting still works on a broken trail: that is when it is needed.
	expect(t, tend(t, "", "--db", path, "audit", "export"), 0, `"seq":2,`, "")
}

func TestAuditWorkspaces(t *testing.T) {
	dir := t.TempDir()
	expect(t, tend(t, "", "--data-dir", dir, "--workspace", "Nope", "audit", "verify"), 1, "", `There is no workspace named "Nope".`)
	if _, err := os.Stat(filepath.Join(dir, "data", "workspaces", "Nope.db")); err == nil {
		t.Fatal("verifying a missing workspace created it")
	}
	expect(t, tend(t, "", "--data-dir", dir, "audit", "export"), 1, "", `There is no workspace named "default".`)
	missing := filepath.Join(dir, "none.db")
	expect(t, tend(t, "", "--db", missing, "audit", "verify"), 1, "", "There is no database at "+missing)

	expect(t, tend(t, "", "--data-dir", dir, "workspace", "create", "Maison"), 0, "", "")
	expect(t, tend(t, "", "--data-dir", dir, "--workspace", "Maison", "audit", "verify"), 0, "Audit trail OK: 0 entries, chain verified.", "")
	expect(t, tend(t, "", "--data-dir", dir, "--workspace", "Maison", "audit", "export"), 0, "", "")
	auditDB(t, filepath.Join(dir, "data", "workspaces", "Solo.db"), 1)
	expect(t, tend(t, "", "audit", "verify", "--data-dir", dir, "--workspace", "Solo"), 0, "Audit trail OK: 1 entry, chain verified.", "")
}
