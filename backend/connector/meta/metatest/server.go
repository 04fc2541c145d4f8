// Package metatest is a fake Graph API for tests of Meta connectors. It speaks the documented wire
// format: versioned paths, access tokens checked on every call (Graph's error 190 with HTTP 400
// for a bad or expired one), {"data", "paging": {"cursors": {"before", "after"}, "next"}} lists
// whose next URLs point back at the fake, the conversations, messages, media, comments, replies
// and feed edges, the Send API with the 24-hour window and the 7-day HUMAN_AGENT tag, private
// replies, hiding and deleting comments, publishing (Page feed posts and photo uploads, scheduled
// within the documented window, deleting a post; Instagram media containers that stay
// IN_PROGRESS for as many status polls as asked, media_publish and permalinks) — and it fails on
// request: rate limits with their usage headers, 5xx answers, malformed JSON. Every request is
// recorded.
package metatest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Version is the Graph API version the fake serves; requests naming another are refused.
const Version = "v21.0"

// Graph's time layout.
const timeLayout = "2006-01-02T15:04:05-0700"

// Messaging windows the Send API enforces.
const (
	ResponseWindow   = 24 * time.Hour
	HumanAgentWindow = 7 * 24 * time.Hour
)

// Error subcodes the Send API uses for a closed window: Messenger's and Instagram's.
const (
	SubcodeOutsideWindow   = 2018278
	SubcodeOutsideWindowIG = 2534022
)

// User is a Graph user as messages and comments name them.
type User struct {
	ID       string
	Username string // Instagram
	Name     string // Facebook and Messenger
}

// Message is a direct message.
type Message struct {
	ID            string
	From          User
	Text          string
	Created       time.Time
	AttachmentURL string // an image attachment, when set
}

// Conversation is a direct-message conversation between the account and one person.
type Conversation struct {
	ID       string
	Platform string // instagram or messenger
	With     User
	Messages []*Message // oldest first
}

// Updated is the time of the conversation's last message.
func (c *Conversation) Updated() time.Time {
	if len(c.Messages) == 0 {
		return time.Time{}
	}
	return c.Messages[len(c.Messages)-1].Created
}

// Comment is a comment on Instagram media or a Facebook post.
type Comment struct {
	ID      string
	From    User
	Text    string
	Created time.Time
	Hidden  bool
	Replies []*Comment // oldest first; replies have no replies
	// PrivateReplied is set once a private reply was sent to the comment.
	PrivateReplied bool
}

// Media is an Instagram media object.
type Media struct {
	ID        string
	Caption   string
	Permalink string
	Created   time.Time
	Comments  []*Comment // top-level, oldest first
}

// Post is a Facebook Page post.
type Post struct {
	ID        string
	Message   string
	Permalink string
	Created   time.Time
	Comments  []*Comment // top-level, oldest first
}

// Updated is the post's updated_time: its creation or its latest comment.
func (p *Post) Updated() time.Time {
	t := p.Created
	for _, c := range p.Comments {
		for _, x := range append([]*Comment{c}, c.Replies...) {
			if x.Created.After(t) {
				t = x.Created
			}
		}
	}
	return t
}

// Failure makes the fake answer matching requests with an error instead of serving them.
type Failure struct {
	Method       string // "" matches any
	PathContains string // "" matches any
	Times        int    // how many requests it answers; 0 means 1
	Status       int    // HTTP status; 0 means 400 for a Graph error, 200 for a Body
	// A Graph error object.
	Code, Subcode      int
	Type, Message      string
	UserTitle, UserMsg string
	Transient          bool
	Header             http.Header // added to the answer (usage headers)
	Body               string      // when set, sent verbatim instead of an error object
	ContentType        string      // of Body; "" means application/json
}

// Sent is a message the Send API accepted.
type Sent struct {
	RecipientID   string
	CommentID     string // a private reply's comment
	Text          string
	MessagingType string
	Tag           string
	MessageID     string
	At            time.Time
}

// Publishing limits the fake enforces, as documented: a Page post may be scheduled between
// ScheduleMin and ScheduleMax ahead (the Pages API guide's 10 minutes to 30 days); a carousel has
// 2 to MaxCarouselChildren items.
const (
	ScheduleMin         = 10 * time.Minute
	ScheduleMax         = 30 * 24 * time.Hour
	MaxCarouselChildren = 10
)

// Container status codes (GET /{container-id}?fields=status_code).
const (
	StatusInProgress = "IN_PROGRESS"
	StatusFinished   = "FINISHED"
	StatusError      = "ERROR"
	StatusExpired    = "EXPIRED"
	StatusPublished  = "PUBLISHED"
)

// PagePost is a post the Pages API accepted on POST /{page-id}/feed or /{page-id}/photos.
type PagePost struct {
	ID       string // the post id, "<page-id>_<n>"
	PhotoID  string // photos: the photo's own id
	Edge     string // "feed" or "photos"
	Message  string // feed: message; photos: caption
	Link     string // feed: link
	PhotoURL string // photos sent with url
	// FileName, FileSize and FileType describe the source part of a photo upload.
	FileName    string
	FileSize    int
	FileType    string
	Published   bool      // out, at once or once its scheduled time came
	ScheduledAt time.Time // zero unless scheduled_publish_time was given
	Deleted     bool
	Created     time.Time
}

// Container is an Instagram media container (POST /{ig-user-id}/media).
type Container struct {
	ID             string
	MediaType      string // "" (an image), REELS, STORIES, VIDEO (a carousel item) or CAROUSEL
	ImageURL       string
	VideoURL       string
	Caption        string
	IsCarouselItem bool
	Children       []string
	// StatusCode is the status once processing is over (FINISHED, ERROR or EXPIRED), then
	// PUBLISHED; Polls is how many more status reads answer IN_PROGRESS first.
	StatusCode string
	Status     string // the explanation of an ERROR
	Polls      int
	MediaID    string // once published
	Created    time.Time
}

// IGPublication is a media published with POST /{ig-user-id}/media_publish.
type IGPublication struct {
	MediaID     string
	ContainerID string
	MediaType   string   // the container's: "", REELS, STORIES or CAROUSEL
	Caption     string   // the top container's
	URLs        []string // the media addresses, children's in order for a carousel
	Permalink   string
	At          time.Time
}

// Request is a request the fake received.
type Request struct {
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	Body   []byte
}

