package llm_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/llm"
	"tend/backend/llm/llmtest"
)

const testModel = "test-model"

func modelSettings(baseURL string) backend.ModelSettings {
	return backend.ModelSettings{Enabled: true, Preset: "custom", BaseURL: baseURL, Model: testModel, Temperature: 0.3, TimeoutSeconds: 30}
}

func newDrafter(t *testing.T, s backend.ModelSettings, key string, opts ...llm.Option) *llm.Drafter {
	t.Helper()
	d, err := llm.New(s, key, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// collector gathers the deltas of a draft.
type collector struct {
	mu     sync.Mutex
	deltas []string
}

func (c *collector) add(d string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.deltas = append(c.deltas, d)
}

// wantError checks that err is a *backend.Error with code, key and params; params may be nil to
// skip that check.
func wantError(t *testing.T, err error, code, key string, params map[string]string) *backend.Error {
	t.Helper()
	var e *backend.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T), want a *backend.Error", err, err)
	}
	if e.Code != code || e.Key != key {
		t.Errorf("error %s %s (%v), want %s %s", e.Code, e.Key, e, code, key)
	}
	if params != nil && !reflect.DeepEqual(e.Params, params) {
		t.Errorf("params %v, want %v", e.Params, params)
	}
	if e.Message == "" {
		t.Error("no message")
	}
	return e
}

func TestStreamDraft(t *testing.T) {
	t.Parallel()
	reply := "  Bonjour Marie, votre commande part demain : une personne de l'équipe vous confirme la date.  "
	s := llmtest.NewServer(llmtest.Script{Reply: reply, Deltas: 6, Usage: llmtest.Usage{PromptTokens: 120, CompletionTokens: 30, TotalTokens: 150}})
	t.Cleanup(s.Close)
	d := newDrafter(t, modelSettings(s.BaseURL()), "")

	var c collector
	draft, usage, err := d.StreamDraft(context.Background(), draftRequest(), c.add)
	if err != nil {
		t.Fatal(err)
	}
	if want := llmtest.Split(reply, 6); !reflect.DeepEqual(c.deltas, want) {
		t.Errorf("deltas %q, want %q", c.deltas, want)
	}
	host := strings.TrimPrefix(s.URL(), "http://")
	want := backend.Draft{
		Text:     strings.TrimSpace(reply),
		Source:   backend.DraftFromModel,
		Language: backend.LanguageFrench,
		Explanation: backend.Explanation{
			Text:   "Written by test-model at " + host,
			Key:    "draft_explain_model",
			Params: map[string]string{"model": testModel, "server": host},
		},
	}
	if !reflect.DeepEqual(draft, want) {
		t.Errorf("draft %+v\nwant %+v", draft, want)
	}
	if want := (backend.ModelUsage{PromptTokens: 120, CompletionTokens: 30, TotalTokens: 150}); usage != want {
		t.Errorf("usage %+v, want %+v", usage, want)
	}

	// Without a usage chunk the usage is zero, and onDelta may be nil.
	s.SetScript(llmtest.Script{Reply: "Hi", NoUsage: true})
	draft, usage, err = d.StreamDraft(context.Background(), draftRequest(), nil)
	if err != nil || draft.Text != "Hi" || usage != (backend.ModelUsage{}) {
		t.Errorf("without usage: %+v %+v %v", draft, usage, err)
	}
}

