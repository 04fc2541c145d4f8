// Package meta connects Tend to Meta's platforms through the Graph API: an Instagram professional
// account (direct messages and comments on its media) and a Facebook Page (comments on its posts
// and its Messenger conversations). It also reads and verifies the webhooks Meta sends for both.
//
// Threads. A direct-message conversation's ThreadKey is the contact's scoped id (IGSID or PSID),
// both when fetched and when it arrives by webhook (a webhook carries no conversation id), so that
// both paths fill the same conversation; a comment thread's is its top-level comment's id, and an
// Instagram live broadcast's chat is keyed by the live media's id.
//
// Fetching. Each Fetch makes one step of a round: a page of conversations with their new messages,
// the list of recent posts, or a page of one post's comments. FetchResult.More stays set until the
// round is over. The cursor is a JSON object (see cursorState) holding paging cursors and what was
// seen, never a URL or a token. A first sync reaches back BackfillWindow; comments are read on the
// RecentPosts newest posts whose comment count (Instagram) or update time (Facebook) changed.
// Webhooks cover the rest.
package meta

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"tend/backend"
	"tend/backend/connector/graph"
)

// Secrets a Meta account keeps in the keyring.
const (
	SecretAccessToken = "access_token" // a Page access token (required)
	SecretAppSecret   = "app_secret"   // the app secret: webhook signatures, appsecret_proof
	SecretVerifyToken = "verify_token" // the token of webhook subscription checks
)

// Ids a Meta account needs.
const (
	IDPageID     = "page_id"     // the Facebook Page (linked to the Instagram account)
	IDIGUserID   = "ig_user_id"  // the Instagram professional account
	IDIGUsername = "ig_username" // the Instagram account's username, learnt by Test
)

// Fetch bounds.
const (
	// BackfillWindow is how far back a first sync reads.
	BackfillWindow = 30 * 24 * time.Hour
	// RecentPosts is how many of the newest posts or media are watched for new comments.
	RecentPosts = 25
	// Slack is subtracted from every "seen until" time, so that clock skew loses nothing; the
	// inbox drops the duplicates it brings.
	Slack = 5 * time.Minute

	conversationPage = 10 // conversations per page
	inlineMessages   = 25 // messages read with each conversation
	messagePage      = 50 // messages per further page
	maxMessagePages  = 4  // further pages per conversation and round
	commentPage      = 50 // comments per page
	maxCommentPages  = 20 // comment pages per post and round
	maxReplyPages    = 10 // further reply pages per comment
	postTitleRunes   = 80
)

// Translation keys of the errors the connectors return besides graph's. Every error, graph's
// included, also carries the parameter "platform": "Instagram" or "Facebook".
const (
	// KeyIDRequired (EINVALID): an id the account needs is missing. Param "id".
	KeyIDRequired = "account_id_required"
	// KeySecretRequired (EINVALID): a secret the account needs is missing. Param "secret".
	KeySecretRequired = "account_secret_required"
	// KeyChannelMissing (EINVALID): the account has no inbox channel. Params "platform" (the
	// channel's platform) and "account" (the account's name).
	KeyChannelMissing = "account_channel_missing"
	// KeyKindUnsupported (EINVALID): the account cannot send this kind of message. Params
	// "kind", "platform".
	KeyKindUnsupported = "send_kind_unsupported"
	// KeyTargetMissing (EINVALID): a message has no recipient or comment to answer.
	KeyTargetMissing = "send_target_missing"
	// KeyModerationUnknown (EINVALID): an unknown moderation kind. Param "kind".
	KeyModerationUnknown = "moderation_kind_unknown"
	// KeyModerationTarget (EINVALID): a moderation names no comment.
	KeyModerationTarget = "moderation_target_missing"
)

// conn is what both connectors share: the account, the Graph client and the account's own ids.
type conn struct {
	name     string // the platform's name in messages: Instagram, Facebook
	acct     backend.Account
	api      *graph.Client
	now      func() time.Time
	pageID   string
	igUserID string
	own      map[string]bool // ids (and the Instagram username) of the account itself
}

