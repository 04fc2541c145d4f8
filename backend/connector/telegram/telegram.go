// Package telegram connects a Telegram bot to Tend through the Bot API
// (https://core.telegram.org/bots/api): it polls getUpdates or parses webhook deliveries, sends
// replies with sendMessage and deletes messages.
//
// The bot token is the only credential and sits in every request's path: it never appears in an
// error, a parameter or a log line (network errors, which quote the URL, are redacted).
package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"tend/backend"
)

// Defaults and limits of the Bot API.
const (
	DefaultBaseURL  = "https://api.telegram.org"
	DefaultLongPoll = 25   // seconds a getUpdates call waits for updates once the first sync is done
	MaxLongPoll     = 50   // servers cap the long-poll there
	MaxTextRunes    = 4096 // sendMessage's text limit, in characters
	PageSize        = 100  // getUpdates' largest limit

	// Secret names in ConnectorConfig.Secrets.
	SecretBotToken      = "bot_token"
	SecretWebhookSecret = "webhook_secret"

	// KeyBaseURLInvalid is the key of the EINVALID error New returns for a bad Account.BaseURL,
	// params url.
	KeyBaseURLInvalid = "account_base_url_invalid"

	requestTimeout = 30 * time.Second
	maxBodyBytes   = 16 << 20
)

// Option changes how a Connector works.
type Option func(*Connector)

// WithLongPoll sets how many seconds getUpdates waits for updates once the first sync is done
// (DefaultLongPoll unless set; 0 turns long polling off; at most MaxLongPoll).
func WithLongPoll(seconds int) Option {
	return func(c *Connector) { c.longPoll = min(max(seconds, 0), MaxLongPoll) }
}

// Connector speaks the Bot API for one bot. It is safe for concurrent use.
type Connector struct {
	token         string
	webhookSecret string
	base          string
	account       string
	channelID     int64
	client        *http.Client
	now           func() time.Time
	longPoll      int
	publishChat   string // where PublishPost posts (IDPublishChat), "" for nowhere

	mu    sync.Mutex
	botID int64 // learnt from getMe, 0 until then
}

var _ backend.Connector = (*Connector)(nil)

// New returns the connector of cfg's account: cfg.Secrets["bot_token"] is required,
// cfg.Secrets["webhook_secret"] optional, cfg.Account.Channels["telegram"] is the inbox channel
// Fetch fills, cfg.Account.IDs["publish_chat"] the optional chat PublishPost posts to (EINVALID
// telegram_publish_chat_invalid when it is neither "@username" nor a chat id). cfg.HTTP is used
// when set, else a client that follows no redirect (the token is in the path) and times out after
// the long-poll plus 10 seconds.
func New(cfg backend.ConnectorConfig, opts ...Option) (*Connector, error) {
	token := strings.TrimSpace(cfg.Secrets[SecretBotToken])
	if token == "" {
		return nil, backend.Errorf(backend.EINVALID, "The account's secret %q is missing: enter it again in the account settings.", SecretBotToken).
			Localized(KeySecretMissing, "platform", platformName, "name", SecretBotToken)
	}
	base := strings.TrimRight(strings.TrimSpace(cfg.Account.BaseURL), "/")
	if base == "" {
		base = DefaultBaseURL
	}
	if u, err := url.Parse(base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		shown := redactToken(base, token)
		return nil, backend.Errorf(backend.EINVALID, "%q is not a Bot API server address (http or https URL).", shown).
			Localized(KeyBaseURLInvalid, "platform", platformName, "url", shown)
	}
	publishChat, err := parsePublishChat(cfg.Account.IDs[IDPublishChat])
	if err != nil {
		return nil, err
	}
	c := &Connector{
		publishChat:   publishChat,
		token:         token,
		webhookSecret: cfg.Secrets[SecretWebhookSecret],
		base:          base,
		account:       cfg.Account.Name,
		channelID:     cfg.Account.Channels[backend.PlatformTelegram],
		client:        cfg.HTTP,
		now:           cfg.Now,
		longPoll:      DefaultLongPoll,
	}
	for _, o := range opts {
		o(c)
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.client == nil {
		c.client = &http.Client{
			Timeout: max(time.Duration(c.longPoll)*time.Second+10*time.Second, requestTimeout),
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return errors.New("the Bot API server answered with a redirect, which Tend does not follow")
			},
		}
	}
	return c, nil
}