func TestStreamDraftLanguage(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(llmtest.Script{})
	t.Cleanup(s.Close)
	d := newDrafter(t, modelSettings(s.BaseURL()), "")
	tests := []struct {
		name   string
		change func(*backend.ModelDraftRequest)
		want   backend.Language
	}{
		{"conversation", func(r *backend.ModelDraftRequest) { r.Conversation.Language = backend.LanguageEnglish }, backend.LanguageEnglish},
		{"triage", func(r *backend.ModelDraftRequest) {
			r.Conversation.Language = backend.LanguageOther
			r.Message.Triage = &backend.TriageResult{Language: backend.LanguageEnglish}
		}, backend.LanguageEnglish},
		{"brand", func(r *backend.ModelDraftRequest) {
			r.Conversation.Language, r.Message.Triage, r.Settings.Languages = "", nil, []string{"fr"}
		}, backend.LanguageFrench},
		{"default", func(r *backend.ModelDraftRequest) {
			r.Conversation.Language, r.Message.Triage, r.Settings.Languages = "", nil, nil
		}, backend.LanguageEnglish},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := draftRequest()
			tt.change(&req)
			draft, _, err := d.StreamDraft(context.Background(), req, nil)
			if err != nil || draft.Language != tt.want {
				t.Errorf("language %q (%v), want %q", draft.Language, err, tt.want)
			}
		})
	}
}

func TestStreamDraftRequest(t *testing.T) {
	t.Parallel()
	ptr := func(v float64) *float64 { return &v }
	tests := []struct {
		name          string
		model         string
		temperature   float64
		key           string
		wantTemp      *float64
		wantMax       int
		wantMaxCompl  int
		authorization string
	}{
		{"key and temperature", testModel, 0.3, " sk-test-1234 \n", ptr(0.3), 400, 0, "Bearer sk-test-1234"},
		{"no key", testModel, 1.5, "", ptr(1.5), 400, 0, ""},
		{"zero temperature is sent", testModel, 0, "", ptr(1e-45), 400, 0, ""},
		{"reasoning model", "o3-mini", 0.4, "k", nil, 0, 1600, "Bearer k"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := llmtest.NewServer(llmtest.Script{})
			t.Cleanup(s.Close)
			settings := modelSettings(s.BaseURL())
			settings.Model, settings.Temperature = tt.model, tt.temperature
			d := newDrafter(t, settings, tt.key)
			if _, _, err := d.StreamDraft(context.Background(), draftRequest(), nil); err != nil {
				t.Fatal(err)
			}
			reqs := s.Requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests", len(reqs))
			}
			r := reqs[0]
			if r.Method != http.MethodPost || r.Path != "/v1/chat/completions" {
				t.Errorf("%s %s", r.Method, r.Path)
			}
			if got := r.Header.Get("Authorization"); got != tt.authorization {
				t.Errorf("Authorization %q, want %q", got, tt.authorization)
			}
			if _, ok := r.Header["Authorization"]; ok && tt.authorization == "" {
				t.Error("an Authorization header without a key")
			}
			b := r.Body
			if b.Model != tt.model || !b.Stream || b.StreamOptions == nil || !b.StreamOptions.IncludeUsage {
				t.Errorf("model %q stream %v options %+v", b.Model, b.Stream, b.StreamOptions)
			}
			switch {
			case tt.wantTemp == nil && b.Temperature != nil:
				t.Errorf("temperature %v sent", *b.Temperature)
			case tt.wantTemp != nil && (b.Temperature == nil || *b.Temperature != *tt.wantTemp && !(*tt.wantTemp < 1e-30 && *b.Temperature < 1e-30)):
				t.Errorf("temperature %v, want %v", b.Temperature, *tt.wantTemp)
			}
			if got := deref(b.MaxTokens); got != tt.wantMax {
				t.Errorf("max_tokens %d, want %d", got, tt.wantMax)
			}
			if got := deref(b.MaxCompletionTokens); got != tt.wantMaxCompl {
				t.Errorf("max_completion_tokens %d, want %d", got, tt.wantMaxCompl)
			}
			want := llm.Messages(draftRequest())
			if len(b.Messages) != len(want) {
				t.Fatalf("%d messages, want %d", len(b.Messages), len(want))
			}
			for i, m := range b.Messages {
				if m.Role != want[i].Role || m.Content != want[i].Content {
					t.Errorf("message %d: %s %q, want %s %q", i, m.Role, m.Content, want[i].Role, want[i].Content)
				}
			}
		})
	}
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

