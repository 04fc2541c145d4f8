package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"tend/backend"
	"tend/backend/reply"
)

// consentChange is one opt-out or opt-in to record.
type consentChange struct {
	contactID int64
	kind      backend.ConsentKind
	source    string
	messageID *int64
	note      string
	actor     string
	// confirm sends the single confirmation message in conversation (0: none).
	confirm        int64
	confirmReplyTo string
	language       backend.Language
}

// applyConsent records c in the ledger when it changes the contact's state, and reports whether it
// did. An opt-out also blocks the contact's automated replies that wait for approval or sending.
// Nothing is recorded for a STOP from a contact already opted out, so one confirmation answers it.
func applyConsent(ctx context.Context, tx *Tx, events backend.Publisher, c consentChange) (bool, error) {
	var optedOut bool
	if err := tx.queryRow(ctx, `SELECT automation_opt_out FROM contacts WHERE id = ?`, c.contactID).Scan(&optedOut); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return false, backend.Errorf(backend.ENOTFOUND, "There is no contact %d.", c.contactID).Localized("contact_not_found")
		}
		return false, err
	}
	want := c.kind == backend.ConsentOptOut
	if optedOut == want {
		return false, nil
	}
	now := formatTime(tx.Now)
	if _, err := tx.exec(ctx, `UPDATE contacts SET automation_opt_out = ?, consent_changed_at = ?, updated_at = ? WHERE id = ?`,
		want, now, now, c.contactID); err != nil {
		return false, err
	}
	if _, err := tx.exec(ctx, `INSERT INTO consent_events (contact_id, kind, source, message_id, note, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		c.contactID, c.kind, c.source, c.messageID, c.note, c.actor, now); err != nil {
		return false, err
	}
	action := backend.AuditConsentOptIn
	if want {
		action = backend.AuditConsentOptOut
	}
	subject := "contact:" + strconv.FormatInt(c.contactID, 10)
	if _, err := tx.appendAudit(ctx, backend.AuditEntry{Actor: c.actor, Action: action, Subject: subject, Reason: c.note,
		Before: rawJSON(map[string]any{"automation_opt_out": optedOut}),
		After:  rawJSON(map[string]any{"automation_opt_out": want, "source": c.source})}); err != nil {
		return false, err
	}
	var changed []int64
	if want {
		var err error
		if changed, err = blockAutomated(ctx, tx, c.contactID); err != nil {
			return false, err
		}
	}
	if c.confirm != 0 {
		id, err := queueConfirmation(ctx, tx, c)
		if err != nil {
			return false, err
		}
		changed = append(changed, id)
	}
	contactID := c.contactID
	tx.AfterCommit(func() {
		events.Publish(backend.EventConsentChanged, backend.Consent{ContactID: contactID, OptedOut: want})
		events.Publish(backend.EventAuditAppended, nil)
		if len(changed) > 0 {
			events.Publish(backend.EventRepliesChanged, backend.RepliesChangedEvent{IDs: changed, ConversationIDs: []int64{}})
		}
	})
	return true, nil
}

// blockAutomated blocks the automated replies to contact that have not been handed to a connector.
func blockAutomated(ctx context.Context, tx *Tx, contact int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM replies WHERE contact_id = ? AND automated = 1 AND kind = 'reply'
		AND state IN ('draft', 'pending_approval', 'queued')`, contact)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	e := backend.Errorf(backend.EFORBIDDEN, "Not sent: the contact opted out of automated messages.").Localized("consent_opted_out")
	for _, id := range ids {
		if _, err := tx.exec(ctx, `UPDATE replies SET state = 'blocked', last_error = ?, updated_at = ? WHERE id = ?`,
			jsonText(e), formatTime(tx.Now), id); err != nil {
			return nil, err
		}
		if _, err := tx.appendAudit(ctx, backend.AuditEntry{Actor: backend.ActorSystem, Action: backend.AuditReplyBlocked,
			Subject: "reply:" + strconv.FormatInt(id, 10), Reason: "the contact opted out of automated messages"}); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// queueConfirmation queues the one answer to a STOP or START: automated, labelled, and allowed
// even though the contact just opted out, since it is what they asked for.
func queueConfirmation(ctx context.Context, tx *Tx, c consentChange) (int64, error) {
	settings, _, err := loadReplySettings(ctx, tx)
	if err != nil {
		return 0, err
	}
	var channel int64
	if err := tx.queryRow(ctx, `SELECT channel_id FROM conversations WHERE id = ?`, c.confirm).Scan(&channel); err != nil {
		return 0, err
	}
	text := reply.ConsentConfirmation(c.kind, c.language)
	out := reply.Disclose(settings.Policy, c.language, text, false)
	now := formatTime(tx.Now)
	key := newIdempotencyKey()
	res, err := tx.exec(ctx, `INSERT INTO replies (kind, conversation_id, contact_id, channel_id, state, source, automated, language,
		text, draft_text, out_text, reply_to, created_by, created_at, updated_at, idempotency_key, queued_at, next_attempt_at)
		VALUES ('consent_confirmation', ?, ?, ?, 'queued', 'template', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.confirm, c.contactID, channel, c.language, text, text, out, c.confirmReplyTo, backend.ActorSystem, now, now, key, now, now)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	_, err = tx.appendAudit(ctx, backend.AuditEntry{Actor: backend.ActorSystem, Action: backend.AuditReplyQueued,
		Subject: "reply:" + strconv.FormatInt(id, 10), Reason: "confirmation of " + string(c.kind),
		After: rawJSON(map[string]any{"state": backend.ReplyQueued, "out_text": out, "idempotency_key": key, "kind": backend.KindConsentConfirmation})})
	return id, err
}

// confirmWindow bounds how old a STOP or START may be to get a confirmation: an imported history
// updates consent but does not write to people about messages they sent long ago.
const confirmWindow = 24 * time.Hour

// consent applies the STOP and START messages among the new inbound items, oldest first, in the
// ingest's transaction: a contact is opted out the moment the message is stored.
func (in *ingest) consent(items []*item, events backend.Publisher) error {
	for _, it := range items {
		if it.msg.Direction != backend.DirectionIn || it.contact == nil || it.id == 0 {
			continue
		}
		kind, ok := reply.ConsentKeyword(it.msg.Text)
		if !ok {
			continue
		}
		// The latest change, dated by the message that made it (or by when a person made it): an
		// older message delivered late does not undo it.
		var changedAt sql.NullString
		if err := in.tx.queryRow(in.ctx, `SELECT max(coalesce(m.sent_at, e.at)) FROM consent_events e
			LEFT JOIN messages m ON m.id = e.message_id WHERE e.contact_id = ?`, it.contact.id).Scan(&changedAt); err != nil {
			return err
		}
		if t := nullTime(changedAt); t != nil && it.msg.SentAt.Before(*t) {
			continue
		}
		id := it.id
		c := consentChange{contactID: it.contact.id, kind: kind, source: backend.ConsentSourceMessage, messageID: &id,
			note: strings.TrimSpace(it.msg.Text), actor: backend.ActorContact(it.contact.id)}
		if in.tx.Now.Sub(it.msg.SentAt) <= confirmWindow {
			c.confirm, c.confirmReplyTo = it.conv.id, it.msg.PlatformMessageID
		}
		// A one-word message says little of its language ("STOP" reads as English): the contact's
		// earlier messages say more.
		var earlier sql.NullString
		if err := in.tx.queryRow(in.ctx, `SELECT json_extract(triage, '$.language') FROM messages WHERE author_contact_id = ?
			AND direction = 'in' AND id <> ? AND json_extract(triage, '$.language') IN ('fr', 'en') ORDER BY sent_at DESC LIMIT 1`,
			it.contact.id, it.id).Scan(&earlier); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		c.language = backend.LanguageEnglish
		for _, lang := range []backend.Language{backend.Language(earlier.String), it.triage.Language} {
			if lang == backend.LanguageFrench || lang == backend.LanguageEnglish {
				c.language = lang
				break
			}
		}
		if _, err := applyConsent(in.ctx, in.tx, events, c); err != nil {
			return err
		}
	}
	return nil
}

// GetConsent returns a contact's consent and ledger, newest first.
func (s *ReplyService) GetConsent(ctx context.Context, contactID int64) (backend.Consent, error) {
	db, err := s.db(ctx)
	if err != nil {
		return backend.Consent{}, err
	}
	var out backend.Consent
	err = db.Read(ctx, func(tx *Tx) error {
		out, err = loadConsent(ctx, tx, contactID)
		return err
	})
	return out, err
}

func loadConsent(ctx context.Context, tx *Tx, contactID int64) (backend.Consent, error) {
	c := backend.Consent{ContactID: contactID, Events: []backend.ConsentEvent{}}
	var since sql.NullString
	err := tx.queryRow(ctx, `SELECT automation_opt_out, consent_changed_at FROM contacts WHERE id = ?`, contactID).Scan(&c.OptedOut, &since)
	if errors.Is(err, sql.ErrNoRows) {
		return c, backend.Errorf(backend.ENOTFOUND, "There is no contact %d.", contactID).Localized("contact_not_found")
	}
	if err != nil {
		return c, err
	}
	c.Since = nullTime(since)
	rows, err := tx.QueryContext(ctx, `SELECT id, kind, source, message_id, note, actor, at FROM consent_events WHERE contact_id = ?
		ORDER BY id DESC`, contactID)
	if err != nil {
		return c, err
	}
	defer rows.Close()
	for rows.Next() {
		e := backend.ConsentEvent{ContactID: contactID}
		var msg sql.NullInt64
		var at string
		if err := rows.Scan(&e.ID, &e.Kind, &e.Source, &msg, &e.Note, &e.Actor, &at); err != nil {
			return c, err
		}
		if msg.Valid {
			e.MessageID = &msg.Int64
		}
		e.At, _ = parseTime(at)
		c.Events = append(c.Events, e)
	}
	return c, rows.Err()
}

// SetConsent lets a person opt a contact out of automated messages or back in. No confirmation is
// sent: the person tells the contact themselves if needed.
func (s *ReplyService) SetConsent(ctx context.Context, contactID int64, change backend.ConsentChange) (backend.Consent, error) {
	note := strings.TrimSpace(change.Note)
	if err := validNote(note, false); err != nil {
		return backend.Consent{}, err
	}
	db, err := s.db(ctx)
	if err != nil {
		return backend.Consent{}, err
	}
	var out backend.Consent
	err = db.Write(ctx, func(tx *Tx) error {
		kind := backend.ConsentOptIn
		if change.OptedOut {
			kind = backend.ConsentOptOut
		}
		if _, err := applyConsent(ctx, tx, s.events, consentChange{contactID: contactID, kind: kind, source: backend.ConsentSourceManual,
			note: note, actor: s.actor}); err != nil {
			return err
		}
		out, err = loadConsent(ctx, tx, contactID)
		return err
	})
	return out, err
}
