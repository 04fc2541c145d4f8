// Package telegramtest is a fake Telegram Bot API server for tests. It speaks the documented wire
// format (https://core.telegram.org/bots/api): routes /bot<token>/<method> (method names in any
// case), takes parameters from the query string, a form, a multipart form or a JSON body, answers
// with the {"ok":…} envelope and the HTTP status equal to error_code.
//
// It holds a queue of updates that getUpdates serves and confirms exactly as documented: an offset
// drops every update below it, a negative offset keeps the last -offset ones, limit is 1–100 and
// timeout long-polls (at most 50 seconds). It publishes to channels as a bot does: sendMessage,
// sendPhoto and sendVideo (a multipart file upload, an http(s) address or a file_id it issued) and
// sendMediaGroup (2 to 10 photos and videos, files as attach://<name> parts), with the caption
// limit, and refuses a channel where the bot is not an administrator (see BotRole). It records
// sent and deleted messages and channel posts, counts calls, and can be told to fail the next
// calls in every way the real API does.
package telegramtest

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Limits the server enforces, as the real API does.
const (
	MaxTextRunes = 4096
	MaxLimit     = 100
	MaxTimeout   = 50
)

// Descriptions the real API gives, verbatim.
const (
	DescUnauthorized    = "Unauthorized"
	DescNotFound        = "Not Found"
	DescConflictPoll    = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
	DescConflictWebhook = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
	DescChatNotFound    = "Bad Request: chat not found"
	DescBotBlocked      = "Forbidden: bot was blocked by the user"
	DescTextEmpty       = "Bad Request: message text is empty"
	DescTooLong         = "Bad Request: message is too long"
	DescReplyNotFound   = "Bad Request: message to be replied not found"
	DescDeleteNotFound  = "Bad Request: message to delete not found"
	DescChatIDEmpty     = "Bad Request: chat_id is empty"
	DescMigrated        = "Bad Request: group chat was upgraded to a supergroup chat"
	DescSecretInvalid   = "Bad Request: secret token contains unallowed characters"
	DescWebhookHTTPS    = "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
	DescNotMember       = "Forbidden: bot is not a member of the channel chat"
	DescNeedAdmin       = "Bad Request: need administrator rights in the channel chat"
	DescCaptionTooLong  = "Bad Request: message caption is too long"
	DescNoPhoto         = "Bad Request: there is no photo in the request"
	DescNoVideo         = "Bad Request: there is no video in the request"
	DescWrongFile       = "Bad Request: wrong file identifier/HTTP URL specified"
	DescTooLarge        = "Request Entity Too Large"
	// DescMediaCount is the fake's wording for an album outside 2–10 items (Telegram documents the
	// bounds, not its message).
	DescMediaCount = "Bad Request: a media group must have 2 to 10 items"
)

// Publishing limits the server enforces.
const (
	MaxCaptionRunes = 1024
	MaxMediaGroup   = 10
	MaxUploadBytes  = 50 << 20
)

// BotRole is the bot's place in a channel, which decides whether it may post there.
type BotRole string

// Bot roles in a channel.
const (
	BotAdministrator BotRole = "administrator" // may post
	BotMember        BotRole = "member"        // added without the right to post: 400 DescNeedAdmin
	BotLeft          BotRole = "left"          // not in the channel: 403 DescNotMember
)

// methods maps the lower-case name of every method the server knows to its documented spelling.
var methods = map[string]string{
	"getme": "getMe", "getupdates": "getUpdates", "sendmessage": "sendMessage", "deletemessage": "deleteMessage",
	"setwebhook": "setWebhook", "deletewebhook": "deleteWebhook", "getwebhookinfo": "getWebhookInfo",
	"sendphoto": "sendPhoto", "sendvideo": "sendVideo", "sendmediagroup": "sendMediaGroup",
}

var secretTokenRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// Params are a request's parameters: strings as sent, other JSON values as their JSON text (as a
// form carries them).
type Params map[string]string

// Request is one call as the server received it.
type Request struct {
	Method      string // the API method, documented spelling
	HTTPMethod  string
	ContentType string
	Params      Params
	// JSON holds the body's values as sent when it was JSON (to tell 42 from "42"), else nil.
	JSON map[string]json.RawMessage
	// Uploads are the file parts of a multipart body, by field name.
	Uploads map[string]Upload
}

