package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	sqlite3 "modernc.org/sqlite/lib"

	"tend/backend"
	"tend/backend/audit"
)

// DefaultAuditPage is the page size of ListAudit when the filter sets none.
const DefaultAuditPage = 100

// auditColumns are read in this order by scanAudit.
const auditColumns = `seq, at, actor, action, subject, reason, before, after, prev_hash, hash`

// Actions are "subject.verb" in lower-case ASCII ("reply.doubt_resolved"); a filter may also be a
// prefix ending in a dot ("reply.").
var (
	auditActionPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$`)
	auditFilterPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\.?$`)
)

// AuditService implements backend.AuditService on the open workspace. It only reads: entries are
// written by the other services through Tx.appendAudit, in the transaction of their change.
type AuditService struct {
	workspaces *Workspaces
}

var _ backend.AuditService = (*AuditService)(nil)

// NewAuditService returns the audit trail of whichever workspace is open in ws.
func NewAuditService(ws *Workspaces) *AuditService { return &AuditService{workspaces: ws} }

// appendAudit adds e to the audit trail in tx, the transaction of the change it records, and
// returns it as stored. It is the trail's only writer. The store sets Seq (the next number after
// the recorded head), At (the transaction's time: a caller's At is ignored, so that an entry cannot
// be backdated), PrevHash and Hash. Actor, Action (see auditActionPattern) and Subject are
// required; Before and After must be JSON or empty, and are stored compacted, NULL when empty or
// null.
//
// The number and the link come from audit_head rather than from the log's last row: if rows were
// removed from the end behind Tend's back, the next entry leaves a visible gap instead of sealing
// over the removal. Callers publish backend.EventAuditAppended after commit if they want the
// frontend to refresh.
func (tx *Tx) appendAudit(ctx context.Context, e backend.AuditEntry) (backend.AuditEntry, error) {
	if err := checkAuditEntry(&e); err != nil {
		return backend.AuditEntry{}, err
	}
	var headSeq, maxSeq int64
	var headHash string
	err := tx.queryRow(ctx, `SELECT h.seq, h.hash, coalesce((SELECT max(seq) FROM audit_log), 0)
		FROM audit_head h WHERE h.id = 1`).Scan(&headSeq, &headHash, &maxSeq)
	if errors.Is(err, sql.ErrNoRows) {
		return backend.AuditEntry{}, backend.Errorf(backend.ECONFLICT,
			"The audit trail is damaged (the record of its last entry is missing), so changes cannot be recorded. "+
				"Run 'tend audit verify' and restore the workspace from a backup.").Localized("audit_damaged")
	}
	if err != nil {
		return backend.AuditEntry{}, err
	}
	e.Seq, e.At, e.PrevHash = max(headSeq, maxSeq)+1, tx.Now, headHash
	e.Hash = audit.Hash(e)
	if _, err := tx.exec(ctx, `INSERT INTO audit_log (`+auditColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, formatTime(e.At), e.Actor, e.Action, e.Subject, e.Reason, nullJSON(e.Before), nullJSON(e.After),
		e.PrevHash, e.Hash); err != nil {
		return backend.AuditEntry{}, mapAuditError(err)
	}
	if _, err := tx.exec(ctx, `UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, e.Seq, e.Hash); err != nil {
		return backend.AuditEntry{}, mapAuditError(err)
	}
	return e, nil
}

// checkAuditEntry validates e and puts its snapshots in their stored form.
func checkAuditEntry(e *backend.AuditEntry) error {
	invalid := func(field string) error {
		return backend.Errorf(backend.EINVALID, "The audit entry's %s is missing or invalid.", field).
			Localized("audit_entry_invalid", "field", field)
	}
	for _, f := range []struct{ name, value string }{{"actor", e.Actor}, {"subject", e.Subject}, {"reason", e.Reason}} {
		if (f.name != "reason" && strings.TrimSpace(f.value) == "") || !utf8.ValidString(f.value) {
			return invalid(f.name)
		}
	}
	if !auditActionPattern.MatchString(e.Action) {
		return invalid("action")
	}
	for _, f := range []struct {
		name string
		raw  *json.RawMessage
	}{{"before", &e.Before}, {"after", &e.After}} {
		if len(bytes.TrimSpace(*f.raw)) == 0 {
			*f.raw = nil
			continue
		}
		if !json.Valid(*f.raw) || !utf8.Valid(*f.raw) {
			return invalid(f.name)
		}
		compact := audit.Snapshot(*f.raw)
		if string(compact) == "null" {
			compact = nil
		}
		*f.raw = compact
	}
	return nil
}

// nullJSON is a snapshot as an SQL argument: NULL when empty.
func nullJSON(raw json.RawMessage) any {
	if len(raw) == 0 {
		return nil
	}
	return string(raw)
}

// errAppendOnly is the error of an attempt to change or remove audit entries.
func errAppendOnly(cause error) error {
	return backend.Wrap(backend.EFORBIDDEN, cause, "The audit trail is append-only: its entries cannot be changed or deleted.").
		Localized("audit_append_only")
}

// mapAuditError turns the refusal of the audit triggers (an UPDATE or DELETE of audit_log, or a
// head moved backwards) into errAppendOnly. Those triggers are the only ones whose refusal reaches
// code that touches the audit tables.
func mapAuditError(err error) error {
	if sqliteCode(err) == sqlite3.SQLITE_CONSTRAINT_TRIGGER {
		return errAppendOnly(err)
	}
	return err
}

// ListAudit returns a page of entries, newest first.
func (s *AuditService) ListAudit(ctx context.Context, f backend.AuditFilter) (backend.AuditPage, error) {
	page := backend.AuditPage{Entries: []backend.AuditEntry{}}
	if f.Limit == 0 {
		f.Limit = DefaultAuditPage
	}
	if f.Limit < 0 || f.Limit > backend.MaxAuditPage {
		return page, backend.Errorf(backend.EINVALID, "An audit page holds 1 to %d entries.", backend.MaxAuditPage).
			Localized("audit_limit_invalid", "max", strconv.Itoa(backend.MaxAuditPage))
	}
	if f.Before < 0 {
		return page, backend.Errorf(backend.EINVALID, "Invalid audit page cursor.").Localized("audit_cursor_invalid")
	}
	w := &where{}
	switch {
	case f.Action == "":
	case !auditFilterPattern.MatchString(f.Action):
		return page, backend.Errorf(backend.EINVALID,
			"Invalid action filter %q: give an action such as reply.approved, or a prefix ending in a dot such as reply.", f.Action).
			Localized("audit_action_invalid", "action", f.Action)
	case strings.HasSuffix(f.Action, "."):
		// A range rather than LIKE, which ignores case and cannot use the index: '/' follows '.'.
		w.add("action >= ? AND action < ?", f.Action, strings.TrimSuffix(f.Action, ".")+"/")
	default:
		w.add("action = ?", f.Action)
	}
	if f.Actor != "" {
		w.add("actor = ?", f.Actor)
	}
	if f.Subject != "" {
		w.add("subject = ?", f.Subject)
	}
	if f.Before > 0 {
		w.add("seq < ?", f.Before)
	}
	db, err := s.workspaces.DB()
	if err != nil {
		return page, err
	}
	err = db.Read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_log`+w.sql()+` ORDER BY seq DESC LIMIT ?`,
			append(w.args, f.Limit+1)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		var sc auditScanner
		for rows.Next() {
			e, err := sc.scan(rows)
			if err != nil {
				return err
			}
			page.Entries = append(page.Entries, e)
		}
		return rows.Err()
	})
	if err != nil {
		return backend.AuditPage{Entries: []backend.AuditEntry{}}, err
	}
	if len(page.Entries) > f.Limit {
		page.Entries = page.Entries[:f.Limit]
		page.Next = page.Entries[f.Limit-1].Seq
	}
	return page, nil
}

