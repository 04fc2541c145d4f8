package sqlite

import (
	"context"
	"database/sql"
	"testing"

	sqlite3 "modernc.org/sqlite/lib"

	"tend/backend"
)

// AppendAudit appends entries in one write transaction, as the services do with theirs, for the
// tests of package sqlite_test. It returns the entries as stored.
func AppendAudit(ctx context.Context, db *DB, entries ...backend.AuditEntry) ([]backend.AuditEntry, error) {
	out := make([]backend.AuditEntry, 0, len(entries))
	err := db.Write(ctx, func(tx *Tx) error {
		for _, e := range entries {
			stored, err := tx.appendAudit(ctx, e)
			if err != nil {
				return err
			}
			out = append(out, stored)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// AuditWriteSQL runs statement in a write transaction through the audit error mapping, as a
// service touching the audit tables would.
func AuditWriteSQL(ctx context.Context, db *DB, statement string) error {
	return db.Write(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, statement)
		return mapAuditError(err)
	})
}

func TestAuditTriggerCode(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, t.TempDir()+"/w.db", Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := AppendAudit(ctx, db, backend.AuditEntry{Actor: "Camille", Action: backend.AuditSettingsChanged, Subject: "settings"}); err != nil {
		t.Fatal(err)
	}
	// The refusal reaches Go as SQLITE_CONSTRAINT_TRIGGER, the code mapAuditError keys on.
	for _, statement := range []string{
		`UPDATE audit_log SET reason = 'x'`, `DELETE FROM audit_log`,
		`UPDATE audit_head SET seq = 0`, `DELETE FROM audit_head`,
	} {
		err := db.Write(ctx, func(tx *Tx) error {
			_, err := tx.ExecContext(ctx, statement)
			if code := sqliteCode(err); code != sqlite3.SQLITE_CONSTRAINT_TRIGGER {
				t.Errorf("%s: code %d (%v), want SQLITE_CONSTRAINT_TRIGGER", statement, code, err)
			}
			return err
		})
		if e := backend.Public(mapAuditError(err)); err == nil || e.Code != backend.EFORBIDDEN || e.Key != "audit_append_only" {
			t.Errorf("%s: mapped to %+v", statement, e)
		}
	}
	if got := mapAuditError(sql.ErrNoRows); got != sql.ErrNoRows {
		t.Errorf("other errors must pass through, got %v", got)
	}
}