func newConn(cfg backend.ConnectorConfig, name string, ids []string, channels []string, anyChannel bool) (*conn, error) {
	for _, id := range ids {
		if !validID(cfg.Account.IDs[id]) {
			return nil, backend.Errorf(backend.EINVALID, "The %s account needs its %s (letters, digits, \"_\", \".\" or \"-\").", name, id).
				Localized(KeyIDRequired, "platform", name, "id", id)
		}
	}
	token := cfg.Secrets[SecretAccessToken]
	if strings.TrimSpace(token) == "" {
		return nil, backend.Errorf(backend.EINVALID, "The %s account needs its access token.", name).
			Localized(KeySecretRequired, "platform", name, "secret", SecretAccessToken)
	}
	have := 0
	for _, p := range channels {
		if cfg.Account.Channels[p] > 0 {
			have++
		} else if !anyChannel {
			return nil, channelMissing(name, p, cfg.Account.Name)
		}
	}
	if have == 0 {
		return nil, channelMissing(name, channels[0], cfg.Account.Name)
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	c := &conn{
		name: name,
		acct: cfg.Account,
		api: &graph.Client{
			BaseURL: cfg.Account.BaseURL, Version: graph.Version, Token: token,
			AppSecret: cfg.Secrets[SecretAppSecret], HTTP: cfg.HTTP, Now: now, Platform: name,
		},
		now:      now,
		pageID:   cfg.Account.IDs[IDPageID],
		igUserID: cfg.Account.IDs[IDIGUserID],
		own:      map[string]bool{},
	}
	for _, id := range []string{c.pageID, c.igUserID} {
		if id != "" {
			c.own[id] = true
		}
	}
	if u := cfg.Account.IDs[IDIGUsername]; u != "" {
		c.own["@"+strings.ToLower(u)] = true
	}
	return c, nil
}

// validID reports whether s can be a Graph object id in a path: Meta's ids are digits, with "_"
// in post and comment ids; anything that could reach another path ("/", "..", "?") is refused.
func validID(s string) bool {
	if s == "" || len(s) > backend.MaxPlatformIDBytes || strings.Contains(s, "..") {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_' || r == '.' || r == '-') {
			return false
		}
	}
	return true
}

// isOwn reports whether an author is the account itself.
func (c *conn) isOwn(id, username string) bool {
	return id != "" && c.own[id] || username != "" && c.own["@"+strings.ToLower(username)]
}

// channel returns the account's channel for platform, 0 when it has none.
func (c *conn) channel(platform string) int64 { return c.acct.Channels[platform] }

func channelMissing(name, platform, account string) error {
	return backend.Errorf(backend.EINVALID, "The %s account %q has no %s channel in the inbox.", name, account, platform).
		Localized(KeyChannelMissing, "platform", platform, "account", account)
}

// need fills the permission a call needs into an account_permission error that does not name one.
func (c *conn) need(err error, permission string) error {
	var e *backend.Error
	if errors.As(err, &e) && e.Key == graph.KeyPermission && e.Params["permission"] == "" {
		*e = *graph.PermissionError(e.Err, c.name, permission)
	}
	return err
}

// Idempotent is false: the Graph API has no idempotency key, so an interrupted send may or may
// not have been delivered.
func (c *conn) Idempotent() bool { return false }

// sendDM answers a direct message through the Send API. Inside the 24-hour window it is a
// RESPONSE; when Meta says the window is closed and a person wrote or approved the reply, it is
// sent once more with the HUMAN_AGENT tag, which Meta accepts for 7 days.
func (c *conn) sendDM(ctx context.Context, m backend.OutboundMessage, permission string) (backend.SendReceipt, error) {
	recipient := m.Recipient
	if recipient == "" {
		recipient = m.ThreadKey
	}
	if !validID(recipient) {
		return backend.SendReceipt{}, c.targetMissing()
	}
	body := sendBody{Recipient: sendRecipient{ID: recipient}, Message: sendMessage{Text: m.Text}, MessagingType: "RESPONSE"}
	r, err := c.sendAPI(ctx, body)
	if err == nil || !isKey(err, graph.KeyOutsideWindow) {
		return r, c.need(err, permission)
	}
	if !m.HumanAgent {
		return backend.SendReceipt{}, backend.Wrap(backend.EINVALID, err, "The 24-hour reply window of this conversation is closed: %s accepts a reply now only if a person writes or approves it (up to 7 days after the person's last message), or once they write again.", c.name).
			Localized(graph.KeyOutsideWindow, "platform", c.name)
	}
	body.MessagingType, body.Tag = "MESSAGE_TAG", "HUMAN_AGENT"
	r, err = c.sendAPI(ctx, body)
	if err != nil && isKey(err, graph.KeyOutsideWindow) {
		return backend.SendReceipt{}, backend.Wrap(backend.EINVALID, err, "More than 7 days have passed since the person's last message: %s accepts no reply until they write again.", c.name).
			Localized(graph.KeyOutsideWindow, "platform", c.name)
	}
	return r, c.need(err, permission)
}

// privateReply sends a private reply to a comment through the Send API.
func (c *conn) privateReply(ctx context.Context, commentID, text, permission string) (backend.SendReceipt, error) {
	if !validID(commentID) {
		return backend.SendReceipt{}, c.targetMissing()
	}
	if err := backend.ValidateReplyText(text); err != nil {
		return backend.SendReceipt{}, err
	}
	r, err := c.sendAPI(ctx, sendBody{Recipient: sendRecipient{CommentID: commentID}, Message: sendMessage{Text: text}})
	return r, c.need(err, permission)
}

