// Package youtube is the connector of the YouTube Data API v3 for one channel: it reads the
// comment threads of the channel's videos (or of chosen videos) and the chat of a live broadcast,
// replies to comments and in the chat, and moderates comments.
package youtube

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"tend/backend/connector/jsonapi"
	"time"
	"unicode/utf8"

	"tend/backend"
)

// DefaultBaseURL is where the Data API lives; Account.BaseURL overrides it (proxies, tests).
const DefaultBaseURL = "https://www.googleapis.com/youtube/v3"

// Names of the account's ids and secrets.
const (
	IDChannel  = "channel_id"   // required: the channel's id ("UC…")
	IDVideos   = "video_ids"    // optional: a comma-separated list of videos to read instead of the whole channel
	IDLiveChat = "live_chat_id" // optional: the chat of a live broadcast to read and answer

	SecretAccessToken = "access_token" // an OAuth 2.0 access token with the youtube.force-ssl scope
	SecretAPIKey      = "api_key"      // optional: an API key, added to reads
)

// Limits of the platform.
const (
	MaxCommentRunes  = 10000 // comments.insert's textOriginal
	MaxChatRunes     = 200   // liveChatMessages.insert's messageText
	maxResponseBytes = 8 << 20
)

// Connector speaks the Data API for one channel. It is safe for concurrent use.
type Connector struct {
	account    backend.Account
	channelID  string
	videoIDs   []string
	liveChatID string
	token      string
	apiKey     string
	base       string
	http       *http.Client
	now        func() time.Time
	pacific    *time.Location
	// commentInterval is how often comments are read while a live chat is polled: comment reads
	// cost quota and need not follow the chat's pace.
	commentInterval time.Duration
}

var _ backend.Connector = (*Connector)(nil)