func TestStreamDraftErrors(t *testing.T) {
	t.Parallel()
	const sse = "text/event-stream"
	chunk := func(content, finish string) string {
		f := "null"
		if finish != "" {
			f = `"` + finish + `"`
		}
		return `data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"` + content + `"},"finish_reason":` + f + "}]}\n\n"
	}
	tests := []struct {
		name   string
		script llmtest.Script
		key    string
		model  string
		code   string
		errKey string
		params map[string]string // "URL" stands for the base URL
	}{
		{"wrong key", llmtest.Script{APIKey: "sk-right"}, "sk-wrong", "", backend.EUNAUTHORIZED, llm.KeyBadKey, map[string]string{"url": "URL"}},
		{"missing key", llmtest.Script{APIKey: "sk-right"}, "", "", backend.EUNAUTHORIZED, llm.KeyKeyMissing, map[string]string{"url": "URL"}},
		{"forbidden", llmtest.Script{Status: 403}, "k", "", backend.EFORBIDDEN, llm.KeyForbidden, map[string]string{"url": "URL", "model": testModel}},
		{"unknown model", llmtest.Script{Models: []string{"other"}}, "", "", backend.ENOTFOUND, llm.KeyUnknownModel, map[string]string{"url": "URL", "model": testModel}},
		{"unknown model, Ollama's words", llmtest.Script{Status: 404, ErrorBody: `{"error":{"message":"model \"test-model\" not found, try pulling it first","type":"api_error","param":null,"code":null}}`},
			"", "", backend.ENOTFOUND, llm.KeyUnknownModel, map[string]string{"url": "URL", "model": testModel}},
		{"unknown model in a 400", llmtest.Script{Status: 400, ErrorBody: `{"error":{"message":"The model test-model does not exist","type":"invalid_request_error","param":"model","code":null}}`},
			"", "", backend.ENOTFOUND, llm.KeyUnknownModel, map[string]string{"url": "URL", "model": testModel}},
		{"wrong path", llmtest.Script{BasePath: "/elsewhere"}, "", "", backend.EUNAVAILABLE, llm.KeyBadURL, map[string]string{"url": "URL"}},
		{"404 in JSON not about a model", llmtest.Script{Status: 404, ErrorBody: `{"error":{"code":404,"message":"File Not Found","type":"not_found_error"}}`},
			"", "", backend.EUNAVAILABLE, llm.KeyBadURL, map[string]string{"url": "URL"}},
		{"rate limited with Retry-After", llmtest.Script{Status: 429, RetryAfter: 20}, "", "", backend.ERATELIMITED, llm.KeyRateLimited, map[string]string{"url": "URL", "seconds": "20"}},
		{"rate limited", llmtest.Script{Status: 429}, "", "", backend.ERATELIMITED, llm.KeyRateLimited, map[string]string{"url": "URL"}},
		{"quota", llmtest.Script{Status: 429, ErrorBody: `{"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}`},
			"k", "", backend.EFORBIDDEN, llm.KeyQuota, map[string]string{"url": "URL"}},
		{"server error", llmtest.Script{Status: 500}, "", "", backend.EUNAVAILABLE, llm.KeyServerError, map[string]string{"url": "URL", "status": "500"}},
		{"bad gateway page", llmtest.Script{Status: 502, ErrorBody: "<html>502 Bad Gateway</html>"}, "", "", backend.EUNAVAILABLE, llm.KeyServerError, map[string]string{"url": "URL", "status": "502"}},
		{"bad request", llmtest.Script{Status: 400}, "", "", backend.EUNAVAILABLE, llm.KeyRejected, map[string]string{"url": "URL", "status": "400"}},
		{"legacy model", llmtest.Script{}, "", "text-davinci-003", backend.EINVALID, llm.KeyNotChat, map[string]string{"model": "text-davinci-003"}},
		{"HTML page", llmtest.Script{Garbage: "<!doctype html><html><body>Welcome to nginx!</body></html>\n"}, "", "", backend.EUNAVAILABLE, llm.KeyGarbage, map[string]string{"url": "URL"}},
		{"JSON instead of a stream", llmtest.Script{Garbage: `{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}`, GarbageContentType: "application/json"},
			"", "", backend.EUNAVAILABLE, llm.KeyGarbage, map[string]string{"url": "URL"}},
		{"event that is not JSON", llmtest.Script{Garbage: chunk("Hi", "") + "data: {oops\n\n", GarbageContentType: sse}, "", "", backend.EUNAVAILABLE, llm.KeyGarbage, map[string]string{"url": "URL"}},
		{"error event", llmtest.Script{Garbage: chunk("Hi", "") + `data: {"error":{"message":"overloaded","type":"server_error","param":null,"code":null}}` + "\n\n", GarbageContentType: sse},
			"", "", backend.EUNAVAILABLE, llm.KeyStreamError, map[string]string{"url": "URL"}},
		{"llama.cpp error line", llmtest.Script{Garbage: chunk("Hi", "") + `error: {"code":500,"message":"failed to decode","type":"server_error"}` + "\n\n", GarbageContentType: sse},
			"", "", backend.EUNAVAILABLE, llm.KeyStreamError, map[string]string{"url": "URL"}},
		{"rate limit event", llmtest.Script{Garbage: `data: {"error":{"message":"slow down","type":"requests","param":null,"code":"rate_limit_exceeded"}}` + "\n\n", GarbageContentType: sse},
			"", "", backend.ERATELIMITED, llm.KeyRateLimited, map[string]string{"url": "URL"}},
		{"connection closed mid-stream", llmtest.Script{Reply: "one two three four", Deltas: 4, Cut: llmtest.CutHijack, CutAfter: 2}, "", "", backend.EUNAVAILABLE, llm.KeyStreamCut, map[string]string{"url": "URL"}},
		{"connection closed before any text", llmtest.Script{Cut: llmtest.CutHijack}, "", "", backend.EUNAVAILABLE, llm.KeyStreamCut, map[string]string{"url": "URL"}},
		{"response ended without finish_reason or [DONE]", llmtest.Script{Reply: "one two three four", Deltas: 4, Cut: llmtest.CutClean, CutAfter: 2}, "", "", backend.EUNAVAILABLE, llm.KeyStreamCut, map[string]string{"url": "URL"}},
		{"events without an end", llmtest.Script{Garbage: chunk("Hi", ""), GarbageContentType: sse}, "", "", backend.EUNAVAILABLE, llm.KeyStreamCut, map[string]string{"url": "URL"}},
		{"empty body", llmtest.Script{Garbage: "\n", GarbageContentType: sse}, "", "", backend.EUNAVAILABLE, llm.KeyStreamCut, map[string]string{"url": "URL"}},
		{"empty answer", llmtest.Script{EmptyReply: true}, "", "", backend.EUNAVAILABLE, llm.KeyEmpty, map[string]string{"url": "URL", "model": testModel}},
		{"blank answer", llmtest.Script{Reply: " \n\t ", Deltas: 3}, "", "", backend.EUNAVAILABLE, llm.KeyEmpty, map[string]string{"url": "URL", "model": testModel}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := llmtest.NewServer(tt.script)
			t.Cleanup(s.Close)
			settings := modelSettings(s.URL() + "/v1")
			if tt.model != "" {
				settings.Model = tt.model
			}
			d := newDrafter(t, settings, tt.key)
			var c collector
			draft, usage, err := d.StreamDraft(context.Background(), draftRequest(), c.add)
			params := map[string]string{}
			for k, v := range tt.params {
				params[k] = strings.ReplaceAll(v, "URL", settings.BaseURL)
			}
			wantError(t, err, tt.code, tt.errKey, params)
			if !reflect.DeepEqual(draft, backend.Draft{}) || usage != (backend.ModelUsage{}) {
				t.Errorf("a draft with the error: %+v %+v", draft, usage)
			}
		})
	}
}