// Upload is a file part of a multipart request.
type Upload struct {
	Field       string
	FileName    string
	ContentType string
	Size        int64
}

// ChannelPost is a message the bot published in a channel: with sendMessage, sendPhoto,
// sendVideo, or one item of sendMediaGroup.
type ChannelPost struct {
	ChatID       int64
	Method       string
	Kind         string // text, photo or video
	Text         string // sendMessage
	Caption      string
	Upload       *Upload // the file uploaded, when it was
	URL          string  // the address (or file_id) given instead of a file
	MediaGroupID string
	Message      Message // as returned
}

// Sent is a message sent with sendMessage.
type Sent struct {
	ChatID          int64
	Text            string
	ReplyParameters *ReplyParameters
	Message         Message // as returned
}

// Deleted is a message deleted with deleteMessage.
type Deleted struct {
	ChatID    int64
	MessageID int64
}

// Failure is a forced error answer to the next matching calls.
type Failure struct {
	Method string // the method it applies to (any case); "" for any
	Times  int    // how many calls fail; 0 means 1, negative means every call
	// Status is the HTTP status; 0 means ErrorCode. ErrorCode is the envelope's; 0 means Status.
	Status      int
	ErrorCode   int
	Description string
	// RetryAfter is parameters.retry_after; RetryAfterHeader the Retry-After header, when set.
	RetryAfter       int
	RetryAfterHeader string
	MigrateToChatID  int64
	// Body, when set, is sent verbatim instead of the envelope, with ContentType ("" means
	// text/html) and Status (0 means 200).
	Body        string
	ContentType string
}

// On returns f applied to method only.
func (f Failure) On(method string) Failure { f.Method = method; return f }

// Repeat returns f applied to the next n calls (negative: every call).
func (f Failure) Repeat(n int) Failure { f.Times = n; return f }

// RateLimited is a 429 with retry_after both in the body and in the Retry-After header.
func RateLimited(seconds int) Failure {
	return Failure{Status: http.StatusTooManyRequests, Description: "Too Many Requests: retry after " + strconv.Itoa(seconds),
		RetryAfter: seconds, RetryAfterHeader: strconv.Itoa(seconds)}
}

// RateLimitedHeaderOnly is a 429 whose wait is only in the Retry-After header.
func RateLimitedHeaderOnly(seconds int) Failure {
	return Failure{Status: http.StatusTooManyRequests, Description: "Too Many Requests", RetryAfterHeader: strconv.Itoa(seconds)}
}

// Conflict is the 409 a second getUpdates poller gets.
func Conflict() Failure {
	return Failure{Status: http.StatusConflict, Description: DescConflictPoll}
}

// ServerError is a 5xx with the envelope.
func ServerError(status int) Failure {
	return Failure{Status: status, Description: http.StatusText(status)}
}

// Garbage is a verbatim non-JSON body with status (0 means 200).
func Garbage(status int, body string) Failure {
	return Failure{Status: status, Body: body}
}

// ChatNotFound is the 400 for an unknown chat.
func ChatNotFound() Failure {
	return Failure{Status: http.StatusBadRequest, Description: DescChatNotFound}
}

// BotBlocked is the 403 of a user who blocked the bot.
func BotBlocked() Failure {
	return Failure{Status: http.StatusForbidden, Description: DescBotBlocked}
}

// ChatMigrated is the 400 of a group upgraded to the supergroup newID.
func ChatMigrated(newID int64) Failure {
	return Failure{Status: http.StatusBadRequest, Description: DescMigrated, MigrateToChatID: newID}
}

type queued struct {
	id  int64
	raw json.RawMessage
}

// Server is a fake Bot API server. Its methods are safe for concurrent use.
type Server struct {
	URL   string // the base URL, for Account.BaseURL
	Token string // the only token accepted

	srv *httptest.Server

	mu             sync.Mutex
	now            func() time.Time
	bot            User
	queue          []queued
	lastUpdateID   int64
	wake           chan struct{}
	failures       []Failure
	calls          map[string]int
	requests       []Request
	sent           []Sent
	deleted        []Deleted
	webhook        WebhookInfo
	allowedUpdates []string
	chats          map[int64]Chat
	messages       map[int64]map[int64]bool // known message ids by chat
	nextMessageID  map[int64]int64
	roles          map[int64]BotRole // the bot's role in channels added with AddChannel
	channelPosts   []ChannelPost
	fileIDs        map[string]bool // the file_ids the server issued
	seq            int
}

