-- Replies: drafts, the approval queue and the outbox in one table, so that a reply's whole life is
-- one row whose state the schema itself keeps safe; the consent ledger; the reply settings.

ALTER TABLE contacts ADD COLUMN automation_opt_out INTEGER NOT NULL DEFAULT 0 CHECK (automation_opt_out IN (0, 1));
ALTER TABLE contacts ADD COLUMN consent_changed_at TEXT;

-- Custom contact fields, for {custom.name} tokens.
CREATE TABLE contact_fields (
	contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	value TEXT NOT NULL,
	PRIMARY KEY (contact_id, name)
) STRICT, WITHOUT ROWID;

-- Who wrote an inbound message as the platform tells (Telegram's is_bot), so that automation never
-- answers another bot; and the reply an outbound message came from.
ALTER TABLE messages ADD COLUMN author_is_bot INTEGER NOT NULL DEFAULT 0 CHECK (author_is_bot IN (0, 1));
ALTER TABLE messages ADD COLUMN reply_id INTEGER;

CREATE TABLE consent_events (
	id INTEGER PRIMARY KEY,
	contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('opt_out', 'opt_in')),
	source TEXT NOT NULL CHECK (source IN ('message', 'manual', 'import')),
	message_id INTEGER REFERENCES messages (id) ON DELETE SET NULL,
	note TEXT NOT NULL DEFAULT '',
	actor TEXT NOT NULL,
	at TEXT NOT NULL
) STRICT;
CREATE INDEX consent_events_contact ON consent_events (contact_id, id);

-- The approval policy and automation limits (JSON), and the model settings (JSON, never the key).
CREATE TABLE reply_settings (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	policy TEXT NOT NULL CHECK (json_valid(policy)),
	limits TEXT NOT NULL CHECK (json_valid(limits)),
	model TEXT NOT NULL CHECK (json_valid(model)),
	updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE replies (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('reply', 'consent_confirmation')),
	conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	contact_id INTEGER REFERENCES contacts (id),
	channel_id INTEGER NOT NULL REFERENCES channels (id),
	state TEXT NOT NULL CHECK (state IN ('draft', 'discarded', 'pending_approval', 'rejected', 'queued', 'sending',
		'sent', 'failed', 'blocked', 'in_doubt')),
	source TEXT NOT NULL CHECK (source IN ('human', 'template', 'model')),
	template_id TEXT NOT NULL DEFAULT '',
	ai_generated INTEGER NOT NULL DEFAULT 0 CHECK (ai_generated IN (0, 1)),
	automated INTEGER NOT NULL DEFAULT 0 CHECK (automated IN (0, 1)),
	language TEXT NOT NULL DEFAULT '',
	text TEXT NOT NULL DEFAULT '',
	draft_text TEXT NOT NULL DEFAULT '',
	out_text TEXT NOT NULL DEFAULT '',
	reply_to TEXT NOT NULL DEFAULT '',
	needs_approval INTEGER NOT NULL DEFAULT 0 CHECK (needs_approval IN (0, 1)),
	reasons TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons)),
	explanation TEXT CHECK (explanation IS NULL OR json_valid(explanation)),
	usage TEXT CHECK (usage IS NULL OR json_valid(usage)),
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	approved INTEGER NOT NULL DEFAULT 0 CHECK (approved IN (0, 1)),
	decided_by TEXT NOT NULL DEFAULT '',
	decided_at TEXT,
	decision_note TEXT NOT NULL DEFAULT '',
	edited INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
	idempotency_key TEXT UNIQUE,
	attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
	next_attempt_at TEXT,
	last_error TEXT CHECK (last_error IS NULL OR json_valid(last_error)),
	platform_message_id TEXT NOT NULL DEFAULT '',
	queued_at TEXT,
	sent_at TEXT,
	qa_sampled INTEGER NOT NULL DEFAULT 0 CHECK (qa_sampled IN (0, 1)),
	qa_outcome TEXT NOT NULL DEFAULT '' CHECK (qa_outcome IN ('', 'good', 'needs_work', 'bad')),
	qa_note TEXT NOT NULL DEFAULT '',
	qa_reviewed_by TEXT NOT NULL DEFAULT '',
	qa_reviewed_at TEXT,
	-- Safe by construction: a reply that needed approval reaches the outbox only approved, and
	-- every reply in the outbox has its idempotency key.
	CHECK (state NOT IN ('queued', 'sending', 'sent', 'failed', 'in_doubt') OR needs_approval = 0 OR approved = 1),
	CHECK (state NOT IN ('queued', 'sending', 'sent', 'failed', 'in_doubt') OR idempotency_key IS NOT NULL),
	CHECK (approved = 0 OR decided_at IS NOT NULL)
) STRICT;
CREATE INDEX replies_state ON replies (state, id);
CREATE INDEX replies_due ON replies (next_attempt_at, id) WHERE state = 'queued';
CREATE INDEX replies_conversation ON replies (conversation_id, id);
CREATE INDEX replies_automated ON replies (contact_id, sent_at) WHERE automated = 1;
CREATE INDEX replies_channel_sent ON replies (channel_id, sent_at) WHERE automated = 1;
CREATE INDEX replies_qa ON replies (id) WHERE qa_sampled = 1 AND qa_outcome = '';

-- Consent, by construction too: an automated reply never enters the outbox, nor is handed to a
-- connector, for a contact who opted out. The single confirmation of a STOP is the exception.
CREATE TRIGGER replies_consent_insert BEFORE INSERT ON replies
WHEN NEW.automated = 1 AND NEW.kind = 'reply' AND NEW.state IN ('queued', 'sending')
	AND EXISTS (SELECT 1 FROM contacts WHERE id = NEW.contact_id AND automation_opt_out = 1)
BEGIN
	SELECT RAISE(ABORT, 'tend: automated reply to a contact who opted out');
END;
CREATE TRIGGER replies_consent_update BEFORE UPDATE OF state ON replies
WHEN NEW.automated = 1 AND NEW.kind = 'reply' AND NEW.state IN ('queued', 'sending') AND NEW.state <> OLD.state
	AND EXISTS (SELECT 1 FROM contacts WHERE id = NEW.contact_id AND automation_opt_out = 1)
BEGIN
	SELECT RAISE(ABORT, 'tend: automated reply to a contact who opted out');
END;

-- What sandbox channels would have sent, once per idempotency key.
CREATE TABLE sandbox_deliveries (
	idempotency_key TEXT PRIMARY KEY,
	channel_id INTEGER NOT NULL REFERENCES channels (id),
	recipient TEXT NOT NULL DEFAULT '',
	text TEXT NOT NULL,
	platform_message_id TEXT NOT NULL,
	delivered_at TEXT NOT NULL
) STRICT;

-- The last inbound message autopilot has considered: it answers each new message once, even across
-- restarts, and never the history a workspace already had.
CREATE TABLE autopilot_state (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	last_message_id INTEGER NOT NULL
) STRICT;
INSERT INTO autopilot_state (id, last_message_id) SELECT 1, coalesce(max(id), 0) FROM messages;
