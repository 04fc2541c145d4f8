package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"tend/backend"
)

// ConnectorFactory builds the connector of an account's platform.
type ConnectorFactory func(cfg backend.ConnectorConfig) (backend.Connector, error)

// AccountService implements backend.AccountService, the sync engine and the senders of connected
// channels, on the open workspace.
type AccountService struct {
	workspaces   *Workspaces
	events       backend.Publisher
	inbox        *InboxService
	secrets      backend.SecretStore
	newConnector ConnectorFactory
	sandbox      backend.Senders

	parseWebhook WebhookParser
	crash        func(point string) bool

	mu         sync.Mutex
	connectors map[connectorKey]backend.Connector // built once per account and database
	wake       chan struct{}
}

type connectorKey struct {
	db      *DB
	account int64
}

var (
	_ backend.AccountService = (*AccountService)(nil)
	_ backend.Senders        = (*AccountService)(nil)
)

// NewAccountService returns the accounts of whichever workspace is open in ws. sandbox sends for
// the channels no account owns (the demo's sandbox channels).
func NewAccountService(ws *Workspaces, events backend.Publisher, inbox *InboxService, secrets backend.SecretStore,
	newConnector ConnectorFactory, sandbox backend.Senders) *AccountService {
	return &AccountService{workspaces: ws, events: events, inbox: inbox, secrets: secrets, newConnector: newConnector,
		sandbox: sandbox, connectors: map[connectorKey]backend.Connector{}, wake: make(chan struct{}, 1)}
}

// probeChannel stands for a channel that does not exist yet, while credentials are tested.
const probeChannel = math.MaxInt64

// accountNamePattern keeps account names usable in CLI flags and webhook URLs.
var accountNamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// Limits on account fields.
const (
	maxAccountIDs     = 20
	maxAccountIDBytes = 512
)

// channelPlatforms are the inbox channels an account of platform fills.
func channelPlatforms(platform string) []string {
	if platform == backend.PlatformFacebook {
		return []string{backend.PlatformFacebook, backend.PlatformMessenger}
	}
	return []string{platform}
}

// accountHandle is the platform id that names an account's channels.
func accountHandle(a backend.Account) string {
	for _, k := range []string{"page_id", "ig_user_id", "phone_number_id", "channel_id", "username", "bot_id"} {
		if v := a.IDs[k]; v != "" {
			return v
		}
	}
	return a.Name
}

func validateAccountFields(name, platform, baseURL string, ids map[string]string) error {
	switch {
	case !accountNamePattern.MatchString(name):
		return backend.Errorf(backend.EINVALID, "Invalid account name %q: 1 to 64 lower-case letters, digits, dashes or underscores.", name).
			Localized("account_name_invalid", "name", name)
	case !slices.Contains(backend.ConnectorPlatforms, platform):
		return backend.Errorf(backend.EINVALID, "Tend cannot connect %q accounts; choose among %s.", platform, strings.Join(backend.ConnectorPlatforms, ", ")).
			Localized("account_platform_unknown", "platform", platform)
	case len(ids) > maxAccountIDs:
		return backend.Errorf(backend.EINVALID, "Too many platform ids.").Localized("account_ids_invalid")
	}
	if baseURL != "" {
		u, err := url.Parse(baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
			return backend.Errorf(backend.EINVALID, "The API address must be an http(s) URL without credentials.").Localized("account_base_url_invalid")
		}
	}
	for k, v := range ids {
		if !tokenNameish(k) || len(v) > maxAccountIDBytes || strings.ContainsAny(v, "\r\n\t ") {
			return backend.Errorf(backend.EINVALID, "Invalid platform id %q.", k).Localized("account_ids_invalid")
		}
	}
	return nil
}