// DefaultBot is the bot getMe describes unless SetBot changes it.
var DefaultBot = User{ID: 7000001, IsBot: true, FirstName: "Tend Test", Username: "tend_test_bot", CanJoinGroups: true}

// NewServer starts a server accepting token. Close it when done.
func NewServer(token string) *Server {
	s := &Server{
		Token:         token,
		now:           time.Now,
		bot:           DefaultBot,
		wake:          make(chan struct{}),
		calls:         map[string]int{},
		chats:         map[int64]Chat{},
		messages:      map[int64]map[int64]bool{},
		nextMessageID: map[int64]int64{},
		roles:         map[int64]BotRole{},
		fileIDs:       map[string]bool{},
	}
	s.srv = httptest.NewServer(s)
	s.URL = s.srv.URL
	return s
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// SetNow sets the clock of sent messages' dates.
func (s *Server) SetNow(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = now
}

// SetBot sets the bot getMe describes and sent messages come from.
func (s *Server) SetBot(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bot = u
}

// AddChat makes a chat known, so that messages may be sent to it (by id, or @username).
func (s *Server) AddChat(c Chat) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chats[c.ID] = c
}

// AddChannel makes a channel known (its Type is set to Channel) with the bot in role: only an
// administrator may post. A channel added with AddChat accepts posts as if the bot administered it.
func (s *Server) AddChannel(c Chat, role BotRole) {
	c.Type = Channel
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chats[c.ID] = c
	s.roles[c.ID] = role
}

// SetBotRole changes the bot's role in a channel.
func (s *Server) SetBotRole(chatID int64, role BotRole) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.roles[chatID] = role
}

// ChannelPosts returns what the bot published in channels, oldest first.
func (s *Server) ChannelPosts() []ChannelPost {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := slices.Clone(s.channelPosts)
	for i, p := range out {
		if p.Upload != nil {
			u := *p.Upload
			out[i].Upload = &u
		}
	}
	return out
}

// Queue adds updates for getUpdates. An update without an id gets the last id plus one; ids
// may jump, as Telegram's do. The chats and messages they carry become known.
func (s *Server) Queue(updates ...Update) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range updates {
		if u.UpdateID == 0 {
			u.UpdateID = s.lastUpdateID + 1
		}
		raw, err := json.Marshal(u)
		if err != nil {
			panic("telegramtest: " + err.Error())
		}
		s.enqueue(u, raw)
	}
}

// QueueJSON adds one update written verbatim (a documented example, an unknown kind, a malformed
// message...). It must be a JSON object with an integer update_id; the chats and messages it
// carries become known when they decode.
func (s *Server) QueueJSON(raw string) error {
	var probe struct {
		UpdateID *int64 `json:"update_id"`
	}
	if err := json.Unmarshal([]byte(raw), &probe); err != nil || probe.UpdateID == nil {
		return errors.New("telegramtest: the update is not an object with an update_id")
	}
	var u Update
	if json.Unmarshal([]byte(raw), &u) != nil {
		u = Update{}
	}
	u.UpdateID = *probe.UpdateID
	s.mu.Lock()
	defer s.mu.Unlock()
	s.enqueue(u, json.RawMessage(raw))
	return nil
}

func (s *Server) enqueue(u Update, raw json.RawMessage) {
	s.queue = append(s.queue, queued{id: u.UpdateID, raw: raw})
	s.lastUpdateID = max(s.lastUpdateID, u.UpdateID)
	for _, m := range []*Message{u.Message, u.EditedMessage, u.ChannelPost, u.EditedChannelPost} {
		if m != nil && m.Chat.ID != 0 {
			if _, ok := s.chats[m.Chat.ID]; !ok {
				s.chats[m.Chat.ID] = m.Chat
			}
			s.know(m.Chat.ID, m.MessageID)
		}
	}
	close(s.wake)
	s.wake = make(chan struct{})
}

func (s *Server) know(chatID, messageID int64) {
	if s.messages[chatID] == nil {
		s.messages[chatID] = map[int64]bool{}
	}
	s.messages[chatID][messageID] = true
	s.nextMessageID[chatID] = max(s.nextMessageID[chatID], messageID+1)
}

