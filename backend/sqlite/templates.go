package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"tend/backend"
	"tend/backend/reply"
	"tend/backend/triage"
)

// customIDPrefix starts the ids the store makes for user templates, so that they never take an id
// a later shipped library might use ("faq.shipping.fr").
const customIDPrefix = "custom."

// maxSlugBytes leaves room in backend.MaxTemplateIDBytes for the prefix and a "-NNN" suffix.
const maxSlugBytes = backend.MaxTemplateIDBytes - len(customIDPrefix) - 8

// Suffixes of a duplicated template's name, by its language.
var copySuffix = map[backend.Language]string{
	backend.LanguageFrench:  " (copie)",
	backend.LanguageEnglish: " (copy)",
}

// TemplateService implements backend.TemplateService on the open workspace.
//
// Seeding: the first time the service is used on a workspace (after each start or switch), one
// transaction inserts the shipped templates whose ids the workspace does not have yet. A template
// already there is never written by seeding, whether it is untouched, edited, archived or a user
// template holding that id, so a user's edits always survive a library update; the other side of
// it is that a new wording of an existing shipped template reaches only new workspaces. Templates
// cannot be deleted, only archived, so seeding never brings back one the user set aside. Every
// other public method is one transaction of its own.
type TemplateService struct {
	workspaces *Workspaces
	events     backend.Publisher
	settings   *SettingsService // the brand name and languages drafts and previews use
	library    []backend.Template

	mu       sync.Mutex
	seededDB *DB // the workspace database the library was last seeded into
}

var _ backend.TemplateService = (*TemplateService)(nil)

// NewTemplateService returns the templates of whichever workspace is open in ws. library is the
// shipped template library (reply.ParseLibrary of assets.Templates).
func NewTemplateService(ws *Workspaces, events backend.Publisher, settings *SettingsService, library []backend.Template) *TemplateService {
	return &TemplateService{workspaces: ws, events: events, settings: settings, library: library}
}

// db returns the open workspace's database, seeding the shipped library into it the first time.
func (s *TemplateService) db(ctx context.Context) (*DB, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seededDB == db {
		return db, nil
	}
	if err := s.seed(ctx, db); err != nil {
		return nil, err
	}
	s.seededDB = db
	return db, nil
}

// seed inserts the library templates db lacks, and only those (see TemplateService).
func (s *TemplateService) seed(ctx context.Context, db *DB) error {
	return db.Write(ctx, func(tx *Tx) error {
		var added []string
		for _, t := range s.library {
			t.Shipped, t.UsageCount, t.CreatedAt, t.UpdatedAt = true, 0, tx.Now, tx.Now
			inserted, err := insertTemplate(ctx, tx, t)
			if err != nil {
				return err
			}
			if inserted {
				added = append(added, t.ID)
			}
		}
		if len(added) > 0 {
			s.publishChanged(tx, added...)
		}
		return nil
	})
}

