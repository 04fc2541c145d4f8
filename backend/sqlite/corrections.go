package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"tend/backend"
)

// maxCorrectionsListed bounds ListCorrections.
const maxCorrectionsListed = 500

// CorrectMessage fixes a message's intent and/or sentiment; the classifier learns at once.
func (s *InboxService) CorrectMessage(ctx context.Context, messageID int64, intent *backend.Intent, sentiment *backend.Sentiment) (backend.Message, error) {
	var out backend.Message
	if intent == nil && sentiment == nil {
		return out, backend.Errorf(backend.EINVALID, "Give an intent or a sentiment to correct.")
	}
	if intent != nil {
		if err := intent.Validate(); err != nil {
			return out, err
		}
	}
	if sentiment != nil {
		if err := sentiment.Validate(); err != nil {
			return out, err
		}
	}
	db, triager, err := s.Triager(ctx)
	if err != nil {
		return out, err
	}
	var rollback []func()
	var convID int64
	err = db.Write(ctx, func(tx *Tx) error {
		var err error
		rollback, err = correct(ctx, tx, triager, messageID, intent, sentiment)
		if err != nil {
			return err
		}
		if out, err = findMessage(ctx, tx, messageID); err != nil {
			return err
		}
		convID = out.ConversationID
		return nil
	})
	if err != nil {
		undoInMemory(rollback)
		return backend.Message{}, err
	}
	s.events.Publish(backend.EventConversationsChanged, []int64{convID})
	return out, nil
}

// correct applies a correction inside tx: it records it, teaches the classifier, re-triages the
// message and refreshes its conversation. It returns how to take the classifier's lesson back if
// the transaction does not commit.
func correct(ctx context.Context, tx *Tx, t backend.Triager, messageID int64, intent *backend.Intent, sentiment *backend.Sentiment) ([]func(), error) {
	m, input, err := inboundMessage(ctx, tx, messageID)
	if err != nil {
		return nil, err
	}
	var rollback []func()
	now := formatTime(tx.Now)
	if intent != nil && *intent != m.Triage.Intent {
		if err := t.Learn(m.Text, *intent); err != nil {
			return rollback, err
		}
		to := *intent
		rollback = append(rollback, func() { _ = t.Unlearn(m.Text, to) })
		if _, err := tx.ExecContext(ctx, `INSERT INTO triage_corrections (message_id, field, from_label, to_label, created_at)
			VALUES (?, 'intent', ?, ?, ?)`, messageID, m.Triage.Intent, *intent, now); err != nil {
			return rollback, err
		}
	}
	if sentiment != nil && *sentiment != m.Triage.Sentiment {
		if err := t.LearnSentiment(m.Text, *sentiment); err != nil {
			return rollback, err
		}
		to := *sentiment
		rollback = append(rollback, func() { _ = t.UnlearnSentiment(m.Text, to) })
		if _, err := tx.ExecContext(ctx, `INSERT INTO triage_corrections (message_id, field, from_label, to_label, created_at)
			VALUES (?, 'sentiment', ?, ?, ?)`, messageID, m.Triage.Sentiment, *sentiment, now); err != nil {
			return rollback, err
		}
	}
	if len(rollback) == 0 {
		return nil, nil // the labels already say so
	}
	labels := *m.Triage
	if intent != nil {
		labels.Intent = *intent
	}
	if sentiment != nil {
		labels.Sentiment = *sentiment
	}
	if err := retriage(ctx, tx, t, m, input, labels, intent != nil, sentiment != nil); err != nil {
		return rollback, err
	}
	return rollback, saveDelta(ctx, tx, t)
}

// retriage triages a message again with the classifier as it now is, keeping the given labels,
// stores the result and refreshes the conversation's summary.
func retriage(ctx context.Context, tx *Tx, t backend.Triager, m backend.Message, input backend.TriageInput,
	labels backend.TriageResult, intentCorrected, sentimentCorrected bool) error {
	input.Text = m.Text
	result := t.Triage(input)
	result.Intent, result.Sentiment = labels.Intent, labels.Sentiment
	var due any
	if result.SLADue != nil {
		due = formatTime(*result.SLADue)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE messages SET triage = ?, priority = ?, sla_due_at = ?, escalate = ?,
		intent_corrected = ?, sentiment_corrected = ? WHERE id = ?`, jsonText(result), backend.PriorityRank(result.Priority),
		due, result.Escalate, intentCorrected, sentimentCorrected, m.ID); err != nil {
		return err
	}
	conv, err := scanConversationState(tx.queryRow(ctx, conversationStateColumns+` FROM conversations WHERE id = ?`, m.ConversationID))
	if err != nil {
		return err
	}
	if err := recomputeAwaiting(ctx, tx, conv); err != nil {
		return err
	}
	return saveConversations(ctx, tx, []*conversationState{conv})
}

// inboundMessage loads a message that has triage labels, with the context it was triaged in.
func inboundMessage(ctx context.Context, tx *Tx, id int64) (backend.Message, backend.TriageInput, error) {
	var input backend.TriageInput
	m, err := findMessage(ctx, tx, id)
	if err != nil {
		return m, input, err
	}
	if m.Direction != backend.DirectionIn || m.Triage == nil {
		return m, input, backend.Errorf(backend.EINVALID, "Only messages from contacts have triage labels.").Localized("correct_outbound")
	}
	var raw sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT triage_context FROM messages WHERE id = ?`, id).Scan(&raw); err != nil {
		return m, input, err
	}
	if raw.Valid {
		if err := json.Unmarshal([]byte(raw.String), &input); err != nil {
			return m, input, fmt.Errorf("message %d triage context: %w", id, err)
		}
	}
	return m, input, nil
}