// String names the connector without its token.
func (c *Connector) String() string { return fmt.Sprintf("telegram connector %q", c.account) }

// GoString is String: %#v must not print the token either.
func (c *Connector) GoString() string { return c.String() }

// Capabilities: a bot fetches, sends and receives webhooks; it cannot hide messages but deletes
// them where it may (its own, private chats, groups and channels where it is an administrator).
func (c *Connector) Capabilities() backend.Capabilities {
	return backend.Capabilities{Fetch: true, Send: true, Hide: false, Delete: true, PrivateReply: false, Webhook: true}
}

// Idempotent is false: the Bot API has no idempotency key, a repeated sendMessage sends twice.
func (c *Connector) Idempotent() bool { return false }

// Test calls getMe and returns the bot's name and ids ("bot_id", "username").
func (c *Connector) Test(ctx context.Context) (backend.AccountInfo, error) {
	me, err := c.getMe(ctx)
	if err != nil {
		return backend.AccountInfo{}, err
	}
	name := me.FirstName
	if me.Username != "" {
		name = strings.TrimSpace(name + " (@" + me.Username + ")")
	}
	return backend.AccountInfo{
		DisplayName: name,
		IDs:         map[string]string{"bot_id": strconv.FormatInt(me.ID, 10), "username": me.Username},
	}, nil
}

func (c *Connector) getMe(ctx context.Context) (user, error) {
	var me user
	if err := c.call(ctx, "getMe", struct{}{}, requestTimeout, &me); err != nil {
		return user{}, err
	}
	if me.ID == 0 {
		return user{}, c.badResponse("getMe", http.StatusOK, "the bot has no id")
	}
	c.mu.Lock()
	c.botID = me.ID
	c.mu.Unlock()
	return me, nil
}

// bot returns the bot's id, calling getMe the first time only.
func (c *Connector) bot(ctx context.Context) (int64, error) {
	c.mu.Lock()
	id := c.botID
	c.mu.Unlock()
	if id != 0 {
		return id, nil
	}
	me, err := c.getMe(ctx)
	return me.ID, err
}

type getUpdatesRequest struct {
	Offset         *int64   `json:"offset,omitempty"`
	Limit          int      `json:"limit"`
	Timeout        int      `json:"timeout"`
	AllowedUpdates []string `json:"allowed_updates"`
}

// Fetch calls getUpdates from cursor, the next offset ("" for none): at once on a first sync, with
// a long poll afterwards. Fetching from an offset confirms, and so drops on Telegram's side, every
// update below it; the returned cursor is the last update id plus one, past updates of kinds Tend
// skips too. More is set when a full page came back.
func (c *Connector) Fetch(ctx context.Context, cursor string) (backend.FetchResult, error) {
	if c.channelID <= 0 {
		return backend.FetchResult{}, channelMissing()
	}
	req := getUpdatesRequest{Limit: PageSize, AllowedUpdates: allowedUpdates}
	var offset int64
	if cursor != "" {
		n, err := strconv.ParseInt(cursor, 10, 64)
		if err != nil || n < 0 {
			return backend.FetchResult{}, backend.Errorf(backend.EINTERNAL, "telegram: invalid cursor %q", cursor)
		}
		offset = n
		req.Offset = &offset
		req.Timeout = c.longPoll
	}
	botID, err := c.bot(ctx)
	if err != nil {
		return backend.FetchResult{}, err
	}
	var raws []json.RawMessage
	timeout := max(time.Duration(req.Timeout)*time.Second+10*time.Second, requestTimeout)
	if err := c.call(ctx, "getUpdates", req, timeout, &raws); err != nil {
		return backend.FetchResult{}, err
	}
	res := backend.FetchResult{Cursor: cursor, More: len(raws) >= PageSize}
	if len(raws) == 0 {
		return res, nil
	}
	m := mapper{channelID: c.channelID, botID: botID}
	seen := make(map[string]bool, len(raws))
	next := offset
	for _, raw := range raws {
		var id struct {
			UpdateID *int64 `json:"update_id"`
		}
		if json.Unmarshal(raw, &id) != nil || id.UpdateID == nil || *id.UpdateID < 0 || *id.UpdateID == math.MaxInt64 {
			return backend.FetchResult{}, c.badResponse("getUpdates", http.StatusOK, "an update without a valid update_id")
		}
		var u update
		if json.Unmarshal(raw, &u) != nil {
			// A field Tend reads has an unexpected shape: skip the update, but past it.
			u = update{}
		}
		u.UpdateID = *id.UpdateID
		if u.UpdateID >= next {
			next = u.UpdateID + 1
		}
		if msg, ok := m.message(u); ok && !seen[msg.PlatformMessageID] {
			// An edit in the same page as its message is dropped like any later edit.
			seen[msg.PlatformMessageID] = true
			res.Messages = append(res.Messages, msg)
		}
	}
	res.Cursor = strconv.FormatInt(next, 10)
	return res, nil
}

