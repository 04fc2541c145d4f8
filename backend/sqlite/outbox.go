package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"time"

	"tend/backend"
)

// The outbox worker. Sending one reply takes two transactions around the connector call:
//
//  1. claim: the reply goes from queued to sending, attempts+1 (consent and the channel's rate
//     limit are checked here, in the same transaction);
//  2. the connector sends it under its idempotency key;
//  3. record: sent (with the outbound message in the conversation), queued again after a temporary
//     error, or failed.
//
// A crash between 1 and 3 leaves the reply in sending. On the next start Recover queues it again
// when the connector is idempotent (it delivers a key once, so resending is safe), and otherwise
// marks it in_doubt for a person to check: nothing is sent twice, nothing is lost.

// errNoneDue says the outbox has nothing to send now.
var errNoneDue = errors.New("nothing due")

// claimed is a reply handed to a connector.
type claimed struct {
	reply   backend.Reply
	message backend.OutboundMessage
}

// Wake makes the worker look at the outbox now.
func (s *ReplyService) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Recover settles the replies a previous run left in sending (see the outbox comment). It runs once
// per opened workspace before anything is sent.
func (s *ReplyService) Recover(ctx context.Context) error {
	db, err := s.db(ctx)
	if err != nil {
		return err
	}
	return s.recover(ctx, db)
}