type sendRecipient struct {
	ID        string `json:"id,omitempty"`
	CommentID string `json:"comment_id,omitempty"`
}

type sendMessage struct {
	Text string `json:"text"`
}

type sendBody struct {
	Recipient     sendRecipient `json:"recipient"`
	Message       sendMessage   `json:"message"`
	MessagingType string        `json:"messaging_type,omitempty"`
	Tag           string        `json:"tag,omitempty"`
}

func (c *conn) sendAPI(ctx context.Context, body sendBody) (backend.SendReceipt, error) {
	var out struct {
		RecipientID graph.ID `json:"recipient_id"`
		MessageID   graph.ID `json:"message_id"`
	}
	if err := c.api.Post(ctx, c.pageID+"/messages", nil, body, &out); err != nil {
		return backend.SendReceipt{}, err
	}
	return c.receipt(string(out.MessageID))
}

// comment answers the comment m.ReplyTo, else the thread's top-level comment, at its edge
// (Instagram's replies, Facebook's comments).
func (c *conn) comment(ctx context.Context, m backend.OutboundMessage, edge, permission string) (backend.SendReceipt, error) {
	target := m.ReplyTo
	if target == "" {
		target = m.ThreadKey
	}
	if !validID(target) {
		return backend.SendReceipt{}, c.targetMissing()
	}
	var out struct {
		ID graph.ID `json:"id"`
	}
	if err := c.api.Post(ctx, target+"/"+edge, nil, map[string]string{"message": m.Text}, &out); err != nil {
		return backend.SendReceipt{}, c.need(err, permission)
	}
	return c.receipt(string(out.ID))
}

func (c *conn) receipt(id string) (backend.SendReceipt, error) {
	if id == "" {
		return backend.SendReceipt{}, backend.Errorf(backend.EUNAVAILABLE, "%s accepted the message but did not say its id.", c.name).
			Localized(graph.KeyBadResponse, "platform", c.name, "status", "200")
	}
	return backend.SendReceipt{PlatformMessageID: id, SentAt: c.now()}, nil
}

// moderate hides, unhides or deletes a comment; hideParam is the query parameter of hiding
// (Instagram's hide, Facebook's is_hidden).
func (c *conn) moderate(ctx context.Context, a backend.ModerationAction, hideParam, permission string) error {
	id := strings.TrimSpace(a.MessageID)
	if !validID(id) {
		return backend.Errorf(backend.EINVALID, "Say which comment to moderate.").Localized(KeyModerationTarget, "platform", c.name)
	}
	var out struct {
		Success bool `json:"success"`
	}
	var err error
	switch a.Kind {
	case backend.ModerateHide, backend.ModerateUnhide:
		q := map[string][]string{hideParam: {boolString(a.Kind == backend.ModerateHide)}}
		err = c.api.Post(ctx, id, q, nil, &out)
	case backend.ModerateDelete:
		err = c.api.Delete(ctx, id, nil, &out)
	default:
		return backend.Errorf(backend.EINVALID, "Unknown moderation %q: hide, unhide or delete.", a.Kind).
			Localized(KeyModerationUnknown, "platform", c.name, "kind", a.Kind)
	}
	if err != nil {
		return c.need(err, permission)
	}
	if !out.Success {
		return backend.Errorf(backend.EINVALID, "%s did not apply the moderation.", c.name).
			Localized(graph.KeyRefused, "platform", c.name, "reason", "success: false", "code", "0")
	}
	return nil
}

func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func (c *conn) targetMissing() error {
	return backend.Errorf(backend.EINVALID, "The message names no recipient or comment to answer.").
		Localized(KeyTargetMissing, "platform", c.name)
}

func (c *conn) kindUnsupported(kind backend.ConversationKind) error {
	return backend.Errorf(backend.EINVALID, "%s cannot send a message of kind %q from Tend.", c.name, kind).
		Localized(KeyKindUnsupported, "platform", c.name, "kind", string(kind))
}

func isKey(err error, key string) bool {
	var e *backend.Error
	return errors.As(err, &e) && e.Key == key
}

// excerpt is a post's title: its first line, cut to postTitleRunes.
func excerpt(s string) string {
	s = strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD"))
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	if utf8.RuneCountInString(s) <= postTitleRunes {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:postTitleRunes-1])) + "…"
}

// fields returns the Graph "fields" query parameter.
func fields(f string) map[string][]string { return map[string][]string{"fields": {f}} }
