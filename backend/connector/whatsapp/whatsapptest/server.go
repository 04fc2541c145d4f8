// Package whatsapptest is a fake WhatsApp Cloud API for tests. It speaks the documented wire
// format: bearer-token authentication, GET /{phone-number-id}, POST /{phone-number-id}/messages
// with text and template bodies, Graph API error envelopes with WhatsApp's codes and
// error_data.details. It enforces the 24-hour customer service window when asked, can be told to
// fail the next requests in every way the platform or the network does, records every request, and
// builds webhook deliveries (messages, contacts, statuses) as Meta sends them.
package whatsapptest

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
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

// Version is the API version path the server answers under (it also answers without one).
const Version = "v23.0"

// Defaults of Options.
const (
	DefaultPhoneNumberID      = "106540352242922"
	DefaultDisplayPhoneNumber = "+1 555-078-3881"
	DefaultVerifiedName       = "Tend Test Shop"
	DefaultToken              = "EAAGtest-token-0123456789"
	DefaultWABAID             = "102290129340398"
)

// Options configure a server; zero fields take the defaults.
type Options struct {
	PhoneNumberID      string
	DisplayPhoneNumber string
	VerifiedName       string
	WABAID             string
	// Token is the only access token accepted.
	Token string
	// Now is the server's clock (time.Now when nil): it dates the window and webhooks.
	Now func() time.Time
	// EnforceWindow refuses free-form messages (131047) to customers who have not written within
	// 24 hours; Inbound and SetLastInbound open the window.
	EnforceWindow bool
	// Templates lists the approved templates; when set, another name gets 132001.
	Templates []string
}

// Request is a request the server received.
type Request struct {
	Method string
	Path   string // without the version prefix
	Query  map[string][]string
	Header http.Header
	Body   []byte
	// JSON is the decoded body of a POST, nil otherwise.
	JSON map[string]any
}

// Failure is what the server answers instead of serving a request.
type Failure struct {
	// Path, when set, limits the failure to requests whose path ends with it ("/messages").
	Path string
	// Status is the HTTP status (400 when zero and an error code is set).
	Status int
	// The Graph API error object; Code 0 with no Body writes a bare status.
	Code    int
	Subcode int
	Type    string
	Message string
	Details string
	// Header is added to the answer (X-Business-Use-Case-Usage…).
	Header http.Header
	// Body, when set, is sent verbatim with ContentType ("text/html" when empty).
	Body        string
	ContentType string
	// Drop closes the connection without an answer.
	Drop bool
}