// ListTemplates returns the templates f selects, by category in display order, then name.
func (s *TemplateService) ListTemplates(ctx context.Context, f backend.TemplateFilter) ([]backend.Template, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	db, err := s.db(ctx)
	if err != nil {
		return nil, err
	}
	w := &where{}
	if !f.IncludeArchived {
		w.add("archived = 0")
	}
	if f.Category != "" {
		w.add("category = ?", string(f.Category))
	}
	if f.Language != "" {
		w.add("language = ?", string(f.Language))
	}
	if f.Channel != "" {
		w.add("channel IN (?, '')", f.Channel)
	}
	var all []backend.Template
	err = db.Read(ctx, func(tx *Tx) error {
		all, err = findTemplates(ctx, tx, w.sql(), w.args...)
		return err
	})
	if err != nil {
		return nil, err
	}
	// A workspace holds dozens to a few hundred templates: matching and sorting them here folds
	// accents the way triage does, which SQLite's LIKE and NOCASE cannot.
	query := strings.TrimSpace(triage.Normalize(f.Query))
	out := make([]backend.Template, 0, len(all))
	for _, t := range all {
		if query == "" || strings.Contains(triage.Normalize(t.Name+"\n"+t.Body+"\n"+strings.Join(t.Keywords, "\n")), query) {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b backend.Template) int {
		if c := slices.Index(backend.TemplateCategories, a.Category) - slices.Index(backend.TemplateCategories, b.Category); c != 0 {
			return c
		}
		if c := strings.Compare(triage.Normalize(a.Name), triage.Normalize(b.Name)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

// GetTemplate returns one template.
func (s *TemplateService) GetTemplate(ctx context.Context, id string) (backend.Template, error) {
	db, err := s.db(ctx)
	if err != nil {
		return backend.Template{}, err
	}
	var out backend.Template
	err = db.Read(ctx, func(tx *Tx) error {
		out, err = findTemplate(ctx, tx, id)
		return err
	})
	return out, err
}

// CreateTemplate checks and saves a user template, making its id from its name when it has none.
func (s *TemplateService) CreateTemplate(ctx context.Context, t backend.Template) (backend.Template, error) {
	t = tidy(t)
	generateID := t.ID == ""
	if generateID {
		t.ID = idFromName(t.Name)
	}
	if err := check(t); err != nil {
		return backend.Template{}, err
	}
	db, err := s.db(ctx)
	if err != nil {
		return backend.Template{}, err
	}
	err = db.Write(ctx, func(tx *Tx) error {
		if generateID {
			id, err := freeID(ctx, tx, t.ID)
			if err != nil {
				return err
			}
			t.ID = id
		}
		t.Archived, t.UsageCount, t.Shipped, t.CreatedAt, t.UpdatedAt = false, 0, false, tx.Now, tx.Now
		inserted, err := insertTemplate(ctx, tx, t)
		if err != nil {
			return err
		}
		if !inserted {
			return backend.Errorf(backend.ECONFLICT, "There is already a template %q.", t.ID).Localized("template_exists", "id", t.ID)
		}
		s.publishChanged(tx, t.ID)
		return nil
	})
	if err != nil {
		return backend.Template{}, err
	}
	return t, nil
}

// UpdateTemplate changes upd's set fields and checks the result as CreateTemplate does.
func (s *TemplateService) UpdateTemplate(ctx context.Context, id string, upd backend.TemplateUpdate) (backend.Template, error) {
	db, err := s.db(ctx)
	if err != nil {
		return backend.Template{}, err
	}
	var out backend.Template
	err = db.Write(ctx, func(tx *Tx) error {
		current, err := findTemplate(ctx, tx, id)
		if err != nil {
			return err
		}
		out = tidy(upd.Apply(current))
		if err := check(out); err != nil {
			return err
		}
		out.UpdatedAt = tx.Now
		if _, err := tx.exec(ctx, `UPDATE templates SET name = ?, category = ?, language = ?, channel = ?, body = ?, keywords = ?,
			updated_at = ? WHERE id = ?`, out.Name, string(out.Category), string(out.Language), out.Channel, out.Body,
			jsonText(keywordsOrEmpty(out.Keywords)), formatTime(tx.Now), id); err != nil {
			return err
		}
		s.publishChanged(tx, id)
		return nil
	})
	return out, err
}

// DuplicateTemplate saves a copy of a template as a new, unused user template.
func (s *TemplateService) DuplicateTemplate(ctx context.Context, id string) (backend.Template, error) {
	db, err := s.db(ctx)
	if err != nil {
		return backend.Template{}, err
	}
	var out backend.Template
	err = db.Write(ctx, func(tx *Tx) error {
		original, err := findTemplate(ctx, tx, id)
		if err != nil {
			return err
		}
		out = original
		out.Name = copyName(original.Name, original.Language)
		if out.ID, err = freeID(ctx, tx, idFromName(out.Name)); err != nil {
			return err
		}
		out.Archived, out.UsageCount, out.Shipped, out.CreatedAt, out.UpdatedAt = false, 0, false, tx.Now, tx.Now
		if _, err := insertTemplate(ctx, tx, out); err != nil {
			return err
		}
		s.publishChanged(tx, out.ID)
		return nil
	})
	return out, err
}

// ArchiveTemplate sets whether a template is archived.
func (s *TemplateService) ArchiveTemplate(ctx context.Context, id string, archived bool) (backend.Template, error) {
	return s.change(ctx, id, func(tx *Tx) (sql.Result, error) {
		return tx.exec(ctx, `UPDATE templates SET archived = ?, updated_at = ? WHERE id = ?`, archived, formatTime(tx.Now), id)
	})
}

// RecordTemplateUse counts one more reply sent with a template. It leaves updated_at alone: that
// time says when the template's content last changed.
func (s *TemplateService) RecordTemplateUse(ctx context.Context, id string) (backend.Template, error) {
	return s.change(ctx, id, func(tx *Tx) (sql.Result, error) {
		return tx.exec(ctx, `UPDATE templates SET usage_count = usage_count + 1 WHERE id = ?`, id)
	})
}

// change runs update, which changes template id, and returns the template as it now is.
func (s *TemplateService) change(ctx context.Context, id string, update func(tx *Tx) (sql.Result, error)) (backend.Template, error) {
	db, err := s.db(ctx)
	if err != nil {
		return backend.Template{}, err
	}
	var out backend.Template
	err = db.Write(ctx, func(tx *Tx) error {
		res, err := update(tx)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			return templateNotFound(id)
		}
		s.publishChanged(tx, id)
		out, err = findTemplate(ctx, tx, id)
		return err
	})
	return out, err
}

// PreviewTemplate renders body with the token values the drafter would use for the conversation.
func (s *TemplateService) PreviewTemplate(ctx context.Context, body string, conversationID int64) (backend.Rendered, error) {
	compiled, err := reply.Parse(body)
	if err != nil {
		return backend.Rendered{}, err
	}
	db, err := s.db(ctx)
	if err != nil {
		return backend.Rendered{}, err
	}
	var req backend.DraftRequest
	err = db.Read(ctx, func(tx *Tx) error {
		req, err = s.draftRequest(ctx, tx, conversationID)
		return err
	})
	if err != nil {
		return backend.Rendered{}, err
	}
	return reply.Render(compiled, reply.RenderContext(req, reply.Language(req))), nil
}

// DraftReply drafts a reply with the built-in drafter over the non-archived templates.
func (s *TemplateService) DraftReply(ctx context.Context, conversationID int64) (backend.Draft, error) {
	db, err := s.db(ctx)
	if err != nil {
		return backend.Draft{}, err
	}
	var req backend.DraftRequest
	var templates []backend.Template
	err = db.Read(ctx, func(tx *Tx) error {
		if req, err = s.draftRequest(ctx, tx, conversationID); err != nil {
			return err
		}
		templates, err = findTemplates(ctx, tx, `WHERE archived = 0`)
		return err
	})
	if err != nil {
		return backend.Draft{}, err
	}
	if req.Message.ID == 0 {
		return backend.Draft{}, backend.Errorf(backend.ENOTFOUND, "There is no message from the contact to answer in conversation %d.", conversationID).
			Localized("draft_no_inbound", "id", strconv.FormatInt(conversationID, 10))
	}
	drafter, err := reply.NewDrafter(templates)
	if err != nil {
		// Every stored template was checked when written: one that fails now is a bug.
		return backend.Draft{}, backend.Wrap(backend.EINTERNAL, err, "A stored template cannot be read.")
	}
	return drafter.Draft(ctx, req)
}

// draftRequest gathers what the drafter knows about a conversation: the conversation, its latest
// message from the contact (zero when there is none), the contact with its custom fields and the
// settings. The workspace has no catalogue yet, so {product_name} stays missing unless the
// template gives a fallback.
func (s *TemplateService) draftRequest(ctx context.Context, tx *Tx, conversationID int64) (backend.DraftRequest, error) {
	var req backend.DraftRequest
	var err error
	if req.Conversation, err = findConversation(ctx, tx, conversationID); err != nil {
		return req, err
	}
	latest, err := findMessages(ctx, tx, `WHERE m.conversation_id = ? AND m.direction = 'in' AND m.deleted = 0
		ORDER BY m.sent_at DESC, m.id DESC LIMIT 1`, conversationID)
	if err != nil {
		return req, err
	}
	if len(latest) > 0 {
		req.Message = latest[0]
	}
	if c := req.Conversation.Contact; c != nil {
		contact, err := findContact(ctx, tx, c.ID)
		if err != nil {
			return req, err
		}
		req.Contact = &contact
		req.ContactFields = contact.Fields
	}
	req.Settings, err = s.settings.load(ctx, tx)
	return req, err
}

// publishChanged publishes templates:changed for ids once tx commits.
func (s *TemplateService) publishChanged(tx *Tx, ids ...string) {
	tx.AfterCommit(func() { s.events.Publish(backend.EventTemplatesChanged, backend.TemplatesChangedEvent{IDs: ids}) })
}

// tidy trims what users type around a name and keywords; the body is kept as typed.
func tidy(t backend.Template) backend.Template {
	t.Name = strings.TrimSpace(t.Name)
	keywords := make([]string, len(t.Keywords))
	for i, k := range t.Keywords {
		keywords[i] = strings.TrimSpace(k)
	}
	t.Keywords = keywords
	return t
}

// check validates t's fields, then its body's tokens, which Parse locates to the character.
func check(t backend.Template) error {
	if err := t.Validate(); err != nil {
		return err
	}
	_, err := reply.Parse(t.Body)
	return err
}

// idFromName makes a readable id from a template name: "Livraison : délais" becomes
// "custom.livraison-delais". A long name keeps its first whole words.
func idFromName(name string) string {
	words := strings.FieldsFunc(triage.Normalize(name), func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < '0' || r > '9')
	})
	slug := ""
	for _, w := range words {
		next := w
		if slug != "" {
			next = slug + "-" + w
		}
		if len(next) > maxSlugBytes {
			if slug == "" { // a single word longer than the limit
				slug = w[:maxSlugBytes]
			}
			break
		}
		slug = next
	}
	if slug == "" {
		slug = "template"
	}
	return customIDPrefix + slug
}

// freeID returns base if no template has it, else base-2, base-3… whichever is free first.
func freeID(ctx context.Context, tx *Tx, base string) (string, error) {
	for n := 1; ; n++ {
		id := base
		if n > 1 {
			id = base + "-" + strconv.Itoa(n)
		}
		var taken bool
		if err := tx.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM templates WHERE id = ?)`, id).Scan(&taken); err != nil {
			return "", err
		}
		if !taken {
			return id, nil
		}
	}
}

// copyName names the copy of a template in the template's language, shortening the original so
// that the suffix fits the name limit.
func copyName(name string, lang backend.Language) string {
	suffix := copySuffix[lang]
	room := backend.MaxTemplateNameRunes - utf8.RuneCountInString(suffix)
	if runes := []rune(name); len(runes) > room {
		name = strings.TrimSpace(string(runes[:room]))
	}
	return name + suffix
}

// insertTemplate adds t unless its id exists, and reports whether it did.
func insertTemplate(ctx context.Context, tx *Tx, t backend.Template) (bool, error) {
	res, err := tx.exec(ctx, `INSERT INTO templates (id, name, category, language, channel, body, keywords, archived, shipped,
		usage_count, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
		t.ID, t.Name, string(t.Category), string(t.Language), t.Channel, t.Body, jsonText(keywordsOrEmpty(t.Keywords)), t.Archived,
		t.Shipped, t.UsageCount, formatTime(t.CreatedAt), formatTime(t.UpdatedAt))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// keywordsOrEmpty stores no keywords as [] rather than null.
func keywordsOrEmpty(keywords []string) []string {
	if keywords == nil {
		return []string{}
	}
	return keywords
}

const templateColumns = `SELECT id, name, category, language, channel, body, keywords, archived, shipped, usage_count,
	created_at, updated_at FROM templates `

func findTemplates(ctx context.Context, tx *Tx, clause string, args ...any) ([]backend.Template, error) {
	rows, err := tx.query(ctx, templateColumns+clause, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []backend.Template{}
	for rows.Next() {
		t, err := scanTemplate(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func findTemplate(ctx context.Context, tx *Tx, id string) (backend.Template, error) {
	t, err := scanTemplate(tx.queryRow(ctx, templateColumns+`WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, templateNotFound(id)
	}
	return t, err
}

func templateNotFound(id string) error {
	return backend.Errorf(backend.ENOTFOUND, "There is no template %q.", id).Localized("template_not_found", "id", id)
}

func scanTemplate(row interface{ Scan(...any) error }) (backend.Template, error) {
	var t backend.Template
	var keywords, created, updated string
	err := row.Scan(&t.ID, &t.Name, &t.Category, &t.Language, &t.Channel, &t.Body, &keywords, &t.Archived, &t.Shipped,
		&t.UsageCount, &created, &updated)
	if err != nil {
		return t, err
	}
	if err := json.Unmarshal([]byte(keywords), &t.Keywords); err != nil {
		return t, fmt.Errorf("template %s keywords: %w", t.ID, err)
	}
	t.CreatedAt, _ = parseTime(created)
	t.UpdatedAt, _ = parseTime(updated)
	return t, nil
}
