package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"tend/backend"
)

// InboxService implements backend.InboxService on the open workspace.
type InboxService struct {
	workspaces *Workspaces
	events     backend.Publisher
	newTriager func() (backend.Triager, error)

	// The open workspace's classifier: the shipped model plus that workspace's corrections.
	mu      sync.Mutex
	triager backend.Triager
	forDB   *DB
}

var _ backend.InboxService = (*InboxService)(nil)

// NewInboxService returns the inbox of whichever workspace is open in ws. newTriager makes a
// classifier on the shipped model; the service loads each workspace's corrections into it.
func NewInboxService(ws *Workspaces, events backend.Publisher, newTriager func() (backend.Triager, error)) *InboxService {
	return &InboxService{workspaces: ws, events: events, newTriager: newTriager}
}

// Triager returns the open workspace's database and classifier, building the classifier from the
// stored corrections the first time after a switch.
func (s *InboxService) Triager(ctx context.Context) (*DB, backend.Triager, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return nil, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.forDB == db {
		return db, s.triager, nil
	}
	t, err := s.newTriager()
	if err != nil {
		return nil, nil, backend.Wrap(backend.EINTERNAL, err, "Cannot load the triage model.")
	}
	var delta []byte
	err = db.read.QueryRowContext(ctx, `SELECT delta FROM triage_state WHERE id = 1`).Scan(&delta)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, nil, mapError(err, "Cannot read the triage corrections.")
	}
	if len(delta) > 0 {
		if err := t.LoadDelta(delta); err != nil {
			return nil, nil, backend.Wrap(backend.EINTERNAL, err, "The stored triage corrections are damaged.")
		}
	}
	if err := applyTriageSettings(ctx, db, t); err != nil {
		return nil, nil, err
	}
	s.triager, s.forDB = t, db
	return db, t, nil
}

// ListChannels returns every channel, by platform then name.
func (s *InboxService) ListChannels(ctx context.Context) ([]backend.Channel, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return nil, err
	}
	out := []backend.Channel{}
	err = db.Read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, platform, account, name, kind, created_at FROM channels ORDER BY platform, name`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c backend.Channel
			var created string
			if err := rows.Scan(&c.ID, &c.Platform, &c.Account, &c.Name, &c.Kind, &created); err != nil {
				return err
			}
			c.CreatedAt, _ = parseTime(created)
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// CreateChannel adds a channel.
func (s *InboxService) CreateChannel(ctx context.Context, c backend.Channel) (backend.Channel, error) {
	c.Account, c.Name = strings.TrimSpace(c.Account), strings.TrimSpace(c.Name)
	if err := c.Validate(); err != nil {
		return backend.Channel{}, err
	}
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.Channel{}, err
	}
	err = db.Write(ctx, func(tx *Tx) error {
		c.CreatedAt = tx.Now
		res, err := tx.ExecContext(ctx, `INSERT INTO channels (platform, account, name, kind, created_at) VALUES (?, ?, ?, ?, ?)`,
			c.Platform, c.Account, c.Name, c.Kind, formatTime(tx.Now))
		if backend.ErrorCode(mapError(err, "")) == backend.ECONFLICT {
			return backend.Errorf(backend.ECONFLICT, "The %s account %q is already a channel.", c.Platform, c.Account).
				Localized("channel_exists", "platform", c.Platform, "account", c.Account)
		}
		if err != nil {
			return err
		}
		c.ID, err = res.LastInsertId()
		return err
	})
	return c, err
}

// CreateContact adds a contact with its identities and tags.
func (s *InboxService) CreateContact(ctx context.Context, c backend.Contact) (backend.Contact, error) {
	c.DisplayName = strings.TrimSpace(c.DisplayName)
	if err := c.Validate(); err != nil {
		return backend.Contact{}, err
	}
	tags, err := normalizeTags(c.Tags)
	if err != nil {
		return backend.Contact{}, err
	}
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.Contact{}, err
	}
	var out backend.Contact
	err = db.Write(ctx, func(tx *Tx) error {
		now := formatTime(tx.Now)
		res, err := tx.ExecContext(ctx, `INSERT INTO contacts (display_name, language, influencer, vip, follower_count, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, c.DisplayName, c.Language, c.Influencer, c.VIP, c.FollowerCount, now, now)
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		for _, i := range c.Identities {
			_, err := tx.ExecContext(ctx, `INSERT INTO contact_identities (contact_id, platform, platform_user_id, handle, display_name)
				VALUES (?, ?, ?, ?, ?)`, id, i.Platform, i.PlatformUserID, strings.TrimPrefix(i.Handle, "@"), i.DisplayName)
			if backend.ErrorCode(mapError(err, "")) == backend.ECONFLICT {
				return backend.Errorf(backend.ECONFLICT, "The %s account %q already belongs to a contact.", i.Platform, i.PlatformUserID).
					Localized("identity_taken", "platform", i.Platform, "id", i.PlatformUserID)
			}
			if err != nil {
				return err
			}
		}
		if err := addContactTags(ctx, tx, id, tags); err != nil {
			return err
		}
		out, err = findContact(ctx, tx, id)
		return err
	})
	return out, err
}

