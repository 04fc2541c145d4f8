// Package youtubetest is a fake YouTube Data API v3 for tests. It speaks the documented wire
// format: OAuth bearer tokens and API keys, channels.list, commentThreads.list (with embedded
// replies, page tokens, textFormat), comments.list, comments.insert,
// comments.setModerationStatus, liveChatMessages.list and insert (pollingIntervalMillis,
// offlineAt), Google's error envelope with domains and reasons, and a daily quota counted in the
// documented units. It can be told to fail the next requests in every way the platform or the
// network does, and records every request.
package youtubetest

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Defaults of Options.
const (
	DefaultChannelID    = "UCtendTestChannel0000001"
	DefaultChannelTitle = "Tend Test Channel"
	DefaultCustomURL    = "@tendtest"
	DefaultToken        = "ya29.test-access-token-0123456789"
	DefaultAPIKey       = "AIzaSyTestKey0123456789abcdefghijklmno"
)

// Quota costs of the methods, in units, as documented.
const (
	CostList               = 1
	CostCommentInsert      = 50
	CostSetModeration      = 50
	CostLiveChatList       = 5
	CostLiveChatInsert     = 20
	DefaultPollingMillis   = 5000
	DefaultEmbeddedReplies = 2
)

// Options configure a server; zero fields take the defaults.
type Options struct {
	ChannelID    string // the channel the token belongs to
	ChannelTitle string
	CustomURL    string
	Token        string // the only OAuth token accepted
	APIKey       string // the only API key accepted
	// Now is the server's clock (time.Now when nil).
	Now func() time.Time
	// EmbeddedReplies is how many replies a commentThread carries (2 when zero, -1 for none).
	EmbeddedReplies int
	// PollingMillis is the live chat's pollingIntervalMillis (5000 when zero).
	PollingMillis int
	// Quota is the daily quota in units; 0 is unlimited.
	Quota int
}

// Request is a request the server received.
type Request struct {
	Method string
	Path   string // without /youtube/v3
	Query  map[string][]string
	Header http.Header
	Body   []byte
}

// Failure is what the server answers instead of serving a request.
type Failure struct {
	// Path, when set, limits the failure to requests whose path ends with it ("/comments").
	Path string
	// Method, when set, limits the failure to that method.
	Method string
	Status int
	// Google's error: reason and domain of errors[0]; Message may hold HTML, as YouTube's do.
	Reason  string
	Domain  string
	Message string
	Header  http.Header
	// Body, when set, is sent verbatim with ContentType ("text/html" when empty).
	Body        string
	ContentType string
	// Drop closes the connection without an answer.
	Drop bool
}

// Documented failures.
var (
	QuotaExceeded = Failure{Status: 403, Reason: "quotaExceeded", Domain: "youtube.quota",
		Message: `The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.`}
	RateLimited = Failure{Status: 403, Reason: "rateLimitExceeded", Domain: "youtube.liveChat",
		Message: "The request was sent too soon after the previous one."}
	TooManyRequests = Failure{Status: 429, Reason: "rateLimitExceeded", Domain: "global",
		Message: "Too many requests.", Header: http.Header{"Retry-After": {"30"}}}
	Unauthorized = Failure{Status: 401, Reason: "authError", Domain: "global",
		Message: "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential."}
	InsufficientPermissions = Failure{Status: 403, Reason: "insufficientPermissions", Domain: "global",
		Message: "Request had insufficient authentication scopes."}
	Forbidden = Failure{Status: 403, Reason: "forbidden", Domain: "youtube.comment",
		Message: "The comment could not be created due to insufficient permissions. The request might not be properly authorized."}
	ProcessingFailure = Failure{Status: 400, Reason: "processingFailure", Domain: "youtube.commentThread",
		Message: "The API server failed to successfully process the request. While this can be a transient error, it usually indicates that the request&#39;s input is invalid."}
	ServerError = Failure{Status: 500, Reason: "backendError", Domain: "global", Message: "Backend Error"}
	Unavailable = Failure{Status: 503, Body: "<html><body>Service Unavailable</body></html>"}
	Malformed   = Failure{Status: 200, Body: "<!doctype html><title>Sign in</title>"}
)