func tokenNameish(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// secretKey is the keyring entry of an account's secrets: one JSON object per account.
func (s *AccountService) secretKey(ctx context.Context, db *DB, id int64) (string, error) {
	ws, err := workspaceID(ctx, db)
	return "account/" + ws + "/" + strconv.FormatInt(id, 10), err
}

func (s *AccountService) storeSecrets(ctx context.Context, db *DB, id int64, secrets map[string]string) error {
	key, err := s.secretKey(ctx, db, id)
	if err != nil {
		return err
	}
	raw, err := json.Marshal(secrets)
	if err != nil {
		return err
	}
	return s.secrets.SetSecret(ctx, key, string(raw))
}

func (s *AccountService) loadSecrets(ctx context.Context, db *DB, id int64) (map[string]string, error) {
	key, err := s.secretKey(ctx, db, id)
	if err != nil {
		return nil, err
	}
	raw, err := s.secrets.Secret(ctx, key)
	if err != nil {
		if backend.ErrorCode(err) == backend.ENOTFOUND {
			return nil, backend.Errorf(backend.EUNAUTHORIZED, "The account's credentials are not in the keyring: reconnect it.").Localized("account_secrets_missing")
		}
		return nil, err
	}
	var out map[string]string
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		return nil, backend.Errorf(backend.EUNAUTHORIZED, "The account's credentials in the keyring are unreadable: reconnect it.").Localized("account_secrets_missing")
	}
	return out, nil
}

const accountColumns = `id, name, platform, base_url, ids, status, last_error, last_success_at, last_error_at, next_sync_at, backfill, created_at`

func scanAccount(row interface{ Scan(...any) error }) (backend.Account, int, error) {
	var a backend.Account
	var ids, created string
	var lastError, success, failed, next, backfill sql.NullString
	if err := row.Scan(&a.ID, &a.Name, &a.Platform, &a.BaseURL, &ids, &a.Status, &lastError, &success, &failed, &next, &backfill, &created); err != nil {
		return a, 0, err
	}
	a.IDs = map[string]string{}
	if err := json.Unmarshal([]byte(ids), &a.IDs); err != nil {
		return a, 0, err
	}
	if lastError.Valid {
		a.LastError = &backend.Error{}
		if err := json.Unmarshal([]byte(lastError.String), a.LastError); err != nil {
			return a, 0, err
		}
	}
	if backfill.Valid {
		a.Backfill = &backend.Progress{}
		if err := json.Unmarshal([]byte(backfill.String), a.Backfill); err != nil {
			return a, 0, err
		}
	}
	a.LastSuccessAt, a.LastErrorAt, a.NextSyncAt = nullTime(success), nullTime(failed), nullTime(next)
	a.CreatedAt, _ = parseTime(created)
	return a, 0, nil
}

func findAccount(ctx context.Context, tx *Tx, clause string, args ...any) (backend.Account, error) {
	a, _, err := scanAccount(tx.queryRow(ctx, `SELECT `+accountColumns+` FROM accounts `+clause, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return a, backend.Errorf(backend.ENOTFOUND, "There is no such account.").Localized("account_not_found")
	}
	if err != nil {
		return a, err
	}
	a.Channels, err = accountChannels(ctx, tx, a.ID)
	return a, err
}

func accountChannels(ctx context.Context, tx *Tx, id int64) (map[string]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT platform, channel_id FROM account_channels WHERE account_id = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var p string
		var c int64
		if err := rows.Scan(&p, &c); err != nil {
			return nil, err
		}
		out[p] = c
	}
	return out, rows.Err()
}

// ListAccounts returns the accounts by name.
func (s *AccountService) ListAccounts(ctx context.Context) ([]backend.Account, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return nil, err
	}
	var out []backend.Account
	err = db.Read(ctx, func(tx *Tx) error {
		out, err = findAccounts(ctx, tx, `ORDER BY name`)
		return err
	})
	if out == nil {
		out = []backend.Account{}
	}
	return out, err
}

