-- The connected account each of a post's channels publishes through ({"facebook": 3}); a channel
-- not listed publishes through its platform's oldest active account.
ALTER TABLE calendar_posts ADD COLUMN accounts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(accounts));