// Comment is a comment as the server stores it.
type Comment struct {
	ID              string
	ParentID        string // "" for a top-level comment
	VideoID         string
	AuthorChannelID string
	AuthorName      string
	Text            string
	PublishedAt     time.Time
	UpdatedAt       time.Time
	// Status is the moderation status: published (when empty), heldForReview, likelySpam, rejected.
	Status string
}

// ChatMessage is a live chat message as the server stores it.
type ChatMessage struct {
	ID              string
	Type            string // textMessageEvent when empty
	AuthorChannelID string
	AuthorName      string
	Text            string
	At              time.Time
	Owner           bool
}

type chat struct {
	messages  []ChatMessage
	offlineAt time.Time
	reported  bool // offlineAt was sent once
}

// Server is a running fake Data API. Its methods are safe for concurrent use.
type Server struct {
	srv  *httptest.Server
	opts Options

	mu       sync.Mutex
	expired  bool
	failures []Failure
	requests []Request
	used     int
	videos   map[string]string // video id → owner channel
	disabled map[string]bool   // videos with comments turned off
	comments map[string]*Comment
	order    []string // comment ids in creation order
	chats    map[string]*chat
	seq      int
}

// NewServer starts a server; Close it when done.
func NewServer(opts Options) *Server {
	if opts.ChannelID == "" {
		opts.ChannelID = DefaultChannelID
	}
	if opts.ChannelTitle == "" {
		opts.ChannelTitle = DefaultChannelTitle
	}
	if opts.CustomURL == "" {
		opts.CustomURL = DefaultCustomURL
	}
	if opts.Token == "" {
		opts.Token = DefaultToken
	}
	if opts.APIKey == "" {
		opts.APIKey = DefaultAPIKey
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.EmbeddedReplies == 0 {
		opts.EmbeddedReplies = DefaultEmbeddedReplies
	}
	if opts.PollingMillis == 0 {
		opts.PollingMillis = DefaultPollingMillis
	}
	s := &Server{opts: opts, videos: map[string]string{}, disabled: map[string]bool{},
		comments: map[string]*Comment{}, chats: map[string]*chat{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Close shuts the server down.
func (s *Server) Close() {
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// BaseURL is what an account's BaseURL is set to.
func (s *Server) BaseURL() string { return s.srv.URL + "/youtube/v3" }

// Client returns an HTTP client for the server.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// Options returns the server's options with defaults filled.
func (s *Server) Options() Options { return s.opts }

// Fail queues failures: each answers the next request it matches, once.
func (s *Server) Fail(f ...Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, f...)
}

// ExpireToken makes the token expired: every request with it gets 401.
func (s *Server) ExpireToken() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expired = true
}

// QuotaUsed returns the units spent so far.
func (s *Server) QuotaUsed() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.used
}

// Requests returns the requests received so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// AddVideo adds a video of channel ("" for the server's channel).
func (s *Server) AddVideo(id, channel string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if channel == "" {
		channel = s.opts.ChannelID
	}
	s.videos[id] = channel
}

// DisableComments turns comments off on a video.
func (s *Server) DisableComments(videoID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.disabled[videoID] = true
}

// AddComment stores a comment (a reply when ParentID is set) and returns its id; the video is
// added to the server's channel when unknown, times default to the clock.
func (s *Server) AddComment(c Comment) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addComment(c)
}

func (s *Server) addComment(c Comment) string {
	s.seq++
	if c.ID == "" {
		if c.ParentID != "" {
			c.ID = fmt.Sprintf("%s.AZ%06dreply", c.ParentID, s.seq)
		} else {
			c.ID = fmt.Sprintf("UgzTop%06dAaABAg", s.seq)
		}
	}
	if c.ParentID != "" {
		if p := s.comments[c.ParentID]; p != nil {
			c.VideoID = p.VideoID
		}
	}
	if _, ok := s.videos[c.VideoID]; !ok && c.VideoID != "" {
		s.videos[c.VideoID] = s.opts.ChannelID
	}
	if c.PublishedAt.IsZero() {
		c.PublishedAt = s.opts.Now().UTC()
	}
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = c.PublishedAt
	}
	if c.Status == "" {
		c.Status = "published"
	}
	if c.AuthorName == "" {
		c.AuthorName = "@viewer" + strconv.Itoa(s.seq)
	}
	s.comments[c.ID] = &c
	s.order = append(s.order, c.ID)
	return c.ID
}