func TestStreamDraftSuccessfulEnds(t *testing.T) {
	t.Parallel()
	const sse = "text/event-stream"
	tests := []struct{ name, body string }{
		{"finish_reason without [DONE]", `data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]}` + "\n\n"},
		{"[DONE] without finish_reason", `data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}` + "\n\ndata: [DONE]\n\n"},
		{"comments, CRLF and no space after data:", ": keep-alive\r\n\r\n" + `data:{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}` + "\r\n\r\ndata:[DONE]\r\n\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := llmtest.NewServer(llmtest.Script{Garbage: tt.body, GarbageContentType: sse})
			t.Cleanup(s.Close)
			draft, _, err := newDrafter(t, modelSettings(s.BaseURL()), "").StreamDraft(context.Background(), draftRequest(), nil)
			if err != nil || draft.Text != "Hi" {
				t.Errorf("draft %q, error %v", draft.Text, err)
			}
		})
	}
}

// closedAddress returns the address of a port nothing listens on any more.
func closedAddress(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

// dialing returns a client whose every connection goes to addr, or fails with err.
func dialing(addr string, err error) *http.Client {
	return &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		if err != nil {
			return nil, err
		}
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}}}
}

func TestStreamDraftUnreachable(t *testing.T) {
	t.Parallel()
	addr := closedAddress(t)
	tests := []struct {
		name    string
		preset  string
		baseURL string
		client  *http.Client
		message string
		params  map[string]string
	}{
		{"connection refused", "custom", "http://" + addr + "/v1", nil,
			"Could not reach the model server at http://" + addr + "/v1.", map[string]string{"url": "http://" + addr + "/v1"}},
		{"Ollama not running", "ollama", "http://localhost:11434/v1", dialing(addr, nil),
			"Is Ollama running at http://localhost:11434/v1?", map[string]string{"url": "http://localhost:11434/v1", "server": "Ollama"}},
		{"LM Studio on 127.0.0.1", "custom", "http://127.0.0.1:1234/v1/", dialing(addr, nil),
			"Is LM Studio running at http://127.0.0.1:1234/v1/?", map[string]string{"url": "http://127.0.0.1:1234/v1/", "server": "LM Studio"}},
		{"unknown host", "custom", "http://models.example.invalid/v1", dialing("", &net.DNSError{Err: "no such host", Name: "models.example.invalid", IsNotFound: true}),
			"Could not reach the model server at http://models.example.invalid/v1.", map[string]string{"url": "http://models.example.invalid/v1"}},
		{"remote server on a local preset's port", "custom", "http://10.1.2.3:11434/v1", dialing(addr, nil),
			"Could not reach the model server at http://10.1.2.3:11434/v1.", map[string]string{"url": "http://10.1.2.3:11434/v1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			settings := modelSettings(tt.baseURL)
			settings.Preset = tt.preset
			var opts []llm.Option
			if tt.client != nil {
				opts = append(opts, llm.WithHTTPClient(tt.client))
			}
			_, _, err := newDrafter(t, settings, "", opts...).StreamDraft(context.Background(), draftRequest(), nil)
			e := wantError(t, err, backend.EUNAVAILABLE, llm.KeyUnreachable, tt.params)
			if e.Message != tt.message {
				t.Errorf("message %q, want %q", e.Message, tt.message)
			}
		})
	}
}

