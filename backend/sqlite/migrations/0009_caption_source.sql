-- Who wrote a post's caption, shown to whoever approves it and kept in the audit trail:
-- '' a person, 'builtin' the built-in drafter, 'model' the configured language model (and
-- possibly edited by a person since).
ALTER TABLE calendar_posts ADD COLUMN caption_source TEXT NOT NULL DEFAULT ''
	CHECK (caption_source IN ('', 'builtin', 'model'));
