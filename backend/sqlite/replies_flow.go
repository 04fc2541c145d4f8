package sqlite

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"tend/backend"
	"tend/backend/reply"
)

// replyContext is what deciding on a reply to a conversation needs.
type replyContext struct {
	req      backend.DraftRequest
	channel  backend.Channel
	settings backend.ReplySettings
}

func (s *ReplyService) loadContext(ctx context.Context, tx *Tx, conversationID int64) (replyContext, error) {
	var rc replyContext
	var err error
	if rc.req, err = s.templates.draftRequest(ctx, tx, conversationID); err != nil {
		return rc, err
	}
	if rc.channel, err = findChannel(ctx, tx, rc.req.Conversation.ChannelID); err != nil {
		return rc, err
	}
	rc.settings, _, err = loadReplySettings(ctx, tx)
	return rc, err
}

func findChannel(ctx context.Context, tx *Tx, id int64) (backend.Channel, error) {
	c := backend.Channel{ID: id}
	var created string
	err := tx.queryRow(ctx, `SELECT platform, account, name, kind, created_at FROM channels WHERE id = ?`, id).
		Scan(&c.Platform, &c.Account, &c.Name, &c.Kind, &created)
	if err != nil {
		return c, mapError(err, "Cannot read channel %d.", id)
	}
	c.CreatedAt, _ = parseTime(created)
	return c, nil
}

// fill renders the {tokens} of text with the conversation's values. A text that does not parse is
// EINVALID with the position of the mistake.
func fill(rc replyContext, text string) (backend.Rendered, error) {
	compiled, err := reply.Parse(text)
	if err != nil {
		return backend.Rendered{}, err
	}
	return reply.Render(compiled, reply.RenderContext(rc.req, reply.Language(rc.req))), nil
}

// evaluate applies the policy to text as a reply r would send it.
func evaluate(rc replyContext, r backend.Reply, text string) backend.ApprovalDecision {
	var contact *backend.Contact
	if rc.req.Contact != nil {
		contact = rc.req.Contact
	}
	return reply.Evaluate(rc.settings.Policy, backend.OutgoingReply{
		ID: "reply-" + strconv.FormatInt(r.ID, 10), Text: text, AIGenerated: r.AIGenerated, TemplateID: r.TemplateID,
		Automated: r.Automated, Conversation: rc.req.Conversation, Contact: contact, Triage: rc.req.Message.Triage,
		Platform: rc.channel.Platform,
	})
}

// CreateDraft saves a new draft made as d.Mode says.
func (s *ReplyService) CreateDraft(ctx context.Context, d backend.NewDraft) (backend.Reply, error) {
	switch d.Mode {
	case backend.DraftModeBlank, backend.DraftModeBuiltIn, backend.DraftModeTemplate:
	case backend.DraftModeModel:
		return s.createModelDraft(ctx, d)
	default:
		return backend.Reply{}, backend.Errorf(backend.EINVALID, "Unknown draft mode %q.", string(d.Mode)).Localized("draft_mode_unknown", "mode", string(d.Mode))
	}
	draft := backend.Draft{Source: backend.DraftFromTemplate}
	switch d.Mode {
	case backend.DraftModeBuiltIn:
		var err error
		if draft, err = s.templates.DraftReply(ctx, d.ConversationID); err != nil {
			return backend.Reply{}, err
		}
	case backend.DraftModeTemplate:
		t, err := s.templates.GetTemplate(ctx, d.TemplateID)
		if err != nil {
			return backend.Reply{}, err
		}
		rendered, err := s.templates.PreviewTemplate(ctx, t.Body, d.ConversationID)
		if err != nil {
			return backend.Reply{}, err
		}
		draft = backend.Draft{Text: rendered.Text, TemplateID: t.ID, Source: backend.DraftFromTemplate, Language: t.Language,
			Missing: rendered.Missing, Explanation: backend.Explanation{Text: "You picked the template " + strconv.Quote(t.Name) + ".",
				Key: "draft_explain_picked", Params: map[string]string{"name": t.Name}}}
	}
	source := backend.SourceTemplate
	if d.Mode == backend.DraftModeBlank {
		source = backend.SourceHuman
	}
	return s.insertDraft(ctx, d.ConversationID, source, draft, nil)
}