// State is everything the fake knows; change it with Server.Do.
type State struct {
	Token string // the valid access token
	// TokenErrors are tokens Graph refuses with error 190 and the given subcode (463 expired, 460
	// password changed, …).
	TokenErrors map[string]int
	// AppSecret, when RequireProof is set, makes appsecret_proof mandatory.
	AppSecret    string
	RequireProof bool
	Page         User // ID and Name
	IG           User // ID, Username and Name
	// Conversations, media and posts.
	Conversations []*Conversation
	Media         []*Media
	Posts         []*Post
	// LastInbound overrides the time of a person's last message, by their id, for the windows.
	LastInbound map[string]time.Time
	// Unavailable people get error 551 from the Send API.
	Unavailable map[string]bool
	// Failures are served first; see Failure.
	Failures []*Failure
	// AppUsage and BusinessUsage, when set, are sent as X-App-Usage and X-Business-Use-Case-Usage
	// on every answer.
	AppUsage      string
	BusinessUsage string
	// Sent lists what the Send API accepted; Requests every request.
	Sent     []Sent
	Requests []Request
	// PagePosts are the posts published or scheduled on the Page, oldest first.
	PagePosts []*PagePost
	// Containers are the Instagram containers created, oldest first; ContainerPolls is how many
	// status reads of each new container answer IN_PROGRESS before its final status, and
	// ContainerFailures gives the final status (ERROR or EXPIRED) of containers by media address.
	Containers        []*Container
	ContainerPolls    int
	ContainerFailures map[string]string
	// IGPublished lists what media_publish published.
	IGPublished []IGPublication
	seq         int
}

// Server is a running fake. Its zero value is not usable: call New.
type Server struct {
	URL string
	Now func() time.Time

	srv *httptest.Server
	mu  sync.Mutex
	st  State
}

// New starts a fake with the fixture of Fixture(now), now being the fake's clock (time.Now when
// nil); it stops with the test.
func New(t testing.TB, now func() time.Time) *Server {
	t.Helper()
	if now == nil {
		now = time.Now
	}
	s := &Server{Now: now, st: Fixture(now())}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	t.Cleanup(s.srv.Close)
	return s
}

// Do runs f with the state locked, to read or change it.
func (s *Server) Do(f func(st *State)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(&s.st)
}

// Fail queues failures.
func (s *Server) Fail(fs ...*Failure) {
	s.Do(func(st *State) { st.Failures = append(st.Failures, fs...) })
}

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.st.Requests)
}

// Sent returns what the Send API accepted so far.
func (s *Server) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.st.Sent)
}

// PagePosts returns copies of the posts published or scheduled on the Page, deleted ones included.
func (s *Server) PagePosts() []PagePost {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]PagePost, len(s.st.PagePosts))
	for i, p := range s.st.PagePosts {
		out[i] = *p
	}
	return out
}

// ScheduledPosts returns the Page posts Facebook holds: scheduled, not deleted, and not yet due
// at the last request (the fake publishes a post whose time came, as Facebook does).
func (s *Server) ScheduledPosts() []PagePost {
	var out []PagePost
	for _, p := range s.PagePosts() {
		if !p.Published && !p.ScheduledAt.IsZero() && !p.Deleted {
			out = append(out, p)
		}
	}
	return out
}

// Containers returns copies of the Instagram containers created.
func (s *Server) Containers() []Container {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Container, len(s.st.Containers))
	for i, c := range s.st.Containers {
		out[i] = *c
		out[i].Children = slices.Clone(c.Children)
	}
	return out
}

// IGPublished returns what media_publish published.
func (s *Server) IGPublished() []IGPublication {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.st.IGPublished)
}

// RateLimit is the failure of a rate-limit error code (4, 17, 32, 613, 80001–80008) with the
// usage headers Meta sends: X-Business-Use-Case-Usage naming estimated_time_to_regain_access in
// minutes when minutes > 0, else X-App-Usage at 100%.
func RateLimit(code, minutes int) *Failure {
	messages := map[int]string{
		4:     "(#4) Application request limit reached",
		17:    "(#17) User request limit reached",
		32:    "(#32) Page request limit reached",
		613:   "(#613) Calls to this api have exceeded the rate limit.",
		80001: "(#80001) There have been too many calls to this Page account. Wait a bit and try again.",
		80002: "(#80002) There have been too many calls to this Instagram account. Wait a bit and try again.",
		80006: "(#80006) There have been too many messenger api calls to this Page account. Wait a bit and try again.",
	}
	msg := messages[code]
	if msg == "" {
		msg = fmt.Sprintf("(#%d) There have been too many calls. Wait a bit and try again.", code)
	}
	h := http.Header{}
	if minutes > 0 {
		h.Set("X-Business-Use-Case-Usage", fmt.Sprintf(`{"1010000000000001":[{"type":"pages","call_count":100,"total_cputime":12,"total_time":15,"estimated_time_to_regain_access":%d}]}`, minutes))
	} else {
		h.Set("X-App-Usage", `{"call_count":100,"total_time":40,"total_cputime":35}`)
	}
	return &Failure{Status: 400, Code: code, Type: "OAuthException", Message: msg, Header: h}
}

// ServerError is Graph's transient error 2 with HTTP 500.
func ServerError() *Failure {
	return &Failure{Status: 500, Code: 2, Type: "OAuthException", Transient: true,
		Message: "An unexpected error has occurred. Please retry your request later."}
}

// BadGateway is a proxy's 502 HTML page.
func BadGateway() *Failure {
	return &Failure{Status: 502, Body: "<html><body>502 Bad Gateway</body></html>", ContentType: "text/html"}
}

// Malformed is a 200 answer whose JSON is cut short.
func Malformed() *Failure {
	return &Failure{Status: 200, Body: `{"data":[{"id":"1"`}
}

// GraphError is the failure of any Graph error object.
func GraphError(status, code, subcode int, message, userMsg string) *Failure {
	return &Failure{Status: status, Code: code, Subcode: subcode, Type: "OAuthException", Message: message, UserMsg: userMsg}
}

// ---- serving ----

// maxBody bounds the request bodies the fake reads: photo uploads are under 10 MB.
const maxBody = 16 << 20

type apiError struct {
	status    int
	code, sub int
	typ, msg  string
	header    http.Header
}

func graphErr(status, code, sub int, msg string) *apiError {
	return &apiError{status: status, code: code, sub: sub, typ: "OAuthException", msg: msg}
}