// Comment returns a stored comment.
func (s *Server) Comment(id string) (Comment, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.comments[id]
	if !ok {
		return Comment{}, false
	}
	return *c, true
}

// StartChat opens a live chat.
func (s *Server) StartChat(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.chats[id] == nil {
		s.chats[id] = &chat{}
	}
}

// AddChatMessage adds a message to a live chat (opened if needed) and returns its id.
func (s *Server) AddChatMessage(chatID string, m ChatMessage) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addChatMessage(chatID, m)
}

func (s *Server) addChatMessage(chatID string, m ChatMessage) string {
	if s.chats[chatID] == nil {
		s.chats[chatID] = &chat{}
	}
	s.seq++
	if m.ID == "" {
		m.ID = fmt.Sprintf("LCC.Cjg%06dKGgoY", s.seq)
	}
	if m.Type == "" {
		m.Type = "textMessageEvent"
	}
	if m.At.IsZero() {
		m.At = s.opts.Now().UTC()
	}
	if m.AuthorName == "" {
		m.AuthorName = "@viewer" + strconv.Itoa(s.seq)
	}
	s.chats[chatID].messages = append(s.chats[chatID].messages, m)
	return m.ID
}

// ChatMessages returns a chat's messages.
func (s *Server) ChatMessages(chatID string) []ChatMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.chats[chatID]; c != nil {
		return slices.Clone(c.messages)
	}
	return nil
}

// EndChat ends a broadcast: the next list reports offlineAt, the ones after fail with
// liveChatEnded.
func (s *Server) EndChat(chatID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.chats[chatID]; c != nil {
		c.offlineAt = s.opts.Now().UTC()
	}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	path := strings.TrimPrefix(r.URL.Path, "/youtube/v3")
	req := Request{Method: r.Method, Path: path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, req)
	for i, f := range s.failures {
		if (f.Path == "" || strings.HasSuffix(path, f.Path)) && (f.Method == "" || f.Method == r.Method) {
			s.failures = slices.Delete(s.failures, i, i+1)
			writeFailure(w, f)
			return
		}
	}
	q := r.URL.Query()
	owner, ok := s.authenticate(w, r, q)
	if !ok {
		return
	}
	type route struct{ method, path string }
	handlers := map[route]func(http.ResponseWriter, *http.Request, map[string][]string, []byte, bool){
		{"GET", "/channels"}:                      s.channels,
		{"GET", "/commentThreads"}:                s.commentThreads,
		{"GET", "/comments"}:                      s.listComments,
		{"POST", "/comments"}:                     s.insertComment,
		{"POST", "/comments/setModerationStatus"}: s.setModeration,
		{"GET", "/liveChat/messages"}:             s.listChat,
		{"POST", "/liveChat/messages"}:            s.insertChat,
	}
	h, found := handlers[route{r.Method, path}]
	if !found {
		writeError(w, 404, "notFound", "global", "Not Found")
		return
	}
	h(w, r, q, body, owner)
}

