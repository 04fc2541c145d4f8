// Package llm drafts replies with an OpenAI-compatible chat-completions server (OpenAI, Ollama,
// LM Studio, llama.cpp...), streaming the text as the model writes it. It implements
// backend.ModelDrafter.
package llm

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"tend/backend"
)

// reasoningMaxTokens bounds the answer of a reasoning model (o1, o3, o4, gpt-5...), which refuses
// max_tokens and counts its hidden reasoning in max_completion_tokens: DefaultModelMaxToken would
// often be spent before the first visible word.
const reasoningMaxTokens = 4 * backend.DefaultModelMaxToken

// Drafter is a backend.ModelDrafter over an OpenAI-compatible server. It is safe for concurrent
// use.
type Drafter struct {
	client *openai.Client
	model  string
	label  string // the model's name for messages: model without the API key, however unlikely
	temp   float64
	limit  time.Duration // bounds a whole draft
	apiKey string        // kept only to remove it from errors
	hasKey bool
	url    string // the base URL without user info, for messages
	host   string // host[:port], for explanations
	// preset is the local preset (Ollama, LM Studio, llama.cpp) whose address the base URL has,
	// for "Is Ollama running at ...?".
	preset *backend.ModelPreset
}

var _ backend.ModelDrafter = (*Drafter)(nil)

// Option configures a Drafter.
type Option func(*options)

type options struct {
	httpClient *http.Client
	timeout    time.Duration
}

// WithHTTPClient makes the Drafter send its requests with c (its Transport, TLS settings,
// proxy...); the default is a new http.Client over http.DefaultTransport. c.Timeout, when set,
// bounds each draft too.
func WithHTTPClient(c *http.Client) Option {
	return func(o *options) { o.httpClient = c }
}

// WithTimeout bounds each draft by d instead of the settings' TimeoutSeconds, for tests that
// cannot wait a whole second.
func WithTimeout(d time.Duration) Option {
	return func(o *options) { o.timeout = d }
}

// New returns a Drafter for settings (EINVALID when they are not valid). apiKey may be empty:
// local servers need none, and no Authorization header is sent then.
func New(settings backend.ModelSettings, apiKey string, opts ...Option) (*Drafter, error) {
	if err := settings.Validate(); err != nil {
		return nil, err
	}
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	apiKey = strings.TrimSpace(apiKey)

	u, err := url.Parse(settings.BaseURL)
	if err != nil { // Validate parsed it already
		return nil, backend.Wrap(backend.EINVALID, err, "The server address must be an http(s) URL such as http://localhost:11434/v1.").
			Localized("model_base_url_invalid", "url", settings.BaseURL)
	}
	u.User = nil
	d := &Drafter{
		model:  settings.Model,
		label:  redactString(settings.Model, apiKey),
		temp:   settings.Temperature,
		limit:  time.Duration(settings.TimeoutSeconds) * time.Second,
		apiKey: apiKey,
		hasKey: apiKey != "",
		url:    redactString(u.String(), apiKey),
		host:   redactString(u.Host, apiKey),
		preset: localPreset(u),
	}
	if o.timeout > 0 {
		d.limit = o.timeout
	}

	hc := &http.Client{}
	if o.httpClient != nil {
		c := *o.httpClient
		hc = &c
	}
	base := hc.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	hc.Transport = &recorder{base: base}

	cfg := openai.DefaultConfig(apiKey)
	cfg.BaseURL = settings.BaseURL
	cfg.HTTPClient = hc
	d.client = openai.NewClientWithConfig(cfg)
	return d, nil
}