func notFound(id string) *apiError {
	return graphErr(400, 100, 33, fmt.Sprintf("Unsupported request. Object with ID '%s' does not exist, cannot be loaded due to missing permissions, or does not support this operation.", id))
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBody))
	s.mu.Lock()
	defer s.mu.Unlock()
	st := &s.st
	st.Requests = append(st.Requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body})
	if st.AppUsage != "" {
		w.Header().Set("X-App-Usage", st.AppUsage)
	}
	if st.BusinessUsage != "" {
		w.Header().Set("X-Business-Use-Case-Usage", st.BusinessUsage)
	}
	w.Header().Set("X-FB-Trace-ID", "AbCdEf"+strconv.Itoa(len(st.Requests)))
	if f := s.failure(r); f != nil {
		s.writeFailure(w, f)
		return
	}
	out, e := s.route(r, body)
	if e != nil {
		s.writeError(w, e)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	_ = json.NewEncoder(w).Encode(out)
}

func (s *Server) failure(r *http.Request) *Failure {
	st := &s.st
	for i, f := range st.Failures {
		if f.Method != "" && f.Method != r.Method || f.PathContains != "" && !strings.Contains(r.URL.Path, f.PathContains) {
			continue
		}
		f.Times--
		if f.Times <= 0 {
			st.Failures = slices.Delete(st.Failures, i, i+1)
		}
		return f
	}
	return nil
}

func (s *Server) writeFailure(w http.ResponseWriter, f *Failure) {
	for k, v := range f.Header {
		w.Header()[k] = v
	}
	if f.Body != "" {
		ct := f.ContentType
		if ct == "" {
			ct = "application/json; charset=UTF-8"
		}
		w.Header().Set("Content-Type", ct)
		status := f.Status
		if status == 0 {
			status = 200
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, f.Body)
		return
	}
	status := f.Status
	if status == 0 {
		status = 400
	}
	obj := map[string]any{"message": f.Message, "type": f.Type, "code": f.Code, "fbtrace_id": "AX1fake"}
	if f.Subcode != 0 {
		obj["error_subcode"] = f.Subcode
	}
	if f.UserTitle != "" {
		obj["error_user_title"] = f.UserTitle
	}
	if f.UserMsg != "" {
		obj["error_user_msg"] = f.UserMsg
	}
	if f.Transient {
		obj["is_transient"] = true
	}
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": obj})
}

func (s *Server) writeError(w http.ResponseWriter, e *apiError) {
	s.writeFailure(w, &Failure{Status: e.status, Code: e.code, Subcode: e.sub, Type: e.typ, Message: e.msg, Header: e.header})
}

// token returns the request's access token: a Bearer (or OAuth) Authorization header, or the
// access_token parameter.
func token(r *http.Request) string {
	h := r.Header.Get("Authorization")
	for _, scheme := range []string{"Bearer ", "OAuth "} {
		if t, ok := strings.CutPrefix(h, scheme); ok {
			return strings.TrimSpace(t)
		}
	}
	return r.URL.Query().Get("access_token")
}

func (s *Server) auth(r *http.Request) *apiError {
	st := &s.st
	tok := token(r)
	switch {
	case tok == "":
		return graphErr(400, 104, 0, "An access token is required to request this resource.")
	case st.TokenErrors[tok] != 0:
		sub := st.TokenErrors[tok]
		msg := "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons."
		if sub == 463 {
			msg = "Error validating access token: Session has expired on Friday, 01-Mar-24 10:00:00 PST. The current time is Saturday, 02-Mar-24 10:00:00 PST."
		}
		return graphErr(400, 190, sub, msg)
	case tok != st.Token:
		return graphErr(400, 190, 0, "Invalid OAuth access token - Cannot parse access token")
	}
	if st.RequireProof {
		m := hmac.New(sha256.New, []byte(st.AppSecret))
		m.Write([]byte(tok))
		if r.URL.Query().Get("appsecret_proof") != hex.EncodeToString(m.Sum(nil)) {
			return graphErr(400, 100, 0, "Invalid appsecret_proof provided in the API argument")
		}
	}
	return nil
}

func (s *Server) route(r *http.Request, body []byte) (any, *apiError) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/"+Version+"/")
	if !ok {
		return nil, graphErr(400, 2500, 0, "Unknown path components: "+r.URL.Path)
	}
	if e := s.auth(r); e != nil {
		return nil, e
	}
	parts := strings.Split(strings.Trim(rest, "/"), "/")
	for i, p := range parts {
		if u, err := url.PathUnescape(p); err == nil {
			parts[i] = u
		}
	}
	st := &s.st
	s.settle()
	params := s.params(r, body)
	id := parts[0]
	switch {
	case len(parts) == 1 && r.Method == http.MethodGet:
		switch id {
		case st.IG.ID:
			return map[string]any{"id": st.IG.ID, "username": st.IG.Username, "name": st.IG.Name}, nil
		case st.Page.ID:
			return map[string]any{"id": st.Page.ID, "name": st.Page.Name}, nil
		}
		if c := s.container(id); c != nil {
			return s.containerStatus(c, r.URL.Query().Get("fields")), nil
		}
		if p := s.pagePost(id); p != nil {
			return s.pagePostJSON(p), nil
		}
		if m := s.mediaObject(id); m != nil {
			return m, nil
		}
		return nil, notFound(id)
	case len(parts) == 1 && r.Method == http.MethodPost:
		return s.hide(id, params)
	case len(parts) == 1 && r.Method == http.MethodDelete:
		if p := s.pagePost(id); p != nil {
			return s.deletePagePost(p)
		}
		return s.deleteComment(id)
	case len(parts) != 2:
		return nil, graphErr(400, 2500, 0, "Unknown path components: /"+strings.Join(parts[1:], "/"))
	}
	edge := parts[1]
	switch {
	case r.Method == http.MethodGet && id == st.Page.ID && edge == "conversations":
		return s.conversations(r)
	case r.Method == http.MethodGet && edge == "messages":
		return s.messages(r, id)
	case r.Method == http.MethodGet && id == st.IG.ID && edge == "media":
		return s.media(r)
	case r.Method == http.MethodGet && edge == "comments":
		return s.comments(r, id)
	case r.Method == http.MethodGet && edge == "replies":
		return s.replies(r, id)
	case r.Method == http.MethodGet && id == st.Page.ID && (edge == "feed" || edge == "posts"):
		return s.feed(r)
	case r.Method == http.MethodPost && id == st.Page.ID && edge == "messages":
		return s.send(params)
	case r.Method == http.MethodPost && id == st.Page.ID && edge == "feed":
		return s.publishFeed(params)
	case r.Method == http.MethodPost && id == st.Page.ID && edge == "photos":
		return s.publishPhoto(params)
	case r.Method == http.MethodPost && id == st.IG.ID && edge == "media":
		return s.createContainer(params)
	case r.Method == http.MethodPost && id == st.IG.ID && edge == "media_publish":
		return s.mediaPublish(params)
	case r.Method == http.MethodPost && (edge == "replies" || edge == "comments"):
		return s.reply(id, edge, params)
	}
	return nil, notFound(id)
}