// authenticate checks the bearer token or API key: owner is set for the channel's OAuth token.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request, q map[string][]string) (owner, ok bool) {
	if bearer, has := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); has {
		if bearer != s.opts.Token || s.expired {
			writeFailure(w, Unauthorized)
			return false, false
		}
		return true, true
	}
	key := first(q, "key")
	switch {
	case key == "":
		writeError(w, 403, "forbidden", "global", "The request is missing a valid API key.")
		return false, false
	case key != s.opts.APIKey:
		writeError(w, 400, "keyInvalid", "global", "API key not valid. Please pass a valid API key.")
		return false, false
	case r.Method != http.MethodGet:
		writeError(w, 401, "required", "global", "Login Required.")
		return false, false
	}
	return false, true
}

// spend charges cost units; false (after answering quotaExceeded) when the quota is used up.
func (s *Server) spend(w http.ResponseWriter, cost int) bool {
	if s.opts.Quota > 0 && s.used+cost > s.opts.Quota {
		writeFailure(w, QuotaExceeded)
		return false
	}
	s.used += cost
	return true
}

func first(q map[string][]string, k string) string {
	if v := q[k]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// parts checks the part parameter; false after answering the error.
func parts(w http.ResponseWriter, q map[string][]string, allowed ...string) ([]string, bool) {
	p := first(q, "part")
	if p == "" {
		writeError(w, 400, "required", "global", "Required parameter: part")
		return nil, false
	}
	list := strings.Split(p, ",")
	for _, x := range list {
		if !slices.Contains(allowed, strings.TrimSpace(x)) {
			writeError(w, 400, "unknownPart", "youtube.part", fmt.Sprintf("'%s'", x))
			return nil, false
		}
	}
	return list, true
}

func (s *Server) channels(w http.ResponseWriter, _ *http.Request, q map[string][]string, _ []byte, owner bool) {
	if _, ok := parts(w, q, "id", "snippet", "contentDetails", "statistics"); !ok {
		return
	}
	if !s.spend(w, CostList) {
		return
	}
	var ids []string
	switch {
	case first(q, "mine") == "true":
		if !owner {
			writeError(w, 401, "required", "global", "Login Required.")
			return
		}
		ids = []string{s.opts.ChannelID}
	case first(q, "id") != "":
		ids = strings.Split(first(q, "id"), ",")
	default:
		writeError(w, 400, "missingRequiredParameter", "youtube.parameter", "No filter selected. Expected one of: forUsername, managedByMe, categoryId, mine, mySubscribers, id, idParam, forHandle")
		return
	}
	items := []any{}
	for _, id := range ids {
		if id == s.opts.ChannelID {
			items = append(items, map[string]any{
				"kind": "youtube#channel", "etag": etag(id), "id": id,
				"snippet": map[string]any{"title": s.opts.ChannelTitle, "description": "", "customUrl": s.opts.CustomURL,
					"publishedAt": "2019-03-01T10:00:00Z", "thumbnails": map[string]any{}},
			})
		}
	}
	writeJSON(w, 200, map[string]any{"kind": "youtube#channelListResponse", "etag": etag("channels"),
		"pageInfo": map[string]any{"totalResults": len(items), "resultsPerPage": 5}, "items": items})
}

// paging reads maxResults (default def, within lo..hi) and pageToken; false after answering.
func paging(w http.ResponseWriter, q map[string][]string, def, lo, hi int) (offset, size int, ok bool) {
	size = def
	if v := first(q, "maxResults"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			writeError(w, 400, "invalidParameter", "youtube.parameter", fmt.Sprintf("Invalid value '%s'. Values must be within the range: [%d, %d]", v, lo, hi))
			return 0, 0, false
		}
		size = n
	}
	if t := first(q, "pageToken"); t != "" {
		raw, err := base64.RawURLEncoding.DecodeString(t)
		n, err2 := strconv.Atoi(strings.TrimPrefix(string(raw), "off:"))
		if err != nil || err2 != nil || !strings.HasPrefix(string(raw), "off:") || n < 0 {
			writeError(w, 400, "invalidPageToken", "youtube.parameter", "The request specifies an invalid page token.")
			return 0, 0, false
		}
		offset = n
	}
	return offset, size, true
}

