// Package llmtest is a fake OpenAI-compatible server for tests: it speaks the chat-completions wire
// format (JSON answers, server-sent event streams, OpenAI's error objects) and can be told to fail
// in every way a real server or the network does.
package llmtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Created is the "created" timestamp of every answer, fixed so that answers are reproducible.
const Created = 1700000000

// CutMode says how a stream is cut short.
type CutMode int

// Ways to cut a stream after Script.CutAfter content deltas.
const (
	CutNone   CutMode = iota // send the whole stream
	CutHijack                // close the TCP connection mid-body, as a crash or a dropped network does
	CutClean                 // end the HTTP response properly but send neither finish_reason nor [DONE]
)

// Usage is the token count a server reports.
type Usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

// Script is what the server does with the next requests. The zero Script answers "Hello!" in one
// delta to any model, without asking for a key, under /v1.
type Script struct {
	// BasePath prefixes every route; "" means "/v1". "/" serves the routes at the root.
	BasePath string
	// Reply is the assistant's answer; "" means "Hello!". Set EmptyReply for a truly empty answer.
	Reply      string
	EmptyReply bool
	// Deltas is how many content deltas Reply is split into (see Split); 0 means 1.
	Deltas int
	// APIKey, when set, is required as "Authorization: Bearer <key>"; a missing or different key
	// gets OpenAI's 401.
	APIKey string
	// Models, when set, lists the known models; another model gets OpenAI's 404 model_not_found.
	Models []string
	// Status forces an error answer with OpenAI's error object: 401 invalid_api_key, 403, 404
	// model_not_found, 429 rate_limit_exceeded, 500 server_error, or any other status.
	Status int
	// RetryAfter is sent as the Retry-After header of a 429, in seconds, when positive.
	RetryAfter int
	// ErrorBody replaces the JSON error object of a forced Status, verbatim.
	ErrorBody string
	// Garbage, when set, is sent verbatim with status 200 instead of the answer, with
	// GarbageContentType ("" means "text/html; charset=utf-8").
	Garbage            string
	GarbageContentType string
	// Cut cuts the stream after CutAfter content deltas.
	Cut      CutMode
	CutAfter int
	// Delay is waited before every stream event after the first content delta; the wait ends
	// early when the client goes away.
	Delay time.Duration
	// Usage is reported when the client asks for it; the zero Usage means one prompt token per
	// word of the request's messages and one completion token per delta.
	Usage Usage
	// NoUsage leaves the usage chunk out of streams even when the client asks for it, as some
	// local servers do.
	NoUsage bool
}

// Message is a chat message as a client sent it.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
	Name    string `json:"name,omitempty"`
}

// StreamOptions are the stream_options of a request.
type StreamOptions struct {
	IncludeUsage bool `json:"include_usage"`
}

// ChatRequest is the decoded body of a chat-completions request; pointers are nil for fields the
// client left out.
type ChatRequest struct {
	Model               string         `json:"model"`
	Messages            []Message      `json:"messages"`
	Temperature         *float64       `json:"temperature"`
	MaxTokens           *int           `json:"max_tokens"`
	MaxCompletionTokens *int           `json:"max_completion_tokens"`
	Stream              bool           `json:"stream"`
	StreamOptions       *StreamOptions `json:"stream_options"`
}

// Request is a request the server received.
type Request struct {
	Method string
	Path   string
	Header http.Header
	// Body is the decoded chat-completions body; Raw holds every field of it.
	Body ChatRequest
	Raw  map[string]any
}

// Server is a running fake server. Its methods are safe for concurrent use.
type Server struct {
	srv *httptest.Server

	mu       sync.Mutex
	script   Script
	requests []Request
	seq      int
}

// NewServer starts a server following script; Close it when done.
func NewServer(script Script) *Server {
	s := &Server{script: script}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Close shuts the server down, waiting for the requests in progress.
func (s *Server) Close() {
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// Handler returns the server's routes, to serve them on an address of one's choosing (the
// end-to-end tests' fixed port).
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serve) }

// URL is the server's root, such as http://127.0.0.1:4242.
func (s *Server) URL() string { return s.srv.URL }

// BaseURL is the URL a client is configured with: the root and the base path.
func (s *Server) BaseURL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.srv.URL + strings.TrimSuffix(basePath(s.script), "/")
}

// Client returns an HTTP client for the server.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// SetScript replaces the script for the next requests.
func (s *Server) SetScript(script Script) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.script = script
}

// Requests returns the requests received so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

