package app

import (
	"context"

	"tend/backend"
)

// Replies is the reply template library and the drafts made from it.
type Replies struct {
	ctx context.Context
	svc backend.TemplateService
}

// List returns the templates the filter selects.
func (r *Replies) List(f backend.TemplateFilter) ([]backend.Template, error) {
	return r.svc.ListTemplates(r.ctx, f)
}

// Get returns one template.
func (r *Replies) Get(id string) (backend.Template, error) { return r.svc.GetTemplate(r.ctx, id) }

// Create adds a template; an empty id is made from its name.
func (r *Replies) Create(t backend.Template) (backend.Template, error) {
	return r.svc.CreateTemplate(r.ctx, t)
}

// Update changes the fields set in upd.
func (r *Replies) Update(id string, upd backend.TemplateUpdate) (backend.Template, error) {
	return r.svc.UpdateTemplate(r.ctx, id, upd)
}

// Duplicate copies a template under a new id.
func (r *Replies) Duplicate(id string) (backend.Template, error) {
	return r.svc.DuplicateTemplate(r.ctx, id)
}

// Archive archives a template, or restores it when archived is false.
func (r *Replies) Archive(id string, archived bool) (backend.Template, error) {
	return r.svc.ArchiveTemplate(r.ctx, id, archived)
}

// RecordUse counts one more reply sent with a template.
func (r *Replies) RecordUse(id string) (backend.Template, error) {
	return r.svc.RecordTemplateUse(r.ctx, id)
}

// Preview renders a template body for a conversation, listing the tokens it cannot fill.
func (r *Replies) Preview(body string, conversationID int64) (backend.Rendered, error) {
	return r.svc.PreviewTemplate(r.ctx, body, conversationID)
}

// Draft proposes a reply to a conversation's latest message from the contact.
func (r *Replies) Draft(conversationID int64) (backend.Draft, error) {
	return r.svc.DraftReply(r.ctx, conversationID)
}
