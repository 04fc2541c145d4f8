package llmtest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"tend/backend/llm/llmtest"
)

func post(t *testing.T, s *llmtest.Server, path, body string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

func TestStreamWireFormat(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(llmtest.Script{Reply: "Bonjour <3", Deltas: 2, Usage: llmtest.Usage{PromptTokens: 7, CompletionTokens: 2, TotalTokens: 9}})
	defer s.Close()

	resp, body := post(t, s, "/v1/chat/completions",
		`{"model":"m","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true}}`, nil)
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type = %q", ct)
	}
	const head = `{"id":"chatcmpl-llmtest000001","object":"chat.completion.chunk","created":1700000000,"model":"m","choices":`
	want := "" +
		"data: " + head + `[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}` + "\n\n" +
		"data: " + head + `[{"index":0,"delta":{"content":"Bonjo"},"finish_reason":null}],"usage":null}` + "\n\n" +
		"data: " + head + `[{"index":0,"delta":{"content":"ur <3"},"finish_reason":null}],"usage":null}` + "\n\n" +
		"data: " + head + `[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}` + "\n\n" +
		"data: " + head + `[],"usage":{"prompt_tokens":7,"completion_tokens":2,"total_tokens":9}}` + "\n\n" +
		"data: [DONE]\n\n"
	if body != want {
		t.Errorf("stream:\n%s\nwant:\n%s", body, want)
	}

	reqs := s.Requests()
	if len(reqs) != 1 || reqs[0].Body.Model != "m" || !reqs[0].Body.Stream || reqs[0].Body.StreamOptions == nil ||
		!reqs[0].Body.StreamOptions.IncludeUsage || reqs[0].Body.Messages[0].Content != "hi" {
		t.Errorf("recorded %+v", reqs)
	}
}

func TestStreamWithoutUsage(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(llmtest.Script{})
	defer s.Close()
	_, body := post(t, s, "/v1/chat/completions", `{"model":"m","messages":[],"stream":true}`, nil)
	if strings.Contains(body, `"usage"`) || !strings.HasSuffix(body, "data: [DONE]\n\n") || !strings.Contains(body, `"content":"Hello!"`) {
		t.Errorf("stream:\n%s", body)
	}
}

func TestNonStream(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(llmtest.Script{Reply: "Hi there", BasePath: "/api/openai/v1"})
	defer s.Close()
	if got, want := s.BaseURL(), s.URL()+"/api/openai/v1"; got != want {
		t.Errorf("BaseURL = %q, want %q", got, want)
	}
	resp, body := post(t, s, "/api/openai/v1/chat/completions", `{"model":"m","messages":[{"role":"user","content":"one two three"}]}`, nil)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	const exact = `{"id":"chatcmpl-llmtest000001","object":"chat.completion","created":1700000000,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi there"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}` + "\n"
	if body != exact {
		t.Errorf("body\n%s\nwant\n%s", body, exact)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"id": "chatcmpl-llmtest000001", "object": "chat.completion", "created": float64(llmtest.Created), "model": "m",
		"choices": []any{map[string]any{"index": float64(0), "message": map[string]any{"role": "assistant", "content": "Hi there"}, "finish_reason": "stop"}},
		"usage":   map[string]any{"prompt_tokens": float64(3), "completion_tokens": float64(1), "total_tokens": float64(4)},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	if resp, _ := post(t, s, "/v1/chat/completions", `{}`, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("outside the base path: status %d", resp.StatusCode)
	}
}

func TestErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		script     llmtest.Script
		header     map[string]string
		status     int
		code       any
		retryAfter string
	}{
		{"missing key", llmtest.Script{APIKey: "sk-1"}, nil, 401, nil, ""},
		{"wrong key", llmtest.Script{APIKey: "sk-1"}, map[string]string{"Authorization": "Bearer sk-2"}, 401, "invalid_api_key", ""},
		{"right key", llmtest.Script{APIKey: "sk-1", Status: 500}, map[string]string{"Authorization": "Bearer sk-1"}, 500, nil, ""},
		{"unknown model", llmtest.Script{Models: []string{"other"}}, nil, 404, "model_not_found", ""},
		{"forced 404", llmtest.Script{Status: 404}, nil, 404, "model_not_found", ""},
		{"rate limit", llmtest.Script{Status: 429, RetryAfter: 20}, nil, 429, "rate_limit_exceeded", "20"},
		{"forced 401", llmtest.Script{Status: 401}, nil, 401, "invalid_api_key", ""},
		{"forced 503", llmtest.Script{Status: 503}, nil, 503, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := llmtest.NewServer(tt.script)
			defer s.Close()
			resp, body := post(t, s, "/v1/chat/completions", `{"model":"m","messages":[],"stream":true}`, tt.header)
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
			var e struct {
				Error map[string]any `json:"error"`
			}
			if err := json.Unmarshal([]byte(body), &e); err != nil {
				t.Fatalf("%v in %s", err, body)
			}
			for _, k := range []string{"message", "type", "param", "code"} {
				if _, ok := e.Error[k]; !ok {
					t.Errorf("no %q in %s", k, body)
				}
			}
			if e.Error["code"] != tt.code || e.Error["param"] != nil {
				t.Errorf("error %v", e.Error)
			}
			if got := resp.Header.Get("Retry-After"); got != tt.retryAfter {
				t.Errorf("Retry-After %q", got)
			}
		})
	}
}