func basePath(sc Script) string {
	p := sc.BasePath
	if p == "" {
		p = "/v1"
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return strings.TrimSuffix(p, "/")
}

// Split cuts text into n pieces of nearly equal rune counts (the first ones one rune longer),
// never splitting a rune; fewer pieces when text has fewer runes than n, and none for "".
func Split(text string, n int) []string {
	runes := []rune(text)
	if n < 1 {
		n = 1
	}
	if n > len(runes) {
		n = len(runes)
	}
	parts := make([]string, 0, n)
	for i, start := 0, 0; i < n; i++ {
		size := len(runes) / n
		if i < len(runes)%n {
			size++
		}
		parts = append(parts, string(runes[start:start+size]))
		start += size
	}
	return parts
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	sc := s.script
	s.seq++
	id := fmt.Sprintf("chatcmpl-llmtest%06d", s.seq)
	s.mu.Unlock()

	base := basePath(sc)
	switch {
	case r.URL.Path == base+"/chat/completions" && r.Method == http.MethodPost:
		s.chat(w, r, sc, id)
	case r.URL.Path == base+"/models" && r.Method == http.MethodGet:
		s.record(r, nil)
		if !authorized(w, r, sc) {
			return
		}
		s.models(w, sc)
	default:
		// What a server answers for a path it does not serve: a wrong base URL.
		s.record(r, nil)
		http.NotFound(w, r)
	}
}

func (s *Server) record(r *http.Request, body []byte) (ChatRequest, error) {
	req := Request{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone()}
	var err error
	if body != nil {
		if err = json.Unmarshal(body, &req.Body); err == nil {
			err = json.Unmarshal(body, &req.Raw)
		}
	}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.mu.Unlock()
	return req.Body, err
}

// apiError is OpenAI's error object, fields in its order.
type apiError struct {
	Message string  `json:"message"`
	Type    string  `json:"type"`
	Param   *string `json:"param"`
	Code    any     `json:"code"`
}

// writeError writes OpenAI's error object.
func writeError(w http.ResponseWriter, status int, message, typ string, code any) {
	body := marshal(struct {
		Error apiError `json:"error"`
	}{apiError{Message: message, Type: typ, Code: code}})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}

// The answers' JSON, fields in the order OpenAI writes them.
type (
	completion struct {
		ID      string   `json:"id"`
		Object  string   `json:"object"`
		Created int64    `json:"created"`
		Model   string   `json:"model"`
		Choices []choice `json:"choices"`
		Usage   Usage    `json:"usage"`
	}
	choice struct {
		Index        int     `json:"index"`
		Message      Message `json:"message"`
		FinishReason string  `json:"finish_reason"`
	}
	chunk struct {
		ID      string        `json:"id"`
		Object  string        `json:"object"`
		Created int64         `json:"created"`
		Model   string        `json:"model"`
		Choices []chunkChoice `json:"choices"`
		// Usage is null on every chunk but the last when the client asked for usage, absent
		// otherwise.
		Usage json.RawMessage `json:"usage,omitempty"`
	}
	chunkChoice struct {
		Index        int     `json:"index"`
		Delta        delta   `json:"delta"`
		FinishReason *string `json:"finish_reason"`
	}
	delta struct {
		Role    string  `json:"role,omitempty"`
		Content *string `json:"content,omitempty"`
	}
)

func authorized(w http.ResponseWriter, r *http.Request, sc Script) bool {
	if sc.APIKey == "" {
		return true
	}
	auth := r.Header.Get("Authorization")
	if auth == "" {
		writeError(w, http.StatusUnauthorized, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", "invalid_request_error", nil)
		return false
	}
	if given := strings.TrimPrefix(auth, "Bearer "); given != sc.APIKey {
		// Real servers mask most of the key; this one echoes it whole, so that tests prove a client
		// never shows what a server says about the key.
		writeError(w, http.StatusUnauthorized, "Incorrect API key provided: "+given+".", "invalid_request_error", "invalid_api_key")
		return false
	}
	return true
}

func (s *Server) forced(w http.ResponseWriter, sc Script, model string) {
	if sc.ErrorBody != "" {
		w.Header().Set("Content-Type", "application/json")
		if sc.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(sc.RetryAfter))
		}
		w.WriteHeader(sc.Status)
		_, _ = io.WriteString(w, sc.ErrorBody)
		return
	}
	switch sc.Status {
	case http.StatusUnauthorized:
		writeError(w, sc.Status, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key")
	case http.StatusForbidden:
		writeError(w, sc.Status, "You are not allowed to use this model.", "invalid_request_error", "model_not_allowed")
	case http.StatusNotFound:
		modelNotFound(w, model)
	case http.StatusTooManyRequests:
		if sc.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(sc.RetryAfter))
		}
		writeError(w, sc.Status, "Rate limit reached for requests. Please try again later.", "requests", "rate_limit_exceeded")
	case http.StatusInternalServerError:
		writeError(w, sc.Status, "The server had an error while processing your request. Sorry about that!", "server_error", nil)
	default:
		writeError(w, sc.Status, http.StatusText(sc.Status), "server_error", nil)
	}
}

