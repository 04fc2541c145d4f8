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

// The sync engine. Each active account is fetched when its next_sync_at comes; each page of
// messages is ingested in the same transaction that saves the cursor after it, so a crash before
// the commit fetches the page again (ingest ignores what it already has) and a crash after it
// fetches the next page: nothing is lost, nothing is stored twice. Errors set the account's
// status: an invalid token waits for the user to reconnect, a rate limit waits exactly as the
// platform said, anything else backs off exponentially with jitter.

// Sync schedule.
const (
	defaultSyncInterval = time.Minute
	maxPagesPerSync     = 50 // a backfill yields to other accounts after this many pages
	maxSyncBackoff      = 30 * time.Minute
	webhookOnlyInterval = 24 * time.Hour
)

// WebhookParser turns a verified webhook body into messages and statuses for an account.
type WebhookParser func(a backend.Account, body []byte) (backend.WebhookBatch, error)

// SetWebhookParser installs the parser of each platform's webhooks (main wires the connectors).
func (s *AccountService) SetWebhookParser(p WebhookParser) { s.parseWebhook = p }

// SetCrash makes the engine stop dead at the named step when crash returns true (tests):
// "fetched" after a page came back, before it is saved.
func (s *AccountService) SetCrash(crash func(point string) bool) { s.crash = crash }

// SyncDue syncs every account whose time has come and returns how many messages it stored.
func (s *AccountService) SyncDue(ctx context.Context) (int, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return 0, err
	}
	var due []backend.Account
	err = db.Read(ctx, func(tx *Tx) error {
		due, err = findAccounts(ctx, tx, `WHERE status IN ('active', 'error', 'rate_limited')
			AND next_sync_at IS NOT NULL AND next_sync_at <= ? ORDER BY next_sync_at`, formatTime(tx.Now))
		return err
	})
	if err != nil {
		return 0, err
	}
	total := 0
	for _, a := range due {
		n, err := s.syncAccount(ctx, db, a)
		total += n
		if errors.Is(err, errCrashed) || ctx.Err() != nil {
			return total, err
		}
	}
	return total, nil
}

// syncAccount fetches pages of a until it has no more now. Its errors are recorded on the account;
// only a simulated crash is returned.
func (s *AccountService) syncAccount(ctx context.Context, db *DB, a backend.Account) (int, error) {
	c, err := s.connector(ctx, db, a)
	if err != nil {
		return 0, s.recordFailure(ctx, db, a, err)
	}
	if !c.Capabilities().Fetch {
		// Inbound arrives by webhook only: nothing to poll, and no history to backfill.
		return 0, db.Write(ctx, func(tx *Tx) error {
			_, err := tx.exec(ctx, `UPDATE accounts SET next_sync_at = ?, backfill = NULL, updated_at = ? WHERE id = ?`,
				nowPlus(tx, webhookOnlyInterval), formatTime(tx.Now), a.ID)
			return err
		})
	}
	var cursor string
	if err := db.Read(ctx, func(tx *Tx) error {
		return tx.queryRow(ctx, `SELECT cursor FROM accounts WHERE id = ?`, a.ID).Scan(&cursor)
	}); err != nil {
		return 0, err
	}
	stored := 0
	for page := 0; page < maxPagesPerSync; page++ {
		res, err := c.Fetch(ctx, cursor)
		if err != nil {
			return stored, s.recordFailure(ctx, db, a, err)
		}
		if s.crash != nil && s.crash("fetched") {
			return stored, errCrashed
		}
		n, err := s.saveFetch(ctx, db, a, res)
		if err != nil {
			return stored, s.recordFailure(ctx, db, a, err)
		}
		stored += n
		cursor = res.Cursor
		if !res.More {
			break
		}
	}
	return stored, nil
}