// params merges the query, a form body and a JSON body.
func (s *Server) params(r *http.Request, body []byte) map[string]any {
	out := map[string]any{}
	for k, v := range r.URL.Query() {
		out[k] = v[0]
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var m map[string]any
		if json.Unmarshal(body, &m) == nil {
			for k, v := range m {
				out[k] = v
			}
		}
	} else if mt, mp, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		for k, v := range parseMultipart(body, mp["boundary"]) {
			out[k] = v
		}
	} else if form, err := url.ParseQuery(string(body)); err == nil {
		for k, v := range form {
			out[k] = v[0]
		}
	}
	// Form and query values of objects are JSON text.
	for _, k := range []string{"recipient", "message"} {
		if t, ok := out[k].(string); ok && strings.HasPrefix(strings.TrimSpace(t), "{") {
			var m map[string]any
			if json.Unmarshal([]byte(t), &m) == nil {
				out[k] = m
			}
		}
	}
	return out
}

// Upload is a file part of a multipart request, as params holds it.
type Upload struct {
	Field, FileName, ContentType string
	Size                         int
}

// parseMultipart reads a multipart/form-data body: values as strings, files as *Upload.
func parseMultipart(body []byte, boundary string) map[string]any {
	out := map[string]any{}
	if boundary == "" {
		return out
	}
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		part, err := mr.NextPart()
		if err != nil {
			return out
		}
		data, _ := io.ReadAll(part)
		if part.FileName() != "" {
			out[part.FormName()] = &Upload{Field: part.FormName(), FileName: part.FileName(),
				ContentType: part.Header.Get("Content-Type"), Size: len(data)}
		} else if _, ok := out[part.FormName()]; !ok {
			out[part.FormName()] = string(data)
		}
		_ = part.Close()
	}
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

// ---- paging ----

func encodeCursor(i int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("idx:" + strconv.Itoa(i)))
}

func decodeCursor(c string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimPrefix(string(b), "idx:"))
	return n, err == nil && strings.HasPrefix(string(b), "idx:")
}

// page cuts items to the page the query asks (limit, after, before) and returns Graph's list.
func (s *Server) page(items []any, q url.Values, path string, defaultLimit int) (map[string]any, *apiError) {
	limit := defaultLimit
	if l, err := strconv.Atoi(q.Get("limit")); err == nil && l > 0 {
		limit = min(l, 100)
	}
	start := 0
	if a := q.Get("after"); a != "" {
		i, ok := decodeCursor(a)
		if !ok {
			return nil, graphErr(400, 100, 0, "(#100) The after cursor is not valid")
		}
		start = i + 1
	}
	start = min(start, len(items))
	end := min(start+limit, len(items))
	data := items[start:end]
	if data == nil {
		data = []any{}
	}
	out := map[string]any{"data": data}
	if len(data) > 0 {
		paging := map[string]any{"cursors": map[string]any{"before": encodeCursor(start), "after": encodeCursor(end - 1)}}
		if end < len(items) {
			nq := url.Values{}
			for k, v := range q {
				nq[k] = v
			}
			nq.Del("before")
			nq.Set("limit", strconv.Itoa(limit))
			nq.Set("after", encodeCursor(end-1))
			paging["next"] = s.URL + "/" + Version + "/" + path + "?" + nq.Encode()
		}
		if start > 0 {
			pq := url.Values{}
			for k, v := range q {
				pq[k] = v
			}
			pq.Del("after")
			pq.Set("limit", strconv.Itoa(limit))
			pq.Set("before", encodeCursor(start))
			paging["previous"] = s.URL + "/" + Version + "/" + path + "?" + pq.Encode()
		}
		out["paging"] = paging
	}
	return out, nil
}

// nestedLimit reads "edge.limit(N)" in a fields parameter.
func nestedLimit(fields, edge string, def int) (int, bool) {
	if !regexp.MustCompile(`(^|[,{])` + edge + `\b`).MatchString(fields) {
		return 0, false
	}
	m := regexp.MustCompile(edge + `\.limit\((\d+)\)`).FindStringSubmatch(fields)
	if m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil && n > 0 {
			return n, true
		}
	}
	return def, true
}

// ---- objects ----

func gtime(t time.Time) string { return t.UTC().Format(timeLayout) }

func (s *Server) userJSON(u User, platform string) map[string]any {
	if platform == "instagram" {
		return map[string]any{"id": u.ID, "username": u.Username}
	}
	return map[string]any{"id": u.ID, "name": u.Name, "email": u.ID + "@facebook.com"}
}

func (s *Server) messageJSON(c *Conversation, m *Message) map[string]any {
	own := s.own(c.Platform)
	to := c.With
	if m.From.ID != own.ID {
		to = own
	}
	out := map[string]any{
		"id": m.ID, "created_time": gtime(m.Created), "message": m.Text,
		"from": s.userJSON(m.From, c.Platform),
		"to":   map[string]any{"data": []any{s.userJSON(to, c.Platform)}},
	}
	if m.AttachmentURL != "" {
		out["attachments"] = map[string]any{"data": []any{map[string]any{
			"id": m.ID + "_a", "mime_type": "image/jpeg", "name": "image.jpg", "size": 1024,
			"image_data": map[string]any{"url": m.AttachmentURL, "width": 640, "height": 480},
		}}}
	}
	return out
}

func (s *Server) own(platform string) User {
	if platform == "instagram" {
		return s.st.IG
	}
	return s.st.Page
}