func TestStreamDraftCancelled(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(llmtest.Script{Reply: "one two three", Deltas: 3, Delay: time.Hour})
	t.Cleanup(s.Close)
	d := newDrafter(t, modelSettings(s.BaseURL()), "")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var c collector
	draft, _, err := d.StreamDraft(ctx, draftRequest(), func(delta string) {
		c.add(delta)
		cancel() // the user closes the composer after the first words
	})
	wantError(t, err, backend.ECONFLICT, llm.KeyCancelled, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("%v is not context.Canceled", err)
	}
	if draft.Text != "" || len(c.deltas) != 1 {
		t.Errorf("draft %q after deltas %q", draft.Text, c.deltas)
	}

	// Cancelled before it starts.
	_, _, err = d.StreamDraft(ctx, draftRequest(), nil)
	wantError(t, err, backend.ECONFLICT, llm.KeyCancelled, nil)
}

func TestStreamDraftTimeout(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(llmtest.Script{Reply: "one two three", Deltas: 3, Delay: time.Hour})
	t.Cleanup(s.Close)

	d := newDrafter(t, modelSettings(s.BaseURL()), "", llm.WithTimeout(50*time.Millisecond))
	_, _, err := d.StreamDraft(context.Background(), draftRequest(), nil)
	e := wantError(t, err, backend.EUNAVAILABLE, llm.KeyTimeout, map[string]string{"seconds": "1", "url": s.BaseURL()})
	if want := "The model server at " + s.BaseURL() + " did not finish the draft within 1 second."; e.Message != want {
		t.Errorf("message %q", e.Message)
	}

	// The caller's own deadline is the caller's business: the draft was cancelled.
	d = newDrafter(t, modelSettings(s.BaseURL()), "")
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, _, err = d.StreamDraft(ctx, draftRequest(), nil)
	wantError(t, err, backend.ECONFLICT, llm.KeyCancelled, nil)
}