// New returns the connector of cfg's account. EINVALID when the channel id is missing, or when
// there is neither an access token nor an API key.
func New(cfg backend.ConnectorConfig) (*Connector, error) {
	c := &Connector{
		account:         cfg.Account,
		channelID:       strings.TrimSpace(cfg.Account.IDs[IDChannel]),
		liveChatID:      strings.TrimSpace(cfg.Account.IDs[IDLiveChat]),
		token:           strings.TrimSpace(cfg.Secrets[SecretAccessToken]),
		apiKey:          strings.TrimSpace(cfg.Secrets[SecretAPIKey]),
		base:            strings.TrimRight(strings.TrimSpace(cfg.Account.BaseURL), "/"),
		http:            cfg.HTTP,
		now:             cfg.Now,
		commentInterval: 5 * time.Minute,
	}
	for _, v := range strings.Split(cfg.Account.IDs[IDVideos], ",") {
		if v = strings.TrimSpace(v); v != "" && !containsString(c.videoIDs, v) {
			c.videoIDs = append(c.videoIDs, v)
		}
	}
	switch {
	case c.channelID == "":
		return nil, backend.Errorf(backend.EINVALID, "A YouTube account needs its channel id (%s), which starts with UC.", IDChannel).
			Localized(KeyIDRequired, "platform", platformName, "id", IDChannel)
	case c.token == "" && c.apiKey == "":
		return nil, backend.Errorf(backend.EINVALID, "A YouTube account needs an OAuth access token.").
			Localized(KeySecretRequired, "platform", platformName, "secret", SecretAccessToken)
	}
	if c.base == "" {
		c.base = DefaultBaseURL
	}
	if c.http == nil {
		c.http = &http.Client{Timeout: 30 * time.Second}
	}
	if c.now == nil {
		c.now = time.Now
	}
	if loc, err := time.LoadLocation("America/Los_Angeles"); err == nil {
		c.pacific = loc
	} else {
		// Without a time zone database, Pacific Standard Time: at worst an hour late in summer.
		c.pacific = time.FixedZone("PST", -8*3600)
	}
	return c, nil
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Capabilities: YouTube comments are fetched, answered, held for review and rejected.
func (c *Connector) Capabilities() backend.Capabilities {
	return backend.Capabilities{Fetch: true, Send: true, Hide: true, Delete: true}
}

// Idempotent is false: the Data API has no idempotency key.
func (c *Connector) Idempotent() bool { return false }

// Test reads the channel the token belongs to (or, with only an API key, the configured one).
func (c *Connector) Test(ctx context.Context) (backend.AccountInfo, error) {
	q := url.Values{"part": {"snippet"}}
	if c.token != "" {
		q.Set("mine", "true")
	} else {
		q.Set("id", c.channelID)
	}
	var res struct {
		Items []struct {
			ID      string `json:"id"`
			Snippet struct {
				Title     string `json:"title"`
				CustomURL string `json:"customUrl"`
			} `json:"snippet"`
		} `json:"items"`
	}
	if err := c.call(ctx, http.MethodGet, "/channels", q, nil, &res); err != nil {
		return backend.AccountInfo{}, err
	}
	if len(res.Items) == 0 || res.Items[0].ID == "" {
		return backend.AccountInfo{}, backend.Errorf(backend.ENOTFOUND, "YouTube knows no channel %s for this account: check the channel id, or that the token's Google account has a channel.", c.channelID).
			Localized(KeyChannelNotFound, "platform", platformName, "channel", c.channelID)
	}
	ch := res.Items[0]
	if ch.ID != c.channelID {
		return backend.AccountInfo{}, backend.Errorf(backend.EINVALID, "The token belongs to the YouTube channel %s, not %s: connect with the account that owns the channel.", ch.ID, c.channelID).
			Localized(KeyChannelMismatch, "platform", platformName, "channel", c.channelID, "token_channel", ch.ID)
	}
	name := strings.TrimSpace(ch.Snippet.Title)
	if name == "" {
		name = ch.Snippet.CustomURL
	}
	return backend.AccountInfo{DisplayName: name, IDs: map[string]string{IDChannel: ch.ID}}, nil
}

// Send replies to a comment thread (comments.insert with the top-level comment as parent) or
// writes in a live chat (liveChatMessages.insert).
func (c *Connector) Send(ctx context.Context, m backend.OutboundMessage) (backend.SendReceipt, error) {
	if err := backend.ValidateReplyText(m.Text); err != nil {
		return backend.SendReceipt{}, err
	}
	if c.token == "" {
		return backend.SendReceipt{}, c.noToken()
	}
	switch m.Kind {
	case backend.ConversationLiveChat:
		return c.sendChat(ctx, m)
	case backend.ConversationCommentThread, "":
		return c.sendReply(ctx, m)
	}
	return backend.SendReceipt{}, backend.Errorf(backend.EINVALID, "YouTube has no direct messages: only comments and live chats can be answered.").
		Localized(KeyKindUnsupported, "platform", platformName, "kind", string(m.Kind))
}

func (c *Connector) sendReply(ctx context.Context, m backend.OutboundMessage) (backend.SendReceipt, error) {
	parent := strings.TrimSpace(m.ThreadKey)
	if parent == "" {
		parent = strings.TrimSpace(m.ReplyTo)
	}
	if parent == "" {
		return backend.SendReceipt{}, backend.Errorf(backend.EINVALID, "This reply has no YouTube comment to answer.").
			Localized(KeyTargetMissing, "platform", platformName)
	}
	if n := utf8.RuneCountInString(m.Text); n > MaxCommentRunes {
		return backend.SendReceipt{}, backend.Errorf(backend.EINVALID, "The reply is %d characters long; YouTube accepts at most %d.", n, MaxCommentRunes).
			Localized("reply_text_too_long", "length", itoa(n), "limit", itoa(MaxCommentRunes))
	}
	body := map[string]any{"snippet": map[string]any{"parentId": parent, "textOriginal": m.Text}}
	var res comment
	if err := c.call(ctx, http.MethodPost, "/comments", url.Values{"part": {"snippet"}}, body, &res); err != nil {
		return backend.SendReceipt{}, err
	}
	if res.ID == "" {
		return backend.SendReceipt{}, c.badResponse(errors.New("youtube: the new comment has no id"))
	}
	return backend.SendReceipt{PlatformMessageID: res.ID, SentAt: c.sentAt(res.Snippet.PublishedAt)}, nil
}

func (c *Connector) sendChat(ctx context.Context, m backend.OutboundMessage) (backend.SendReceipt, error) {
	chat := firstNonEmpty(m.ThreadKey, m.PostID, c.liveChatID)
	if chat == "" {
		return backend.SendReceipt{}, backend.Errorf(backend.EINVALID, "This reply has no YouTube live chat to write in.").
			Localized(KeyTargetMissing, "platform", platformName)
	}
	if n := utf8.RuneCountInString(m.Text); n > MaxChatRunes {
		return backend.SendReceipt{}, backend.Errorf(backend.EINVALID, "The message is %d characters long; a YouTube live chat accepts at most %d.", n, MaxChatRunes).
			Localized("reply_text_too_long", "length", itoa(n), "limit", itoa(MaxChatRunes))
	}
	body := map[string]any{"snippet": map[string]any{
		"liveChatId":         chat,
		"type":               "textMessageEvent",
		"textMessageDetails": map[string]any{"messageText": m.Text},
	}}
	var res liveMessage
	if err := c.call(ctx, http.MethodPost, "/liveChat/messages", url.Values{"part": {"snippet"}}, body, &res); err != nil {
		return backend.SendReceipt{}, err
	}
	if res.ID == "" {
		return backend.SendReceipt{}, c.badResponse(errors.New("youtube: the new chat message has no id"))
	}
	return backend.SendReceipt{PlatformMessageID: res.ID, SentAt: c.sentAt(res.Snippet.PublishedAt)}, nil
}

func (c *Connector) sentAt(published string) time.Time {
	if t, ok := parseTime(published); ok {
		return t
	}
	return c.now().UTC()
}

// Moderate hides a comment (held for review), shows it again (published) or removes it
// (rejected) with comments.setModerationStatus.
func (c *Connector) Moderate(ctx context.Context, a backend.ModerationAction) error {
	var status string
	switch a.Kind {
	case backend.ModerateHide:
		status = "heldForReview"
	case backend.ModerateUnhide:
		status = "published"
	case backend.ModerateDelete:
		status = "rejected"
	default:
		return backend.Errorf(backend.EINVALID, "Unknown moderation %q: hide, unhide or delete.", a.Kind).
			Localized(KeyModerationUnknown, "platform", platformName, "kind", a.Kind)
	}
	if strings.TrimSpace(a.MessageID) == "" {
		return backend.Errorf(backend.EINVALID, "Say which YouTube comment to moderate.").
			Localized(KeyModerationTarget, "platform", platformName)
	}
	if c.token == "" {
		return c.noToken()
	}
	q := url.Values{"id": {strings.TrimSpace(a.MessageID)}, "moderationStatus": {status}}
	return c.call(ctx, http.MethodPost, "/comments/setModerationStatus", q, nil, nil)
}

func (c *Connector) noToken() *backend.Error {
	return backend.Errorf(backend.EUNAUTHORIZED, "Answering and moderating on YouTube need an OAuth access token: reconnect the account.").
		Localized(KeyTokenInvalid, "platform", platformName)
}

// call sends one request and decodes a 2xx JSON answer into out (nothing for a 204); any
// failure is a *backend.Error, wrapped in a *backend.RetryAfterError when the wait is known.
func (c *Connector) call(ctx context.Context, method, path string, query url.Values, body, out any) error {
	if query == nil {
		query = url.Values{}
	}
	if c.apiKey != "" && method == http.MethodGet {
		query.Set("key", c.apiKey)
	}
	u := c.base + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	resp, err := jsonapi.Exchange(ctx, c.http, method, u, c.token, body, maxResponseBytes)
	switch {
	case jsonapi.Internal(err):
		return err
	case err != nil && ctx.Err() != nil:
		return unreachable(err) // the context's own error: no secret in it
	case err != nil:
		return unreachable(c.redactErr(err))
	}
	if e := c.responseError(resp.Status, resp.Header, resp.Body); e != nil {
		return e
	}
	if out == nil || resp.Status == http.StatusNoContent {
		return nil
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		return c.badResponse(err)
	}
	return nil
}

// redactErr returns err's text without the account's secrets, as a new error: the original's chain
// might still hold them (a *url.Error holds the URL and its key parameter).
func (c *Connector) redactErr(err error) error {
	return errors.New(c.redact(err.Error()))
}

func (c *Connector) redact(s string) string {
	for _, secret := range []string{c.token, c.apiKey} {
		if len(secret) >= 4 {
			s = strings.ReplaceAll(s, secret, "[redacted]")
			if esc := url.QueryEscape(secret); esc != secret {
				s = strings.ReplaceAll(s, esc, "[redacted]")
			}
		}
	}
	return s
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// parseTime reads the API's RFC 3339 times.
func parseTime(s string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	if err != nil || t.IsZero() {
		return time.Time{}, false
	}
	return t.UTC(), true
}