func normalizeTags(tags []string) ([]string, error) {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		norm, err := backend.NormalizeTag(t)
		if err != nil {
			return nil, err
		}
		out = append(out, norm)
	}
	return out, nil
}

func addContactTags(ctx context.Context, tx *Tx, contactID int64, tags []string) error {
	for _, t := range tags {
		if _, err := tx.exec(ctx, `INSERT OR IGNORE INTO contact_tags (contact_id, tag) VALUES (?, ?)`, contactID, t); err != nil {
			return err
		}
	}
	return nil
}

// UpdateContact changes a contact's name, tags and flags.
func (s *InboxService) UpdateContact(ctx context.Context, id int64, upd backend.ContactUpdate) (backend.Contact, error) {
	var tags []string
	if upd.Tags != nil {
		var err error
		if tags, err = normalizeTags(*upd.Tags); err != nil {
			return backend.Contact{}, err
		}
	}
	if upd.DisplayName != nil && strings.TrimSpace(*upd.DisplayName) == "" {
		return backend.Contact{}, backend.Errorf(backend.EINVALID, "A contact needs a name.").Localized("contact_name_required")
	}
	if upd.Fields != nil {
		if err := backend.ValidateContactFields(*upd.Fields); err != nil {
			return backend.Contact{}, err
		}
	}
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.Contact{}, err
	}
	var out backend.Contact
	err = db.Write(ctx, func(tx *Tx) error {
		if _, err := findContact(ctx, tx, id); err != nil {
			return err
		}
		sets := map[string]any{}
		if upd.DisplayName != nil {
			sets["display_name"] = strings.TrimSpace(*upd.DisplayName)
		}
		if upd.Influencer != nil {
			sets["influencer"] = *upd.Influencer
		}
		if upd.VIP != nil {
			sets["vip"] = *upd.VIP
		}
		for col, v := range sets {
			if _, err := tx.ExecContext(ctx, `UPDATE contacts SET `+col+` = ?, updated_at = ? WHERE id = ?`, v, formatTime(tx.Now), id); err != nil {
				return err
			}
		}
		if upd.Tags != nil {
			if _, err := tx.ExecContext(ctx, `DELETE FROM contact_tags WHERE contact_id = ?`, id); err != nil {
				return err
			}
			if err := addContactTags(ctx, tx, id, tags); err != nil {
				return err
			}
		}
		if upd.Fields != nil {
			if err := replaceContactFields(ctx, tx, id, *upd.Fields); err != nil {
				return err
			}
		}
		out, err = findContact(ctx, tx, id)
		return err
	})
	return out, err
}