func modelNotFound(w http.ResponseWriter, model string) {
	writeError(w, http.StatusNotFound, fmt.Sprintf("The model `%s` does not exist or you do not have access to it.", model), "invalid_request_error", "model_not_found")
}

type model struct {
	ID      string `json:"id"`
	Object  string `json:"object"`
	Created int64  `json:"created"`
	OwnedBy string `json:"owned_by"`
}

func (s *Server) models(w http.ResponseWriter, sc Script) {
	models := sc.Models
	if len(models) == 0 {
		models = []string{"llmtest-model"}
	}
	list := struct {
		Object string  `json:"object"`
		Data   []model `json:"data"`
	}{Object: "list"}
	for _, m := range models {
		list.Data = append(list.Data, model{ID: m, Object: "model", Created: Created, OwnedBy: "llmtest"})
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(append(marshal(list), '\n'))
}

// marshal encodes v as OpenAI does: without escaping <, > and & as Go does by default.
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

func (s *Server) chat(w http.ResponseWriter, r *http.Request, sc Script, id string) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	if err != nil {
		s.record(r, nil)
		return
	}
	req, err := s.record(r, body)
	if err != nil {
		writeError(w, http.StatusBadRequest, "We could not parse the JSON body of your request.", "invalid_request_error", nil)
		return
	}
	if !authorized(w, r, sc) {
		return
	}
	if sc.Status != 0 {
		s.forced(w, sc, req.Model)
		return
	}
	if len(sc.Models) > 0 && !slices.Contains(sc.Models, req.Model) {
		modelNotFound(w, req.Model)
		return
	}
	if sc.Garbage != "" {
		ct := sc.GarbageContentType
		if ct == "" {
			ct = "text/html; charset=utf-8"
		}
		w.Header().Set("Content-Type", ct)
		_, _ = io.WriteString(w, sc.Garbage)
		return
	}

	reply := sc.Reply
	if reply == "" && !sc.EmptyReply {
		reply = "Hello!"
	}
	deltas := Split(reply, max(sc.Deltas, 1))
	usage := sc.Usage
	if usage == (Usage{}) {
		for _, m := range req.Messages {
			usage.PromptTokens += len(strings.Fields(m.Content))
		}
		usage.CompletionTokens = len(deltas)
		usage.TotalTokens = usage.PromptTokens + usage.CompletionTokens
	}

	if !req.Stream {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(append(marshal(completion{
			ID: id, Object: "chat.completion", Created: Created, Model: req.Model,
			Choices: []choice{{Message: Message{Role: "assistant", Content: reply}, FinishReason: "stop"}},
			Usage:   usage,
		}), '\n'))
		return
	}
	s.stream(w, r, sc, id, req, deltas, usage)
}

// stream writes the server-sent events of a streamed answer: a first chunk with the role, one chunk
// per content delta, a chunk with finish_reason "stop" and an empty delta, the usage chunk with
// empty choices when the client asked for it, and "data: [DONE]".
func (s *Server) stream(w http.ResponseWriter, r *http.Request, sc Script, id string, req ChatRequest, deltas []string, usage Usage) {
	flusher, _ := w.(http.Flusher)
	includeUsage := req.StreamOptions != nil && req.StreamOptions.IncludeUsage
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)

	event := func(choices []chunkChoice, u *Usage) []byte {
		c := chunk{ID: id, Object: "chat.completion.chunk", Created: Created, Model: req.Model, Choices: choices}
		if includeUsage {
			c.Usage = marshal(u)
		}
		return marshal(c)
	}
	one := func(d delta, finish *string) []chunkChoice {
		return []chunkChoice{{Delta: d, FinishReason: finish}}
	}
	empty, stop := "", "stop"
	sent := 0 // content deltas written
	send := func(data []byte) bool {
		if sent > 0 && sc.Delay > 0 {
			t := time.NewTimer(sc.Delay)
			defer t.Stop()
			select {
			case <-t.C:
			case <-r.Context().Done():
				return false
			}
		}
		if _, err := fmt.Fprintf(w, "data: %s\n\n", data); err != nil {
			return false
		}
		if flusher != nil {
			flusher.Flush()
		}
		return true
	}
	cut := func() bool {
		if sc.Cut == CutNone || sent < sc.CutAfter {
			return false
		}
		if sc.Cut == CutHijack {
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					_ = conn.Close()
				}
			}
		}
		return true
	}

	if !send(event(one(delta{Role: "assistant", Content: &empty}, nil), nil)) || cut() {
		return
	}
	for _, d := range deltas {
		if !send(event(one(delta{Content: &d}, nil), nil)) {
			return
		}
		sent++
		if cut() {
			return
		}
	}
	if !send(event(one(delta{}, &stop), nil)) {
		return
	}
	if includeUsage && !sc.NoUsage {
		if !send(event([]chunkChoice{}, &usage)) {
			return
		}
	}
	send([]byte("[DONE]"))
}