// findAccounts returns the accounts the clause selects, in its order, with their channels.
func findAccounts(ctx context.Context, tx *Tx, clause string, args ...any) ([]backend.Account, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM accounts `+clause, args...)
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
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, err
	}
	out := make([]backend.Account, 0, len(ids))
	for _, id := range ids {
		a, err := findAccount(ctx, tx, `WHERE id = ?`, id)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// GetAccount returns one account.
func (s *AccountService) GetAccount(ctx context.Context, id int64) (backend.Account, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.Account{}, err
	}
	var out backend.Account
	err = db.Read(ctx, func(tx *Tx) error {
		out, err = findAccount(ctx, tx, `WHERE id = ?`, id)
		return err
	})
	return out, err
}

// AccountByName returns the account named name (webhooks, CLI).
func (s *AccountService) AccountByName(ctx context.Context, name string) (backend.Account, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.Account{}, err
	}
	var out backend.Account
	err = db.Read(ctx, func(tx *Tx) error {
		out, err = findAccount(ctx, tx, `WHERE name = ?`, name)
		return err
	})
	return out, err
}

// AddAccount tests the credentials, then stores the account, its channels and its secrets.
func (s *AccountService) AddAccount(ctx context.Context, n backend.NewAccount) (backend.Account, error) {
	n.Name, n.BaseURL = strings.TrimSpace(n.Name), strings.TrimRight(strings.TrimSpace(n.BaseURL), "/")
	if n.IDs == nil {
		n.IDs = map[string]string{}
	}
	if err := validateAccountFields(n.Name, n.Platform, n.BaseURL, n.IDs); err != nil {
		return backend.Account{}, err
	}
	if len(n.Secrets) == 0 {
		return backend.Account{}, backend.Errorf(backend.EINVALID, "Give the account's token.").Localized("account_secret_missing", "name", "token")
	}
	if err := s.secrets.Probe(ctx); err != nil {
		return backend.Account{}, err
	}
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.Account{}, err
	}
	// The connector is built for a test before the account and its channels exist: placeholder
	// channel ids (no real channel has them; Test reads no messages) satisfy connectors that check
	// for their channels.
	probe := backend.Account{Name: n.Name, Platform: n.Platform, BaseURL: n.BaseURL, IDs: n.IDs, Channels: map[string]int64{}}
	for _, p := range channelPlatforms(n.Platform) {
		probe.Channels[p] = probeChannel
	}
	conn, err := s.newConnector(backend.ConnectorConfig{Account: probe, Secrets: n.Secrets})
	if err != nil {
		return backend.Account{}, err
	}
	info, err := conn.Test(ctx)
	if err != nil {
		return backend.Account{}, err
	}
	for k, v := range info.IDs {
		if _, set := n.IDs[k]; !set {
			n.IDs[k] = v
		}
	}
	// The keyring entry is named after the workspace's id, read (or made) before the transaction
	// since the store has one writer.
	if _, err := workspaceID(ctx, db); err != nil {
		return backend.Account{}, err
	}
	var out backend.Account
	err = db.Write(ctx, func(tx *Tx) error {
		now := formatTime(tx.Now)
		res, err := tx.exec(ctx, `INSERT INTO accounts (name, platform, base_url, ids, next_sync_at, backfill, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, '{"done":0,"total":0}', ?, ?)`, n.Name, n.Platform, n.BaseURL, jsonText(n.IDs), now, now, now)
		if backend.ErrorCode(mapError(err, "")) == backend.ECONFLICT {
			return backend.Errorf(backend.ECONFLICT, "An account is already named %q.", n.Name).Localized("account_exists", "name", n.Name)
		}
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		probe.ID, probe.IDs = id, n.IDs
		handle := accountHandle(probe)
		display := strings.TrimSpace(info.DisplayName)
		if display == "" {
			display = n.Name
		}
		for _, platform := range channelPlatforms(n.Platform) {
			channel, err := ensureChannel(ctx, tx, platform, handle, display)
			if err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `INSERT INTO account_channels (account_id, platform, channel_id) VALUES (?, ?, ?)`, id, platform, channel); err != nil {
				if backend.ErrorCode(mapError(err, "")) == backend.ECONFLICT {
					return backend.Errorf(backend.ECONFLICT, "This %s account is already connected.", platform).Localized("account_already_connected", "platform", platform)
				}
				return err
			}
		}
		if err := s.storeSecrets(ctx, db, id, n.Secrets); err != nil {
			return err
		}
		if out, err = findAccount(ctx, tx, `WHERE id = ?`, id); err != nil {
			return err
		}
		_, err = tx.appendAudit(ctx, backend.AuditEntry{Actor: backend.ActorSystem, Action: "account.connected",
			Subject: "account:" + strconv.FormatInt(id, 10), After: rawJSON(out)})
		return err
	})
	if err != nil {
		// The keyring entry may have been written before the transaction failed.
		if key, kerr := s.secretKey(ctx, db, probe.ID); kerr == nil && probe.ID != 0 {
			_ = s.secrets.DeleteSecret(ctx, key)
		}
		return backend.Account{}, err
	}
	s.publish(out)
	return out, nil
}

// ensureChannel returns the account channel of platform and handle, creating it: a reconnected
// account finds its channel, and its history, again.
func ensureChannel(ctx context.Context, tx *Tx, platform, handle, name string) (int64, error) {
	var id int64
	err := tx.queryRow(ctx, `SELECT id FROM channels WHERE platform = ? AND account = ? AND kind = 'account'`, platform, handle).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	res, err := tx.exec(ctx, `INSERT INTO channels (platform, account, name, kind, created_at) VALUES (?, ?, ?, 'account', ?)`,
		platform, handle, name, formatTime(tx.Now))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func (s *AccountService) publish(a backend.Account) {
	s.events.Publish(backend.EventAccountsChanged, a)
	s.Wake()
}

// Wake makes the sync engine look at the accounts now.
func (s *AccountService) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// UpdateAccount renames an account, changes its address or ids, or replaces its secrets.
func (s *AccountService) UpdateAccount(ctx context.Context, id int64, u backend.AccountUpdate) (backend.Account, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.Account{}, err
	}
	current, err := s.GetAccount(ctx, id)
	if err != nil {
		return backend.Account{}, err
	}
	next := current
	if u.Name != nil {
		next.Name = strings.TrimSpace(*u.Name)
	}
	if u.BaseURL != nil {
		next.BaseURL = strings.TrimRight(strings.TrimSpace(*u.BaseURL), "/")
	}
	if u.IDs != nil {
		next.IDs = *u.IDs
	}
	if err := validateAccountFields(next.Name, next.Platform, next.BaseURL, next.IDs); err != nil {
		return backend.Account{}, err
	}
	if u.Secrets != nil {
		conn, err := s.newConnector(backend.ConnectorConfig{Account: next, Secrets: *u.Secrets})
		if err != nil {
			return backend.Account{}, err
		}
		if _, err := conn.Test(ctx); err != nil {
			return backend.Account{}, err
		}
		if err := s.storeSecrets(ctx, db, id, *u.Secrets); err != nil {
			return backend.Account{}, err
		}
	}
	var out backend.Account
	err = db.Write(ctx, func(tx *Tx) error {
		status := current.Status
		if u.Secrets != nil && status == backend.AccountNeedsReconnect {
			status = backend.AccountActive
		}
		_, err := tx.exec(ctx, `UPDATE accounts SET name = ?, base_url = ?, ids = ?, status = ?, last_error = CASE WHEN ? THEN NULL ELSE last_error END,
			next_sync_at = CASE WHEN ? THEN ? ELSE next_sync_at END, updated_at = ? WHERE id = ?`,
			next.Name, next.BaseURL, jsonText(next.IDs), status, u.Secrets != nil, u.Secrets != nil, formatTime(tx.Now), formatTime(tx.Now), id)
		if backend.ErrorCode(mapError(err, "")) == backend.ECONFLICT {
			return backend.Errorf(backend.ECONFLICT, "An account is already named %q.", next.Name).Localized("account_exists", "name", next.Name)
		}
		if err != nil {
			return err
		}
		if out, err = findAccount(ctx, tx, `WHERE id = ?`, id); err != nil {
			return err
		}
		_, err = tx.appendAudit(ctx, backend.AuditEntry{Actor: backend.ActorSystem, Action: "account.changed",
			Subject: "account:" + strconv.FormatInt(id, 10), Before: rawJSON(current), After: rawJSON(out)})
		return err
	})
	if err != nil {
		return backend.Account{}, err
	}
	s.forget(db, id)
	s.publish(out)
	return out, nil
}

// forget drops the cached connector of an account, rebuilt on next use with the new settings.
func (s *AccountService) forget(db *DB, id int64) {
	s.mu.Lock()
	delete(s.connectors, connectorKey{db, id})
	s.mu.Unlock()
}

// connector returns the account's connector, built once.
func (s *AccountService) connector(ctx context.Context, db *DB, a backend.Account) (backend.Connector, error) {
	key := connectorKey{db, a.ID}
	s.mu.Lock()
	c := s.connectors[key]
	s.mu.Unlock()
	if c != nil {
		return c, nil
	}
	secrets, err := s.loadSecrets(ctx, db, a.ID)
	if err != nil {
		return nil, err
	}
	c, err = s.newConnector(backend.ConnectorConfig{Account: a, Secrets: secrets, Now: db.Now})
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.connectors[key] = c
	s.mu.Unlock()
	return c, nil
}

// TestAccount checks the stored credentials.
func (s *AccountService) TestAccount(ctx context.Context, id int64) (backend.AccountInfo, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.AccountInfo{}, err
	}
	a, err := s.GetAccount(ctx, id)
	if err != nil {
		return backend.AccountInfo{}, err
	}
	c, err := s.connector(ctx, db, a)
	if err != nil {
		return backend.AccountInfo{}, err
	}
	info, err := c.Test(ctx)
	if err != nil {
		_ = s.recordFailure(ctx, db, a, err)
	}
	return info, err
}

// PauseAccount stops or resumes an account.
func (s *AccountService) PauseAccount(ctx context.Context, id int64, paused bool) (backend.Account, error) {
	status, next := backend.AccountActive, "now"
	if paused {
		status, next = backend.AccountPaused, ""
	}
	return s.setStatus(ctx, id, status, next)
}

// SyncNow schedules the account's sync for now.
func (s *AccountService) SyncNow(ctx context.Context, id int64) (backend.Account, error) {
	a, err := s.GetAccount(ctx, id)
	if err != nil {
		return a, err
	}
	if a.Status == backend.AccountPaused || a.Status == backend.AccountNeedsReconnect {
		return a, backend.Errorf(backend.ECONFLICT, "The account is %s: %s it first.", strings.ReplaceAll(string(a.Status), "_", " "),
			map[bool]string{true: "resume", false: "reconnect"}[a.Status == backend.AccountPaused]).Localized("account_not_active", "status", string(a.Status))
	}
	return s.setStatus(ctx, id, a.Status, "now")
}

func (s *AccountService) setStatus(ctx context.Context, id int64, status backend.AccountStatus, next string) (backend.Account, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.Account{}, err
	}
	var out backend.Account
	err = db.Write(ctx, func(tx *Tx) error {
		before, err := findAccount(ctx, tx, `WHERE id = ?`, id)
		if err != nil {
			return err
		}
		var nextAt any
		if next == "now" {
			nextAt = formatTime(tx.Now)
		}
		if _, err := tx.exec(ctx, `UPDATE accounts SET status = ?, next_sync_at = ?, failures = 0, updated_at = ? WHERE id = ?`,
			status, nextAt, formatTime(tx.Now), id); err != nil {
			return err
		}
		if out, err = findAccount(ctx, tx, `WHERE id = ?`, id); err != nil {
			return err
		}
		if before.Status != out.Status {
			_, err = tx.appendAudit(ctx, backend.AuditEntry{Actor: backend.ActorSystem, Action: "account.status",
				Subject: "account:" + strconv.FormatInt(id, 10), Before: rawJSON(map[string]any{"status": before.Status}),
				After: rawJSON(map[string]any{"status": out.Status})})
		}
		return err
	})
	if err == nil {
		s.publish(out)
	}
	return out, err
}

// RemoveAccount disconnects an account: its secrets leave the keyring, its channels and
// messages stay (they become read-only history).
func (s *AccountService) RemoveAccount(ctx context.Context, id int64) error {
	db, err := s.workspaces.DB()
	if err != nil {
		return err
	}
	a, err := s.GetAccount(ctx, id)
	if err != nil {
		return err
	}
	key, err := s.secretKey(ctx, db, id)
	if err != nil {
		return err
	}
	if err := s.secrets.DeleteSecret(ctx, key); err != nil {
		return err
	}
	err = db.Write(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM accounts WHERE id = ?`, id); err != nil {
			return err
		}
		_, err := tx.appendAudit(ctx, backend.AuditEntry{Actor: backend.ActorSystem, Action: "account.removed",
			Subject: "account:" + strconv.FormatInt(id, 10), Before: rawJSON(a)})
		return err
	})
	if err != nil {
		return err
	}
	s.forget(db, id)
	s.events.Publish(backend.EventAccountsChanged, a)
	return nil
}