func (s *Server) conversations(r *http.Request) (any, *apiError) {
	q := r.URL.Query()
	platform := q.Get("platform")
	if platform == "" {
		platform = "messenger"
	}
	if platform != "instagram" && platform != "messenger" {
		return nil, graphErr(400, 100, 0, "(#100) param platform must be one of {MESSENGER, INSTAGRAM}")
	}
	var convs []*Conversation
	for _, c := range s.st.Conversations {
		if c.Platform == platform && len(c.Messages) > 0 {
			convs = append(convs, c)
		}
	}
	sort.SliceStable(convs, func(i, j int) bool { return convs[i].Updated().After(convs[j].Updated()) })
	fields := q.Get("fields")
	limit, withMessages := nestedLimit(fields, "messages", 25)
	items := make([]any, len(convs))
	for i, c := range convs {
		item := map[string]any{"id": c.ID, "updated_time": gtime(c.Updated())}
		if strings.Contains(fields, "participants") {
			item["participants"] = map[string]any{"data": []any{s.userJSON(c.With, platform), s.userJSON(s.own(platform), platform)}}
		}
		if withMessages {
			msgs := s.newestFirst(c)
			p, _ := s.page(msgs, url.Values{"limit": {strconv.Itoa(limit)}}, c.ID+"/messages", limit)
			item["messages"] = p
		}
		items[i] = item
	}
	return s.page(items, q, s.st.Page.ID+"/conversations", 25)
}

func (s *Server) newestFirst(c *Conversation) []any {
	out := make([]any, 0, len(c.Messages))
	for i := len(c.Messages) - 1; i >= 0; i-- {
		out = append(out, s.messageJSON(c, c.Messages[i]))
	}
	return out
}

func (s *Server) conversation(id string) *Conversation {
	for _, c := range s.st.Conversations {
		if c.ID == id {
			return c
		}
	}
	return nil
}

func (s *Server) messages(r *http.Request, id string) (any, *apiError) {
	c := s.conversation(id)
	if c == nil {
		return nil, notFound(id)
	}
	return s.page(s.newestFirst(c), r.URL.Query(), id+"/messages", 25)
}

func (s *Server) media(r *http.Request) (any, *apiError) {
	media := slices.Clone(s.st.Media)
	sort.SliceStable(media, func(i, j int) bool { return media[i].Created.After(media[j].Created) })
	items := make([]any, len(media))
	for i, m := range media {
		count := 0
		for _, c := range m.Comments {
			count += 1 + len(c.Replies)
		}
		items[i] = map[string]any{
			"id": m.ID, "caption": m.Caption, "permalink": m.Permalink, "timestamp": gtime(m.Created),
			"comments_count": count, "media_product_type": "FEED", "media_type": "IMAGE",
		}
	}
	return s.page(items, r.URL.Query(), s.st.IG.ID+"/media", 25)
}

func (s *Server) igCommentJSON(c *Comment, parent string) map[string]any {
	out := map[string]any{
		"id": c.ID, "text": c.Text, "timestamp": gtime(c.Created), "username": c.From.Username,
		"from": map[string]any{"id": c.From.ID, "username": c.From.Username}, "hidden": c.Hidden, "like_count": 0,
	}
	if parent != "" {
		out["parent_id"] = parent
	}
	return out
}

func (s *Server) fbCommentJSON(c *Comment, parent string) map[string]any {
	out := map[string]any{
		"id": c.ID, "message": c.Text, "created_time": gtime(c.Created), "is_hidden": c.Hidden,
		"from": map[string]any{"id": c.From.ID, "name": c.From.Name},
	}
	if parent != "" {
		out["parent"] = map[string]any{"id": parent}
	}
	return out
}

// findComment returns a comment, its parent ("" for a top-level one) and whether it is on
// Instagram.
func (s *Server) findComment(id string) (c *Comment, parent *Comment, instagram bool, list *[]*Comment) {
	search := func(cs *[]*Comment) (*Comment, *Comment, *[]*Comment) {
		for _, top := range *cs {
			if top.ID == id {
				return top, nil, cs
			}
			for _, r := range top.Replies {
				if r.ID == id {
					return r, top, &top.Replies
				}
			}
		}
		return nil, nil, nil
	}
	for _, m := range s.st.Media {
		if c, p, l := search(&m.Comments); c != nil {
			return c, p, true, l
		}
	}
	for _, p := range s.st.Posts {
		if c, par, l := search(&p.Comments); c != nil {
			return c, par, false, l
		}
	}
	return nil, nil, false, nil
}

func (s *Server) comments(r *http.Request, id string) (any, *apiError) {
	q := r.URL.Query()
	for _, m := range s.st.Media {
		if m.ID != id {
			continue
		}
		fields := q.Get("fields")
		limit, withReplies := nestedLimit(fields, "replies", 25)
		items := make([]any, len(m.Comments))
		for i, c := range m.Comments {
			item := s.igCommentJSON(c, "")
			if withReplies && len(c.Replies) > 0 {
				rs := make([]any, len(c.Replies))
				for j, rep := range c.Replies {
					rs[j] = s.igCommentJSON(rep, c.ID)
				}
				p, _ := s.page(rs, url.Values{"limit": {strconv.Itoa(limit)}}, c.ID+"/replies", limit)
				item["replies"] = p
			}
			items[i] = item
		}
		return s.page(items, q, id+"/comments", 25)
	}
	for _, p := range s.st.Posts {
		if p.ID != id {
			continue
		}
		type flat struct {
			c      *Comment
			parent string
		}
		var all []flat
		for _, c := range p.Comments {
			all = append(all, flat{c, ""})
			if q.Get("filter") == "stream" {
				for _, rep := range c.Replies {
					all = append(all, flat{rep, c.ID})
				}
			}
		}
		sort.SliceStable(all, func(i, j int) bool { return all[i].c.Created.Before(all[j].c.Created) })
		if q.Get("order") == "reverse_chronological" {
			slices.Reverse(all)
		}
		items := make([]any, len(all))
		for i, f := range all {
			items[i] = s.fbCommentJSON(f.c, f.parent)
		}
		return s.page(items, q, id+"/comments", 25)
	}
	return nil, notFound(id)
}

func (s *Server) replies(r *http.Request, id string) (any, *apiError) {
	c, parent, instagram, _ := s.findComment(id)
	if c == nil || !instagram || parent != nil {
		return nil, notFound(id)
	}
	items := make([]any, len(c.Replies))
	for i, rep := range c.Replies {
		items[i] = s.igCommentJSON(rep, c.ID)
	}
	return s.page(items, r.URL.Query(), id+"/replies", 25)
}