type replyParameters struct {
	MessageID                int64 `json:"message_id"`
	AllowSendingWithoutReply bool  `json:"allow_sending_without_reply"`
}

type sendMessageRequest struct {
	ChatID          any              `json:"chat_id"`
	Text            string           `json:"text"`
	ReplyParameters *replyParameters `json:"reply_parameters,omitempty"`
}

// Send sends m.Text to the chat m.ThreadKey (a chat id, or @channelusername) with sendMessage, as a
// reply to m.ReplyTo when it is a message of that chat ("<chat_id>:<message_id>"); the reply goes
// out even if that message was deleted since.
func (c *Connector) Send(ctx context.Context, m backend.OutboundMessage) (backend.SendReceipt, error) {
	if strings.TrimSpace(m.Text) == "" {
		return backend.SendReceipt{}, backend.Errorf(backend.EINVALID, "The reply is empty.").Localized(KeyTextRequired, "platform", platformName)
	}
	if n := utf8.RuneCountInString(m.Text); n > MaxTextRunes {
		return backend.SendReceipt{}, backend.Errorf(backend.EINVALID,
			"Telegram messages are limited to %d characters; this one has %d.", MaxTextRunes, n).
			Localized(KeyTooLong, "platform", platformName, "limit", strconv.Itoa(MaxTextRunes), "length", strconv.Itoa(n))
	}
	req := sendMessageRequest{ChatID: chatIDValue(m.ThreadKey), Text: m.Text}
	if chatID, msgID, ok := splitMessageID(m.ReplyTo); ok && chatID == strings.TrimSpace(m.ThreadKey) {
		req.ReplyParameters = &replyParameters{MessageID: msgID, AllowSendingWithoutReply: true}
	}
	var sent message
	if err := c.call(ctx, "sendMessage", req, requestTimeout, &sent); err != nil {
		return backend.SendReceipt{}, err
	}
	if sent.MessageID == 0 || sent.Chat.ID == 0 {
		return backend.SendReceipt{}, c.badResponse("sendMessage", http.StatusOK, "the sent message has no id")
	}
	at := c.now().UTC()
	if sent.Date > 0 {
		at = time.Unix(sent.Date, 0).UTC()
	}
	return backend.SendReceipt{
		PlatformMessageID: strconv.FormatInt(sent.Chat.ID, 10) + ":" + strconv.FormatInt(sent.MessageID, 10),
		SentAt:            at,
	}, nil
}