func findMessage(ctx context.Context, tx *Tx, id int64) (backend.Message, error) {
	m, err := scanMessage(tx.queryRow(ctx, messageColumns+`WHERE m.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, backend.Errorf(backend.ENOTFOUND, "There is no message %d.", id).Localized("message_not_found")
	}
	return m, err
}

func saveDelta(ctx context.Context, tx *Tx, t backend.Triager) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO triage_state (id, delta, updated_at) VALUES (1, ?, ?)
		ON CONFLICT (id) DO UPDATE SET delta = excluded.delta, updated_at = excluded.updated_at`, t.Delta(), formatTime(tx.Now))
	return err
}

func undoInMemory(rollback []func()) {
	for i := len(rollback) - 1; i >= 0; i-- {
		rollback[i]()
	}
}

// markSpam corrects the conversation's latest inbound message to spam.
func markSpam(ctx context.Context, tx *Tx, t backend.Triager, conversationID int64) ([]func(), error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM messages WHERE conversation_id = ? AND direction = 'in'
		ORDER BY sent_at DESC, id DESC LIMIT 1`, conversationID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	spam := backend.IntentSpam
	return correct(ctx, tx, t, id, &spam, nil)
}

// UndoCorrection reverts a correction: the classifier forgets it and the message gets back the
// label it had before.
func (s *InboxService) UndoCorrection(ctx context.Context, correctionID int64) (backend.Message, error) {
	var out backend.Message
	db, triager, err := s.Triager(ctx)
	if err != nil {
		return out, err
	}
	var relearn []func()
	err = db.Write(ctx, func(tx *Tx) error {
		var messageID int64
		var field, from, to string
		var undone sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT message_id, field, from_label, to_label, undone_at FROM triage_corrections WHERE id = ?`,
			correctionID).Scan(&messageID, &field, &from, &to, &undone)
		if errors.Is(err, sql.ErrNoRows) || undone.Valid {
			return backend.Errorf(backend.ENOTFOUND, "There is no correction %d to undo.", correctionID).Localized("correction_not_found")
		}
		if err != nil {
			return err
		}
		m, input, err := inboundMessage(ctx, tx, messageID)
		if err != nil {
			return err
		}
		labels := *m.Triage
		intentCorrected, sentimentCorrected := m.IntentCorrected, m.SentimentCorrected
		// ENOTFOUND from the classifier means a model reset already dropped this lesson.
		if field == "intent" {
			if err := triager.Unlearn(m.Text, backend.Intent(to)); err == nil {
				relearn = append(relearn, func() { _ = triager.Learn(m.Text, backend.Intent(to)) })
			} else if backend.ErrorCode(err) != backend.ENOTFOUND {
				return err
			}
			labels.Intent = backend.Intent(from)
		} else {
			if err := triager.UnlearnSentiment(m.Text, backend.Sentiment(to)); err == nil {
				relearn = append(relearn, func() { _ = triager.LearnSentiment(m.Text, backend.Sentiment(to)) })
			} else if backend.ErrorCode(err) != backend.ENOTFOUND {
				return err
			}
			labels.Sentiment = backend.Sentiment(from)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE triage_corrections SET undone_at = ? WHERE id = ?`, formatTime(tx.Now), correctionID); err != nil {
			return err
		}
		var others int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM triage_corrections WHERE message_id = ? AND field = ? AND undone_at IS NULL`,
			messageID, field).Scan(&others); err != nil {
			return err
		}
		if field == "intent" {
			intentCorrected = others > 0
		} else {
			sentimentCorrected = others > 0
		}
		if err := retriage(ctx, tx, triager, m, input, labels, intentCorrected, sentimentCorrected); err != nil {
			return err
		}
		if err := saveDelta(ctx, tx, triager); err != nil {
			return err
		}
		out, err = findMessage(ctx, tx, messageID)
		return err
	})
	if err != nil {
		undoInMemory(relearn)
		return backend.Message{}, err
	}
	s.events.Publish(backend.EventConversationsChanged, []int64{out.ConversationID})
	return out, nil
}

// ListCorrections returns the corrections the classifier currently holds, newest first.
func (s *InboxService) ListCorrections(ctx context.Context) ([]backend.Correction, error) {
	out := []backend.Correction{}
	db, err := s.workspaces.DB()
	if err != nil {
		return out, err
	}
	err = db.Read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT t.id, t.message_id, m.conversation_id, t.field, t.from_label, t.to_label,
			t.created_at FROM triage_corrections t JOIN messages m ON m.id = t.message_id
			WHERE t.undone_at IS NULL ORDER BY t.id DESC LIMIT ?`, maxCorrectionsListed)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c backend.Correction
			var created string
			if err := rows.Scan(&c.ID, &c.MessageID, &c.ConversationID, &c.Field, &c.From, &c.To, &created); err != nil {
				return err
			}
			c.CreatedAt, _ = parseTime(created)
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// ResetModel returns the classifier to the shipped model. Messages keep the labels people gave
// them; only what the classifier learned from them is dropped.
func (s *InboxService) ResetModel(ctx context.Context) error {
	db, triager, err := s.Triager(ctx)
	if err != nil {
		return err
	}
	previous := triager.Delta()
	err = db.Write(ctx, func(tx *Tx) error {
		triager.Reset()
		if _, err := tx.ExecContext(ctx, `UPDATE triage_corrections SET undone_at = ? WHERE undone_at IS NULL`, formatTime(tx.Now)); err != nil {
			return err
		}
		return saveDelta(ctx, tx, triager)
	})
	if err != nil {
		if loadErr := triager.LoadDelta(previous); loadErr != nil {
			return errors.Join(err, loadErr)
		}
	}
	return err
}