func (s *ReplyService) recover(ctx context.Context, db *DB) error {
	s.mu.Lock()
	done := s.ready == db
	s.mu.Unlock()
	if done {
		return nil
	}
	err := db.Write(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+replyColumns+replyFrom+`WHERE r.state = 'sending' ORDER BY r.id`)
		if err != nil {
			return err
		}
		var stuck []backend.Reply
		for rows.Next() {
			r, err := scanReply(rows)
			if err != nil {
				rows.Close()
				return err
			}
			stuck = append(stuck, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range stuck {
			ch, err := findChannel(ctx, tx, r.ChannelID)
			if err != nil {
				return err
			}
			after := r
			sender, err := s.senders.SenderFor(ctx, ch)
			if err == nil && sender.Idempotent() {
				after.State = backend.ReplyQueued
				if _, err := tx.exec(ctx, `UPDATE replies SET state = 'queued', next_attempt_at = ?, updated_at = ? WHERE id = ?`,
					formatTime(tx.Now), formatTime(tx.Now), r.ID); err != nil {
					return err
				}
				if err := s.audit(tx, backend.ActorOutbox, backend.AuditReplyQueued, r, "interrupted while sending; the channel delivers a key once, so it is sent again",
					replySnapshot(r), replySnapshot(after)); err != nil {
					return err
				}
				continue
			}
			after.State = backend.ReplyInDoubt
			if _, err := tx.exec(ctx, `UPDATE replies SET state = 'in_doubt', updated_at = ? WHERE id = ?`, formatTime(tx.Now), r.ID); err != nil {
				return err
			}
			if err := s.audit(tx, backend.ActorOutbox, backend.AuditReplyInDoubt, r, "interrupted while sending; a person must check whether it went out",
				replySnapshot(r), replySnapshot(after)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.ready = db
	s.mu.Unlock()
	return nil
}

// SendDue sends every reply whose time has come and returns how many it handed to connectors.
// It stops early when told the process crashed (tests).
func (s *ReplyService) SendDue(ctx context.Context) (int, error) {
	db, err := s.db(ctx)
	if err != nil {
		return 0, err
	}
	if err := s.recover(ctx, db); err != nil {
		return 0, err
	}
	sent := 0
	for ctx.Err() == nil {
		c, err := s.claim(ctx, db)
		if errors.Is(err, errNoneDue) {
			return sent, nil
		}
		if err != nil {
			return sent, err
		}
		if s.crashed("claimed") {
			return sent, errCrashed
		}
		sender, err := s.senders.SenderFor(ctx, c.message.Channel)
		var receipt backend.SendReceipt
		if err == nil {
			sent++
			receipt, err = sender.Send(ctx, c.message)
			if s.crashed("sent") {
				return sent, errCrashed
			}
		} else {
			err = &noSender{err}
		}
		if err := s.record(ctx, db, c.reply, receipt, err); err != nil {
			return sent, err
		}
	}
	return sent, ctx.Err()
}

// errCrashed is returned when the crash hook stopped the worker (tests).
var errCrashed = errors.New("outbox: simulated crash")

// IsCrash reports whether err is a simulated crash of the outbox (tests).
func IsCrash(err error) bool { return errors.Is(err, errCrashed) }

func (s *ReplyService) crashed(point string) bool { return s.crash != nil && s.crash(point) }

// noSender wraps the error of a channel that has no connector now.
type noSender struct{ err error }

func (e *noSender) Error() string { return e.err.Error() }
func (e *noSender) Unwrap() error { return e.err }

// claim marks the next due reply as sending and returns it with its outbound message.
func (s *ReplyService) claim(ctx context.Context, db *DB) (claimed, error) {
	var c claimed
	err := db.Write(ctx, func(tx *Tx) error {
		for {
			r, err := scanReply(tx.queryRow(ctx, `SELECT `+replyColumns+replyFrom+`WHERE r.state = 'queued' AND r.next_attempt_at <= ?
				ORDER BY r.next_attempt_at, r.id LIMIT 1`, formatTime(tx.Now)))
			if err != nil {
				if errors.Is(err, sql.ErrNoRows) {
					return errNoneDue
				}
				return err
			}
			rc, err := s.loadContext(ctx, tx, r.ConversationID)
			if err != nil {
				return err
			}
			if r.Automated && r.Kind == backend.KindReply {
				if rc.req.Contact != nil && rc.req.Contact.AutomationOptOut {
					if err := s.block(ctx, tx, r, "consent_opted_out", "the contact opted out of automated messages"); err != nil {
						return err
					}
					continue
				}
				wait, err := channelWait(ctx, tx, r.ChannelID, rc.settings.Limits.PerChannelPerMinute)
				if err != nil {
					return err
				}
				if wait > 0 {
					if _, err := tx.exec(ctx, `UPDATE replies SET next_attempt_at = ? WHERE id = ?`, formatTime(tx.Now.Add(wait)), r.ID); err != nil {
						return err
					}
					continue
				}
			}
			if _, err := tx.exec(ctx, `UPDATE replies SET state = 'sending', attempts = attempts + 1, sent_at = ?, updated_at = ? WHERE id = ?`,
				formatTime(tx.Now), formatTime(tx.Now), r.ID); err != nil {
				return consentError(err)
			}
			r.State, r.Attempts = backend.ReplySending, r.Attempts+1
			c = claimed{reply: r, message: backend.OutboundMessage{
				IdempotencyKey: r.IdempotencyKey, Channel: rc.channel, Kind: rc.req.Conversation.Kind,
				ThreadKey: rc.req.Conversation.ThreadKey, PostID: postID(rc.req.Conversation), ReplyTo: r.ReplyTo,
				Recipient: recipient(rc), Text: r.OutText, HumanAgent: !r.Automated,
			}}
			return nil
		}
	})
	return c, err
}

func postID(c backend.Conversation) string {
	if c.Post == nil {
		return ""
	}
	return c.Post.ID
}

// recipient is the contact's user id on the channel's platform.
func recipient(rc replyContext) string {
	if rc.req.Contact == nil {
		return ""
	}
	for _, id := range rc.req.Contact.Identities {
		if id.Platform == rc.channel.Platform {
			return id.PlatformUserID
		}
	}
	return ""
}

// channelWait says how long an automated reply on channel must wait to keep within perMinute.
// The sent_at of a reply in sending or sent is when it was handed to the connector.
func channelWait(ctx context.Context, tx *Tx, channel int64, perMinute int) (time.Duration, error) {
	since := tx.Now.Add(-time.Minute)
	var n int
	var oldest string
	err := tx.queryRow(ctx, `SELECT count(*), coalesce(min(sent_at), '') FROM replies WHERE channel_id = ? AND automated = 1
		AND state IN ('sending', 'sent', 'in_doubt') AND sent_at > ?`, channel, formatTime(since)).Scan(&n, &oldest)
	if err != nil || n < perMinute {
		return 0, err
	}
	t, err := parseTime(oldest)
	if err != nil {
		return 0, err
	}
	return max(t.Add(time.Minute).Sub(tx.Now), time.Second), nil
}

// block stops an automated reply that consent or a limit forbids, with the reason as its error.
func (s *ReplyService) block(ctx context.Context, tx *Tx, r backend.Reply, key, why string) error {
	e := backend.Errorf(backend.EFORBIDDEN, "Not sent: %s.", why).Localized(key)
	if _, err := tx.exec(ctx, `UPDATE replies SET state = 'blocked', last_error = ?, updated_at = ? WHERE id = ?`,
		jsonText(e), formatTime(tx.Now), r.ID); err != nil {
		return err
	}
	after := r
	after.State = backend.ReplyBlocked
	return s.audit(tx, backend.ActorOutbox, backend.AuditReplyBlocked, r, why, replySnapshot(r), replySnapshot(after))
}

// record stores the outcome of handing r to its connector.
func (s *ReplyService) record(ctx context.Context, db *DB, r backend.Reply, receipt backend.SendReceipt, sendErr error) error {
	return db.Write(ctx, func(tx *Tx) error {
		now := formatTime(tx.Now)
		if sendErr == nil {
			at := receipt.SentAt
			if at.IsZero() {
				at = tx.Now
			}
			if _, err := tx.exec(ctx, `UPDATE replies SET state = 'sent', platform_message_id = ?, last_error = NULL, updated_at = ?
				WHERE id = ?`, receipt.PlatformMessageID, now, r.ID); err != nil {
				return err
			}
			if err := s.recordOutbound(ctx, tx, r, receipt.PlatformMessageID, at); err != nil {
				return err
			}
			if r.TemplateID != "" {
				if _, err := tx.exec(ctx, `UPDATE templates SET usage_count = usage_count + 1 WHERE id = ?`, r.TemplateID); err != nil {
					return err
				}
			}
			after := r
			after.State = backend.ReplySent
			snap := replySnapshot(after)
			snap["platform_message_id"] = receipt.PlatformMessageID
			return s.audit(tx, backend.ActorOutbox, backend.AuditReplySent, r, "", nil, snap)
		}
		public := publicSendError(sendErr)
		temporary, after := backend.Temporary(sendErr)
		var ns *noSender
		if errors.As(sendErr, &ns) {
			// Not connected is not an attempt: wait for the connection without using up retries.
			_, err := tx.exec(ctx, `UPDATE replies SET state = 'queued', attempts = attempts - 1, next_attempt_at = ?, last_error = ?,
				updated_at = ? WHERE id = ?`, formatTime(tx.Now.Add(notConnectedWait)), jsonText(public), now, r.ID)
			return err
		}
		if temporary && r.Attempts < backend.MaxSendAttempts {
			wait := after
			if wait <= 0 {
				wait = backoff(r.Attempts, rand.Float64())
			}
			_, err := tx.exec(ctx, `UPDATE replies SET state = 'queued', next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?`,
				formatTime(tx.Now.Add(wait)), jsonText(public), now, r.ID)
			if err == nil {
				s.publishChangedQuiet(tx, r)
			}
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE replies SET state = 'failed', next_attempt_at = NULL, last_error = ?, updated_at = ? WHERE id = ?`,
			jsonText(public), now, r.ID); err != nil {
			return err
		}
		failed := r
		failed.State = backend.ReplyFailed
		reason := public.Message
		if temporary {
			reason = "gave up after " + strconv.Itoa(r.Attempts) + " attempts: " + reason
		}
		return s.audit(tx, backend.ActorOutbox, backend.AuditReplyFailed, r, reason, replySnapshot(r), replySnapshot(failed))
	})
}

// notConnectedWait is how often a reply for a channel without a connector looks again.
const notConnectedWait = 5 * time.Minute

// publicSendError is what the conversation shows of a send error: the platform's reason.
func publicSendError(err error) *backend.Error {
	var e *backend.Error
	if errors.As(err, &e) {
		return &backend.Error{Code: e.Code, Message: e.Message, Key: e.Key, Params: e.Params}
	}
	return &backend.Error{Code: backend.EUNAVAILABLE, Message: "The channel could not be reached: " + err.Error(), Key: "send_unreachable"}
}

// recordOutbound adds the sent reply to its conversation as an outbound message, which answers
// what waited and stamps the first response time.
func (s *ReplyService) recordOutbound(ctx context.Context, tx *Tx, r backend.Reply, platformID string, at time.Time) error {
	conv, err := findConversation(ctx, tx, r.ConversationID)
	if err != nil {
		return err
	}
	in, err := newIngest(ctx, tx, nil)
	if err != nil {
		return err
	}
	if platformID == "" {
		platformID = "tend:" + r.IdempotencyKey
	}
	text := r.OutText
	if text == "" {
		text = r.Text
	}
	msg := backend.IncomingMessage{ChannelID: r.ChannelID, Kind: conv.Kind, PlatformMessageID: platformID, ThreadKey: conv.ThreadKey,
		Direction: backend.DirectionOut, Text: text, SentAt: at, ReplyTo: r.ReplyTo}
	if conv.Post != nil {
		msg.Post = &backend.Post{ID: conv.Post.ID}
	}
	result, err := in.run([]backend.IncomingMessage{msg})
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE messages SET reply_id = ? WHERE channel_id = ? AND platform_message_id = ?`,
		r.ID, r.ChannelID, platformID); err != nil {
		return err
	}
	ids := result.ConversationIDs
	tx.AfterCommit(func() { s.events.Publish(backend.EventConversationsChanged, ids) })
	return nil
}

// Run sends due replies and runs autopilot until ctx ends: at start, whenever a reply is queued or a
// message arrives (Wake, or the events it is given), and at the next retry time.
func (s *ReplyService) Run(ctx context.Context, events <-chan backend.Event, log *slog.Logger) {
	loop{
		steps: []step{{"autopilot", s.HandleInbound}, {"outbox", s.SendDue}},
		next: func(ctx context.Context) (time.Time, bool) {
			return earliest(ctx, s.workspaces, `SELECT coalesce(min(next_attempt_at), '') FROM replies WHERE state = 'queued'`)
		},
		floor:  50 * time.Millisecond,
		wake:   s.wake,
		events: events,
		wakeOn: func(e backend.Event) bool {
			return e.Name == backend.EventMessageReceived || e.Name == backend.EventWorkspaceSwitched
		},
	}.run(ctx, log)
}

func isNoWorkspace(err error) bool {
	var e *backend.Error
	return errors.As(err, &e) && e.Key == "no_workspace_open"
}