// Pending returns the ids of the updates not confirmed yet.
func (s *Server) Pending() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]int64, len(s.queue))
	for i, q := range s.queue {
		ids[i] = q.id
	}
	return ids
}

// Fail makes the next matching calls fail as f says; failures apply in the order given.
func (s *Server) Fail(f Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.Times == 0 {
		f.Times = 1
	}
	s.failures = append(s.failures, f)
}

// Calls returns how many requests reached method (documented spelling), whatever their outcome.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// Requests returns the requests to method with a valid token, oldest first.
func (s *Server) Requests(method string) []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Request
	for _, r := range s.requests {
		if r.Method == method {
			out = append(out, r)
		}
	}
	return out
}

// Sent returns the messages sent, oldest first.
func (s *Server) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sent)
}

// Deleted returns the messages deleted, oldest first.
func (s *Server) Deleted() []Deleted {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.deleted)
}

// Webhook returns the webhook set, with its secret token.
func (s *Server) Webhook() WebhookInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.webhook
	w.AllowedUpdates = slices.Clone(w.AllowedUpdates)
	w.PendingUpdateCount = len(s.queue)
	return w
}

// AllowedUpdates returns the allowed_updates of the last getUpdates or setWebhook that gave them.
// The server does not filter by them: the API applies them to updates created after the call
// only, so a queued update of any kind may still come.
func (s *Server) AllowedUpdates() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.allowedUpdates)
}

// ServeHTTP answers one Bot API call.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, name, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 {
		writeError(w, http.StatusNotFound, DescNotFound)
		return
	}
	method, known := methods[strings.ToLower(name)]
	if !known {
		method = name
	}
	s.mu.Lock()
	s.calls[method]++
	s.mu.Unlock()
	if token != s.Token {
		writeError(w, http.StatusUnauthorized, DescUnauthorized)
		return
	}
	if !known {
		writeError(w, http.StatusNotFound, DescNotFound)
		return
	}
	if r.ContentLength > MaxUploadBytes+1<<20 {
		writeError(w, http.StatusRequestEntityTooLarge, DescTooLarge)
		return
	}
	params, raw, uploads, err := parseParams(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "Bad Request: "+err.Error())
		return
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	s.mu.Lock()
	s.requests = append(s.requests, Request{Method: method, HTTPMethod: r.Method, ContentType: ct, Params: params, JSON: raw, Uploads: uploads})
	f, failing := s.takeFailure(method)
	s.mu.Unlock()
	if failing {
		f.write(w)
		return
	}
	switch method {
	case "getMe":
		s.mu.Lock()
		bot := s.bot
		s.mu.Unlock()
		writeResult(w, bot)
	case "getUpdates":
		s.getUpdates(w, r, params)
	case "sendMessage":
		s.sendMessage(w, params)
	case "sendPhoto", "sendVideo":
		s.sendMedia(w, method, params, uploads)
	case "sendMediaGroup":
		s.sendMediaGroup(w, params, uploads)
	case "deleteMessage":
		s.deleteMessage(w, params)
	case "setWebhook":
		s.setWebhook(w, params)
	case "deleteWebhook":
		s.deleteWebhook(w, params)
	case "getWebhookInfo":
		writeResult(w, s.Webhook())
	}
}

func (s *Server) takeFailure(method string) (Failure, bool) {
	for i, f := range s.failures {
		if f.Method != "" && !strings.EqualFold(f.Method, method) {
			continue
		}
		if f.Times > 0 {
			s.failures[i].Times--
			if s.failures[i].Times == 0 {
				s.failures = slices.Delete(s.failures, i, i+1)
			}
		}
		return f, true
	}
	return Failure{}, false
}

func (f Failure) write(w http.ResponseWriter) {
	if f.RetryAfterHeader != "" {
		w.Header().Set("Retry-After", f.RetryAfterHeader)
	}
	if f.Body != "" {
		ct := f.ContentType
		if ct == "" {
			ct = "text/html; charset=utf-8"
		}
		w.Header().Set("Content-Type", ct)
		status := f.Status
		if status == 0 {
			status = http.StatusOK
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, f.Body)
		return
	}
	status, code := f.Status, f.ErrorCode
	if status == 0 {
		status = code
	}
	if code == 0 {
		code = status
	}
	if status == 0 {
		status, code = http.StatusBadRequest, http.StatusBadRequest
	}
	var params *ResponseParameters
	if f.RetryAfter != 0 || f.MigrateToChatID != 0 {
		params = &ResponseParameters{RetryAfter: f.RetryAfter, MigrateToChatID: f.MigrateToChatID}
	}
	writeJSON(w, status, Response{OK: false, ErrorCode: code, Description: f.Description, Parameters: params})
}

