package backend

import (
	"context"
	"net/http"
	"time"
)

// Platforms a connector exists for. A Facebook account is a Page: its post comments go to a
// "facebook" channel and its Messenger conversations to a "messenger" channel.
var ConnectorPlatforms = []string{PlatformTelegram, PlatformInstagram, PlatformFacebook, PlatformWhatsApp, PlatformYouTube}

// AccountStatus says whether an account is syncing and, if not, why.
type AccountStatus string

// Account statuses.
const (
	AccountActive         AccountStatus = "active"
	AccountPaused         AccountStatus = "paused"          // a person paused it
	AccountNeedsReconnect AccountStatus = "needs_reconnect" // the token is invalid or expired
	AccountRateLimited    AccountStatus = "rate_limited"    // waiting as the platform asked, until NextSyncAt
	AccountError          AccountStatus = "error"           // the last sync failed; retried with backoff
)

// Account is a connected platform account. Its secrets (tokens, app secret, verify token) live in
// the OS keyring, never here.
type Account struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"` // unique, used in CLI flags and webhook URLs
	Platform string `json:"platform"`
	// BaseURL overrides the platform's API address (self-hosted Telegram Bot API servers, proxies,
	// tests); "" uses the platform's.
	BaseURL string `json:"base_url"`
	// IDs are the platform ids the account needs: page_id, ig_user_id, phone_number_id, channel_id
	// (YouTube), live_chat_id, video_ids…
	IDs map[string]string `json:"ids"`
	// Channels are the inbox channels the account fills, by platform.
	Channels map[string]int64 `json:"channels"`
	Status   AccountStatus    `json:"status"`
	// LastError is why the account is not active, as the user should read it.
	LastError     *Error     `json:"last_error"`
	LastSuccessAt *time.Time `json:"last_success_at"`
	LastErrorAt   *time.Time `json:"last_error_at"`
	NextSyncAt    *time.Time `json:"next_sync_at"`
	// Backfill is the progress of the first sync, nil once done.
	Backfill  *Progress `json:"backfill"`
	CreatedAt time.Time `json:"created_at"`
}

// Progress counts what a long operation has done.
type Progress struct {
	Done  int `json:"done"`
	Total int `json:"total"` // 0 when unknown
}

// Capabilities say what a connector can do.
type Capabilities struct {
	// Fetch is false for platforms whose inbound arrives by webhook only (WhatsApp): they need
	// `tend serve`.
	Fetch        bool `json:"fetch"`
	Send         bool `json:"send"`
	Hide         bool `json:"hide"`
	Delete       bool `json:"delete"`
	PrivateReply bool `json:"private_reply"`
	Webhook      bool `json:"webhook"`
}

// FetchResult is one page of a connector's inbound messages.
type FetchResult struct {
	Messages []IncomingMessage `json:"messages"`
	// Cursor is where the next fetch starts; the sync engine saves it in the same transaction as
	// Messages, so a crash between the two cannot lose or repeat a page.
	Cursor string `json:"cursor"`
	// More is set when another page is ready now (a backfill in progress).
	More bool `json:"more"`
	// Progress estimates a backfill's progress; nil when unknown.
	Progress *Progress `json:"progress"`
	// Wait is how long the platform asked to wait before the next fetch (YouTube live chat's
	// pollingIntervalMillis), 0 for the account's schedule.
	Wait time.Duration `json:"wait"`
}

// ModerationAction is what a person does to a comment on the platform.
type ModerationAction struct {
	Kind      string `json:"kind"` // hide, unhide, delete
	MessageID string `json:"message_id"`
	PostID    string `json:"post_id"`
}

// Moderation kinds.
const (
	ModerateHide   = "hide"
	ModerateUnhide = "unhide"
	ModerateDelete = "delete"
)

// AccountInfo is what a connection test learnt about the account.
type AccountInfo struct {
	DisplayName string            `json:"display_name"`
	IDs         map[string]string `json:"ids"` // ids the platform told, to complete Account.IDs
}

// Connector speaks one platform's API for one account. Errors are *Error: EUNAUTHORIZED (key
// account_token_invalid) for an invalid or expired token; EFORBIDDEN (key account_permission
// with param "permission") for a missing permission; ERATELIMITED wrapped in *RetryAfterError with
// the exact wait the platform gave; EUNAVAILABLE for network and 5xx errors; EINVALID for a
// refused message, with the platform's reason.
type Connector interface {
	Sender
	Capabilities() Capabilities
	// Test checks the credentials and returns what the platform says about the account.
	Test(ctx context.Context) (AccountInfo, error)
	// Fetch returns the inbound messages after cursor ("" for a first sync).
	Fetch(ctx context.Context, cursor string) (FetchResult, error)
	// Moderate hides, unhides or deletes a comment.
	Moderate(ctx context.Context, a ModerationAction) error
}

