-- Connected platform accounts, their sync state, and the raw webhook deliveries waiting to be
-- processed. Secrets are in the OS keyring, never here.

CREATE TABLE accounts (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	platform TEXT NOT NULL,
	base_url TEXT NOT NULL DEFAULT '',
	ids TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(ids)),
	status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'needs_reconnect', 'rate_limited', 'error')),
	last_error TEXT CHECK (last_error IS NULL OR json_valid(last_error)),
	last_success_at TEXT,
	last_error_at TEXT,
	next_sync_at TEXT,
	failures INTEGER NOT NULL DEFAULT 0,
	-- Where the next fetch starts: written in the transaction that stores the messages before it.
	cursor TEXT NOT NULL DEFAULT '',
	backfill TEXT CHECK (backfill IS NULL OR json_valid(backfill)),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE account_channels (
	account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	platform TEXT NOT NULL,
	channel_id INTEGER NOT NULL UNIQUE REFERENCES channels (id),
	PRIMARY KEY (account_id, platform)
) STRICT, WITHOUT ROWID;

-- Verified webhook bodies, stored before the platform gets its 200 and processed from here, so a
-- crash after answering loses nothing.
CREATE TABLE webhook_deliveries (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	body BLOB NOT NULL,
	received_at TEXT NOT NULL,
	processed_at TEXT,
	error TEXT
) STRICT;
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (id) WHERE processed_at IS NULL;