// insertDraft stores a draft and its audit entry.
func (s *ReplyService) insertDraft(ctx context.Context, conversationID int64, source backend.ReplySource, draft backend.Draft, usage *backend.ModelUsage) (backend.Reply, error) {
	db, err := s.db(ctx)
	if err != nil {
		return backend.Reply{}, err
	}
	var out backend.Reply
	err = db.Write(ctx, func(tx *Tx) error {
		rc, err := s.loadContext(ctx, tx, conversationID)
		if err != nil {
			return err
		}
		lang := draft.Language
		if lang == "" {
			lang = reply.Language(rc.req)
		}
		var explanation, usageJSON any
		if draft.Explanation.Key != "" {
			explanation = jsonText(draft.Explanation)
		}
		if usage != nil {
			usageJSON = jsonText(usage)
		}
		now := formatTime(tx.Now)
		res, err := tx.exec(ctx, `INSERT INTO replies (kind, conversation_id, contact_id, channel_id, state, source, template_id,
			ai_generated, automated, language, text, draft_text, reply_to, explanation, usage, created_by, created_at, updated_at)
			VALUES ('reply', ?, ?, ?, 'draft', ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			conversationID, contactOf(rc), rc.channel.ID, source, draft.TemplateID, source == backend.SourceModel, lang,
			draft.Text, draft.Text, rc.req.Message.PlatformMessageID, explanation, usageJSON, s.actor, now, now)
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		if out, err = findReply(ctx, tx, id); err != nil {
			return err
		}
		return s.audit(tx, s.actor, backend.AuditDraftCreated, out, "", nil, replySnapshot(out))
	})
	return out, err
}

func contactOf(rc replyContext) any {
	if c := rc.req.Conversation.Contact; c != nil {
		return c.ID
	}
	return nil
}

// replySnapshot is what the audit trail keeps of a reply: its state and text, never secrets.
func replySnapshot(r backend.Reply) map[string]any {
	snap := map[string]any{"state": r.State, "text": r.Text, "source": r.Source, "conversation_id": r.ConversationID,
		"ai_generated": r.AIGenerated, "automated": r.Automated}
	if r.TemplateID != "" {
		snap["template_id"] = r.TemplateID
	}
	if len(r.Reasons) > 0 {
		snap["reasons"] = r.Reasons
	}
	if r.IdempotencyKey != "" {
		snap["idempotency_key"] = r.IdempotencyKey
	}
	return snap
}

// audit appends an entry about reply r, publishing replies:changed and audit:appended after commit.
func (s *ReplyService) audit(tx *Tx, actor, action string, r backend.Reply, reason string, before, after any) error {
	e := backend.AuditEntry{Actor: actor, Action: action, Subject: "reply:" + strconv.FormatInt(r.ID, 10), Reason: reason}
	if before != nil {
		e.Before = rawJSON(before)
	}
	if after != nil {
		e.After = rawJSON(after)
	}
	if _, err := tx.appendAudit(context.Background(), e); err != nil {
		return err
	}
	s.publishChanged(tx, r)
	return nil
}

// publishChanged publishes replies:changed for r once tx commits, waking the outbox.
func (s *ReplyService) publishChanged(tx *Tx, r backend.Reply) {
	tx.AfterCommit(func() {
		s.events.Publish(backend.EventRepliesChanged, backend.RepliesChangedEvent{IDs: []int64{r.ID}, ConversationIDs: []int64{r.ConversationID}})
		s.events.Publish(backend.EventAuditAppended, nil)
		s.Wake()
	})
}

// change runs fn on reply id inside a write transaction, requiring one of the states.
func (s *ReplyService) change(ctx context.Context, id int64, states []backend.ReplyState, fn func(tx *Tx, r backend.Reply) error) (backend.Reply, error) {
	db, err := s.db(ctx)
	if err != nil {
		return backend.Reply{}, err
	}
	var out backend.Reply
	err = db.Write(ctx, func(tx *Tx) error {
		r, err := findReply(ctx, tx, id)
		if err != nil {
			return err
		}
		if !stateIn(r.State, states) {
			return wrongState(r)
		}
		if err := fn(tx, r); err != nil {
			return err
		}
		out, err = findReply(ctx, tx, id)
		return err
	})
	return out, err
}

func stateIn(st backend.ReplyState, states []backend.ReplyState) bool {
	for _, s := range states {
		if s == st {
			return true
		}
	}
	return false
}

func wrongState(r backend.Reply) error {
	return backend.Errorf(backend.ECONFLICT, "Reply %d is %s: this cannot be done any more.", r.ID, strings.ReplaceAll(string(r.State), "_", " ")).
		Localized("reply_wrong_state", "id", strconv.FormatInt(r.ID, 10), "state", string(r.State))
}

// UpdateDraft saves a draft's text.
func (s *ReplyService) UpdateDraft(ctx context.Context, id int64, text string) (backend.Reply, error) {
	if !utf8.ValidString(text) || utf8.RuneCountInString(text) > backend.MaxReplyRunes {
		return backend.Reply{}, backend.ValidateReplyText(text)
	}
	return s.change(ctx, id, []backend.ReplyState{backend.ReplyDraft}, func(tx *Tx, r backend.Reply) error {
		_, err := tx.exec(ctx, `UPDATE replies SET text = ?, updated_at = ? WHERE id = ?`, text, formatTime(tx.Now), id)
		if err == nil {
			s.publishChangedQuiet(tx, r)
		}
		return err
	})
}

// publishChangedQuiet publishes replies:changed without an audit entry (draft keystrokes).
func (s *ReplyService) publishChangedQuiet(tx *Tx, r backend.Reply) {
	tx.AfterCommit(func() {
		s.events.Publish(backend.EventRepliesChanged, backend.RepliesChangedEvent{IDs: []int64{r.ID}, ConversationIDs: []int64{r.ConversationID}})
	})
}

// DiscardDraft drops a draft.
func (s *ReplyService) DiscardDraft(ctx context.Context, id int64) (backend.Reply, error) {
	return s.change(ctx, id, []backend.ReplyState{backend.ReplyDraft}, func(tx *Tx, r backend.Reply) error {
		if _, err := tx.exec(ctx, `UPDATE replies SET state = 'discarded', updated_at = ? WHERE id = ?`, formatTime(tx.Now), id); err != nil {
			return err
		}
		after := r
		after.State = backend.ReplyDiscarded
		return s.audit(tx, s.actor, "reply.discarded", r, "", nil, replySnapshot(after))
	})
}

// CheckReply evaluates text for draft id without saving anything.
func (s *ReplyService) CheckReply(ctx context.Context, id int64, text string) (backend.ApprovalDecision, error) {
	if err := backend.ValidateReplyText(text); err != nil {
		return backend.ApprovalDecision{}, err
	}
	db, err := s.db(ctx)
	if err != nil {
		return backend.ApprovalDecision{}, err
	}
	var out backend.ApprovalDecision
	err = db.Read(ctx, func(tx *Tx) error {
		r, err := findReply(ctx, tx, id)
		if err != nil {
			return err
		}
		rc, err := s.loadContext(ctx, tx, r.ConversationID)
		if err != nil {
			return err
		}
		rendered, err := fill(rc, text)
		if err != nil {
			return err
		}
		out = evaluate(rc, r, rendered.Text)
		out.Rendered, out.Missing = rendered.Text, rendered.Missing
		if out.Reasons == nil {
			out.Reasons = []backend.ApprovalReason{}
		}
		return nil
	})
	return out, err
}

// ready renders text for sending: EINVALID when it is empty, too long, malformed or has a token
// without a value.
func ready(rc replyContext, text string) (string, error) {
	if err := backend.ValidateReplyText(text); err != nil {
		return "", err
	}
	rendered, err := fill(rc, text)
	if err != nil {
		return "", err
	}
	if len(rendered.Missing) > 0 {
		names := "{" + strings.Join(rendered.Missing, "}, {") + "}"
		return "", backend.Errorf(backend.EINVALID, "Fill %s before sending: it has no value and no fallback.", names).
			Localized("reply_tokens_missing", "tokens", names)
	}
	return rendered.Text, backend.ValidateReplyText(rendered.Text)
}

// SubmitReply queues a draft or sends it to the approval queue.
func (s *ReplyService) SubmitReply(ctx context.Context, id int64, sub backend.SubmitReply) (backend.Reply, error) {
	return s.change(ctx, id, []backend.ReplyState{backend.ReplyDraft}, func(tx *Tx, r backend.Reply) error {
		rc, err := s.loadContext(ctx, tx, r.ConversationID)
		if err != nil {
			return err
		}
		text, err := ready(rc, sub.Text)
		if err != nil {
			return err
		}
		decision := evaluate(rc, r, text)
		if decision.NeedsApproval || sub.RequestApproval {
			return s.hold(ctx, tx, r, text, decision.Reasons, s.actor)
		}
		if _, err := tx.exec(ctx, `UPDATE replies SET text = ?, needs_approval = 0, reasons = '[]', updated_at = ? WHERE id = ?`,
			text, formatTime(tx.Now), id); err != nil {
			return err
		}
		r.Text = text
		return s.queue(ctx, tx, r, rc, decision.QASample, s.actor)
	})
}

// hold puts r in the approval queue with its reasons.
func (s *ReplyService) hold(ctx context.Context, tx *Tx, r backend.Reply, text string, reasons []backend.ApprovalReason, actor string) error {
	if reasons == nil {
		reasons = []backend.ApprovalReason{}
	}
	if _, err := tx.exec(ctx, `UPDATE replies SET state = 'pending_approval', text = ?, needs_approval = 1, reasons = ?, updated_at = ? WHERE id = ?`,
		text, jsonText(reasons), formatTime(tx.Now), r.ID); err != nil {
		return err
	}
	after := r
	after.State, after.Text, after.Reasons = backend.ReplyPendingApproval, text, reasons
	why := "a person asked for approval"
	if len(reasons) > 0 {
		kinds := make([]string, len(reasons))
		for i, reason := range reasons {
			kinds[i] = string(reason.Kind) + ": " + reason.Detail
		}
		why = strings.Join(kinds, "; ")
	}
	return s.audit(tx, actor, backend.AuditReplySubmitted, r, why, replySnapshot(r), replySnapshot(after))
}

// queue moves r (whose text is final) into the outbox: it gets its idempotency key and the exact
// text the platform will receive, disclosure included for automated and AI-assisted replies.
func (s *ReplyService) queue(ctx context.Context, tx *Tx, r backend.Reply, rc replyContext, qaSample bool, actor string) error {
	out := r.Text
	if r.Automated || r.AIGenerated {
		first := false
		if r.Automated && r.ContactID != nil {
			var earlier int
			if err := tx.queryRow(ctx, `SELECT count(*) FROM replies WHERE contact_id = ? AND automated = 1 AND kind = 'reply'
				AND id <> ? AND state IN ('queued', 'sending', 'sent', 'in_doubt')`, *r.ContactID, r.ID).Scan(&earlier); err != nil {
				return err
			}
			first = earlier == 0
		}
		out = reply.Disclose(rc.settings.Policy, r.Language, r.Text, first)
	}
	key := newIdempotencyKey()
	now := formatTime(tx.Now)
	_, err := tx.exec(ctx, `UPDATE replies SET state = 'queued', out_text = ?, idempotency_key = ?, queued_at = ?, next_attempt_at = ?,
		qa_sampled = ?, updated_at = ? WHERE id = ?`, out, key, now, now, qaSample && r.Automated, now, r.ID)
	if err != nil {
		return consentError(err)
	}
	after := r
	after.State, after.IdempotencyKey, after.OutText = backend.ReplyQueued, key, out
	snap := replySnapshot(after)
	snap["out_text"] = out
	return s.audit(tx, actor, backend.AuditReplyQueued, r, "", nil, snap)
}

// consentError turns the schema's refusal of an automated reply to an opted-out contact into the
// error the user reads.
func consentError(err error) error {
	if sqliteCode(err) == sqliteConstraintTrigger {
		return backend.Wrap(backend.ECONFLICT, err, "The contact opted out of automated messages: a person must write this reply.").
			Localized("consent_opted_out")
	}
	return err
}

// sqliteConstraintTrigger is SQLITE_CONSTRAINT_TRIGGER: a RAISE(ABORT) in a trigger.
const sqliteConstraintTrigger = 1811

// ApproveReply approves a pending reply, edited first when a.Text is set, and queues it.
func (s *ReplyService) ApproveReply(ctx context.Context, id int64, a backend.Approval) (backend.Reply, error) {
	note := strings.TrimSpace(a.Note)
	if err := validNote(note, false); err != nil {
		return backend.Reply{}, err
	}
	return s.change(ctx, id, []backend.ReplyState{backend.ReplyPendingApproval}, func(tx *Tx, r backend.Reply) error {
		return s.approve(ctx, tx, r, a.Text, note)
	})
}

func (s *ReplyService) approve(ctx context.Context, tx *Tx, r backend.Reply, edit *string, note string) error {
	rc, err := s.loadContext(ctx, tx, r.ConversationID)
	if err != nil {
		return err
	}
	text, edited := r.Text, false
	if edit != nil && *edit != r.Text {
		if text, err = ready(rc, *edit); err != nil {
			return err
		}
		edited = text != r.Text
	}
	reasons := r.Reasons
	if edited {
		// The approval covers the text as edited: record what the policy finds in it.
		reasons = evaluate(rc, r, text).Reasons
		if reasons == nil {
			reasons = []backend.ApprovalReason{}
		}
	}
	now := formatTime(tx.Now)
	if _, err := tx.exec(ctx, `UPDATE replies SET text = ?, reasons = ?, edited = ?, approved = 1, decided_by = ?, decided_at = ?,
		decision_note = ?, updated_at = ? WHERE id = ?`, text, jsonText(reasons), edited || r.Edited, s.actor, now, note, now, r.ID); err != nil {
		return err
	}
	after := r
	after.Text, after.Reasons, after.State = text, reasons, backend.ReplyQueued
	if err := s.audit(tx, s.actor, backend.AuditReplyApproved, r, note, replySnapshot(r), replySnapshot(after)); err != nil {
		return err
	}
	r.Text = text
	sampled := r.Automated && evaluate(rc, r, text).QASample
	return s.queue(ctx, tx, r, rc, sampled, s.actor)
}

func validNote(note string, required bool) error {
	switch {
	case required && note == "":
		return backend.Errorf(backend.EINVALID, "Say why the reply is rejected.").Localized("reply_reject_reason_required")
	case !utf8.ValidString(note) || utf8.RuneCountInString(note) > backend.MaxDecisionRunes:
		return backend.Errorf(backend.EINVALID, "A note has at most %d characters.", backend.MaxDecisionRunes).
			Localized("reply_note_too_long", "limit", strconv.Itoa(backend.MaxDecisionRunes))
	}
	return nil
}

// ApproveReplies approves low-risk pending replies, all or none.
func (s *ReplyService) ApproveReplies(ctx context.Context, ids []int64) ([]backend.Reply, error) {
	if len(ids) == 0 || len(ids) > backend.MaxBulkReplies {
		return nil, backend.Errorf(backend.EINVALID, "Select 1 to %d replies.", backend.MaxBulkReplies).
			Localized("reply_bulk_size", "limit", strconv.Itoa(backend.MaxBulkReplies))
	}
	db, err := s.db(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]backend.Reply, 0, len(ids))
	err = db.Write(ctx, func(tx *Tx) error {
		seen := map[int64]bool{}
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			r, err := findReply(ctx, tx, id)
			if err != nil {
				return err
			}
			if r.State != backend.ReplyPendingApproval {
				return wrongState(r)
			}
			if !r.LowRisk() {
				return backend.Errorf(backend.ECONFLICT, "Reply %d needs a closer look (money, legal, refund, personal data, sentiment or influencer): approve it on its own.", id).
					Localized("reply_not_low_risk", "id", strconv.FormatInt(id, 10))
			}
			if err := s.approve(ctx, tx, r, nil, "bulk approval"); err != nil {
				return err
			}
			if r, err = findReply(ctx, tx, id); err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RejectReply rejects a pending reply with a reason.
func (s *ReplyService) RejectReply(ctx context.Context, id int64, reason string) (backend.Reply, error) {
	reason = strings.TrimSpace(reason)
	if err := validNote(reason, true); err != nil {
		return backend.Reply{}, err
	}
	return s.change(ctx, id, []backend.ReplyState{backend.ReplyPendingApproval}, func(tx *Tx, r backend.Reply) error {
		now := formatTime(tx.Now)
		if _, err := tx.exec(ctx, `UPDATE replies SET state = 'rejected', decided_by = ?, decided_at = ?, decision_note = ?,
			updated_at = ? WHERE id = ?`, s.actor, now, reason, now, id); err != nil {
			return err
		}
		after := r
		after.State = backend.ReplyRejected
		return s.audit(tx, s.actor, backend.AuditReplyRejected, r, reason, replySnapshot(r), replySnapshot(after))
	})
}

// RetryReply queues a failed reply again under the same idempotency key.
func (s *ReplyService) RetryReply(ctx context.Context, id int64) (backend.Reply, error) {
	return s.change(ctx, id, []backend.ReplyState{backend.ReplyFailed}, func(tx *Tx, r backend.Reply) error {
		now := formatTime(tx.Now)
		if _, err := tx.exec(ctx, `UPDATE replies SET state = 'queued', attempts = 0, next_attempt_at = ?, last_error = NULL,
			updated_at = ? WHERE id = ?`, now, now, id); err != nil {
			return consentError(err)
		}
		after := r
		after.State = backend.ReplyQueued
		return s.audit(tx, s.actor, backend.AuditReplyQueued, r, "retried by a person", replySnapshot(r), replySnapshot(after))
	})
}

// ResolveInDoubt records whether an in-doubt reply reached the platform.
func (s *ReplyService) ResolveInDoubt(ctx context.Context, id int64, sent bool) (backend.Reply, error) {
	return s.change(ctx, id, []backend.ReplyState{backend.ReplyInDoubt}, func(tx *Tx, r backend.Reply) error {
		now := formatTime(tx.Now)
		after := r
		reason := "a person checked: it was not sent; sending again"
		if sent {
			after.State, reason = backend.ReplySent, "a person checked: it was sent"
			if _, err := tx.exec(ctx, `UPDATE replies SET state = 'sent', sent_at = ?, updated_at = ? WHERE id = ?`, now, now, id); err != nil {
				return err
			}
			if err := s.recordOutbound(ctx, tx, r, "tend:"+r.IdempotencyKey, tx.Now); err != nil {
				return err
			}
		} else {
			optedOut, err := contactOptedOut(ctx, tx, r)
			if err != nil {
				return err
			}
			if r.Automated && r.Kind == backend.KindReply && optedOut {
				// Sending it again would now be automation to a contact who said STOP.
				return s.block(ctx, tx, r, "consent_opted_out", "the contact opted out of automated messages")
			}
			after.State = backend.ReplyQueued
			if _, err := tx.exec(ctx, `UPDATE replies SET state = 'queued', next_attempt_at = ?, updated_at = ? WHERE id = ?`, now, now, id); err != nil {
				return consentError(err)
			}
		}
		return s.audit(tx, s.actor, backend.AuditReplyResolved, r, reason, replySnapshot(r), replySnapshot(after))
	})
}

// contactOptedOut reports whether r's contact refuses automated messages.
func contactOptedOut(ctx context.Context, tx *Tx, r backend.Reply) (bool, error) {
	if r.ContactID == nil {
		return false, nil
	}
	var out bool
	err := tx.queryRow(ctx, `SELECT automation_opt_out FROM contacts WHERE id = ?`, *r.ContactID).Scan(&out)
	return out, err
}

// ReviewQA records the outcome of a sampled reply's review.
func (s *ReplyService) ReviewQA(ctx context.Context, id int64, outcome backend.QAOutcome, note string) (backend.Reply, error) {
	switch outcome {
	case backend.QAGood, backend.QANeedsWork, backend.QABad:
	default:
		return backend.Reply{}, backend.Errorf(backend.EINVALID, "Unknown review outcome %q: choose good, needs_work or bad.", string(outcome)).
			Localized("qa_outcome_unknown", "outcome", string(outcome))
	}
	note = strings.TrimSpace(note)
	if err := validNote(note, false); err != nil {
		return backend.Reply{}, err
	}
	return s.change(ctx, id, []backend.ReplyState{backend.ReplySent}, func(tx *Tx, r backend.Reply) error {
		if !r.QASampled {
			return backend.Errorf(backend.ECONFLICT, "Reply %d was not picked for review.", id).Localized("qa_not_sampled", "id", strconv.FormatInt(id, 10))
		}
		now := formatTime(tx.Now)
		if _, err := tx.exec(ctx, `UPDATE replies SET qa_outcome = ?, qa_note = ?, qa_reviewed_by = ?, qa_reviewed_at = ?, updated_at = ?
			WHERE id = ?`, outcome, note, s.actor, now, now, id); err != nil {
			return err
		}
		return s.audit(tx, s.actor, backend.AuditQAReviewed, r, note, map[string]any{"qa_outcome": r.QAOutcome}, map[string]any{"qa_outcome": outcome})
	})
}