// TestKeyNeverLeaks makes every failure with a key and checks that the key appears in no error
// text, message or parameter, even when the server echoes it.
func TestKeyNeverLeaks(t *testing.T) {
	t.Parallel()
	const key = "sk-proj-SECRET0123456789abcdef"
	addr := closedAddress(t)
	scripts := []llmtest.Script{
		{APIKey: "sk-other"}, // echoes the key it refused
		{Status: 401, ErrorBody: `{"error":{"message":"Incorrect API key provided: ` + key + `","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}`},
		{Status: 403}, {Status: 404}, {Status: 429, RetryAfter: 3}, {Status: 500}, {Status: 400, ErrorBody: "bad key " + key},
		{Garbage: "<html>" + key + "</html>"},
		{Garbage: `data: {"error":{"message":"key ` + key + `","type":"server_error","param":null,"code":null}}` + "\n\n", GarbageContentType: "text/event-stream"},
		{Cut: llmtest.CutHijack}, {EmptyReply: true}, {BasePath: "/x"},
	}
	check := func(t *testing.T, err error) {
		t.Helper()
		if err == nil {
			t.Fatal("no error")
		}
		var texts []string
		for e := err; e != nil; e = errors.Unwrap(e) {
			texts = append(texts, e.Error(), fmt.Sprintf("%+v", e), fmt.Sprintf("%#v", e))
		}
		var be *backend.Error
		if errors.As(err, &be) {
			texts = append(texts, be.Message)
			for k, v := range be.Params {
				texts = append(texts, k, v)
			}
		}
		for _, s := range texts {
			if strings.Contains(s, key) {
				t.Errorf("the key leaks in %q", s)
			}
		}
	}
	for i, sc := range scripts {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			s := llmtest.NewServer(sc)
			t.Cleanup(s.Close)
			_, _, err := newDrafter(t, modelSettings(s.URL()+"/v1"), key).StreamDraft(context.Background(), draftRequest(), nil)
			check(t, err)
		})
	}
	t.Run("key in the address", func(t *testing.T) {
		t.Parallel()
		_, _, err := newDrafter(t, modelSettings("http://user:"+key+"@"+addr+"/v1"), key).StreamDraft(context.Background(), draftRequest(), nil)
		check(t, err)
		wantError(t, err, backend.EUNAVAILABLE, llm.KeyUnreachable, map[string]string{"url": "http://" + addr + "/v1"})
	})
}