// Moderate deletes a message with deleteMessage. Bots cannot hide messages: hide and unhide are
// EINVALID.
func (c *Connector) Moderate(ctx context.Context, a backend.ModerationAction) error {
	if a.Kind != backend.ModerateDelete {
		return backend.Errorf(backend.EINVALID,
			"Telegram cannot %q a message: a bot can only delete messages.", a.Kind).
			Localized(KeyModeration, "platform", platformName, "action", a.Kind)
	}
	chatID, msgID, ok := splitMessageID(a.MessageID)
	if !ok {
		return backend.Errorf(backend.EINVALID, "%q is not a Telegram message id (chat:message).", a.MessageID).
			Localized(KeyMessageIDInvalid, "platform", platformName, "id", a.MessageID)
	}
	req := struct {
		ChatID    any   `json:"chat_id"`
		MessageID int64 `json:"message_id"`
	}{chatIDValue(chatID), msgID}
	var done bool
	return c.call(ctx, "deleteMessage", req, requestTimeout, &done)
}

// SetWebhook asks Telegram to post updates to webhookURL, with secret in the
// X-Telegram-Bot-Api-Secret-Token header of every delivery ("" uses the account's webhook_secret
// secret, if any). getUpdates answers 409 while a webhook is set.
func (c *Connector) SetWebhook(ctx context.Context, webhookURL, secret string) error {
	if secret == "" {
		secret = c.webhookSecret
	}
	req := struct {
		URL            string   `json:"url"`
		SecretToken    string   `json:"secret_token,omitempty"`
		AllowedUpdates []string `json:"allowed_updates"`
	}{webhookURL, secret, allowedUpdates}
	var done bool
	return c.call(ctx, "setWebhook", req, requestTimeout, &done)
}

// DeleteWebhook removes the webhook, keeping pending updates for getUpdates.
func (c *Connector) DeleteWebhook(ctx context.Context) error {
	req := struct {
		DropPendingUpdates bool `json:"drop_pending_updates"`
	}{false}
	var done bool
	return c.call(ctx, "deleteWebhook", req, requestTimeout, &done)
}

// call posts payload as JSON to method and decodes the result into result.
func (c *Connector) call(ctx context.Context, method string, payload any, timeout time.Duration, result any) error {
	body, err := json.Marshal(payload)
	if err != nil {
		return backend.Wrap(backend.EINTERNAL, err, "Internal error.")
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return c.exchange(ctx, c.client, method, bytes.NewReader(body), "application/json", result)
}

// exchange posts body (of contentType) to method with hc and decodes the result into result.
func (c *Connector) exchange(ctx context.Context, hc *http.Client, method string, body io.Reader, contentType string, result any) error {
	endpoint := c.base + "/bot" + url.PathEscape(c.token) + "/" + method
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, body)
	if err != nil {
		return backend.Wrap(backend.EINTERNAL, c.redactErr(err), "Internal error.")
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return c.networkError(method, err)
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes+1))
	if err != nil {
		return c.networkError(method, err)
	}
	if len(data) > maxBodyBytes {
		return c.badResponse(method, resp.StatusCode, "the body is too large")
	}
	var env envelope
	var probe struct {
		OK *bool `json:"ok"`
	}
	if json.Unmarshal(data, &probe) != nil || probe.OK == nil || json.Unmarshal(data, &env) != nil {
		return c.apiError(method, resp.StatusCode, resp.Header, nil)
	}
	if !env.OK {
		return c.apiError(method, resp.StatusCode, resp.Header, &env)
	}
	if result != nil {
		if err := json.Unmarshal(env.Result, result); err != nil {
			return c.badResponse(method, resp.StatusCode, "the result does not decode: "+err.Error())
		}
	}
	return nil
}

// chatIDValue is a chat_id as the API takes it: an integer, or a string such as "@channel".
func chatIDValue(s string) any {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n
	}
	return s
}

// splitMessageID splits "<chat_id>:<message_id>".
func splitMessageID(id string) (string, int64, bool) {
	i := strings.LastIndexByte(id, ':')
	if i <= 0 {
		return "", 0, false
	}
	n, err := strconv.ParseInt(id[i+1:], 10, 64)
	if err != nil || n <= 0 {
		return "", 0, false
	}
	return id[:i], n, true
}

func channelMissing() error {
	return backend.Errorf(backend.EINVALID, "The account has no %s inbox channel yet: finish connecting it.", platformName).
		Localized(KeyChannelMissing, "platform", platformName)
}
