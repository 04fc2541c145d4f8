package app

import (
	"context"

	"tend/backend"
)

// Replies drafts, approves and sends replies, and keeps contacts' consent.
type Replies struct {
	ctx context.Context
	svc backend.ReplyService
}

// CreateDraft starts a reply to a conversation: blank, from the built-in drafter, from a template
// or from the language model (streaming draft:delta events under d.StreamID).
func (r *Replies) CreateDraft(d backend.NewDraft) (backend.Reply, error) {
	return r.svc.CreateDraft(r.ctx, d)
}

// CancelDraft stops a model draft that is streaming.
func (r *Replies) CancelDraft(streamID string) error { return r.svc.CancelDraft(r.ctx, streamID) }

// UpdateDraft saves a draft's text.
func (r *Replies) UpdateDraft(id int64, text string) (backend.Reply, error) {
	return r.svc.UpdateDraft(r.ctx, id, text)
}

// Discard drops a draft.
func (r *Replies) Discard(id int64) (backend.Reply, error) { return r.svc.DiscardDraft(r.ctx, id) }

// Check says what the policy would decide for text, without saving anything.
func (r *Replies) Check(id int64, text string) (backend.ApprovalDecision, error) {
	return r.svc.CheckReply(r.ctx, id, text)
}

// Submit sends a draft to the outbox, or to the approval queue when it needs approval.
func (r *Replies) Submit(id int64, s backend.SubmitReply) (backend.Reply, error) {
	return r.svc.SubmitReply(r.ctx, id, s)
}

// Approve approves a pending reply, edited first when a.Text is set.
func (r *Replies) Approve(id int64, a backend.Approval) (backend.Reply, error) {
	return r.svc.ApproveReply(r.ctx, id, a)
}

// ApproveMany approves low-risk pending replies, all or none.
func (r *Replies) ApproveMany(ids []int64) ([]backend.Reply, error) {
	return r.svc.ApproveReplies(r.ctx, ids)
}

// Reject rejects a pending reply with a reason.
func (r *Replies) Reject(id int64, reason string) (backend.Reply, error) {
	return r.svc.RejectReply(r.ctx, id, reason)
}

// Retry queues a failed reply again.
func (r *Replies) Retry(id int64) (backend.Reply, error) { return r.svc.RetryReply(r.ctx, id) }

// ResolveInDoubt says whether an in-doubt reply reached the platform.
func (r *Replies) ResolveInDoubt(id int64, sent bool) (backend.Reply, error) {
	return r.svc.ResolveInDoubt(r.ctx, id, sent)
}

// ReviewQA records a QA review's outcome.
func (r *Replies) ReviewQA(id int64, outcome backend.QAOutcome, note string) (backend.Reply, error) {
	return r.svc.ReviewQA(r.ctx, id, outcome, note)
}

// Get returns one reply.
func (r *Replies) Get(id int64) (backend.Reply, error) { return r.svc.GetReply(r.ctx, id) }

// List returns a page of replies.
func (r *Replies) List(f backend.ReplyFilter) (backend.ReplyPage, error) {
	return r.svc.ListReplies(r.ctx, f)
}

// Counts returns the approval queue's and review lists' badges.
func (r *Replies) Counts() (backend.ReplyCounts, error) { return r.svc.CountReplies(r.ctx) }

// GetSettings returns the approval policy and automation limits.
func (r *Replies) GetSettings() (backend.ReplySettings, error) { return r.svc.GetReplySettings(r.ctx) }

// UpdateSettings changes the approval policy and automation limits.
func (r *Replies) UpdateSettings(s backend.ReplySettings) (backend.ReplySettings, error) {
	return r.svc.UpdateReplySettings(r.ctx, s)
}

// GetConsent returns a contact's consent to automated messages and its ledger.
func (r *Replies) GetConsent(contactID int64) (backend.Consent, error) {
	return r.svc.GetConsent(r.ctx, contactID)
}

// SetConsent opts a contact out of automated messages, or back in.
func (r *Replies) SetConsent(contactID int64, c backend.ConsentChange) (backend.Consent, error) {
	return r.svc.SetConsent(r.ctx, contactID, c)
}
