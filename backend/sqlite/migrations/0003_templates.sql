-- Reply templates: the shipped library, seeded into each workspace the first time its templates are
-- used (shipped = 1, kept even once edited), and the user's own (shipped = 0).

CREATE TABLE templates (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	category TEXT NOT NULL,
	language TEXT NOT NULL CHECK (language IN ('fr', 'en')),
	channel TEXT NOT NULL DEFAULT '', -- a platform, or '' for every platform
	body TEXT NOT NULL,
	keywords TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keywords)), -- JSON array of strings
	archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
	shipped INTEGER NOT NULL DEFAULT 0 CHECK (shipped IN (0, 1)),
	usage_count INTEGER NOT NULL DEFAULT 0 CHECK (usage_count >= 0), -- replies sent with it
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
) STRICT;
