-- Workspace settings as key → JSON value, so new settings need no schema change.
CREATE TABLE settings (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL CHECK (json_valid(value)),
	updated_at TEXT NOT NULL
) STRICT;