func TestModelsAndGarbage(t *testing.T) {
	t.Parallel()
	s := llmtest.NewServer(llmtest.Script{Models: []string{"a", "b"}, Garbage: "<html>oops</html>"})
	defer s.Close()
	resp, err := s.Client().Get(s.URL() + "/v1/models")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var list struct {
		Object string `json:"object"`
		Data   []struct {
			ID     string `json:"id"`
			Object string `json:"object"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
		t.Fatal(err)
	}
	if list.Object != "list" || len(list.Data) != 2 || list.Data[1].ID != "b" || list.Data[0].Object != "model" {
		t.Errorf("models %+v", list)
	}
	r, body := post(t, s, "/v1/chat/completions", `{"model":"a","messages":[],"stream":true}`, nil)
	if r.StatusCode != 200 || body != "<html>oops</html>" {
		t.Errorf("garbage: %d %q", r.StatusCode, body)
	}
}

func TestCut(t *testing.T) {
	t.Parallel()
	for _, mode := range []llmtest.CutMode{llmtest.CutHijack, llmtest.CutClean} {
		s := llmtest.NewServer(llmtest.Script{Reply: "abcdef", Deltas: 3, Cut: mode, CutAfter: 1})
		req, _ := http.NewRequest(http.MethodPost, s.URL()+"/v1/chat/completions", strings.NewReader(`{"model":"m","messages":[],"stream":true}`))
		resp, err := s.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if mode == llmtest.CutHijack && err == nil {
			t.Errorf("hijack: the body ended cleanly: %s", body)
		}
		if mode == llmtest.CutClean && err != nil {
			t.Errorf("clean cut: %v", err)
		}
		if !strings.Contains(string(body), `"content":"ab"`) || strings.Contains(string(body), `"cd"`) || strings.Contains(string(body), "[DONE]") {
			t.Errorf("mode %d: body %s", mode, body)
		}
		s.Close()
	}
}

func TestSplit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text string
		n    int
		want []string
	}{
		{"", 3, []string{}},
		{"abc", 5, []string{"a", "b", "c"}},
		{"abcdefg", 3, []string{"abc", "de", "fg"}},
		{"héllo", 2, []string{"hél", "lo"}},
		{"x", 0, []string{"x"}},
	}
	for _, tt := range tests {
		if got := llmtest.Split(tt.text, tt.n); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Split(%q, %d) = %q, want %q", tt.text, tt.n, got, tt.want)
		}
	}
}