// MergeContacts moves everything of from onto into and deletes from.
func (s *InboxService) MergeContacts(ctx context.Context, into, from int64) (backend.Contact, error) {
	if into == from {
		return backend.Contact{}, backend.Errorf(backend.EINVALID, "A contact cannot be merged with itself.").Localized("contact_merge_self")
	}
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.Contact{}, err
	}
	var out backend.Contact
	err = db.Write(ctx, func(tx *Tx) error {
		for _, id := range []int64{into, from} {
			if _, err := findContact(ctx, tx, id); err != nil {
				return err
			}
		}
		now := formatTime(tx.Now)
		for _, stmt := range []string{
			`UPDATE contact_identities SET contact_id = ? WHERE contact_id = ?`,
			`INSERT OR IGNORE INTO contact_tags (contact_id, tag) SELECT ?, tag FROM contact_tags WHERE contact_id = ?`,
			`UPDATE conversations SET contact_id = ? WHERE contact_id = ?`,
			`UPDATE messages SET author_contact_id = ? WHERE author_contact_id = ?`,
		} {
			if _, err := tx.ExecContext(ctx, stmt, into, from); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE contacts SET
			influencer = influencer OR (SELECT influencer FROM contacts WHERE id = ?),
			vip = vip OR (SELECT vip FROM contacts WHERE id = ?),
			follower_count = coalesce(follower_count, (SELECT follower_count FROM contacts WHERE id = ?)),
			language = CASE language WHEN '' THEN (SELECT language FROM contacts WHERE id = ?) ELSE language END,
			updated_at = ? WHERE id = ?`, from, from, from, from, now, into); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM contacts WHERE id = ?`, from); err != nil {
			return err
		}
		out, err = findContact(ctx, tx, into)
		return err
	})
	return out, err
}

func findContact(ctx context.Context, tx *Tx, id int64) (backend.Contact, error) {
	c := backend.Contact{ID: id, Tags: []string{}, Identities: []backend.Identity{}}
	var created string
	var followers sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT display_name, language, influencer, vip, follower_count, created_at, automation_opt_out
		FROM contacts WHERE id = ?`, id).
		Scan(&c.DisplayName, &c.Language, &c.Influencer, &c.VIP, &followers, &created, &c.AutomationOptOut)
	if errors.Is(err, sql.ErrNoRows) {
		return c, backend.Errorf(backend.ENOTFOUND, "There is no contact %d.", id).Localized("contact_not_found")
	}
	if err != nil {
		return c, err
	}
	c.CreatedAt, _ = parseTime(created)
	if followers.Valid {
		c.FollowerCount = &followers.Int64
	}
	rows, err := tx.QueryContext(ctx, `SELECT platform, platform_user_id, handle, display_name FROM contact_identities WHERE contact_id = ? ORDER BY id`, id)
	if err != nil {
		return c, err
	}
	defer rows.Close()
	for rows.Next() {
		var i backend.Identity
		if err := rows.Scan(&i.Platform, &i.PlatformUserID, &i.Handle, &i.DisplayName); err != nil {
			return c, err
		}
		c.Identities = append(c.Identities, i)
	}
	if err := rows.Err(); err != nil {
		return c, err
	}
	if c.Tags, err = tagsOf(ctx, tx, `SELECT tag FROM contact_tags WHERE contact_id = ? ORDER BY tag`, id); err != nil {
		return c, err
	}
	c.Fields, err = contactFields(ctx, tx, id)
	return c, err
}

// contactFields returns a contact's custom fields by name.
func contactFields(ctx context.Context, tx *Tx, id int64) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, value FROM contact_fields WHERE contact_id = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	fields := map[string]string{}
	for rows.Next() {
		var name, value string
		if err := rows.Scan(&name, &value); err != nil {
			return nil, err
		}
		fields[name] = value
	}
	return fields, rows.Err()
}

// replaceContactFields stores fields as the contact's whole set, dropping empty values.
func replaceContactFields(ctx context.Context, tx *Tx, id int64, fields map[string]string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM contact_fields WHERE contact_id = ?`, id); err != nil {
		return err
	}
	for name, value := range fields {
		if value = strings.TrimSpace(value); value == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO contact_fields (contact_id, name, value) VALUES (?, ?, ?)`, id, name, value); err != nil {
			return err
		}
	}
	return nil
}

func tagsOf(ctx context.Context, tx *Tx, query string, id int64) ([]string, error) {
	rows, err := tx.QueryContext(ctx, query, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	tags := []string{}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		tags = append(tags, t)
	}
	return tags, rows.Err()
}

// jsonText encodes v for a TEXT column.
func jsonText(v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("encode %T: %v", v, err)) // only called with plain data types
	}
	return string(raw)
}
