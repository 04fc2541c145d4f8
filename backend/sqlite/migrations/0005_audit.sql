-- The audit trail: an append-only, hash-chained log of who changed what, when and why. Each row's
-- hash covers its content and the previous row's hash (see package backend/audit for the canonical
-- form), so editing, deleting or reordering a row breaks the chain from there on. Rows are written
-- only by Tx.appendAudit, in the transaction of the change they record.

CREATE TABLE audit_log (
	seq INTEGER PRIMARY KEY, -- 1, 2, 3, … without gaps: assigned by the writer, not AUTOINCREMENT
	at TEXT NOT NULL,
	actor TEXT NOT NULL,
	action TEXT NOT NULL,
	subject TEXT NOT NULL,
	reason TEXT NOT NULL DEFAULT '',
	before TEXT, -- compact JSON, NULL when not applicable
	after TEXT,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL UNIQUE
) STRICT;

-- Every index entry carries the rowid (seq), so an equality on one column also yields seq order.
CREATE INDEX audit_log_action ON audit_log (action);
CREATE INDEX audit_log_actor ON audit_log (actor);
CREATE INDEX audit_log_subject ON audit_log (subject);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- The head is the last entry's seq and hash, moved forward in the same transaction as each append.
-- A chain alone cannot reveal that its newest entries were removed; comparing its end with the
-- head can.
CREATE TABLE audit_head (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	seq INTEGER NOT NULL CHECK (seq >= 0),
	hash TEXT NOT NULL
) STRICT;

INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head
WHEN NEW.id IS NOT OLD.id OR NEW.seq <= OLD.seq
BEGIN
	SELECT RAISE(ABORT, 'the audit head only moves forward');
END;

CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;
