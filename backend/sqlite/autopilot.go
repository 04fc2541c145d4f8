package sqlite

import (
	"context"
	"errors"
	"slices"
	"time"

	"tend/backend"
	"tend/backend/reply"
)

// autopilotWindow is how recent an inbound message must be for autopilot to answer it: a late
// delivery or an import is history, and an automated answer to it would be odd.
const autopilotWindow = 24 * time.Hour

// autopilotBatch bounds the messages one pass looks at.
const autopilotBatch = 200

// HandleInbound lets autopilot answer the inbound messages that arrived since its last pass, and
// returns how many replies it queued or held. Each message is considered once, even across
// restarts: the last one considered is saved with the replies it produced.
//
// For a message whose conversation's intent and platform have an autopilot rule, the built-in
// drafter writes a template reply; the policy then either lets it go (no reason fired) or holds it
// in the approval queue. Never answered: our own messages, bots (as the platform says, or text
// carrying an automation label) and STOP/START messages (consent answers them). A reply to a
// contact who opted out, or beyond the rate limits, is recorded as blocked, never sent.
func (s *ReplyService) HandleInbound(ctx context.Context) (int, error) {
	db, err := s.db(ctx)
	if err != nil {
		return 0, err
	}
	total := 0
	for {
		n, more, err := s.autopilotPass(ctx, db)
		total += n
		if err != nil || !more {
			return total, err
		}
	}
}

type inboundRow struct {
	id, conversationID int64
	text               string
	sentAt             time.Time
	isBot              bool
}