func (s *Server) feed(r *http.Request) (any, *apiError) {
	posts := slices.Clone(s.st.Posts)
	sort.SliceStable(posts, func(i, j int) bool { return posts[i].Created.After(posts[j].Created) })
	items := make([]any, len(posts))
	for i, p := range posts {
		items[i] = map[string]any{
			"id": p.ID, "message": p.Message, "permalink_url": p.Permalink,
			"created_time": gtime(p.Created), "updated_time": gtime(p.Updated()),
		}
	}
	return s.page(items, r.URL.Query(), s.st.Page.ID+"/feed", 25)
}

func (s *Server) nextID(prefix string) string {
	s.st.seq++
	return prefix + strconv.Itoa(s.st.seq)
}

// reply answers a comment: Instagram's POST /{comment-id}/replies (a reply to a reply joins its
// top-level comment, as Instagram does) or Facebook's POST /{comment-id}/comments.
func (s *Server) reply(id, edge string, params map[string]any) (any, *apiError) {
	c, parent, instagram, _ := s.findComment(id)
	if c == nil || instagram != (edge == "replies") {
		return nil, notFound(id)
	}
	text := str(params["message"])
	if strings.TrimSpace(text) == "" {
		return nil, graphErr(400, 100, 0, "(#100) The parameter message is required")
	}
	top := c
	if parent != nil {
		top = parent
	}
	platform, prefix := "facebook", strings.SplitN(top.ID, "_", 2)[0]+"_"
	if instagram {
		platform, prefix = "instagram", "1790000000000"
	}
	reply := &Comment{ID: s.nextID(prefix), From: s.own(platform), Text: text, Created: s.Now()}
	top.Replies = append(top.Replies, reply)
	return map[string]any{"id": reply.ID}, nil
}

// hide is POST /{comment-id}?hide=true|false on Instagram, ?is_hidden=true|false on Facebook.
func (s *Server) hide(id string, params map[string]any) (any, *apiError) {
	c, _, instagram, _ := s.findComment(id)
	if c == nil {
		return nil, notFound(id)
	}
	param := "is_hidden"
	if instagram {
		param = "hide"
	}
	v, ok := params[param]
	if !ok {
		return nil, graphErr(400, 100, 0, fmt.Sprintf("(#100) The parameter %s is required", param))
	}
	switch str(v) {
	case "true":
		c.Hidden = true
	case "false":
		c.Hidden = false
	default:
		return nil, graphErr(400, 100, 0, fmt.Sprintf("(#100) Param %s must be a boolean", param))
	}
	return map[string]any{"success": true}, nil
}

func (s *Server) deleteComment(id string) (any, *apiError) {
	_, _, _, list := s.findComment(id)
	if list == nil {
		return nil, notFound(id)
	}
	*list = slices.DeleteFunc(*list, func(c *Comment) bool { return c.ID == id })
	return map[string]any{"success": true}, nil
}

// lastInbound is the time of the person's last message, and the platform of their conversation.
func (s *Server) lastInbound(id string) (time.Time, string, bool) {
	var last time.Time
	platform, found := "", false
	for _, c := range s.st.Conversations {
		if c.With.ID != id {
			continue
		}
		found, platform = true, c.Platform
		for _, m := range c.Messages {
			if m.From.ID == id && m.Created.After(last) {
				last = m.Created
			}
		}
	}
	if t, ok := s.st.LastInbound[id]; ok {
		last, found = t, true
	}
	return last, platform, found
}

// send is the Send API: POST /{page-id}/messages.
func (s *Server) send(params map[string]any) (any, *apiError) {
	recipient, _ := params["recipient"].(map[string]any)
	message, _ := params["message"].(map[string]any)
	if recipient == nil || message == nil {
		return nil, graphErr(400, 100, 0, "(#100) The parameter recipient is required")
	}
	text := str(message["text"])
	if strings.TrimSpace(text) == "" {
		return nil, graphErr(400, 100, 0, "(#100) The parameter message must have text or an attachment")
	}
	now := s.Now()
	if commentID := str(recipient["comment_id"]); commentID != "" {
		c, _, _, _ := s.findComment(commentID)
		switch {
		case c == nil:
			return nil, notFound(commentID)
		case c.PrivateReplied:
			return nil, graphErr(400, 100, 0, "(#100) Only one private reply can be sent to a comment.")
		case now.Sub(c.Created) > HumanAgentWindow:
			return nil, graphErr(400, 10, SubcodeOutsideWindow, "(#10) This message is sent outside of allowed window.")
		}
		c.PrivateReplied = true
		id := s.nextID("m_private_")
		s.st.Sent = append(s.st.Sent, Sent{CommentID: commentID, Text: text, MessageID: id, At: now})
		return map[string]any{"recipient_id": c.From.ID, "message_id": id}, nil
	}
	to := str(recipient["id"])
	last, platform, known := s.lastInbound(to)
	switch {
	case to == "" || !known:
		return nil, graphErr(400, 100, 2018001, "(#100) No matching user found")
	case s.st.Unavailable[to]:
		return nil, graphErr(400, 551, 1545041, "(#551) This person isn't available right now.")
	}
	sub := SubcodeOutsideWindow
	if platform == "instagram" {
		sub = SubcodeOutsideWindowIG
	}
	typ, tag := str(params["messaging_type"]), str(params["tag"])
	age := now.Sub(last)
	switch typ {
	case "", "RESPONSE", "UPDATE":
		if age > ResponseWindow {
			return nil, graphErr(400, 10, sub, "(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview")
		}
	case "MESSAGE_TAG":
		if tag != "HUMAN_AGENT" {
			return nil, graphErr(400, 100, 0, "(#100) Tag "+tag+" is not supported")
		}
		if age > HumanAgentWindow {
			return nil, graphErr(400, 10, sub, "(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview")
		}
	default:
		return nil, graphErr(400, 100, 0, "(#100) Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}")
	}
	id := s.nextID("m_")
	s.st.Sent = append(s.st.Sent, Sent{RecipientID: to, Text: text, MessagingType: typ, Tag: tag, MessageID: id, At: now})
	for _, c := range s.st.Conversations {
		if c.With.ID == to {
			c.Messages = append(c.Messages, &Message{ID: id, From: s.own(c.Platform), Text: text, Created: now})
			break
		}
	}
	return map[string]any{"recipient_id": to, "message_id": id}, nil
}

// ---- publishing ----

// boolParam reads a Graph boolean parameter: def when absent, ok false when it is no boolean.
func boolParam(params map[string]any, name string, def bool) (v, ok bool) {
	raw, present := params[name]
	if !present {
		return def, true
	}
	switch strings.ToLower(str(raw)) {
	case "true", "1":
		return true, true
	case "false", "0":
		return false, true
	}
	return false, false
}

