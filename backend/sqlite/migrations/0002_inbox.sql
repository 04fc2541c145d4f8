-- The unified inbox: channels, contacts, conversations, messages, full-text search and the
-- classifier's per-workspace corrections.

CREATE TABLE channels (
	id INTEGER PRIMARY KEY,
	platform TEXT NOT NULL,
	account TEXT NOT NULL,
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('sandbox', 'account', 'import')),
	created_at TEXT NOT NULL,
	UNIQUE (platform, account, kind)
) STRICT;

CREATE TABLE contacts (
	id INTEGER PRIMARY KEY,
	display_name TEXT NOT NULL,
	language TEXT NOT NULL DEFAULT '',
	influencer INTEGER NOT NULL DEFAULT 0,
	vip INTEGER NOT NULL DEFAULT 0,
	follower_count INTEGER,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE contact_identities (
	id INTEGER PRIMARY KEY,
	contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
	platform TEXT NOT NULL,
	platform_user_id TEXT NOT NULL,
	handle TEXT NOT NULL DEFAULT '',
	display_name TEXT NOT NULL DEFAULT '',
	UNIQUE (platform, platform_user_id)
) STRICT;
CREATE INDEX contact_identities_contact ON contact_identities (contact_id);
CREATE INDEX contact_identities_handle ON contact_identities (handle COLLATE NOCASE);

CREATE TABLE contact_tags (
	contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
	tag TEXT NOT NULL,
	PRIMARY KEY (contact_id, tag)
) STRICT, WITHOUT ROWID;

-- Posts and broadcasts that comment threads and live chats belong to; thread_count makes a post
-- "busy" for the SLA policy.
CREATE TABLE posts (
	channel_id INTEGER NOT NULL REFERENCES channels (id),
	post_id TEXT NOT NULL,
	title TEXT NOT NULL DEFAULT '',
	url TEXT NOT NULL DEFAULT '',
	thread_count INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (channel_id, post_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE conversations (
	id INTEGER PRIMARY KEY,
	channel_id INTEGER NOT NULL REFERENCES channels (id),
	kind TEXT NOT NULL CHECK (kind IN ('dm', 'comment_thread', 'live_chat')),
	thread_key TEXT NOT NULL,
	post_id TEXT NOT NULL DEFAULT '',
	contact_id INTEGER REFERENCES contacts (id),
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'snoozed', 'resolved')),
	snoozed_until TEXT,
	assignee TEXT NOT NULL DEFAULT '',
	priority INTEGER NOT NULL DEFAULT 2 CHECK (priority BETWEEN 0 AND 3), -- 0 urgent … 3 low
	intent TEXT NOT NULL DEFAULT 'other',
	sentiment TEXT NOT NULL DEFAULT 'neutral',
	sentiment_score REAL NOT NULL DEFAULT 0,
	language TEXT NOT NULL DEFAULT '',
	escalated INTEGER NOT NULL DEFAULT 0,
	reasons TEXT NOT NULL DEFAULT '[]',
	awaiting_since TEXT,   -- oldest inbound message not yet answered
	sla_due_at TEXT,       -- when that answer is due
	first_inbound_at TEXT,
	first_response_at TEXT,
	resolved_at TEXT,
	last_inbound_at TEXT,
	last_outbound_at TEXT,
	last_message_at TEXT NOT NULL,
	last_preview TEXT NOT NULL DEFAULT '',
	last_direction TEXT NOT NULL DEFAULT 'in',
	message_count INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	-- Inbox order is priority, then SLA due time (none last), then the most recent activity. Every
	-- key ascends so that a page cursor is one row-value comparison on the index; a list of
	-- several statuses merges one ordered walk per status.
	sla_key TEXT GENERATED ALWAYS AS (coalesce(sla_due_at, '~')) VIRTUAL,
	recency_key INTEGER NOT NULL DEFAULT 0, -- minus last activity in unix milliseconds
	UNIQUE (channel_id, kind, thread_key)
) STRICT;
CREATE INDEX conversations_inbox ON conversations (status, priority, sla_key, recency_key, id);
CREATE INDEX conversations_contact ON conversations (contact_id);
CREATE INDEX conversations_snoozed ON conversations (snoozed_until) WHERE status = 'snoozed';

CREATE TABLE conversation_tags (
	conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	tag TEXT NOT NULL,
	PRIMARY KEY (conversation_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX conversation_tags_tag ON conversation_tags (tag, conversation_id);

CREATE TABLE messages (
	id INTEGER PRIMARY KEY,
	conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	channel_id INTEGER NOT NULL REFERENCES channels (id),
	platform_message_id TEXT NOT NULL,
	direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
	author_contact_id INTEGER REFERENCES contacts (id),
	author_name TEXT NOT NULL DEFAULT '',
	author_handle TEXT NOT NULL DEFAULT '',
	text TEXT NOT NULL,
	sent_at TEXT NOT NULL,
	received_at TEXT NOT NULL,
	reply_to TEXT NOT NULL DEFAULT '',
	attachments TEXT NOT NULL DEFAULT '[]',
	hidden INTEGER NOT NULL DEFAULT 0,
	deleted INTEGER NOT NULL DEFAULT 0,
	-- Triage of inbound messages: the result, and the context it was decided in (to redo it after a
	-- correction).
	triage TEXT,
	triage_context TEXT,
	priority INTEGER,   -- the triage priority rank, due time and escalation, for SQL aggregates
	sla_due_at TEXT,
	escalate INTEGER NOT NULL DEFAULT 0,
	intent_corrected INTEGER NOT NULL DEFAULT 0,
	sentiment_corrected INTEGER NOT NULL DEFAULT 0,
	UNIQUE (channel_id, platform_message_id)
) STRICT;
CREATE INDEX messages_conversation ON messages (conversation_id, sent_at);
CREATE INDEX messages_author ON messages (author_contact_id, sent_at);

-- Full-text search over message text, diacritics folded so "reçu" finds "recu" and back.
CREATE VIRTUAL TABLE messages_fts USING fts5 (
	text,
	content = 'messages',
	content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE triage_corrections (
	id INTEGER PRIMARY KEY,
	message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
	field TEXT NOT NULL CHECK (field IN ('intent', 'sentiment')),
	from_label TEXT NOT NULL,
	to_label TEXT NOT NULL,
	created_at TEXT NOT NULL,
	undone_at TEXT
) STRICT;

-- The classifier's learned corrections for this workspace, as backend.Triager.Delta writes them.
CREATE TABLE triage_state (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	delta BLOB NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;