func pageToken(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("off:" + strconv.Itoa(offset)))
}

func (s *Server) commentThreads(w http.ResponseWriter, _ *http.Request, q map[string][]string, _ []byte, _ bool) {
	ps, ok := parts(w, q, "id", "snippet", "replies")
	if !ok {
		return
	}
	offset, size, ok := paging(w, q, 20, 1, 100)
	if !ok {
		return
	}
	plain := first(q, "textFormat") == "plainText"
	var match func(*Comment) bool
	switch {
	case first(q, "allThreadsRelatedToChannelId") != "":
		ch := first(q, "allThreadsRelatedToChannelId")
		match = func(c *Comment) bool { return s.videos[c.VideoID] == ch }
	case first(q, "videoId") != "":
		v := first(q, "videoId")
		if _, known := s.videos[v]; !known {
			writeError(w, 404, "videoNotFound", "youtube.commentThread", "The video identified by the <code>videoId</code> parameter could not be found.")
			return
		}
		if s.disabled[v] {
			writeError(w, 403, "commentsDisabled", "youtube.commentThread", "The video identified by the <code>videoId</code> parameter has disabled comments.")
			return
		}
		match = func(c *Comment) bool { return c.VideoID == v }
	case first(q, "id") != "":
		ids := strings.Split(first(q, "id"), ",")
		match = func(c *Comment) bool { return slices.Contains(ids, c.ID) }
	default:
		writeError(w, 400, "missingRequiredParameter", "youtube.parameter", "No filter selected. Expected one of: allThreadsRelatedToChannelId, channelId, id, videoId")
		return
	}
	if !s.spend(w, CostList) {
		return
	}
	var tops []*Comment
	for _, id := range s.order {
		c := s.comments[id]
		if c.ParentID == "" && c.Status == "published" && match(c) {
			tops = append(tops, c)
		}
	}
	// order=time: newest top-level comments first.
	sort.SliceStable(tops, func(i, j int) bool { return tops[i].PublishedAt.After(tops[j].PublishedAt) })
	items := []any{}
	end := min(offset+size, len(tops))
	for _, top := range tops[min(offset, len(tops)):end] {
		replies := s.repliesOf(top.ID)
		thread := map[string]any{"kind": "youtube#commentThread", "etag": etag(top.ID), "id": top.ID}
		if slices.Contains(ps, "snippet") {
			thread["snippet"] = map[string]any{
				"channelId": s.videos[top.VideoID], "videoId": top.VideoID,
				"topLevelComment": s.commentResource(top, plain), "canReply": true,
				"totalReplyCount": len(replies), "isPublic": true,
			}
		}
		if slices.Contains(ps, "replies") && len(replies) > 0 && s.opts.EmbeddedReplies > 0 {
			var embedded []any
			for _, r := range replies[:min(len(replies), s.opts.EmbeddedReplies)] {
				embedded = append(embedded, s.commentResource(r, plain))
			}
			thread["replies"] = map[string]any{"comments": embedded}
		}
		items = append(items, thread)
	}
	out := map[string]any{"kind": "youtube#commentThreadListResponse", "etag": etag("threads"),
		"pageInfo": map[string]any{"totalResults": len(items), "resultsPerPage": size}, "items": items}
	if end < len(tops) {
		out["nextPageToken"] = pageToken(end)
	}
	writeJSON(w, 200, out)
}

// repliesOf returns a thread's published replies, oldest first.
func (s *Server) repliesOf(parent string) []*Comment {
	var out []*Comment
	for _, id := range s.order {
		if c := s.comments[id]; c.ParentID == parent && c.Status == "published" {
			out = append(out, c)
		}
	}
	return out
}