// saveFetch ingests a page and saves the cursor after it in one transaction, and schedules the
// next sync. Messages that fail validation are dropped (and counted in the log) rather than
// blocking the account forever at this cursor.
func (s *AccountService) saveFetch(ctx context.Context, db *DB, a backend.Account, res backend.FetchResult) (int, error) {
	valid := make([]backend.IncomingMessage, 0, len(res.Messages))
	for _, m := range res.Messages {
		if m.Validate() == nil {
			valid = append(valid, m)
		}
	}
	if dropped := len(res.Messages) - len(valid); dropped > 0 {
		slog.Warn("sync: dropped invalid messages", "account", a.Name, "count", dropped)
	}
	_, triager, err := s.inbox.Triager(ctx)
	if err != nil {
		return 0, err
	}
	stored := 0
	err = db.Write(ctx, func(tx *Tx) error {
		for start := 0; start < len(valid); start += backend.MaxIngestBatch {
			batch, err := prepareBatch(valid[start:min(start+backend.MaxIngestBatch, len(valid))])
			if err != nil {
				return err
			}
			result, err := s.inbox.ingestTx(ctx, tx, triager, batch)
			if err != nil {
				return err
			}
			stored += result.Received
		}
		wait := defaultSyncInterval
		if res.Wait > 0 {
			wait = res.Wait
		}
		if res.More {
			wait = 0
		}
		var backfill any
		if res.More && res.Progress != nil {
			backfill = jsonText(res.Progress)
		}
		_, err := tx.exec(ctx, `UPDATE accounts SET cursor = ?, status = 'active', last_error = NULL, failures = 0, last_success_at = ?,
			next_sync_at = ?, backfill = ?, updated_at = ? WHERE id = ? AND status <> 'paused'`,
			res.Cursor, formatTime(tx.Now), nowPlus(tx, wait), backfill, formatTime(tx.Now), a.ID)
		return err
	})
	if err == nil {
		if updated, gerr := s.GetAccount(ctx, a.ID); gerr == nil {
			s.events.Publish(backend.EventSyncProgress, updated)
		}
	}
	return stored, err
}

// recordFailure sets the account's status from a sync or send error and schedules the retry.
func (s *AccountService) recordFailure(ctx context.Context, db *DB, a backend.Account, cause error) error {
	public := publicSendError(cause)
	var out backend.Account
	err := db.Write(ctx, func(tx *Tx) error {
		var failures int
		if err := tx.queryRow(ctx, `SELECT failures FROM accounts WHERE id = ?`, a.ID).Scan(&failures); err != nil {
			return err
		}
		status, next := backend.AccountError, any(nil)
		temporary, after := backend.Temporary(cause)
		switch {
		case public.Code == backend.EUNAUTHORIZED:
			status = backend.AccountNeedsReconnect
		case public.Code == backend.ERATELIMITED && after > 0:
			status, next = backend.AccountRateLimited, nowPlus(tx, after)
		case temporary:
			next = nowPlus(tx, min(backoff(failures+1, rand.Float64()), maxSyncBackoff))
		default:
			// A refusal that retrying will not fix (a bad id, a missing permission): retry slowly
			// so that fixing it in the platform's settings is noticed.
			next = nowPlus(tx, maxSyncBackoff)
		}
		if _, err := tx.exec(ctx, `UPDATE accounts SET status = ?, last_error = ?, last_error_at = ?, failures = failures + 1,
			next_sync_at = ?, updated_at = ? WHERE id = ? AND status <> 'paused'`,
			status, jsonText(public), formatTime(tx.Now), next, formatTime(tx.Now), a.ID); err != nil {
			return err
		}
		var err error
		out, err = findAccount(ctx, tx, `WHERE id = ?`, a.ID)
		if err == nil && out.Status != a.Status {
			_, err = tx.appendAudit(ctx, backend.AuditEntry{Actor: backend.ActorSystem, Action: "account.status",
				Subject: "account:" + strconv.FormatInt(a.ID, 10), Reason: public.Message,
				Before: rawJSON(map[string]any{"status": a.Status}), After: rawJSON(map[string]any{"status": out.Status})})
		}
		return err
	})
	if err != nil {
		return err
	}
	s.events.Publish(backend.EventAccountsChanged, out)
	return nil
}