// publishTime reads scheduled_publish_time: Unix seconds (a number or digits) or an ISO 8601 time.
func publishTime(v any) (time.Time, bool) {
	text := strings.TrimSpace(str(v))
	if text == "" {
		return time.Time{}, false
	}
	if n, err := strconv.ParseInt(text, 10, 64); err == nil {
		return time.Unix(n, 0), true
	}
	for _, layout := range []string{time.RFC3339, timeLayout} {
		if t, err := time.Parse(layout, text); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// pageSchedule checks published and scheduled_publish_time as Graph does and returns whether the
// post goes out now and, when scheduled, its time.
func (s *Server) pageSchedule(params map[string]any) (bool, time.Time, *apiError) {
	published, ok := boolParam(params, "published", true)
	if !ok {
		return false, time.Time{}, graphErr(400, 100, 0, "(#100) Param published must be a boolean")
	}
	raw, has := params["scheduled_publish_time"]
	if !has || str(raw) == "" {
		return published, time.Time{}, nil
	}
	if published {
		return false, time.Time{}, graphErr(400, 100, 0, "(#100) You cannot specify a scheduled publish time on a published post")
	}
	at, ok := publishTime(raw)
	ahead := at.Sub(s.Now())
	if !ok || ahead < ScheduleMin || ahead > ScheduleMax {
		return false, time.Time{}, graphErr(400, 100, 0, "(#100) The specified scheduled publish time is invalid.")
	}
	return false, at, nil
}

// addPagePost records a Page post; a published one joins the feed.
func (s *Server) addPagePost(p *PagePost) {
	p.Created = s.Now()
	s.st.PagePosts = append(s.st.PagePosts, p)
	if p.Published {
		s.toFeed(p, p.Created)
	}
}

// publishFeed is POST /{page-id}/feed: message, link, published, scheduled_publish_time.
func (s *Server) publishFeed(params map[string]any) (any, *apiError) {
	message, link := str(params["message"]), str(params["link"])
	if strings.TrimSpace(message) == "" && strings.TrimSpace(link) == "" {
		return nil, graphErr(400, 100, 0, "(#100) Missing message or attachment")
	}
	if link != "" {
		if u, err := url.Parse(link); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, graphErr(400, 100, 0, "(#100) The parameter link is not a valid URL")
		}
	}
	published, at, e := s.pageSchedule(params)
	if e != nil {
		return nil, e
	}
	p := &PagePost{ID: s.nextID(s.st.Page.ID + "_"), Edge: "feed", Message: message, Link: link, Published: published, ScheduledAt: at}
	s.addPagePost(p)
	return map[string]any{"id": p.ID}, nil
}

// publishPhoto is POST /{page-id}/photos: a source file part (multipart) or a url, caption (or
// the deprecated message), published, scheduled_publish_time. It answers the photo's id and the
// post's.
func (s *Server) publishPhoto(params map[string]any) (any, *apiError) {
	up, _ := params["source"].(*Upload)
	photoURL := str(params["url"])
	switch {
	case up == nil && photoURL == "":
		return nil, graphErr(400, 324, 0, "(#324) Requires upload file")
	case up != nil && up.Size == 0:
		return nil, graphErr(400, 324, 0, "(#324) Missing or invalid image file")
	case up != nil && up.Size >= 10<<20:
		return nil, graphErr(400, 100, 0, "(#100) The photo must be less than 10MB in size")
	}
	published, at, e := s.pageSchedule(params)
	if e != nil {
		return nil, e
	}
	caption := str(params["caption"])
	if caption == "" {
		caption = str(params["message"])
	}
	p := &PagePost{ID: s.nextID(s.st.Page.ID + "_"), PhotoID: s.nextID("1050000000000"), Edge: "photos", Message: caption,
		PhotoURL: photoURL, Published: published, ScheduledAt: at}
	if up != nil {
		p.FileName, p.FileSize, p.FileType = up.FileName, up.Size, up.ContentType
	}
	s.addPagePost(p)
	return map[string]any{"id": p.PhotoID, "post_id": p.ID}, nil
}

// settle publishes the scheduled posts whose time came, as Facebook does.
func (s *Server) settle() {
	now := s.Now()
	for _, p := range s.st.PagePosts {
		if !p.Published && !p.Deleted && !p.ScheduledAt.IsZero() && !p.ScheduledAt.After(now) {
			s.toFeed(p, p.ScheduledAt)
		}
	}
}

// toFeed publishes p at at: it joins the Page's feed.
func (s *Server) toFeed(p *PagePost, at time.Time) {
	p.Published = true
	_, n, _ := strings.Cut(p.ID, "_")
	s.st.Posts = append(s.st.Posts, &Post{ID: p.ID, Message: p.Message,
		Permalink: "https://www.facebook.com/" + s.st.Page.ID + "/posts/" + n, Created: at})
}

// pagePostJSON is GET /{post-id} of a post the fake published.
func (s *Server) pagePostJSON(p *PagePost) map[string]any {
	out := map[string]any{"id": p.ID, "message": p.Message, "is_published": p.Published, "created_time": gtime(p.Created)}
	if !p.ScheduledAt.IsZero() {
		out["scheduled_publish_time"] = p.ScheduledAt.Unix()
	}
	return out
}

func (s *Server) pagePost(id string) *PagePost {
	for _, p := range s.st.PagePosts {
		if (p.ID == id || p.PhotoID == id) && !p.Deleted {
			return p
		}
	}
	return nil
}

// deletePagePost is DELETE /{post-id} (or /{photo-id}) of a post the fake published.
func (s *Server) deletePagePost(p *PagePost) (any, *apiError) {
	p.Deleted = true
	s.st.Posts = slices.DeleteFunc(s.st.Posts, func(x *Post) bool { return x.ID == p.ID })
	return map[string]any{"success": true}, nil
}

func (s *Server) container(id string) *Container {
	for _, c := range s.st.Containers {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// mediaURL checks a media address Instagram would fetch.
func mediaURL(raw string) *apiError {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return graphErr(400, 9004, 2207052, "Media download has failed. The media URI doesn't meet our requirements.")
	}
	return nil
}

// createContainer is POST /{ig-user-id}/media: image_url, or video_url with media_type REELS
// (VIDEO for a carousel item), STORIES with either, CAROUSEL with children; caption.
func (s *Server) createContainer(params map[string]any) (any, *apiError) {
	st := &s.st
	mt := strings.ToUpper(str(params["media_type"]))
	item, ok := boolParam(params, "is_carousel_item", false)
	if !ok {
		return nil, graphErr(400, 100, 0, "(#100) Param is_carousel_item must be a boolean")
	}
	c := &Container{MediaType: mt, ImageURL: str(params["image_url"]), VideoURL: str(params["video_url"]),
		Caption: str(params["caption"]), IsCarouselItem: item, Polls: st.ContainerPolls, Created: s.Now()}
	final := StatusFinished
	switch mt {
	case "", "IMAGE":
		c.MediaType = ""
		if c.ImageURL == "" {
			return nil, graphErr(400, 100, 0, "(#100) The parameter image_url is required")
		}
	case "REELS", "VIDEO":
		if c.VideoURL == "" {
			return nil, graphErr(400, 100, 0, "(#100) The parameter video_url is required")
		}
		if mt == "VIDEO" && !item {
			return nil, graphErr(400, 100, 0, "(#100) The VIDEO media type is only supported for carousel items: publish single videos as REELS")
		}
	case "STORIES":
		if (c.ImageURL == "") == (c.VideoURL == "") {
			return nil, graphErr(400, 100, 0, "(#100) A story needs one image_url or one video_url")
		}
	case "CAROUSEL":
		var ids []string
		switch v := params["children"].(type) {
		case string:
			for _, id := range strings.Split(v, ",") {
				if id = strings.TrimSpace(id); id != "" {
					ids = append(ids, id)
				}
			}
		case []any:
			for _, id := range v {
				ids = append(ids, str(id))
			}
		}
		if len(ids) < 2 || len(ids) > MaxCarouselChildren {
			return nil, graphErr(400, 100, 0, fmt.Sprintf("(#100) A carousel has 2 to %d children; %d were given", MaxCarouselChildren, len(ids)))
		}
		for _, id := range ids {
			child := s.container(id)
			if child == nil || !child.IsCarouselItem {
				return nil, graphErr(400, 100, 0, fmt.Sprintf("(#100) Param children: %s is not a carousel item container", id))
			}
			if f := child.StatusCode; f == StatusError || f == StatusExpired {
				final = StatusError
			}
		}
		c.Children = ids
	default:
		return nil, graphErr(400, 100, 0, "(#100) Param media_type must be one of {IMAGE, REELS, STORIES, VIDEO, CAROUSEL}")
	}
	for _, u := range []string{c.ImageURL, c.VideoURL} {
		if u == "" {
			continue
		}
		if e := mediaURL(u); e != nil {
			return nil, e
		}
		if f := st.ContainerFailures[u]; f != "" {
			final = f
		}
	}
	c.StatusCode = final
	if final == StatusError {
		c.Status = "Error: The media could not be processed (2207026)"
	}
	c.ID = s.nextID("1789000000000")
	st.Containers = append(st.Containers, c)
	return map[string]any{"id": c.ID}, nil
}

// containerStatus is GET /{container-id}?fields=...: IN_PROGRESS while c.Polls lasts.
func (s *Server) containerStatus(c *Container, fields string) map[string]any {
	code := c.StatusCode
	if c.Polls > 0 {
		c.Polls--
		code = StatusInProgress
	}
	out := map[string]any{"id": c.ID}
	for _, f := range strings.Split(fields, ",") {
		switch strings.TrimSpace(f) {
		case "status_code":
			out["status_code"] = code
		case "status":
			switch code {
			case StatusError:
				out["status"] = c.Status
			case StatusInProgress:
				out["status"] = "In Progress"
			default:
				out["status"] = strings.ToUpper(code[:1]) + strings.ToLower(code[1:])
			}
		}
	}
	return out
}

// mediaObject is GET /{media-id} of published media: id, permalink, caption, media_type.
func (s *Server) mediaObject(id string) map[string]any {
	for _, p := range s.st.IGPublished {
		if p.MediaID == id {
			return map[string]any{"id": id, "permalink": p.Permalink, "caption": p.Caption, "timestamp": gtime(p.At)}
		}
	}
	for _, m := range s.st.Media {
		if m.ID == id {
			return map[string]any{"id": id, "permalink": m.Permalink, "caption": m.Caption, "timestamp": gtime(m.Created)}
		}
	}
	return nil
}

// mediaPublish is POST /{ig-user-id}/media_publish with creation_id.
func (s *Server) mediaPublish(params map[string]any) (any, *apiError) {
	st := &s.st
	id := str(params["creation_id"])
	if id == "" {
		return nil, graphErr(400, 100, 0, "(#100) The parameter creation_id is required")
	}
	c := s.container(id)
	switch {
	case c == nil:
		return nil, notFound(id)
	case c.IsCarouselItem:
		return nil, graphErr(400, 100, 0, "(#100) A carousel item cannot be published on its own")
	case c.Polls > 0:
		return nil, graphErr(400, 9007, 2207027, "Media ID is not available")
	case c.StatusCode == StatusPublished:
		return nil, graphErr(400, 100, 0, "(#100) The media container was already published")
	case c.StatusCode != StatusFinished:
		return nil, graphErr(400, 9007, 2207027, "Media ID is not available")
	}
	mediaID := s.nextID("1790000000000")
	code := "C" + strconv.Itoa(s.st.seq) + "pub"
	permalink := "https://www.instagram.com/p/" + code + "/"
	urls := []string{c.ImageURL + c.VideoURL}
	switch c.MediaType {
	case "REELS":
		permalink = "https://www.instagram.com/reel/" + code + "/"
	case "STORIES":
		permalink = "https://www.instagram.com/stories/" + st.IG.Username + "/" + mediaID + "/"
	case "CAROUSEL":
		urls = nil
		for _, child := range c.Children {
			if cc := s.container(child); cc != nil {
				urls = append(urls, cc.ImageURL+cc.VideoURL)
			}
		}
	}
	now := s.Now()
	c.StatusCode, c.MediaID = StatusPublished, mediaID
	st.IGPublished = append(st.IGPublished, IGPublication{MediaID: mediaID, ContainerID: c.ID, MediaType: c.MediaType,
		Caption: c.Caption, URLs: urls, Permalink: permalink, At: now})
	if c.MediaType != "STORIES" {
		st.Media = append(st.Media, &Media{ID: mediaID, Caption: c.Caption, Permalink: permalink, Created: now})
	}
	return map[string]any{"id": mediaID}, nil
}
