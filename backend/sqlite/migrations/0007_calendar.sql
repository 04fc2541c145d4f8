-- The content calendar: planned posts, live and batch-filming sessions, and the calendar settings
-- (pillars, cadence targets, mix target, channel-goal matrix) as one JSON document.

CREATE TABLE calendar_settings (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	value TEXT NOT NULL CHECK (json_valid(value)),
	updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE calendar_sessions (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('live', 'filming')),
	title TEXT NOT NULL,
	starts_at TEXT NOT NULL,
	time_zone TEXT NOT NULL,
	duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
	channels TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(channels)),
	location TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX calendar_sessions_start ON calendar_sessions (starts_at);

-- Named calendar_posts: "posts" in the inbox are the platforms' posts comments belong to.
CREATE TABLE calendar_posts (
	id INTEGER PRIMARY KEY,
	uid TEXT NOT NULL UNIQUE, -- the iCalendar UID and the CSV id: stable across exports and imports
	title TEXT NOT NULL,
	caption TEXT NOT NULL DEFAULT '',
	channel_captions TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(channel_captions)), -- {"instagram": "..."}
	pillar TEXT NOT NULL DEFAULT '', -- a pillar key of calendar_settings, '' for none
	format TEXT NOT NULL CHECK (format IN ('short_video', 'micro_article', 'live', 'story', 'carousel', 'dm_touchpoint')),
	channels TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(channels)), -- ["instagram", "tiktok"]
	goal TEXT NOT NULL CHECK (goal IN ('awareness', 'community', 'conversion', 'retention')),
	tier TEXT NOT NULL CHECK (tier IN ('core', 'experiment', 'high_risk')),
	status TEXT NOT NULL CHECK (status IN ('idea', 'draft', 'in_review', 'approved', 'scheduled', 'publishing', 'due',
		'published', 'failed', 'missed')),
	scheduled_at TEXT, -- UTC instant; NULL while undated
	time_zone TEXT NOT NULL, -- the IANA zone it is planned in
	duration_minutes INTEGER NOT NULL DEFAULT 15 CHECK (duration_minutes BETWEEN 1 AND 1440),
	media_paths TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(media_paths)), -- local files
	creator_id INTEGER, -- the creators feature's record (no foreign key yet)
	utm_link TEXT, -- the tracked link, NULL for none
	session_id INTEGER REFERENCES calendar_sessions (id) ON DELETE SET NULL,
	session_role TEXT NOT NULL DEFAULT '' CHECK (session_role IN ('', 'live', 'announcement', 'reminder', 'filmed')),
	submitted_by TEXT NOT NULL DEFAULT '',
	submitted_at TEXT,
	approved INTEGER NOT NULL DEFAULT 0 CHECK (approved IN (0, 1)),
	decided_by TEXT NOT NULL DEFAULT '',
	decided_at TEXT,
	decision_note TEXT NOT NULL DEFAULT '',
	published_at TEXT,
	publications TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(publications)),
	last_error TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	-- An idea has no date; whatever goes out, or was due to, has one.
	CHECK (status <> 'idea' OR scheduled_at IS NULL),
	CHECK (status NOT IN ('scheduled', 'publishing', 'due', 'missed') OR scheduled_at IS NOT NULL),
	-- Safe by construction: only a caption a person approved is approved, scheduled, or goes out.
	CHECK (status NOT IN ('approved', 'scheduled', 'publishing', 'due', 'missed') OR approved = 1),
	CHECK (approved = 0 OR (decided_at IS NOT NULL AND decided_by <> '')),
	CHECK (status <> 'published' OR published_at IS NOT NULL)
) STRICT;
CREATE INDEX calendar_posts_time ON calendar_posts (scheduled_at) WHERE scheduled_at IS NOT NULL;
CREATE INDEX calendar_posts_due ON calendar_posts (scheduled_at) WHERE status = 'scheduled';
CREATE INDEX calendar_posts_session ON calendar_posts (session_id) WHERE session_id IS NOT NULL;

-- An approved caption cannot change: changing what a post says withdraws its approval in the same
-- statement, which sends it back to review.
CREATE TRIGGER calendar_posts_approved_caption BEFORE UPDATE OF caption, channel_captions ON calendar_posts
WHEN NEW.approved = 1 AND (NEW.caption IS NOT OLD.caption OR NEW.channel_captions IS NOT OLD.channel_captions)
BEGIN
	SELECT RAISE(ABORT, 'tend: an approved caption cannot change');
END;