func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, p Params) {
	offset, hasOffset, err := intParam(p, "offset")
	if err != nil {
		writeError(w, http.StatusBadRequest, "Bad Request: invalid offset")
		return
	}
	limit, hasLimit, err := intParam(p, "limit")
	if err != nil {
		writeError(w, http.StatusBadRequest, "Bad Request: invalid limit")
		return
	}
	if !hasLimit {
		limit = MaxLimit
	}
	n := int(min(max(limit, 1), MaxLimit))
	timeout, _, err := intParam(p, "timeout")
	if err != nil {
		writeError(w, http.StatusBadRequest, "Bad Request: invalid timeout")
		return
	}
	timeout = min(max(timeout, 0), MaxTimeout)
	var allowed []string
	if a := p["allowed_updates"]; a != "" {
		if err := json.Unmarshal([]byte(a), &allowed); err != nil {
			writeError(w, http.StatusBadRequest, "Bad Request: can't parse allowed updates")
			return
		}
	}

	s.mu.Lock()
	if s.webhook.URL != "" {
		s.mu.Unlock()
		writeError(w, http.StatusConflict, DescConflictWebhook)
		return
	}
	if allowed != nil {
		s.allowedUpdates = allowed
	}
	if hasOffset {
		if offset >= 0 {
			// Every update below the offset is confirmed: gone for good.
			s.queue = slices.DeleteFunc(s.queue, func(q queued) bool { return q.id < offset })
		} else if keep := -offset; keep < int64(len(s.queue)) {
			s.queue = slices.Delete(s.queue, 0, len(s.queue)-int(keep))
		}
	}
	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()
	for {
		if len(s.queue) > 0 || timeout == 0 {
			out := make([]json.RawMessage, 0, min(n, len(s.queue)))
			for _, q := range s.queue[:min(n, len(s.queue))] {
				out = append(out, q.raw)
			}
			s.mu.Unlock()
			writeResult(w, out)
			return
		}
		wake := s.wake
		s.mu.Unlock()
		select {
		case <-wake:
		case <-deadline.C:
			timeout = 0
		case <-r.Context().Done():
			return
		}
		s.mu.Lock()
	}
}

// chat resolves a chat_id: an integer, or "@username". Called with s.mu held.
func (s *Server) chat(id string) (Chat, bool) {
	if name, ok := strings.CutPrefix(id, "@"); ok {
		for _, c := range s.chats {
			if c.Username != "" && strings.EqualFold(c.Username, name) {
				return c, true
			}
		}
		return Chat{}, false
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return Chat{}, false
	}
	c, ok := s.chats[n]
	return c, ok
}

func (s *Server) sendMessage(w http.ResponseWriter, p Params) {
	if p["chat_id"] == "" {
		writeError(w, http.StatusBadRequest, DescChatIDEmpty)
		return
	}
	var rp *ReplyParameters
	if raw := p["reply_parameters"]; raw != "" {
		rp = &ReplyParameters{}
		if err := json.Unmarshal([]byte(raw), rp); err != nil {
			writeError(w, http.StatusBadRequest, "Bad Request: can't parse reply parameters JSON object")
			return
		}
	} else if id, ok, _ := intParam(p, "reply_to_message_id"); ok {
		allow, _, _ := boolParam(p, "allow_sending_without_reply")
		rp = &ReplyParameters{MessageID: id, AllowSendingWithoutReply: allow}
	}
	text := p["text"]
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.chat(p["chat_id"])
	if ok && !s.mayPost(w, c) {
		return
	}
	switch {
	case !ok:
		writeError(w, http.StatusBadRequest, DescChatNotFound)
		return
	case strings.TrimSpace(text) == "":
		writeError(w, http.StatusBadRequest, DescTextEmpty)
		return
	case utf8.RuneCountInString(text) > MaxTextRunes:
		writeError(w, http.StatusBadRequest, DescTooLong)
		return
	}
	msg := Message{MessageID: max(s.nextMessageID[c.ID], 1), Date: s.now().Unix(), Chat: c, Text: text}
	if c.Type == Channel {
		msg.SenderChat = &c
	} else {
		bot := s.bot
		msg.From = &bot
	}
	if rp != nil {
		if s.messages[c.ID][rp.MessageID] {
			msg.ReplyToMessage = &Message{MessageID: rp.MessageID, Chat: c}
		} else if !rp.AllowSendingWithoutReply {
			writeError(w, http.StatusBadRequest, DescReplyNotFound)
			return
		}
	}
	s.know(c.ID, msg.MessageID)
	s.sent = append(s.sent, Sent{ChatID: c.ID, Text: text, ReplyParameters: rp, Message: msg})
	if c.Type == Channel {
		s.channelPosts = append(s.channelPosts, ChannelPost{ChatID: c.ID, Method: "sendMessage", Kind: "text", Text: text, Message: msg})
	}
	writeResult(w, msg)
}

