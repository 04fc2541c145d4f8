package app

import (
	"context"

	"tend/backend"
)

// Templates is the reply template library and the drafts made from it.
type Templates struct {
	ctx context.Context
	svc backend.TemplateService
}

// List returns the templates the filter selects.
func (r *Templates) List(f backend.TemplateFilter) ([]backend.Template, error) {
	return r.svc.ListTemplates(r.ctx, f)
}

// Get returns one template.
func (r *Templates) Get(id string) (backend.Template, error) { return r.svc.GetTemplate(r.ctx, id) }

// Create adds a template; an empty id is made from its name.
func (r *Templates) Create(t backend.Template) (backend.Template, error) {
	return r.svc.CreateTemplate(r.ctx, t)
}

// Update changes the fields set in upd.
func (r *Templates) Update(id string, upd backend.TemplateUpdate) (backend.Template, error) {
	return r.svc.UpdateTemplate(r.ctx, id, upd)
}

// Duplicate copies a template under a new id.
func (r *Templates) Duplicate(id string) (backend.Template, error) {
	return r.svc.DuplicateTemplate(r.ctx, id)
}

// Archive archives a template, or restores it when archived is false.
func (r *Templates) Archive(id string, archived bool) (backend.Template, error) {
	return r.svc.ArchiveTemplate(r.ctx, id, archived)
}

// Preview renders a template body for a conversation, listing the tokens it cannot fill.
func (r *Templates) Preview(body string, conversationID int64) (backend.Rendered, error) {
	return r.svc.PreviewTemplate(r.ctx, body, conversationID)
}

// Draft proposes a reply to a conversation's latest message from the contact.
func (r *Templates) Draft(conversationID int64) (backend.Draft, error) {
	return r.svc.DraftReply(r.ctx, conversationID)
}