func (s *Server) commentResource(c *Comment, plain bool) map[string]any {
	display := c.Text
	if !plain {
		display = strings.ReplaceAll(html.EscapeString(c.Text), "\n", "<br>")
	}
	snippet := map[string]any{
		"channelId": s.videos[c.VideoID], "videoId": c.VideoID,
		"textDisplay": display, "textOriginal": c.Text,
		"authorDisplayName":     c.AuthorName,
		"authorProfileImageUrl": "https://yt3.ggpht.example/" + c.AuthorChannelID,
		"authorChannelUrl":      "http://www.youtube.com/channel/" + c.AuthorChannelID,
		"authorChannelId":       map[string]any{"value": c.AuthorChannelID},
		"canRate":               true, "viewerRating": "none", "likeCount": 0,
		"publishedAt": c.PublishedAt.UTC().Format(time.RFC3339), "updatedAt": c.UpdatedAt.UTC().Format(time.RFC3339),
	}
	if c.ParentID != "" {
		snippet["parentId"] = c.ParentID
	}
	return map[string]any{"kind": "youtube#comment", "etag": etag(c.ID), "id": c.ID, "snippet": snippet}
}

func (s *Server) listComments(w http.ResponseWriter, _ *http.Request, q map[string][]string, _ []byte, _ bool) {
	if _, ok := parts(w, q, "id", "snippet"); !ok {
		return
	}
	offset, size, ok := paging(w, q, 20, 1, 100)
	if !ok {
		return
	}
	plain := first(q, "textFormat") == "plainText"
	var list []*Comment
	switch {
	case first(q, "parentId") != "":
		p := first(q, "parentId")
		if s.comments[p] == nil {
			writeError(w, 404, "commentNotFound", "youtube.comment", "One or more of the comments identified by the <code>parentId</code> parameter could not be found.")
			return
		}
		list = s.repliesOf(p)
	case first(q, "id") != "":
		for _, id := range strings.Split(first(q, "id"), ",") {
			if c := s.comments[id]; c != nil {
				list = append(list, c)
			}
		}
	default:
		writeError(w, 400, "missingRequiredParameter", "youtube.parameter", "No filter selected. Expected one of: id, parentId")
		return
	}
	if !s.spend(w, CostList) {
		return
	}
	items := []any{}
	end := min(offset+size, len(list))
	for _, c := range list[min(offset, len(list)):end] {
		items = append(items, s.commentResource(c, plain))
	}
	out := map[string]any{"kind": "youtube#commentListResponse", "etag": etag("comments"),
		"pageInfo": map[string]any{"totalResults": len(items), "resultsPerPage": size}, "items": items}
	if end < len(list) {
		out["nextPageToken"] = pageToken(end)
	}
	writeJSON(w, 200, out)
}

func (s *Server) insertComment(w http.ResponseWriter, _ *http.Request, q map[string][]string, body []byte, owner bool) {
	if _, ok := parts(w, q, "id", "snippet"); !ok {
		return
	}
	var in struct {
		Snippet struct {
			ParentID     string `json:"parentId"`
			TextOriginal string `json:"textOriginal"`
		} `json:"snippet"`
	}
	if json.Unmarshal(body, &in) != nil {
		writeError(w, 400, "parseError", "global", "Parse Error")
		return
	}
	sn := in.Snippet
	parent := s.comments[sn.ParentID]
	switch {
	case strings.TrimSpace(sn.TextOriginal) == "":
		writeError(w, 400, "commentTextRequired", "youtube.comment", "The comment must contain text.")
	case utf8.RuneCountInString(sn.TextOriginal) > 10000:
		writeError(w, 400, "commentTextTooLong", "youtube.comment", "The <code>snippet.textOriginal</code> property of the comment resource contains too many characters.")
	case sn.ParentID == "":
		writeError(w, 400, "parentIdMissing", "youtube.comment", "The comment must be linked to a parent comment.")
	case parent == nil || parent.Status != "published":
		writeError(w, 404, "parentCommentNotFound", "youtube.comment", "The parent comment could not be found.")
	case parent.ParentID != "":
		writeError(w, 400, "operationNotSupported", "youtube.comment", "The API user is not able to insert a comment in reply to this comment.")
	case !s.spend(w, CostCommentInsert):
	default:
		id := s.addComment(Comment{ParentID: parent.ID, AuthorChannelID: s.opts.ChannelID, AuthorName: s.opts.CustomURL, Text: sn.TextOriginal})
		writeJSON(w, 200, s.commentResource(s.comments[id], false))
		return
	}
}