func (s *ReplyService) autopilotPass(ctx context.Context, db *DB) (int, bool, error) {
	made, more := 0, false
	err := db.Write(ctx, func(tx *Tx) error {
		var last int64
		if err := tx.queryRow(ctx, `SELECT last_message_id FROM autopilot_state WHERE id = 1`).Scan(&last); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, conversation_id, text, sent_at, author_is_bot FROM messages
			WHERE id > ? AND direction = 'in' ORDER BY id LIMIT ?`, last, autopilotBatch)
		if err != nil {
			return err
		}
		var batch []inboundRow
		for rows.Next() {
			var m inboundRow
			var sent string
			if err := rows.Scan(&m.id, &m.conversationID, &m.text, &sent, &m.isBot); err != nil {
				rows.Close()
				return err
			}
			m.sentAt, _ = parseTime(sent)
			batch = append(batch, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		more = len(batch) == autopilotBatch
		settings, _, err := loadReplySettings(ctx, tx)
		if err != nil {
			return err
		}
		if len(settings.Policy.Autopilot) > 0 {
			answered := map[int64]bool{} // one automated answer per conversation per pass
			for _, m := range batch {
				if answered[m.conversationID] {
					continue
				}
				ok, err := s.autopilot(ctx, tx, settings, m)
				if err != nil {
					return err
				}
				if ok {
					answered[m.conversationID] = true
					made++
				}
			}
		}
		_, err = tx.exec(ctx, `UPDATE autopilot_state SET last_message_id = ? WHERE id = 1`, batch[len(batch)-1].id)
		return err
	})
	return made, more, err
}

// autopilot answers message m if it should, and reports whether it made a reply.
func (s *ReplyService) autopilot(ctx context.Context, tx *Tx, settings backend.ReplySettings, m inboundRow) (bool, error) {
	if m.isBot || tx.Now.Sub(m.sentAt) > autopilotWindow || reply.LooksAutomated(settings.Policy, m.text) {
		return false, nil
	}
	if _, ok := reply.ConsentKeyword(m.text); ok {
		return false, nil
	}
	rc, err := s.loadContext(ctx, tx, m.conversationID)
	if err != nil {
		return false, err
	}
	if rc.req.Message.ID != m.id {
		return false, nil // a newer message of the conversation will be considered instead
	}
	intent := rc.req.Conversation.Intent
	if t := rc.req.Message.Triage; t != nil {
		intent = t.Intent
	}
	if !slices.Contains(settings.Policy.Autopilot, backend.AutopilotRule{Intent: intent, Platform: rc.channel.Platform}) {
		return false, nil
	}
	if rc.req.Contact == nil {
		return false, nil // no one to hold consent for: a person answers
	}
	templates, err := findTemplates(ctx, tx, `WHERE archived = 0`)
	if err != nil {
		return false, err
	}
	drafter, err := reply.NewDrafter(templates)
	if err != nil {
		return false, backend.Wrap(backend.EINTERNAL, err, "A stored template cannot be read.")
	}
	draft, err := drafter.Draft(ctx, rc.req)
	var be *backend.Error
	if errors.As(err, &be) && be.Code == backend.ENOTFOUND {
		return false, nil // nothing fits: a person answers
	}
	if err != nil {
		return false, err
	}
	if len(draft.Missing) > 0 {
		return false, nil // a template that cannot be filled is never sent by itself
	}
	r, err := s.insertAutomated(ctx, tx, rc, draft)
	if err != nil {
		return false, err
	}
	if rc.req.Contact.AutomationOptOut {
		// Recorded, so the conversation shows that autopilot stood back and why.
		return true, s.block(ctx, tx, r, "consent_opted_out", "the contact opted out of automated messages")
	}
	if key, why, err := overLimit(ctx, tx, rc, settings.Limits, r.ID); err != nil {
		return false, err
	} else if key != "" {
		return true, s.block(ctx, tx, r, key, why)
	}
	decision := evaluate(rc, r, r.Text)
	if decision.NeedsApproval || !decision.Autopilot {
		return true, s.hold(ctx, tx, r, r.Text, decision.Reasons, backend.ActorAutopilot)
	}
	return true, s.queue(ctx, tx, r, rc, decision.QASample, backend.ActorAutopilot)
}

// insertAutomated stores autopilot's draft, audited.
func (s *ReplyService) insertAutomated(ctx context.Context, tx *Tx, rc replyContext, draft backend.Draft) (backend.Reply, error) {
	now := formatTime(tx.Now)
	res, err := tx.exec(ctx, `INSERT INTO replies (kind, conversation_id, contact_id, channel_id, state, source, template_id,
		automated, language, text, draft_text, reply_to, explanation, created_by, created_at, updated_at)
		VALUES ('reply', ?, ?, ?, 'draft', 'template', ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`,
		rc.req.Conversation.ID, contactOf(rc), rc.channel.ID, draft.TemplateID, draft.Language, draft.Text, draft.Text,
		rc.req.Message.PlatformMessageID, jsonText(draft.Explanation), backend.ActorAutopilot, now, now)
	if err != nil {
		return backend.Reply{}, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return backend.Reply{}, err
	}
	r, err := findReply(ctx, tx, id)
	if err != nil {
		return r, err
	}
	return r, s.audit(tx, backend.ActorAutopilot, backend.AuditDraftCreated, r, draft.Explanation.Text, nil, replySnapshot(r))
}

// overLimit checks the automation limits for a new automated reply (id) in rc's conversation,
// returning the translation key and reason of the first one exceeded.
func overLimit(ctx context.Context, tx *Tx, rc replyContext, limits backend.RateLimits, id int64) (string, string, error) {
	var perHour int
	if err := tx.queryRow(ctx, `SELECT count(*) FROM replies WHERE contact_id = ? AND automated = 1 AND kind = 'reply' AND id <> ?
		AND state IN ('pending_approval', 'queued', 'sending', 'sent', 'in_doubt') AND created_at > ?`,
		contactOf(rc), id, formatTime(tx.Now.Add(-time.Hour))).Scan(&perHour); err != nil {
		return "", "", err
	}
	if perHour >= limits.PerContactPerHour {
		return "limit_contact_hour", "the contact already got the most automated replies allowed in an hour", nil
	}
	// The streak: automated replies in this conversation since the contact's latest message that
	// did not come from a bot.
	var streak int
	if err := tx.queryRow(ctx, `SELECT count(*) FROM replies WHERE conversation_id = ? AND automated = 1 AND kind = 'reply'
		AND id <> ? AND state IN ('pending_approval', 'queued', 'sending', 'sent', 'in_doubt')
		AND created_at >= coalesce((SELECT max(received_at) FROM messages WHERE conversation_id = ? AND direction = 'in'
			AND author_is_bot = 0), '')`,
		rc.req.Conversation.ID, id, rc.req.Conversation.ID).Scan(&streak); err != nil {
		return "", "", err
	}
	if streak >= limits.MaxAutomatedStreak {
		return "limit_streak", "the conversation already got the most automated replies allowed without a message from the contact", nil
	}
	return "", "", nil
}