// StreamDraft asks the server for a reply to req and calls onDelta (when not nil) with each piece
// of text as it arrives. It returns the whole draft only when the answer is complete, which is
// when the server sent a finish_reason or "data: [DONE]": after an error, the text already given
// to onDelta must be thrown away. The whole call is bounded by the
// settings' timeout. Errors are *backend.Error values with the keys of this package (Key*).
func (d *Drafter) StreamDraft(ctx context.Context, req backend.ModelDraftRequest, onDelta func(delta string)) (backend.Draft, backend.ModelUsage, error) {
	dctx, cancel := context.WithTimeoutCause(ctx, d.limit, errTimeout)
	defer cancel()
	x := &exchange{}
	dctx = context.WithValue(dctx, exchangeKey{}, x)

	stream, err := d.client.CreateChatCompletionStream(dctx, d.request(req))
	if err != nil {
		return backend.Draft{}, backend.ModelUsage{}, d.fail(ctx, dctx, x, err, false)
	}
	defer stream.Close()

	var (
		text     strings.Builder
		usage    backend.ModelUsage
		finished bool
	)
	for {
		chunk, err := stream.Recv()
		if errors.Is(err, io.EOF) && (finished || x.sawDone()) {
			break
		}
		if err != nil {
			if finished && ctx.Err() == nil {
				// The model said it was done: only the usage chunk or [DONE] is missing.
				break
			}
			return backend.Draft{}, backend.ModelUsage{}, d.fail(ctx, dctx, x, err, true)
		}
		if u := chunk.Usage; u != nil {
			usage = backend.ModelUsage{PromptTokens: u.PromptTokens, CompletionTokens: u.CompletionTokens, TotalTokens: u.TotalTokens}
		}
		for _, c := range chunk.Choices {
			if c.Index != 0 {
				continue
			}
			if c.Delta.Content != "" {
				text.WriteString(c.Delta.Content)
				if onDelta != nil {
					onDelta(c.Delta.Content)
				}
			}
			if c.FinishReason != "" {
				finished = true
			}
		}
	}
	out := strings.TrimSpace(text.String())
	if out == "" {
		return backend.Draft{}, backend.ModelUsage{}, d.empty()
	}
	return backend.Draft{
		Text:     out,
		Source:   backend.DraftFromModel,
		Language: replyLanguage(req.DraftRequest),
		Explanation: backend.Explanation{
			Text:   "Written by " + d.label + " at " + d.host,
			Key:    "draft_explain_model",
			Params: map[string]string{"model": d.label, "server": d.host},
		},
	}, usage, nil
}

// request builds the chat-completions request for req.
func (d *Drafter) request(req backend.ModelDraftRequest) openai.ChatCompletionRequest {
	r := openai.ChatCompletionRequest{
		Model:         d.model,
		Messages:      Messages(req),
		Temperature:   temperature(d.temp),
		Stream:        true,
		StreamOptions: &openai.StreamOptions{IncludeUsage: true},
	}
	// max_tokens is deprecated by OpenAI in favour of max_completion_tokens, but it is the one
	// every local server (Ollama, LM Studio, llama.cpp) reads.
	//lint:ignore SA1019 see above
	r.MaxTokens = backend.DefaultModelMaxToken
	if openai.NewReasoningValidator().Validate(r) != nil {
		// go-openai refuses max_tokens and a temperature other than 1 for reasoning models, as
		// OpenAI does: ask for max_completion_tokens and leave the temperature to the server.
		//lint:ignore SA1019 see above
		r.MaxTokens = 0
		r.MaxCompletionTokens, r.Temperature = reasoningMaxTokens, 0
	}
	return r
}

// temperature converts t for go-openai, whose "omitempty" would drop a zero temperature and leave
// the server's default (often 0.8 or 1): the smallest float32 above zero is sent instead, as its
// documentation advises.
func temperature(t float64) float32 {
	if t <= 0 {
		return math.SmallestNonzeroFloat32
	}
	return float32(t)
}

// replyLanguage is the conversation's language when it is French or English, else the latest
// message's, else the brand's first French or English language, else English.
func replyLanguage(req backend.DraftRequest) backend.Language {
	ok := func(l backend.Language) bool { return l == backend.LanguageFrench || l == backend.LanguageEnglish }
	if ok(req.Conversation.Language) {
		return req.Conversation.Language
	}
	if t := req.Message.Triage; t != nil && ok(t.Language) {
		return t.Language
	}
	for _, l := range req.Settings.Languages {
		if ok(backend.Language(l)) {
			return backend.Language(l)
		}
	}
	return backend.LanguageEnglish
}

