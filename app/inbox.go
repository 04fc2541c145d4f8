package app

import (
	"context"

	"tend/backend"
)

// Inbox is the unified inbox: conversations, triage corrections, search and contacts.
type Inbox struct {
	ctx context.Context
	svc backend.InboxService
}

// Channels lists the workspace's channels.
func (i *Inbox) Channels() ([]backend.Channel, error) { return i.svc.ListChannels(i.ctx) }

// CreateChannel adds a channel.
func (i *Inbox) CreateChannel(c backend.Channel) (backend.Channel, error) {
	return i.svc.CreateChannel(i.ctx, c)
}

// Ingest stores a batch of platform messages (imports and connectors use it too).
func (i *Inbox) Ingest(batch []backend.IncomingMessage) (backend.IngestResult, error) {
	return i.svc.Ingest(i.ctx, batch)
}

// List returns a page of conversations in inbox order.
func (i *Inbox) List(f backend.ConversationFilter) (backend.ConversationPage, error) {
	return i.svc.ListConversations(i.ctx, f)
}

// Counts returns the facet counts for a filter.
func (i *Inbox) Counts(f backend.ConversationFilter) (backend.InboxCounts, error) {
	return i.svc.CountConversations(i.ctx, f)
}

// Get returns a conversation with its messages and contact.
func (i *Inbox) Get(id int64) (backend.ConversationDetail, error) {
	return i.svc.GetConversation(i.ctx, id)
}

// Update changes one or many conversations at once.
func (i *Inbox) Update(ids []int64, upd backend.ConversationUpdate) ([]backend.Conversation, error) {
	return i.svc.UpdateConversations(i.ctx, ids, upd)
}

// Correct fixes a message's intent and/or sentiment (null leaves one as it is).
func (i *Inbox) Correct(messageID int64, intent *backend.Intent, sentiment *backend.Sentiment) (backend.Message, error) {
	return i.svc.CorrectMessage(i.ctx, messageID, intent, sentiment)
}

// UndoCorrection reverts a correction.
func (i *Inbox) UndoCorrection(correctionID int64) (backend.Message, error) {
	return i.svc.UndoCorrection(i.ctx, correctionID)
}

// Corrections lists the corrections the classifier holds.
func (i *Inbox) Corrections() ([]backend.Correction, error) { return i.svc.ListCorrections(i.ctx) }

// ResetModel returns the classifier to the shipped model.
func (i *Inbox) ResetModel() error { return i.svc.ResetModel(i.ctx) }

// TriageSettings returns the escalation keywords and SLA policy.
func (i *Inbox) TriageSettings() (backend.TriageSettings, error) { return i.svc.TriageSettings(i.ctx) }

// UpdateTriageSettings replaces the escalation keywords and SLA policy.
func (i *Inbox) UpdateTriageSettings(s backend.TriageSettings) (backend.TriageSettings, error) {
	return i.svc.UpdateTriageSettings(i.ctx, s)
}

// Search finds messages; cursor continues a previous page ("" for the first).
func (i *Inbox) Search(query, cursor string, limit int) (backend.SearchPage, error) {
	return i.svc.Search(i.ctx, query, cursor, limit)
}

// CreateContact adds a contact with its identities.
func (i *Inbox) CreateContact(c backend.Contact) (backend.Contact, error) {
	return i.svc.CreateContact(i.ctx, c)
}

// UpdateContact changes a contact's name, tags and flags.
func (i *Inbox) UpdateContact(id int64, upd backend.ContactUpdate) (backend.Contact, error) {
	return i.svc.UpdateContact(i.ctx, id, upd)
}

// MergeContacts makes one contact of two.
func (i *Inbox) MergeContacts(into, from int64) (backend.Contact, error) {
	return i.svc.MergeContacts(i.ctx, into, from)
}
