package backend

import (
	"context"
	"slices"
	"strconv"
	"unicode/utf8"
)

// MaxTemplateQueryRunes bounds the search text of a template list.
const MaxTemplateQueryRunes = 200

// TemplateFilter selects templates; empty fields do not filter.
type TemplateFilter struct {
	Category TemplateCategory `json:"category"`
	Language Language         `json:"language"`
	// Channel keeps the templates usable on that platform: the ones written for it and the ones
	// written for every platform, which is what a composer on that platform may offer.
	Channel string `json:"channel"`
	// IncludeArchived lists archived templates too; by default they are hidden.
	IncludeArchived bool `json:"include_archived"`
	// Query keeps templates whose name, body or keywords contain it, ignoring case and accents.
	Query string `json:"query"`
}

// Validate returns EINVALID naming the first bad field.
func (f TemplateFilter) Validate() error {
	if f.Category != "" {
		if err := f.Category.Validate(); err != nil {
			return err
		}
	}
	switch {
	case f.Language != "" && f.Language != LanguageFrench && f.Language != LanguageEnglish:
		return Errorf(EINVALID, "Unsupported template language %q: choose fr or en.", string(f.Language)).
			Localized("template_language_unsupported", "language", string(f.Language))
	case f.Channel != "" && !slices.Contains(Platforms, f.Channel):
		return Errorf(EINVALID, "Unknown platform %q.", f.Channel).Localized("channel_platform_unknown", "platform", f.Channel)
	case !utf8.ValidString(f.Query) || utf8.RuneCountInString(f.Query) > MaxTemplateQueryRunes:
		return Errorf(EINVALID, "Search for at most %d characters.", MaxTemplateQueryRunes).
			Localized("template_query_too_long", "limit", strconv.Itoa(MaxTemplateQueryRunes))
	}
	return nil
}

// TemplateUpdate changes the fields that are set and leaves the others alone. A template's id,
// usage count and archived state change only through their own methods.
type TemplateUpdate struct {
	Name     *string           `json:"name,omitempty"`
	Category *TemplateCategory `json:"category,omitempty"`
	Language *Language         `json:"language,omitempty"`
	Channel  *string           `json:"channel,omitempty"`
	Body     *string           `json:"body,omitempty"`
	Keywords *[]string         `json:"keywords,omitempty"`
}

// Apply returns t with u's set fields copied in.
func (u TemplateUpdate) Apply(t Template) Template {
	if u.Name != nil {
		t.Name = *u.Name
	}
	if u.Category != nil {
		t.Category = *u.Category
	}
	if u.Language != nil {
		t.Language = *u.Language
	}
	if u.Channel != nil {
		t.Channel = *u.Channel
	}
	if u.Body != nil {
		t.Body = *u.Body
	}
	if u.Keywords != nil {
		t.Keywords = slices.Clone(*u.Keywords)
	}
	return t
}

// TemplatesChangedEvent is the payload of templates:changed.
type TemplatesChangedEvent struct {
	IDs []string `json:"ids"` // the templates added or changed
}

// TemplateService keeps the open workspace's reply templates and drafts replies with them.
//
// A workspace gets the shipped template library the first time the service is used on it: the
// shipped templates it lacks are added, and the ones it has, edited or not, are never overwritten.
//
// Usage is counted when a reply is sent, not when it is drafted: RecordTemplateUse is called by
// whatever sends the reply (the outbox), since most drafts are edited, replaced or dropped, and
// the count ranks the templates people actually send.
type TemplateService interface {
	// ListTemplates returns the templates f selects, by category in display order, then name.
	// EINVALID for a bad filter.
	ListTemplates(ctx context.Context, f TemplateFilter) ([]Template, error)
	// GetTemplate returns one template. ENOTFOUND if missing.
	GetTemplate(ctx context.Context, id string) (Template, error)
	// CreateTemplate adds a user template; its usage count, archived state and times are the
	// store's. An empty id is made from the name ("custom.<slug>", with "-2", "-3"… on collision).
	// EINVALID names the first bad field, or gives the character position of the body's first
	// mistake (params "position"); ECONFLICT when the id exists. Nothing is saved on error.
	CreateTemplate(ctx context.Context, t Template) (Template, error)
	// UpdateTemplate changes upd's set fields. ENOTFOUND if missing, EINVALID as for create.
	UpdateTemplate(ctx context.Context, id string, upd TemplateUpdate) (Template, error)
	// DuplicateTemplate copies a template under a new id, named "… (copie)" in French and
	// "… (copy)" in English, unused and not archived. ENOTFOUND if missing.
	DuplicateTemplate(ctx context.Context, id string) (Template, error)
	// ArchiveTemplate archives or restores a template: archived templates are never drafted and
	// are listed only on request. ENOTFOUND if missing.
	ArchiveTemplate(ctx context.Context, id string, archived bool) (Template, error)
	// RecordTemplateUse adds one to a template's usage count. ENOTFOUND if missing.
	RecordTemplateUse(ctx context.Context, id string) (Template, error)

	// PreviewTemplate renders body with the values the drafter would use for the conversation, so
	// that a composer's live preview shows exactly what would be sent and which tokens are
	// missing. EINVALID with the position of the body's first mistake; ENOTFOUND for a missing
	// conversation.
	PreviewTemplate(ctx context.Context, body string, conversationID int64) (Rendered, error)
	// DraftReply drafts a reply to the conversation's latest message from the contact with the
	// built-in drafter over the non-archived templates. ENOTFOUND for a missing conversation, for
	// one with no message from the contact, and, with a translation key saying why, when no reply
	// should or can be drafted (spam, abuse in public, no template fits).
	DraftReply(ctx context.Context, conversationID int64) (Draft, error)
}