func TestNew(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(*backend.ModelSettings)
		key    string
	}{
		{"preset", func(s *backend.ModelSettings) { s.Preset = "nope" }, "model_preset_unknown"},
		{"URL", func(s *backend.ModelSettings) { s.BaseURL = "localhost:11434" }, "model_base_url_invalid"},
		{"model", func(s *backend.ModelSettings) { s.Model = " " }, "model_name_required"},
		{"timeout", func(s *backend.ModelSettings) { s.TimeoutSeconds = 0 }, "model_timeout_range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := modelSettings("http://localhost:11434/v1")
			tt.change(&s)
			_, err := llm.New(s, "")
			wantError(t, err, backend.EINVALID, tt.key, nil)
		})
	}
	if _, err := llm.New(backend.DefaultModelSettings(), ""); err != nil {
		t.Errorf("default settings: %v", err)
	}
}

func TestStreamDraftConcurrent(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(llmtest.Script{Reply: "abcdefghij", Deltas: 5})
	t.Cleanup(s.Close)
	d := newDrafter(t, modelSettings(s.BaseURL()), "k")
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			draft, _, err := d.StreamDraft(context.Background(), draftRequest(), func(string) {})
			if err == nil && draft.Text != "abcdefghij" {
				err = fmt.Errorf("draft %q", draft.Text)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestStreamDraftOllamaModelMissing(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(llmtest.Script{Models: []string{"mistral"}})
	t.Cleanup(s.Close)
	settings := backend.DefaultModelSettings()
	d := newDrafter(t, settings, "", llm.WithHTTPClient(dialing(strings.TrimPrefix(s.URL(), "http://"), nil)))
	_, _, err := d.StreamDraft(context.Background(), draftRequest(), nil)
	e := wantError(t, err, backend.ENOTFOUND, llm.KeyNotPulled, map[string]string{"model": "llama3.2", "url": "http://localhost:11434/v1"})
	if want := `Ollama has no model named "llama3.2": run "ollama pull llama3.2" first, or choose another model.`; e.Message != want {
		t.Errorf("message %q", e.Message)
	}
}

func TestStreamDraftTLS(t *testing.T) {
	t.Parallel()
	untrusted := httptest.NewTLSServer(http.NotFoundHandler())
	t.Cleanup(untrusted.Close)
	plain := llmtest.NewServer(llmtest.Script{})
	t.Cleanup(plain.Close)
	for name, baseURL := range map[string]string{
		"untrusted certificate":   untrusted.URL + "/v1",
		"https to a plain server": "https://" + strings.TrimPrefix(plain.URL(), "http://") + "/v1",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, _, err := newDrafter(t, modelSettings(baseURL), "").StreamDraft(context.Background(), draftRequest(), nil)
			wantError(t, err, backend.EUNAVAILABLE, llm.KeyTLS, map[string]string{"url": baseURL})
		})
	}
}

// TestStreamDraftCutAfterFinish accepts a draft whose connection dropped after the finish_reason,
// before the usage chunk and [DONE].
func TestStreamDraftCutAfterFinish(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = io.WriteString(w, `data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}`+"\n\n"+
			`data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"length"}]}`+"\n\n")
		w.(http.Flusher).Flush()
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			_ = conn.Close()
		}
	}))
	t.Cleanup(srv.Close)
	draft, usage, err := newDrafter(t, modelSettings(srv.URL+"/v1"), "").StreamDraft(context.Background(), draftRequest(), nil)
	if err != nil || draft.Text != "Hi" || usage != (backend.ModelUsage{}) {
		t.Errorf("draft %q, usage %+v, error %v", draft.Text, usage, err)
	}
}

func TestListModels(t *testing.T) {
	srv := llmtest.NewServer(llmtest.Script{Models: []string{"zeta", testModel, "alpha"}, APIKey: "sk-good"})
	defer srv.Close()
	models, err := newDrafter(t, modelSettings(srv.BaseURL()), "sk-good").ListModels(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"alpha", testModel, "zeta"}; !reflect.DeepEqual(models, want) {
		t.Errorf("models %v, want %v", models, want)
	}
	_, err = newDrafter(t, modelSettings(srv.BaseURL()), "sk-bad").ListModels(context.Background())
	wantError(t, err, backend.EUNAUTHORIZED, "model_bad_key", nil)
}