// SenderFor returns the connector of the account that owns ch, or the sandbox sender.
func (s *AccountService) SenderFor(ctx context.Context, ch backend.Channel) (backend.Sender, error) {
	if ch.Kind != backend.ChannelAccount {
		return s.sandbox.SenderFor(ctx, ch)
	}
	db, err := s.workspaces.DB()
	if err != nil {
		return nil, err
	}
	var a backend.Account
	err = db.Read(ctx, func(tx *Tx) error {
		a, err = findAccount(ctx, tx, `WHERE id = (SELECT account_id FROM account_channels WHERE channel_id = ?)`, ch.ID)
		return err
	})
	if err != nil {
		if backend.ErrorCode(err) == backend.ENOTFOUND {
			return nil, backend.Errorf(backend.ENOTFOUND, "The channel %q is not connected: connect its account to send.", ch.Name).
				Localized("channel_not_connected", "name", ch.Name)
		}
		return nil, err
	}
	if a.Status == backend.AccountPaused || a.Status == backend.AccountNeedsReconnect {
		return nil, backend.Errorf(backend.ENOTFOUND, "The account %q is %s.", a.Name, strings.ReplaceAll(string(a.Status), "_", " ")).
			Localized("account_not_active", "status", string(a.Status))
	}
	c, err := s.connector(ctx, db, a)
	if err != nil {
		return nil, err
	}
	return &accountSender{svc: s, db: db, account: a, conn: c}, nil
}

// accountSender marks the account when sending shows its token is gone.
type accountSender struct {
	svc     *AccountService
	db      *DB
	account backend.Account
	conn    backend.Connector
}

func (a *accountSender) Idempotent() bool { return a.conn.Idempotent() }

func (a *accountSender) Send(ctx context.Context, m backend.OutboundMessage) (backend.SendReceipt, error) {
	r, err := a.conn.Send(ctx, m)
	if backend.ErrorCode(err) == backend.EUNAUTHORIZED {
		_ = a.svc.recordFailure(ctx, a.db, a.account, err)
	}
	return r, err
}

// nowPlus is a helper for schedules.
func nowPlus(tx *Tx, d time.Duration) string { return formatTime(tx.Now.Add(d)) }

// WebhookSecrets returns the secrets an account's webhooks are verified with.
func (s *AccountService) WebhookSecrets(ctx context.Context, a backend.Account) (map[string]string, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return nil, err
	}
	return s.loadSecrets(ctx, db, a.ID)
}