// mayPost answers the refusal of a channel where the bot is not an administrator. Called with
// s.mu held.
func (s *Server) mayPost(w http.ResponseWriter, c Chat) bool {
	if c.Type != Channel {
		return true
	}
	switch s.roles[c.ID] {
	case BotLeft:
		writeError(w, http.StatusForbidden, DescNotMember)
		return false
	case BotMember:
		writeError(w, http.StatusBadRequest, DescNeedAdmin)
		return false
	}
	return true
}

// newMessage is the next message of chat c, from the bot (or the channel itself). Called with s.mu
// held.
func (s *Server) newMessage(c Chat) Message {
	msg := Message{MessageID: max(s.nextMessageID[c.ID], 1), Date: s.now().Unix(), Chat: c}
	if c.Type == Channel {
		msg.SenderChat = &c
	} else {
		bot := s.bot
		msg.From = &bot
	}
	s.know(c.ID, msg.MessageID)
	return msg
}

// attach fills msg's photo or video from a media value: an upload (for a field, or "attach://<name>"
// of an album), an http(s) address or a file_id the server issued. Called with s.mu held.
func (s *Server) attach(msg *Message, kind, value string, up *Upload) (ChannelPost, string) {
	post := ChannelPost{ChatID: msg.Chat.ID, Kind: kind, Upload: up}
	var size int64
	name := ""
	switch {
	case up != nil:
		size, name = up.Size, up.FileName
	case strings.HasPrefix(value, "https://") || strings.HasPrefix(value, "http://"):
		post.URL = value
	case s.fileIDs[value]:
		post.URL = value
	default:
		return post, DescWrongFile
	}
	s.seq++
	id := strconv.Itoa(s.seq)
	if kind == "video" {
		fid := "BAACAgQAAxkBAAI" + id
		s.fileIDs[fid] = true
		msg.Video = &File{FileID: fid, FileUniqueID: "AgAD" + id, FileName: name, MIMEType: "video/mp4", FileSize: size, Duration: 12}
	} else {
		fid := "AgACAgQAAxkBAAI" + id
		s.fileIDs[fid] = true
		msg.Photo = []PhotoSize{
			{FileID: fid + "s", FileUniqueID: "AQAD" + id + "s", Width: 90, Height: 68},
			{FileID: fid, FileUniqueID: "AQAD" + id, Width: 1280, Height: 960, FileSize: size},
		}
	}
	return post, ""
}

// sendMedia is sendPhoto and sendVideo: chat_id, the photo or video (a file part of that name, an
// address or a file_id), caption.
func (s *Server) sendMedia(w http.ResponseWriter, method string, p Params, uploads map[string]Upload) {
	kind, noFile := "photo", DescNoPhoto
	if method == "sendVideo" {
		kind, noFile = "video", DescNoVideo
	}
	if p["chat_id"] == "" {
		writeError(w, http.StatusBadRequest, DescChatIDEmpty)
		return
	}
	caption := p["caption"]
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.chat(p["chat_id"])
	if !ok {
		writeError(w, http.StatusBadRequest, DescChatNotFound)
		return
	}
	if !s.mayPost(w, c) {
		return
	}
	var up *Upload
	if u, ok := uploads[kind]; ok {
		up = &u
	}
	value := p[kind]
	switch {
	case up == nil && value == "":
		writeError(w, http.StatusBadRequest, noFile)
		return
	case utf8.RuneCountInString(caption) > MaxCaptionRunes:
		writeError(w, http.StatusBadRequest, DescCaptionTooLong)
		return
	}
	msg := Message{Chat: c, Caption: caption}
	post, problem := s.attach(&msg, kind, value, up)
	if problem != "" {
		writeError(w, http.StatusBadRequest, problem)
		return
	}
	sent := s.newMessage(c)
	msg.MessageID, msg.Date, msg.From, msg.SenderChat = sent.MessageID, sent.Date, sent.From, sent.SenderChat
	if c.Type == Channel {
		post.Method, post.Caption, post.Message = method, caption, msg
		s.channelPosts = append(s.channelPosts, post)
	}
	writeResult(w, msg)
}