func (s *Server) setModeration(w http.ResponseWriter, _ *http.Request, q map[string][]string, _ []byte, _ bool) {
	status := first(q, "moderationStatus")
	ids := strings.Split(first(q, "id"), ",")
	switch {
	case first(q, "id") == "":
		writeError(w, 400, "required", "global", "Required parameter: id")
		return
	case !slices.Contains([]string{"heldForReview", "published", "rejected"}, status):
		writeError(w, 400, "invalidModerationStatus", "youtube.comment", "The <code>moderationStatus</code> parameter value is not valid.")
		return
	}
	for _, id := range ids {
		c := s.comments[id]
		if c == nil {
			writeError(w, 404, "commentNotFound", "youtube.comment", "One or more of the comments identified by the <code>id</code> parameter could not be found.")
			return
		}
		if s.videos[c.VideoID] != s.opts.ChannelID {
			writeError(w, 403, "forbidden", "youtube.comment", "The moderation status of one or more comments cannot be set due to insufficient permissions.")
			return
		}
	}
	if !s.spend(w, CostSetModeration) {
		return
	}
	for _, id := range ids {
		s.comments[id].Status = status
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) listChat(w http.ResponseWriter, _ *http.Request, q map[string][]string, _ []byte, _ bool) {
	if _, ok := parts(w, q, "id", "snippet", "authorDetails"); !ok {
		return
	}
	id := first(q, "liveChatId")
	c := s.chats[id]
	switch {
	case id == "":
		writeError(w, 400, "liveChatIdRequired", "youtube.liveChat", "The liveChatId parameter is required.")
		return
	case c == nil:
		writeError(w, 404, "liveChatNotFound", "youtube.liveChat", "The live chat that you are trying to retrieve cannot be found.")
		return
	case c.reported:
		writeError(w, 403, "liveChatEnded", "youtube.liveChat", "The specified live chat is no longer live.")
		return
	}
	offset, _, ok := paging(w, q, 500, 200, 2000)
	if !ok {
		return
	}
	if !s.spend(w, CostLiveChatList) {
		return
	}
	items := []any{}
	for _, m := range c.messages[min(offset, len(c.messages)):] {
		items = append(items, s.chatResource(id, m))
	}
	out := map[string]any{"kind": "youtube#liveChatMessageListResponse", "etag": etag("chat"),
		"pollingIntervalMillis": s.opts.PollingMillis, "nextPageToken": pageToken(len(c.messages)),
		"pageInfo": map[string]any{"totalResults": len(items), "resultsPerPage": len(items)}, "items": items}
	if !c.offlineAt.IsZero() {
		out["offlineAt"] = c.offlineAt.Format(time.RFC3339)
		c.reported = true
	}
	writeJSON(w, 200, out)
}

func (s *Server) chatResource(chatID string, m ChatMessage) map[string]any {
	snippet := map[string]any{
		"type": m.Type, "liveChatId": chatID, "authorChannelId": m.AuthorChannelID,
		"publishedAt": m.At.UTC().Format(time.RFC3339Nano), "hasDisplayContent": m.Type != "tombstone",
		"displayMessage": m.Text,
	}
	switch m.Type {
	case "textMessageEvent":
		snippet["textMessageDetails"] = map[string]any{"messageText": m.Text}
	case "superChatEvent":
		snippet["superChatDetails"] = map[string]any{"amountMicros": "5000000", "currency": "EUR",
			"amountDisplayString": "€5.00", "userComment": m.Text, "tier": 2}
		snippet["displayMessage"] = "€5.00 from " + m.AuthorName + ": \"" + m.Text + "\""
	}
	return map[string]any{"kind": "youtube#liveChatMessage", "etag": etag(m.ID), "id": m.ID, "snippet": snippet,
		"authorDetails": map[string]any{"channelId": m.AuthorChannelID, "channelUrl": "http://www.youtube.com/channel/" + m.AuthorChannelID,
			"displayName": m.AuthorName, "profileImageUrl": "https://yt3.ggpht.example/" + m.AuthorChannelID,
			"isVerified": false, "isChatOwner": m.Owner, "isChatSponsor": false, "isChatModerator": false}}
}

func (s *Server) insertChat(w http.ResponseWriter, _ *http.Request, q map[string][]string, body []byte, _ bool) {
	if _, ok := parts(w, q, "id", "snippet", "authorDetails"); !ok {
		return
	}
	var in struct {
		Snippet struct {
			LiveChatID         string `json:"liveChatId"`
			Type               string `json:"type"`
			TextMessageDetails struct {
				MessageText string `json:"messageText"`
			} `json:"textMessageDetails"`
		} `json:"snippet"`
	}
	if json.Unmarshal(body, &in) != nil {
		writeError(w, 400, "parseError", "global", "Parse Error")
		return
	}
	sn := in.Snippet
	c := s.chats[sn.LiveChatID]
	text := sn.TextMessageDetails.MessageText
	switch {
	case sn.LiveChatID == "":
		writeError(w, 400, "liveChatIdRequired", "youtube.liveChat", "You must specify a value for the snippet.liveChatId property.")
	case c == nil:
		writeError(w, 404, "liveChatNotFound", "youtube.liveChat", "The live chat that you are trying to insert a message into cannot be found.")
	case !c.offlineAt.IsZero():
		writeError(w, 403, "liveChatEnded", "youtube.liveChat", "The specified live chat is no longer live.")
	case sn.Type != "textMessageEvent":
		writeError(w, 400, "invalidValue", "youtube.liveChat", "The snippet.type value must be textMessageEvent.")
	case strings.TrimSpace(text) == "" || utf8.RuneCountInString(text) > 200:
		writeError(w, 400, "messageTextInvalid", "youtube.liveChat", "The message text is missing or too long (at most 200 characters).")
	case !s.spend(w, CostLiveChatInsert):
	default:
		s.addChatMessage(sn.LiveChatID, ChatMessage{AuthorChannelID: s.opts.ChannelID, AuthorName: s.opts.CustomURL, Text: text, Owner: true})
		writeJSON(w, 200, s.chatResource(sn.LiveChatID, c.messages[len(c.messages)-1]))
	}
}

func writeFailure(w http.ResponseWriter, f Failure) {
	if f.Drop {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
	}
	for k, vs := range f.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	status := f.Status
	if status == 0 {
		status = 400
	}
	if f.Body != "" {
		ct := f.ContentType
		if ct == "" {
			ct = "text/html; charset=utf-8"
		}
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(status)
		_, _ = io.WriteString(w, f.Body)
		return
	}
	if f.Reason == "" && f.Message == "" {
		w.WriteHeader(status)
		return
	}
	domain := f.Domain
	if domain == "" {
		domain = "global"
	}
	writeError(w, status, f.Reason, domain, f.Message)
}

// writeError writes Google's error envelope.
func writeError(w http.ResponseWriter, status int, reason, domain, message string) {
	writeJSON(w, status, map[string]any{"error": map[string]any{
		"code": status, "message": message,
		"errors": []any{map[string]any{"message": message, "domain": domain, "reason": reason}},
	}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, _ := json.Marshal(v) // escapes <, > and & as \u003c…, as Google's answers do
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func etag(s string) string {
	sum := sha256.Sum256([]byte(s))
	return base64.RawURLEncoding.EncodeToString(sum[:])[:27]
}
