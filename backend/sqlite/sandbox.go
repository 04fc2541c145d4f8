package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"tend/backend"
)

// SandboxSenders hands sandbox channels a sender that records what it would send, and says every
// other channel is not connected. Connectors of real platforms come in front of it.
type SandboxSenders struct{ workspaces *Workspaces }

var _ backend.Senders = (*SandboxSenders)(nil)

// NewSandboxSenders returns the sandbox senders of whichever workspace is open in ws.
func NewSandboxSenders(ws *Workspaces) *SandboxSenders { return &SandboxSenders{workspaces: ws} }

// SenderFor returns the sandbox sender of a sandbox channel; ENOTFOUND for any other.
func (s *SandboxSenders) SenderFor(_ context.Context, ch backend.Channel) (backend.Sender, error) {
	if ch.Kind != "sandbox" {
		return nil, backend.Errorf(backend.ENOTFOUND, "The channel %q is not connected: connect its account to send.", ch.Name).
			Localized("channel_not_connected", "name", ch.Name)
	}
	db, err := s.workspaces.DB()
	if err != nil {
		return nil, err
	}
	return &sandboxSender{db: db}, nil
}

// sandboxSender stores each message once per idempotency key in sandbox_deliveries, so it is
// idempotent like the best platform APIs: a second Send of a key returns the first receipt.
type sandboxSender struct{ db *DB }

func (s *sandboxSender) Idempotent() bool { return true }

func (s *sandboxSender) Send(ctx context.Context, m backend.OutboundMessage) (backend.SendReceipt, error) {
	var receipt backend.SendReceipt
	err := s.db.Write(ctx, func(tx *Tx) error {
		var id, at string
		err := tx.queryRow(ctx, `SELECT platform_message_id, delivered_at FROM sandbox_deliveries WHERE idempotency_key = ?`, m.IdempotencyKey).Scan(&id, &at)
		if err == nil {
			t, _ := parseTime(at)
			receipt = backend.SendReceipt{PlatformMessageID: id, SentAt: t}
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		receipt = backend.SendReceipt{PlatformMessageID: "sandbox:" + m.IdempotencyKey, SentAt: tx.Now.Truncate(time.Millisecond)}
		_, err = tx.exec(ctx, `INSERT INTO sandbox_deliveries (idempotency_key, channel_id, recipient, text, platform_message_id, delivered_at)
			VALUES (?, ?, ?, ?, ?, ?)`, m.IdempotencyKey, m.Channel.ID, m.Recipient, m.Text, receipt.PlatformMessageID, formatTime(receipt.SentAt))
		return err
	})
	return receipt, err
}