// inputMedia is an item of sendMediaGroup's media.
type inputMedia struct {
	Type    string `json:"type"`
	Media   string `json:"media"`
	Caption string `json:"caption"`
}

// sendMediaGroup sends 2 to 10 photos and videos as an album: media is a JSON array of
// InputMediaPhoto and InputMediaVideo, files named "attach://<name>" are the parts of that name.
func (s *Server) sendMediaGroup(w http.ResponseWriter, p Params, uploads map[string]Upload) {
	if p["chat_id"] == "" {
		writeError(w, http.StatusBadRequest, DescChatIDEmpty)
		return
	}
	var media []inputMedia
	if err := json.Unmarshal([]byte(p["media"]), &media); err != nil {
		writeError(w, http.StatusBadRequest, "Bad Request: can't parse media JSON object")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.chat(p["chat_id"])
	if !ok {
		writeError(w, http.StatusBadRequest, DescChatNotFound)
		return
	}
	if !s.mayPost(w, c) {
		return
	}
	if len(media) < 2 || len(media) > MaxMediaGroup {
		writeError(w, http.StatusBadRequest, DescMediaCount)
		return
	}
	msgs := make([]Message, len(media))
	posts := make([]ChannelPost, len(media))
	for i, m := range media {
		if m.Type != "photo" && m.Type != "video" {
			writeError(w, http.StatusBadRequest, "Bad Request: unsupported media type "+strconv.Quote(m.Type))
			return
		}
		if utf8.RuneCountInString(m.Caption) > MaxCaptionRunes {
			writeError(w, http.StatusBadRequest, DescCaptionTooLong)
			return
		}
		var up *Upload
		value := m.Media
		if name, ok := strings.CutPrefix(m.Media, "attach://"); ok {
			u, found := uploads[name]
			if !found {
				writeError(w, http.StatusBadRequest, DescWrongFile)
				return
			}
			up, value = &u, ""
		}
		msgs[i] = Message{Chat: c, Caption: m.Caption}
		post, problem := s.attach(&msgs[i], m.Type, value, up)
		if problem != "" {
			writeError(w, http.StatusBadRequest, problem)
			return
		}
		posts[i] = post
	}
	s.seq++
	group := "1380000000000" + strconv.Itoa(s.seq)
	for i := range msgs {
		sent := s.newMessage(c)
		msgs[i].MessageID, msgs[i].Date, msgs[i].From, msgs[i].SenderChat = sent.MessageID, sent.Date, sent.From, sent.SenderChat
		msgs[i].MediaGroupID = group
		if c.Type == Channel {
			posts[i].Method, posts[i].Caption, posts[i].MediaGroupID, posts[i].Message = "sendMediaGroup", msgs[i].Caption, group, msgs[i]
			s.channelPosts = append(s.channelPosts, posts[i])
		}
	}
	writeResult(w, msgs)
}

func (s *Server) deleteMessage(w http.ResponseWriter, p Params) {
	id, _, err := intParam(p, "message_id")
	if err != nil || id == 0 {
		writeError(w, http.StatusBadRequest, "Bad Request: message identifier is not specified")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.chat(p["chat_id"])
	if !ok {
		writeError(w, http.StatusBadRequest, DescChatNotFound)
		return
	}
	if !s.messages[c.ID][id] {
		writeError(w, http.StatusBadRequest, DescDeleteNotFound)
		return
	}
	delete(s.messages[c.ID], id)
	s.deleted = append(s.deleted, Deleted{ChatID: c.ID, MessageID: id})
	writeResult(w, true)
}

func (s *Server) setWebhook(w http.ResponseWriter, p Params) {
	u, secret := p["url"], p["secret_token"]
	var allowed []string
	if a := p["allowed_updates"]; a != "" {
		if err := json.Unmarshal([]byte(a), &allowed); err != nil {
			writeError(w, http.StatusBadRequest, "Bad Request: can't parse allowed updates")
			return
		}
	}
	drop, _, _ := boolParam(p, "drop_pending_updates")
	switch {
	case u != "" && !strings.HasPrefix(u, "https://"):
		writeError(w, http.StatusBadRequest, DescWebhookHTTPS)
		return
	case secret != "" && !secretTokenRE.MatchString(secret):
		writeError(w, http.StatusBadRequest, DescSecretInvalid)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if drop {
		s.queue = nil
	}
	if u == "" {
		s.webhook = WebhookInfo{}
		writeJSON(w, http.StatusOK, Response{OK: true, Result: true, Description: "Webhook was deleted"})
		return
	}
	s.webhook = WebhookInfo{URL: u, SecretToken: secret, AllowedUpdates: allowed}
	if allowed != nil {
		s.allowedUpdates = allowed
	}
	writeJSON(w, http.StatusOK, Response{OK: true, Result: true, Description: "Webhook was set"})
}

func (s *Server) deleteWebhook(w http.ResponseWriter, p Params) {
	drop, _, _ := boolParam(p, "drop_pending_updates")
	s.mu.Lock()
	defer s.mu.Unlock()
	desc := "Webhook was deleted"
	if s.webhook.URL == "" {
		desc = "Webhook is already deleted"
	}
	s.webhook = WebhookInfo{}
	if drop {
		s.queue = nil
	}
	writeJSON(w, http.StatusOK, Response{OK: true, Result: true, Description: desc})
}

// parseParams reads the parameters of r from its query string and its form, multipart form or
// JSON body, as the API accepts any of them, and the file parts of a multipart form.
func parseParams(r *http.Request) (Params, map[string]json.RawMessage, map[string]Upload, error) {
	p := Params{}
	var m map[string]json.RawMessage
	var uploads map[string]Upload
	for k, v := range r.URL.Query() {
		if len(v) > 0 {
			p[k] = v[0]
		}
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		data, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			return nil, nil, nil, err
		}
		if strings.TrimSpace(string(data)) == "" {
			return p, nil, nil, nil
		}
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, nil, nil, errors.New("can't parse JSON object")
		}
		for k, raw := range m {
			var str string
			switch {
			case json.Unmarshal(raw, &str) == nil:
				p[k] = str
			case string(raw) != "null":
				p[k] = string(raw)
			}
		}
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return nil, nil, nil, err
		}
		for k, v := range r.PostForm {
			if len(v) > 0 {
				p[k] = v[0]
			}
		}
	case "multipart/form-data":
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			return nil, nil, nil, err
		}
		defer func() { _ = r.MultipartForm.RemoveAll() }()
		for k, v := range r.MultipartForm.Value {
			if len(v) > 0 {
				p[k] = v[0]
			}
		}
		for k, fs := range r.MultipartForm.File {
			if len(fs) > 0 {
				if uploads == nil {
					uploads = map[string]Upload{}
				}
				uploads[k] = Upload{Field: k, FileName: fs[0].Filename, ContentType: fs[0].Header.Get("Content-Type"), Size: fs[0].Size}
			}
		}
	}
	return p, m, uploads, nil
}

func intParam(p Params, name string) (int64, bool, error) {
	v, ok := p[name]
	if !ok || v == "" {
		return 0, false, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil, err
}

func boolParam(p Params, name string) (bool, bool, error) {
	v, ok := p[name]
	if !ok || v == "" {
		return false, false, nil
	}
	b, err := strconv.ParseBool(v)
	return b, err == nil, err
}

func writeResult(w http.ResponseWriter, result any) {
	writeJSON(w, http.StatusOK, Response{OK: true, Result: result})
}

func writeError(w http.ResponseWriter, status int, desc string) {
	writeJSON(w, status, Response{OK: false, ErrorCode: status, Description: desc})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		status, data = http.StatusInternalServerError, []byte(`{"ok":false,"error_code":500,"description":"Internal Server Error"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}