// localPreset returns the preset of a local server (on a loopback address) listening where u
// points, nil when there is none.
func localPreset(u *url.URL) *backend.ModelPreset {
	if !loopback(u.Hostname()) {
		return nil
	}
	for i, p := range backend.ModelPresets {
		pu, err := url.Parse(p.BaseURL)
		if err == nil && loopback(pu.Hostname()) && port(pu) == port(u) {
			return &backend.ModelPresets[i]
		}
	}
	return nil
}

func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if u.Scheme == "https" {
		return "443"
	}
	return "80"
}

// exchange is what the transport saw of one draft's HTTP exchange, which go-openai does not tell:
// the Retry-After header of an error answer, whether the stream ended with
// "data: [DONE]", and whether the body held lines that are not server-sent events.
type exchange struct {
	mu         sync.Mutex
	retryAfter string
	done       bool
	other      bool
	// errorLine is set by an "error: {...}" line, which llama.cpp's server sends when generation
	// fails mid-stream.
	errorLine bool
}

type exchangeKey struct{}

func (x *exchange) snapshot() (retryAfter string, other, errorLine bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.retryAfter, x.other, x.errorLine
}

func (x *exchange) sawDone() bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.done
}

// line reads one line of the body.
func (x *exchange) line(l []byte) {
	l = bytes.TrimSpace(l)
	x.mu.Lock()
	defer x.mu.Unlock()
	switch {
	case len(l) == 0:
	case bytes.HasPrefix(l, []byte("data:")):
		if string(bytes.TrimSpace(l[len("data:"):])) == "[DONE]" {
			x.done = true
		}
	case l[0] == ':', bytes.HasPrefix(l, []byte("event:")), bytes.HasPrefix(l, []byte("id:")), bytes.HasPrefix(l, []byte("retry:")):
		// SSE comments and fields
	case bytes.HasPrefix(l, []byte("error:")):
		x.errorLine = true
	default:
		x.other = true
	}
}

// recorder is the HTTP transport of a Drafter: it records into the request's exchange what the
// response says.
type recorder struct{ base http.RoundTripper }

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.base.RoundTrip(req)
	x, _ := req.Context().Value(exchangeKey{}).(*exchange)
	if err != nil || x == nil {
		return resp, err
	}
	x.mu.Lock()
	x.retryAfter = resp.Header.Get("Retry-After")
	x.mu.Unlock()
	resp.Body = &sniffer{ReadCloser: resp.Body, x: x}
	return resp, nil
}

// maxSniffedLine is how much of a line the sniffer keeps: enough to recognise "data: [DONE]" (a
// longer line is not [DONE] unless only spaces follow, and then the prefix says so too).
const maxSniffedLine = 64

// sniffer passes a body through, showing each line to its exchange.
type sniffer struct {
	io.ReadCloser
	x    *exchange
	line []byte
}

func (s *sniffer) Read(p []byte) (int, error) {
	n, err := s.ReadCloser.Read(p)
	for _, b := range p[:n] {
		if b == '\n' {
			s.flush()
			continue
		}
		if len(s.line) < maxSniffedLine {
			s.line = append(s.line, b)
		}
	}
	if err != nil {
		s.flush()
	}
	return n, err
}

func (s *sniffer) flush() {
	if len(s.line) > 0 {
		s.x.line(s.line)
	}
	s.line = s.line[:0]
}

// ListModels asks the server which models it offers (GET /models), with the same errors as a
// draft: a settings page's "test connection".
func (d *Drafter) ListModels(ctx context.Context) ([]string, error) {
	dctx, cancel := context.WithTimeoutCause(ctx, d.limit, errTimeout)
	defer cancel()
	x := &exchange{}
	dctx = context.WithValue(dctx, exchangeKey{}, x)
	list, err := d.client.ListModels(dctx)
	if err != nil {
		return nil, d.fail(ctx, dctx, x, err, false)
	}
	models := make([]string, 0, len(list.Models))
	for _, m := range list.Models {
		models = append(models, m.ID)
	}
	slices.Sort(models)
	return models, nil
}
