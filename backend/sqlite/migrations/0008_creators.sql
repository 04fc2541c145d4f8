-- The creator tracker: creators and their handles, campaigns with deliverables and linked calendar
-- posts, discount codes, UTM links, usage-rights checklists and results entered by hand. Dates
-- without a time are 'YYYY-MM-DD' text, '' when not set.

CREATE TABLE creators (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL CHECK (name <> ''),
	stage TEXT NOT NULL DEFAULT 'prospect'
		CHECK (stage IN ('prospect', 'contacted', 'negotiating', 'contracted', 'live', 'done')),
	niche TEXT NOT NULL DEFAULT '',
	audience_size INTEGER CHECK (audience_size IS NULL OR audience_size >= 0),
	engagement_rate REAL CHECK (engagement_rate IS NULL OR (engagement_rate >= 0 AND engagement_rate <= 100)),
	territory TEXT NOT NULL DEFAULT '',
	-- Contact details are personal data: kept in this workspace only, never in the audit trail.
	email TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
	brand_safety TEXT NOT NULL DEFAULT '' CHECK (brand_safety IN ('', 'clear', 'minor', 'major')),
	brand_safety_notes TEXT NOT NULL DEFAULT '',
	stage_changed_at TEXT NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;

-- A handle belongs to one creator per platform, compared without case (as contact handles are);
-- stored without its '@'.
CREATE TABLE creator_handles (
	id INTEGER PRIMARY KEY,
	creator_id INTEGER NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
	platform TEXT NOT NULL,
	handle TEXT NOT NULL CHECK (handle <> '' AND substr(handle, 1, 1) <> '@'),
	position INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE UNIQUE INDEX creator_handles_unique ON creator_handles (platform, handle COLLATE NOCASE);
CREATE INDEX creator_handles_creator ON creator_handles (creator_id, position);

-- A contact whose identity matches a creator's handle is flagged influencer, which triage and the
-- approval policy escalate. The store flags the contacts that exist when a handle is saved; these
-- triggers flag the ones that appear or change handle later (ingest, imports, merges). Nothing ever
-- clears the flag: a person may have set it too.
CREATE TRIGGER creator_identity_inserted AFTER INSERT ON contact_identities
WHEN NEW.handle <> '' AND EXISTS (SELECT 1 FROM creator_handles h
	WHERE h.platform = NEW.platform AND h.handle = ltrim(NEW.handle, '@') COLLATE NOCASE)
BEGIN
	UPDATE contacts SET influencer = 1 WHERE id = NEW.contact_id AND influencer = 0;
END;

CREATE TRIGGER creator_identity_updated AFTER UPDATE OF handle, platform, contact_id ON contact_identities
WHEN NEW.handle <> '' AND EXISTS (SELECT 1 FROM creator_handles h
	WHERE h.platform = NEW.platform AND h.handle = ltrim(NEW.handle, '@') COLLATE NOCASE)
BEGIN
	UPDATE contacts SET influencer = 1 WHERE id = NEW.contact_id AND influencer = 0;
END;

CREATE TABLE campaigns (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL CHECK (name <> ''),
	brief TEXT NOT NULL DEFAULT '',
	start_date TEXT NOT NULL DEFAULT '',
	end_date TEXT NOT NULL DEFAULT '',
	compensation TEXT NOT NULL DEFAULT '',
	discount_percent INTEGER NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 90),
	utm_campaign TEXT NOT NULL DEFAULT '',
	landing_url TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK (start_date = '' OR end_date = '' OR start_date <= end_date)
) STRICT;

CREATE TABLE campaign_creators (
	campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
	creator_id INTEGER NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
	PRIMARY KEY (campaign_id, creator_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX campaign_creators_creator ON campaign_creators (creator_id, campaign_id);

CREATE TABLE campaign_deliverables (
	id INTEGER PRIMARY KEY,
	campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
	creator_id INTEGER REFERENCES creators (id) ON DELETE SET NULL,
	title TEXT NOT NULL CHECK (title <> ''),
	due_date TEXT NOT NULL DEFAULT '',
	done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
	done_at TEXT,
	position INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX campaign_deliverables_campaign ON campaign_deliverables (campaign_id, position);

-- Calendar posts belong to the calendar: a campaign keeps their ids only, without a foreign key,
-- so that either area's schema can change without the other.
CREATE TABLE campaign_posts (
	campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
	post_id INTEGER NOT NULL CHECK (post_id > 0),
	PRIMARY KEY (campaign_id, post_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE creator_codes (
	id INTEGER PRIMARY KEY,
	creator_id INTEGER NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
	campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,
	code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 4 AND 20 AND code NOT GLOB '*[^A-Z0-9]*'),
	discount_percent INTEGER NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 90),
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX creator_codes_creator ON creator_codes (creator_id);

CREATE TABLE creator_links (
	id INTEGER PRIMARY KEY,
	creator_id INTEGER NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
	campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,
	base_url TEXT NOT NULL,
	utm_source TEXT NOT NULL,
	utm_medium TEXT NOT NULL,
	utm_campaign TEXT NOT NULL,
	utm_content TEXT NOT NULL DEFAULT '',
	original TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(original)), -- the values as typed
	url TEXT NOT NULL,
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX creator_links_creator ON creator_links (creator_id);

CREATE TABLE creator_rights (
	id INTEGER PRIMARY KEY,
	creator_id INTEGER NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
	campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,
	scopes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(scopes)),
	start_date TEXT NOT NULL DEFAULT '',
	end_date TEXT NOT NULL DEFAULT '',
	territories TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(territories)),
	compensation_terms TEXT NOT NULL DEFAULT '',
	edit_consent INTEGER CHECK (edit_consent IS NULL OR edit_consent IN (0, 1)), -- NULL: not settled
	signed_date TEXT NOT NULL DEFAULT '',
	notes TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK (start_date = '' OR end_date = '' OR start_date <= end_date)
) STRICT;
CREATE INDEX creator_rights_creator ON creator_rights (creator_id);
CREATE INDEX creator_rights_end ON creator_rights (end_date) WHERE signed_date <> '' AND end_date <> '';

CREATE TABLE creator_results (
	id INTEGER PRIMARY KEY,
	creator_id INTEGER NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
	campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,
	code TEXT NOT NULL DEFAULT '', -- kept as text: a result outlives its code
	date TEXT NOT NULL,
	orders INTEGER NOT NULL CHECK (orders >= 0),
	revenue_cents INTEGER NOT NULL CHECK (revenue_cents >= 0),
	currency TEXT NOT NULL DEFAULT 'EUR',
	note TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX creator_results_creator ON creator_results (creator_id, date);