// Documented failures.
var (
	// WindowClosed is 131047: more than 24 hours since the customer's last message.
	WindowClosed = Failure{Path: "/messages", Status: 400, Code: 131047, Type: "OAuthException",
		Message: "(#131047) Re-engagement message",
		Details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number."}
	// Throughput is 130429: the phone number's messages-per-second limit.
	Throughput = Failure{Path: "/messages", Status: 400, Code: 130429, Type: "OAuthException",
		Message: "(#130429) Rate limit hit", Details: "Cloud API message throughput has been reached."}
	// PairRate is 131056: too many messages to the same customer.
	PairRate = Failure{Path: "/messages", Status: 400, Code: 131056, Type: "OAuthException",
		Message: "(#131056) (Business Account, Consumer Account) pair rate limit hit",
		Details: "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time."}
	// TokenExpired is 190 with subcode 463.
	TokenExpired = Failure{Status: 401, Code: 190, Subcode: 463, Type: "OAuthException",
		Message: "Error validating access token: Session has expired on Tuesday, 01-Jul-25 10:00:00 PDT."}
	// Permission is 10: the token lacks whatsapp_business_messaging.
	Permission = Failure{Status: 403, Code: 10, Type: "OAuthException",
		Message: "(#10) Application does not have permission for this action"}
	// Undeliverable is 131026.
	Undeliverable = Failure{Path: "/messages", Status: 400, Code: 131026, Type: "OAuthException",
		Message: "(#131026) Message Undeliverable", Details: "Message failed to send because of an unknown error with the recipient."}
	// ServerError is 131000 with a 500.
	ServerError = Failure{Status: 500, Code: 131000, Type: "OAuthException",
		Message: "(#131000) Something went wrong", Details: "Message failed to send due to an unknown error."}
	// BadGateway is an HTML 502 from a proxy.
	BadGateway = Failure{Status: 502, Body: "<html><body><h1>502 Bad Gateway</h1></body></html>"}
	// Malformed is a 200 whose body is not JSON.
	Malformed = Failure{Status: 200, Body: "<!DOCTYPE html><html>maintenance</html>"}
)

// Sent is a message the server accepted.
type Sent struct {
	ID        string
	To        string // "to" or "recipient"
	Type      string
	Text      string
	ReplyTo   string
	Template  string
	Language  string
	Params    []string
	PreviewOn bool
}

// Server is a running fake Cloud API. Its methods are safe for concurrent use.
type Server struct {
	srv  *httptest.Server
	opts Options

	mu          sync.Mutex
	token       string
	expired     bool
	failures    []Failure
	requests    []Request
	sent        []Sent
	lastInbound map[string]time.Time
	seq         int
}

// NewServer starts a server; Close it when done.
func NewServer(opts Options) *Server {
	if opts.PhoneNumberID == "" {
		opts.PhoneNumberID = DefaultPhoneNumberID
	}
	if opts.DisplayPhoneNumber == "" {
		opts.DisplayPhoneNumber = DefaultDisplayPhoneNumber
	}
	if opts.VerifiedName == "" {
		opts.VerifiedName = DefaultVerifiedName
	}
	if opts.WABAID == "" {
		opts.WABAID = DefaultWABAID
	}
	if opts.Token == "" {
		opts.Token = DefaultToken
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Server{opts: opts, token: opts.Token, lastInbound: map[string]time.Time{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Close shuts the server down.
func (s *Server) Close() {
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// URL is the server's root.
func (s *Server) URL() string { return s.srv.URL }

// BaseURL is what an account's BaseURL is set to: the root and the version.
func (s *Server) BaseURL() string { return s.srv.URL + "/" + Version }

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

// ExpireToken makes the token expired: every request gets 190 until SetToken.
func (s *Server) ExpireToken() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expired = true
}

// SetToken replaces the accepted token (and un-expires it).
func (s *Server) SetToken(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.token, s.expired = token, false
}

// SetLastInbound records when customer last wrote, for the 24-hour window.
func (s *Server) SetLastInbound(customer string, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lastInbound[customer] = at
}

// Requests returns the requests received so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// Sent returns the messages accepted so far, oldest first.
func (s *Server) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sent)
}

var versionPrefix = regexp.MustCompile(`^/v\d+\.\d+(/|$)`)

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	path := r.URL.Path
	if loc := versionPrefix.FindStringIndex(path); loc != nil {
		path = "/" + strings.TrimPrefix(path[loc[1]-1:], "/")
	}
	req := Request{Method: r.Method, Path: path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body}
	if r.Method == http.MethodPost {
		_ = json.Unmarshal(body, &req.JSON)
	}

	s.mu.Lock()
	s.requests = append(s.requests, req)
	var fail *Failure
	for i, f := range s.failures {
		if f.Path == "" || strings.HasSuffix(path, f.Path) {
			fail = &f
			s.failures = slices.Delete(s.failures, i, i+1)
			break
		}
	}
	token, expired := s.token, s.expired
	s.mu.Unlock()

	if fail != nil {
		writeFailure(w, *fail)
		return
	}
	given, hasBearer := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	switch {
	case !hasBearer || given == "":
		writeError(w, 400, 2500, 0, "OAuthException", "An active access token must be used to query information about the current user.", "", nil)
		return
	case given != token:
		// Meta does not echo the token; this server does, so that tests prove a client never shows
		// what the server says about it.
		writeError(w, 401, 190, 0, "OAuthException", "Invalid OAuth access token - Cannot parse access token: "+given, "", nil)
		return
	case expired:
		writeFailure(w, TokenExpired)
		return
	}

	parts := strings.Split(strings.Trim(path, "/"), "/")
	switch {
	case len(parts) == 1 && r.Method == http.MethodGet:
		s.phone(w, r, parts[0])
	case len(parts) == 2 && parts[1] == "messages" && r.Method == http.MethodPost:
		s.messages(w, parts[0], body)
	default:
		writeError(w, 400, 100, 0, "GraphMethodException", "Unsupported "+strings.ToLower(r.Method)+" request.", "", nil)
	}
}

func (s *Server) unknownObject(w http.ResponseWriter, id string) {
	writeError(w, 400, 100, 33, "GraphMethodException",
		fmt.Sprintf("Unsupported get request. Object with ID '%s' does not exist, cannot be loaded due to missing permissions, or does not support this operation.", id), "", nil)
}

func (s *Server) phone(w http.ResponseWriter, r *http.Request, id string) {
	if id != s.opts.PhoneNumberID {
		s.unknownObject(w, id)
		return
	}
	out := map[string]any{"id": id}
	fields := r.URL.Query().Get("fields")
	if fields == "" {
		fields = "display_phone_number,verified_name"
	}
	for _, f := range strings.Split(fields, ",") {
		switch strings.TrimSpace(f) {
		case "display_phone_number":
			out["display_phone_number"] = s.opts.DisplayPhoneNumber
		case "verified_name":
			out["verified_name"] = s.opts.VerifiedName
		case "quality_rating":
			out["quality_rating"] = "GREEN"
		}
	}
	writeJSON(w, 200, out)
}

// sendBody is a send request as the Cloud API reads it.
type sendBody struct {
	MessagingProduct string `json:"messaging_product"`
	RecipientType    string `json:"recipient_type"`
	To               string `json:"to"`
	Recipient        string `json:"recipient"`
	Type             string `json:"type"`
	Context          *struct {
		MessageID string `json:"message_id"`
	} `json:"context"`
	Text *struct {
		Body       string `json:"body"`
		PreviewURL bool   `json:"preview_url"`
	} `json:"text"`
	Template *struct {
		Name     string `json:"name"`
		Language struct {
			Code string `json:"code"`
		} `json:"language"`
		Components []struct {
			Type       string `json:"type"`
			Parameters []struct {
				Type string `json:"type"`
				Text string `json:"text"`
			} `json:"parameters"`
		} `json:"components"`
	} `json:"template"`
}

func invalidParam(w http.ResponseWriter, details string) {
	writeError(w, 400, 100, 0, "OAuthException", "(#100) Invalid parameter", details, nil)
}

func (s *Server) messages(w http.ResponseWriter, id string, body []byte) {
	if id != s.opts.PhoneNumberID {
		s.unknownObject(w, id)
		return
	}
	var b sendBody
	if err := json.Unmarshal(body, &b); err != nil {
		invalidParam(w, "The request body is not valid JSON.")
		return
	}
	to := b.To
	if to == "" {
		to = b.Recipient
	}
	switch {
	case b.MessagingProduct != "whatsapp":
		invalidParam(w, "The parameter messaging_product is required.")
		return
	case to == "":
		invalidParam(w, "The parameter to is required.")
		return
	case b.RecipientType != "" && b.RecipientType != "individual" && b.RecipientType != "group":
		invalidParam(w, "Param recipient_type must be one of {individual, group}.")
		return
	}
	sent := Sent{To: to, Type: b.Type}
	if b.Context != nil {
		sent.ReplyTo = b.Context.MessageID
	}
	switch b.Type {
	case "", "text":
		sent.Type = "text"
		switch {
		case b.Text == nil || strings.TrimSpace(b.Text.Body) == "":
			invalidParam(w, "The parameter text['body'] is required.")
			return
		case utf8.RuneCountInString(b.Text.Body) > 4096:
			invalidParam(w, "Param text['body'] must be at most 4096 characters long.")
			return
		}
		sent.Text, sent.PreviewOn = b.Text.Body, b.Text.PreviewURL
		if s.opts.EnforceWindow {
			s.mu.Lock()
			last, ok := s.lastInbound[to]
			s.mu.Unlock()
			if !ok || s.opts.Now().Sub(last) > 24*time.Hour {
				writeFailure(w, WindowClosed)
				return
			}
		}
	case "template":
		if b.Template == nil || b.Template.Name == "" || b.Template.Language.Code == "" {
			invalidParam(w, "The parameters template['name'] and template['language']['code'] are required.")
			return
		}
		if len(s.opts.Templates) > 0 && !slices.Contains(s.opts.Templates, b.Template.Name) {
			writeError(w, 404, 132001, 0, "OAuthException", "(#132001) Template name does not exist in the translation",
				fmt.Sprintf("template name (%s) does not exist in %s", b.Template.Name, b.Template.Language.Code), nil)
			return
		}
		sent.Template, sent.Language = b.Template.Name, b.Template.Language.Code
		for _, c := range b.Template.Components {
			for _, p := range c.Parameters {
				sent.Params = append(sent.Params, p.Text)
			}
		}
	}
	s.mu.Lock()
	s.seq++
	sent.ID = messageID(s.seq)
	s.sent = append(s.sent, sent)
	s.mu.Unlock()

	contact := map[string]any{"input": to, "wa_id": to}
	if b.To == "" {
		contact = map[string]any{"input": to, "user_id": to}
	}
	writeJSON(w, 200, map[string]any{
		"messaging_product": "whatsapp",
		"contacts":          []any{contact},
		"messages":          []any{map[string]any{"id": sent.ID}},
	})
}

// messageID makes a wamid like WhatsApp's: "wamid." and base64.
func messageID(n int) string {
	return "wamid." + base64.StdEncoding.EncodeToString([]byte(fmt.Sprintf("HBgLMTY1MDM4Nzk0MzkVAgARGBI%08d", n)))
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
	if f.Code == 0 && f.Message == "" {
		w.WriteHeader(status)
		return
	}
	typ := f.Type
	if typ == "" {
		typ = "OAuthException"
	}
	writeError(w, status, f.Code, f.Subcode, typ, f.Message, f.Details, nil)
}

// writeError writes the Graph API's error envelope, with WhatsApp's error_data when details is set.
func writeError(w http.ResponseWriter, status, code, subcode int, typ, message, details string, header http.Header) {
	for k, vs := range header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	e := map[string]any{"message": message, "type": typ, "code": code, "fbtrace_id": "AbCdEfGhIjKlMnOpQrStUv"}
	if subcode != 0 {
		e["error_subcode"] = subcode
	}
	if details != "" {
		e["error_data"] = map[string]any{"messaging_product": "whatsapp", "details": details}
	}
	writeJSON(w, status, map[string]any{"error": e})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// Inbound is a customer's message for a webhook delivery.
type Inbound struct {
	ID string // "" makes one
	// From is the customer's phone number; "" for a customer who hides it behind a username, who
	// is then known by UserID only.
	From     string
	UserID   string // business-scoped user id ("US.13491208655302741918")
	Name     string // profile name
	Username string
	Type     string // "text" when empty
	Text     string
	ReplyTo  string    // context.id
	At       time.Time // the server's Now when zero
	// Extra is merged into the message object (image, location, reaction…).
	Extra map[string]any
}

// Status is a delivery status for a webhook delivery.
type Status struct {
	ID          string
	Status      string // sent, delivered, read, failed
	RecipientID string
	At          time.Time
	// A failed status's error.
	ErrorCode    int
	ErrorTitle   string
	ErrorMessage string
	ErrorDetails string
}

// Inbound builds the webhook delivery of customer messages, dated by the server's clock, and
// opens their 24-hour windows.
func (s *Server) Inbound(msgs ...Inbound) []byte {
	s.mu.Lock()
	for i := range msgs {
		if msgs[i].At.IsZero() {
			msgs[i].At = s.opts.Now()
		}
		if msgs[i].ID == "" {
			s.seq++
			msgs[i].ID = messageID(1_000_000 + s.seq)
		}
		key := msgs[i].From
		if key == "" {
			key = msgs[i].UserID
		}
		if msgs[i].At.After(s.lastInbound[key]) {
			s.lastInbound[key] = msgs[i].At
		}
	}
	s.mu.Unlock()
	return MessagesWebhook(s.opts.WABAID, s.opts.PhoneNumberID, s.opts.DisplayPhoneNumber, msgs...)
}

// Statuses builds the webhook delivery of statuses of this server's number.
func (s *Server) Statuses(sts ...Status) []byte {
	for i := range sts {
		if sts[i].At.IsZero() {
			sts[i].At = s.opts.Now()
		}
	}
	return StatusesWebhook(s.opts.WABAID, s.opts.PhoneNumberID, s.opts.DisplayPhoneNumber, sts...)
}

// MessagesWebhook builds a "messages" webhook delivery of customer messages, with its contacts[],
// as the Cloud API writes it (timestamps as strings of seconds).
func MessagesWebhook(wabaID, phoneNumberID, displayPhone string, msgs ...Inbound) []byte {
	var contacts, messages []any
	seen := map[string]bool{}
	for _, m := range msgs {
		who := m.From + "\x00" + m.UserID
		if !seen[who] {
			seen[who] = true
			profile := map[string]any{"name": m.Name}
			if m.Username != "" {
				profile["username"] = m.Username
			}
			c := map[string]any{"profile": profile, "wa_id": m.From}
			if m.UserID != "" {
				c["user_id"] = m.UserID
			}
			contacts = append(contacts, c)
		}
		typ := m.Type
		if typ == "" {
			typ = "text"
		}
		msg := map[string]any{"from": m.From, "id": m.ID, "timestamp": strconv.FormatInt(m.At.Unix(), 10), "type": typ}
		if m.UserID != "" {
			msg["from_user_id"] = m.UserID
		}
		if typ == "text" {
			msg["text"] = map[string]any{"body": m.Text}
		}
		if m.ReplyTo != "" {
			msg["context"] = map[string]any{"from": phoneDigits(displayPhone), "id": m.ReplyTo}
		}
		for k, v := range m.Extra {
			msg[k] = v
		}
		messages = append(messages, msg)
	}
	return envelope(wabaID, map[string]any{
		"messaging_product": "whatsapp",
		"metadata":          map[string]any{"display_phone_number": phoneDigits(displayPhone), "phone_number_id": phoneNumberID},
		"contacts":          contacts,
		"messages":          messages,
	})
}

// StatusesWebhook builds a "messages" webhook delivery of statuses.
func StatusesWebhook(wabaID, phoneNumberID, displayPhone string, sts ...Status) []byte {
	var statuses []any
	for _, st := range sts {
		o := map[string]any{"id": st.ID, "status": st.Status, "timestamp": strconv.FormatInt(st.At.Unix(), 10), "recipient_id": st.RecipientID}
		if st.Status == "failed" {
			e := map[string]any{"code": st.ErrorCode, "title": st.ErrorTitle, "message": st.ErrorMessage}
			if st.ErrorDetails != "" {
				e["error_data"] = map[string]any{"details": st.ErrorDetails}
			}
			o["errors"] = []any{e}
		} else {
			o["conversation"] = map[string]any{"id": "CONVERSATION_ID", "origin": map[string]any{"type": "service"}}
			o["pricing"] = map[string]any{"billable": false, "pricing_model": "PMP", "category": "service"}
		}
		statuses = append(statuses, o)
	}
	return envelope(wabaID, map[string]any{
		"messaging_product": "whatsapp",
		"metadata":          map[string]any{"display_phone_number": phoneDigits(displayPhone), "phone_number_id": phoneNumberID},
		"statuses":          statuses,
	})
}

func envelope(wabaID string, value map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{
		"object": "whatsapp_business_account",
		"entry":  []any{map[string]any{"id": wabaID, "changes": []any{map[string]any{"value": value, "field": "messages"}}}},
	})
	return b
}

func phoneDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// RandomToken returns a fresh token-like string, for tests that need distinct secrets.
func RandomToken() string {
	b := make([]byte, 18)
	_, _ = rand.Read(b)
	return "EAAG" + base64.RawURLEncoding.EncodeToString(b)
}