// ConnectorConfig is what a connector is built from.
type ConnectorConfig struct {
	Account Account
	Secrets map[string]string
	HTTP    *http.Client
	Now     func() time.Time
}

// DeliveryStatus is a platform's report on a message we sent (WhatsApp statuses).
type DeliveryStatus struct {
	PlatformMessageID string    `json:"platform_message_id"`
	Status            string    `json:"status"` // sent, delivered, read, failed
	Error             *Error    `json:"error"`  // why it failed, as the user should read it
	At                time.Time `json:"at"`
}

// WebhookBatch is what one verified webhook delivery holds for an account.
type WebhookBatch struct {
	Messages []IncomingMessage `json:"messages"`
	Statuses []DeliveryStatus  `json:"statuses"`
}

// NewAccount is an account to connect. Secrets go to the OS keyring.
type NewAccount struct {
	Name     string            `json:"name"`
	Platform string            `json:"platform"`
	BaseURL  string            `json:"base_url"`
	IDs      map[string]string `json:"ids"`
	Secrets  map[string]string `json:"secrets"`
}

// AccountUpdate changes the fields that are set.
type AccountUpdate struct {
	Name    *string            `json:"name,omitempty"`
	BaseURL *string            `json:"base_url,omitempty"`
	IDs     *map[string]string `json:"ids,omitempty"`
	// Secrets replaces the stored secrets (reconnecting with a new token).
	Secrets *map[string]string `json:"secrets,omitempty"`
}

// AccountService connects platform accounts to the open workspace and keeps them in sync.
type AccountService interface {
	ListAccounts(ctx context.Context) ([]Account, error)
	GetAccount(ctx context.Context, id int64) (Account, error)
	// AddAccount tests the credentials, then stores the account (its channels created) and its
	// secrets in the keyring. EINVALID for a bad field or a missing secret; the connector's errors
	// when the test fails; EUNAVAILABLE when there is no keyring. Nothing is kept on error.
	AddAccount(ctx context.Context, a NewAccount) (Account, error)
	UpdateAccount(ctx context.Context, id int64, u AccountUpdate) (Account, error)
	// TestAccount checks the stored credentials against the platform.
	TestAccount(ctx context.Context, id int64) (AccountInfo, error)
	// PauseAccount stops or resumes syncing and sending.
	PauseAccount(ctx context.Context, id int64, paused bool) (Account, error)
	// RemoveAccount disconnects: the secrets leave the keyring; its channels and messages stay.
	RemoveAccount(ctx context.Context, id int64) error
	// SyncNow asks for a sync of the account as soon as possible.
	SyncNow(ctx context.Context, id int64) (Account, error)
}

// ImportRequest asks to import a platform's data export from a file or folder.
type ImportRequest struct {
	Format string `json:"format"` // telegram, meta, csv
	Path   string `json:"path"`
	// Owner is the account's own display name in the export (its messages are outbound); ""
	// lets the importer work it out.
	Owner string `json:"owner"`
	// TimeZone reads Telegram dates that carry no zone (old exports); "" is UTC.
	TimeZone string `json:"time_zone"`
}

// ImportRejection is an item of an export that was not imported, and why.
type ImportRejection struct {
	Location string            `json:"location"` // file:line or file#index
	Reason   string            `json:"reason"`   // English
	Key      string            `json:"key"`
	Params   map[string]string `json:"params,omitempty"`
}

// ImportSummary says what an import did.
type ImportSummary struct {
	Platform   string            `json:"platform"`
	ChannelID  int64             `json:"channel_id"`
	Read       int               `json:"read"`       // messages found in the export
	Imported   int               `json:"imported"`   // new messages stored
	Duplicates int               `json:"duplicates"` // already there (a re-import adds nothing)
	Skipped    int               `json:"skipped"`    // service messages and the like
	Truncated  int               `json:"truncated"`  // texts cut to the size limit
	Rejected   []ImportRejection `json:"rejected"`
	// MoreRejected counts rejections beyond the ones listed.
	MoreRejected int `json:"more_rejected"`
}

// ImportProgressEvent is the payload of import:progress.
type ImportProgressEvent struct {
	Path  string `json:"path"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// ImportService imports platform data exports into the open workspace's inbox.
type ImportService interface {
	// Import reads the export and ingests it in batches, publishing import:progress. EINVALID when
	// the file is not the format; ENOTFOUND when it does not exist.
	Import(ctx context.Context, req ImportRequest) (ImportSummary, error)
}