// StoreWebhook keeps a verified webhook body for processing; the caller answers 200 once it
// returns nil.
func (s *AccountService) StoreWebhook(ctx context.Context, accountID int64, body []byte) error {
	db, err := s.workspaces.DB()
	if err != nil {
		return err
	}
	err = db.Write(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO webhook_deliveries (account_id, body, received_at) VALUES (?, ?, ?)`, accountID, body, formatTime(tx.Now))
		return err
	})
	if err == nil {
		s.Wake()
	}
	return err
}

// ProcessWebhooks ingests the stored webhook deliveries, each in one transaction with its
// "processed" mark, and returns how many messages they held.
func (s *AccountService) ProcessWebhooks(ctx context.Context) (int, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return 0, err
	}
	_, triager, err := s.inbox.Triager(ctx)
	if err != nil {
		return 0, err
	}
	total := 0
	for ctx.Err() == nil {
		var id, accountID int64
		var body []byte
		err := db.Read(ctx, func(tx *Tx) error {
			return tx.queryRow(ctx, `SELECT id, account_id, body FROM webhook_deliveries WHERE processed_at IS NULL ORDER BY id LIMIT 1`).
				Scan(&id, &accountID, &body)
		})
		if isNoRows(err) {
			return total, nil
		}
		if err != nil {
			return total, err
		}
		a, err := s.GetAccount(ctx, accountID)
		if err != nil {
			return total, err
		}
		var batch backend.WebhookBatch
		var parseErr error
		if s.parseWebhook == nil {
			parseErr = errors.New("no webhook parser")
		} else {
			batch, parseErr = s.parseWebhook(a, body)
		}
		err = db.Write(ctx, func(tx *Tx) error {
			if parseErr == nil {
				valid := batch.Messages[:0:0]
				for _, m := range batch.Messages {
					if m.Validate() == nil {
						valid = append(valid, m)
					}
				}
				for start := 0; start < len(valid); start += backend.MaxIngestBatch {
					prepared, err := prepareBatch(valid[start:min(start+backend.MaxIngestBatch, len(valid))])
					if err != nil {
						return err
					}
					result, err := s.inbox.ingestTx(ctx, tx, triager, prepared)
					if err != nil {
						return err
					}
					total += result.Received
				}
				if err := applyStatuses(ctx, tx, batch.Statuses); err != nil {
					return err
				}
			}
			var errText any
			if parseErr != nil {
				errText = parseErr.Error()
			}
			_, err := tx.exec(ctx, `UPDATE webhook_deliveries SET processed_at = ?, error = ? WHERE id = ?`, formatTime(tx.Now), errText, id)
			return err
		})
		if err != nil {
			return total, err
		}
	}
	return total, ctx.Err()
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// applyStatuses records the platform's delivery failures on the replies they concern.
func applyStatuses(ctx context.Context, tx *Tx, statuses []backend.DeliveryStatus) error {
	for _, st := range statuses {
		if st.Status != "failed" || st.PlatformMessageID == "" {
			continue
		}
		e := st.Error
		if e == nil {
			e = backend.Errorf(backend.EINVALID, "The platform could not deliver the message.").Localized("send_undelivered")
		}
		var id int64
		err := tx.queryRow(ctx, `SELECT id FROM replies WHERE platform_message_id = ? AND state = 'sent'`, st.PlatformMessageID).Scan(&id)
		if isNoRows(err) {
			continue
		}
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE replies SET state = 'failed', last_error = ?, updated_at = ? WHERE id = ?`,
			jsonText(e), formatTime(tx.Now), id); err != nil {
			return err
		}
		if _, err := tx.appendAudit(ctx, backend.AuditEntry{Actor: backend.ActorOutbox, Action: backend.AuditReplyFailed,
			Subject: "reply:" + strconv.FormatInt(id, 10), Reason: "delivery failed: " + e.Message}); err != nil {
			return err
		}
	}
	return nil
}

// RunSync runs the sync engine and the webhook processor until ctx ends: at start, when woken (an
// account added, a webhook stored, "sync now"), at the next account's sync time, and at least
// every 30 seconds.
func (s *AccountService) RunSync(ctx context.Context, log *slog.Logger) {
	loop{
		steps: []step{{"webhooks", s.ProcessWebhooks}, {"sync", s.SyncDue}},
		next: func(ctx context.Context) (time.Time, bool) {
			return earliest(ctx, s.workspaces,
				`SELECT coalesce(min(next_sync_at), '') FROM accounts WHERE status IN ('active', 'error', 'rate_limited')`)
		},
		floor: 100 * time.Millisecond,
		wake:  s.wake,
	}.run(ctx, log)
}