// VerifyAudit recomputes the chain, oldest entry first, in one read transaction so that the log
// and its head are one snapshot. Entries stream through the verifier: memory does not grow with
// the trail.
func (s *AuditService) VerifyAudit(ctx context.Context) (backend.AuditVerification, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.AuditVerification{}, err
	}
	var out backend.AuditVerification
	err = db.Read(ctx, func(tx *Tx) error {
		var v audit.Verifier
		var stopped bool
		var stoppedAt int64
		err := eachAudit(ctx, tx, func(e backend.AuditEntry) (bool, error) {
			if !v.Add(e) {
				stopped, stoppedAt = true, e.Seq
				return false, nil
			}
			return true, nil
		})
		if err != nil {
			return err
		}
		if stopped {
			// Broken: the rest is only counted.
			var rest int64
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM audit_log WHERE seq > ?`, stoppedAt).Scan(&rest); err != nil {
				return err
			}
			out = v.Result()
			out.Entries += rest
			return nil
		}
		var headSeq int64
		var headHash string
		switch err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash); {
		case errors.Is(err, sql.ErrNoRows):
			v.HeadMissing()
		case err != nil:
			return err
		default:
			v.CheckHead(headSeq, headHash)
		}
		out = v.Result()
		return nil
	})
	if err != nil {
		return backend.AuditVerification{}, err
	}
	return out, nil
}

// ExportAudit writes every entry, oldest first, as "jsonl" or "csv", streaming from one snapshot.
func (s *AuditService) ExportAudit(ctx context.Context, w io.Writer, format string) error {
	if err := audit.CheckFormat(format); err != nil {
		return err
	}
	db, err := s.workspaces.DB()
	if err != nil {
		return err
	}
	writeFailed := func(err error) error {
		return backend.Wrap(backend.EUNAVAILABLE, err, "Cannot write the audit export.").Localized("audit_export_write")
	}
	return db.Read(ctx, func(tx *Tx) error {
		out, err := audit.NewWriter(w, format)
		if err != nil {
			return writeFailed(err)
		}
		err = eachAudit(ctx, tx, func(e backend.AuditEntry) (bool, error) {
			if err := out.Write(e); err != nil {
				return false, writeFailed(err)
			}
			return true, nil
		})
		if err != nil {
			return err
		}
		if err := out.Flush(); err != nil {
			return writeFailed(err)
		}
		return nil
	})
}

// eachAudit calls fn with every entry in seq order until fn returns false or an error.
func eachAudit(ctx context.Context, tx *Tx, fn func(e backend.AuditEntry) (bool, error)) error {
	rows, err := tx.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY seq`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var sc auditScanner
	for rows.Next() {
		e, err := sc.scan(rows)
		if err != nil {
			return err
		}
		more, err := fn(e)
		if err != nil || !more {
			return err
		}
	}
	return rows.Err()
}

// auditScanner reads audit rows, reusing its buffers from row to row.
type auditScanner struct {
	at            string
	before, after sql.NullString
}

// scan reads the row. A time that does not parse (only tampering writes one) reads as the zero
// time, which then fails the entry's hash instead of failing the whole read.
func (sc *auditScanner) scan(rows *sql.Rows) (backend.AuditEntry, error) {
	var e backend.AuditEntry
	if err := rows.Scan(&e.Seq, &sc.at, &e.Actor, &e.Action, &e.Subject, &e.Reason, &sc.before, &sc.after,
		&e.PrevHash, &e.Hash); err != nil {
		return e, err
	}
	e.At, _ = parseTime(sc.at)
	if sc.before.Valid {
		e.Before = json.RawMessage(sc.before.String)
	}
	if sc.after.Valid {
		e.After = json.RawMessage(sc.after.String)
	}
	return e, nil
}
