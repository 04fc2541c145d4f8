package telegramtest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"tend/backend/connector/telegram/telegramtest"
)

const token = "42:TEST-token_value"

type answer struct {
	status int
	header http.Header
	env    struct {
		OK          bool            `json:"ok"`
		Result      json.RawMessage `json:"result"`
		ErrorCode   int             `json:"error_code"`
		Description string          `json:"description"`
		Parameters  *telegramtest.ResponseParameters
	}
}

func do(t *testing.T, req *http.Request) answer {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var a answer
	a.status, a.header = resp.StatusCode, resp.Header
	body, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(body, &a.env); err != nil {
		t.Fatalf("body %q: %v", body, err)
	}
	return a
}

func postJSON(t *testing.T, s *telegramtest.Server, method string, params any) answer {
	t.Helper()
	b, _ := json.Marshal(params)
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/bot"+token+"/"+method, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	return do(t, req)
}

func updateIDs(t *testing.T, a answer) []int64 {
	t.Helper()
	if !a.env.OK {
		t.Fatalf("error %d %s", a.env.ErrorCode, a.env.Description)
	}
	var us []telegramtest.Update
	if err := json.Unmarshal(a.env.Result, &us); err != nil {
		t.Fatal(err)
	}
	ids := []int64{}
	for _, u := range us {
		ids = append(ids, u.UpdateID)
	}
	return ids
}

func newServer(t *testing.T) *telegramtest.Server {
	s := telegramtest.NewServer(token)
	t.Cleanup(s.Close)
	return s
}

func queue(s *telegramtest.Server, ids ...int64) {
	for _, id := range ids {
		s.Queue(telegramtest.Update{UpdateID: id, Message: &telegramtest.Message{
			MessageID: id, Date: 1700000000, Chat: telegramtest.Chat{ID: 5, Type: telegramtest.Private},
			From: &telegramtest.User{ID: 5, FirstName: "A"}, Text: "hi"}})
	}
}

func TestRouting(t *testing.T) {
	s := newServer(t)
	cases := []struct {
		name, path string
		status     int
		desc       string
	}{
		{"getMe", "/bot" + token + "/getMe", 200, ""},
		{"any case", "/bot" + token + "/GETME", 200, ""},
		{"wrong token", "/bot1:nope/getMe", 401, "Unauthorized"},
		{"unknown method", "/bot" + token + "/sendDice", 404, "Not Found"},
		{"no bot prefix", "/getMe", 404, "Not Found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, s.URL+tc.path, nil)
			a := do(t, req)
			if a.status != tc.status || a.env.Description != tc.desc || (tc.status != 200 && a.env.ErrorCode != tc.status) {
				t.Errorf("%d %+v", a.status, a.env)
			}
		})
	}
	if n := s.Calls("getMe"); n != 3 {
		t.Errorf("getMe counted %d times, want 3 (wrong tokens count too)", n)
	}
}

// TestParameterEncodings sends the same getUpdates in every encoding the API accepts.
func TestParameterEncodings(t *testing.T) {
	encodings := map[string]func(s *telegramtest.Server) *http.Request{
		"query": func(s *telegramtest.Server) *http.Request {
			r, _ := http.NewRequest(http.MethodGet, s.URL+"/bot"+token+"/getUpdates?offset=7&limit=1", nil)
			return r
		},
		"form": func(s *telegramtest.Server) *http.Request {
			r, _ := http.NewRequest(http.MethodPost, s.URL+"/bot"+token+"/getUpdates",
				strings.NewReader(url.Values{"offset": {"7"}, "limit": {"1"}}.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return r
		},
		"multipart": func(s *telegramtest.Server) *http.Request {
			var b bytes.Buffer
			w := multipart.NewWriter(&b)
			_ = w.WriteField("offset", "7")
			_ = w.WriteField("limit", "1")
			_ = w.Close()
			r, _ := http.NewRequest(http.MethodPost, s.URL+"/bot"+token+"/getUpdates", &b)
			r.Header.Set("Content-Type", w.FormDataContentType())
			return r
		},
		"json": func(s *telegramtest.Server) *http.Request {
			r, _ := http.NewRequest(http.MethodPost, s.URL+"/bot"+token+"/getUpdates", strings.NewReader(`{"offset":7,"limit":1}`))
			r.Header.Set("Content-Type", "application/json; charset=utf-8")
			return r
		},
	}
	for name, req := range encodings {
		t.Run(name, func(t *testing.T) {
			s := newServer(t)
			queue(s, 3, 7, 20)
			if got := updateIDs(t, do(t, req(s))); !slices.Equal(got, []int64{7}) {
				t.Errorf("got %v", got)
			}
			if p := s.Pending(); !slices.Equal(p, []int64{7, 20}) {
				t.Errorf("pending %v", p)
			}
		})
	}
}

func TestOffsetConfirmation(t *testing.T) {
	type call struct {
		params      map[string]any
		want        []int64
		wantPending []int64
	}
	cases := []struct {
		name  string
		calls []call
	}{
		{"no offset returns the earliest unconfirmed", []call{
			{map[string]any{}, []int64{3, 7, 1000}, []int64{3, 7, 1000}},
			{map[string]any{}, []int64{3, 7, 1000}, []int64{3, 7, 1000}},
		}},
		{"offset confirms the ones below", []call{
			{map[string]any{"offset": 8}, []int64{1000}, []int64{1000}},
			{map[string]any{"offset": 1001}, []int64{}, []int64{}},
		}},
		{"offset between ids", []call{
			{map[string]any{"offset": 4, "limit": 1}, []int64{7}, []int64{7, 1000}},
		}},
		{"negative offset keeps the last ones", []call{
			{map[string]any{"offset": -1}, []int64{1000}, []int64{1000}},
		}},
		{"limit is clamped", []call{
			{map[string]any{"limit": 0}, []int64{3}, []int64{3, 7, 1000}},
			{map[string]any{"limit": 1000}, []int64{3, 7, 1000}, []int64{3, 7, 1000}},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t)
			queue(s, 3, 7, 1000)
			for i, c := range tc.calls {
				if got := updateIDs(t, postJSON(t, s, "getUpdates", c.params)); !slices.Equal(got, c.want) {
					t.Errorf("call %d: got %v, want %v", i, got, c.want)
				}
				if p := s.Pending(); !slices.Equal(p, c.wantPending) && !(len(p) == 0 && len(c.wantPending) == 0) {
					t.Errorf("call %d: pending %v, want %v", i, p, c.wantPending)
				}
			}
		})
	}
}

func TestLongPoll(t *testing.T) {
	s := newServer(t)
	start := time.Now()
	if got := updateIDs(t, postJSON(t, s, "getUpdates", map[string]any{"timeout": 1})); len(got) != 0 {
		t.Errorf("got %v", got)
	}
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Errorf("returned after %v, before the timeout", d)
	}
	go func() {
		time.Sleep(50 * time.Millisecond)
		queue(s, 9)
	}()
	if got := updateIDs(t, postJSON(t, s, "getUpdates", map[string]any{"timeout": 5})); !slices.Equal(got, []int64{9}) {
		t.Errorf("got %v", got)
	}
}

func TestFailures(t *testing.T) {
	s := newServer(t)
	s.Fail(telegramtest.RateLimited(7).On("sendMessage").Repeat(2))
	s.Fail(telegramtest.Conflict().On("getUpdates"))
	s.Fail(telegramtest.ChatMigrated(-100999))

	a := postJSON(t, s, "getUpdates", nil)
	if a.status != 409 || a.env.Description != telegramtest.DescConflictPoll {
		t.Errorf("getUpdates: %d %+v", a.status, a.env)
	}
	for i := range 2 {
		a = postJSON(t, s, "sendMessage", map[string]any{"chat_id": 5, "text": "x"})
		if a.status != 429 || a.header.Get("Retry-After") != "7" || a.env.Parameters == nil || a.env.Parameters.RetryAfter != 7 {
			t.Errorf("sendMessage %d: %d %v %+v", i, a.status, a.header, a.env)
		}
	}
	a = postJSON(t, s, "getMe", nil)
	if a.status != 400 || a.env.Parameters == nil || a.env.Parameters.MigrateToChatID != -100999 {
		t.Errorf("getMe: %d %+v", a.status, a.env)
	}
	if a = postJSON(t, s, "getMe", nil); !a.env.OK {
		t.Errorf("failures not used up: %+v", a.env)
	}
}

func TestSendAndDelete(t *testing.T) {
	s := newServer(t)
	s.SetNow(func() time.Time { return time.Unix(1700000500, 0) })
	queue(s, 1) // message 1 in chat 5
	s.AddChat(telegramtest.Chat{ID: -1001, Type: telegramtest.Channel, Username: "news"})
	cases := []struct {
		name   string
		params map[string]any
		status int
		desc   string
		wantID int64
	}{
		{"reply", map[string]any{"chat_id": 5, "text": "ok", "reply_parameters": map[string]any{"message_id": 1}}, 200, "", 2},
		{"reply not found", map[string]any{"chat_id": 5, "text": "ok", "reply_parameters": map[string]any{"message_id": 99}}, 400, telegramtest.DescReplyNotFound, 0},
		{"reply not found, allowed", map[string]any{"chat_id": "5", "text": "ok",
			"reply_parameters": map[string]any{"message_id": 99, "allow_sending_without_reply": true}}, 200, "", 3},
		{"channel username", map[string]any{"chat_id": "@news", "text": "ok"}, 200, "", 1},
		{"unknown chat", map[string]any{"chat_id": 6, "text": "ok"}, 400, telegramtest.DescChatNotFound, 0},
		{"empty text", map[string]any{"chat_id": 5, "text": " "}, 400, telegramtest.DescTextEmpty, 0},
		{"too long", map[string]any{"chat_id": 5, "text": strings.Repeat("é", 4097)}, 400, telegramtest.DescTooLong, 0},
	}
	for _, tc := range cases {
		a := postJSON(t, s, "sendMessage", tc.params)
		if a.status != tc.status || a.env.Description != tc.desc {
			t.Errorf("%s: %d %+v", tc.name, a.status, a.env)
			continue
		}
		if tc.status == 200 {
			var m telegramtest.Message
			if err := json.Unmarshal(a.env.Result, &m); err != nil || m.MessageID != tc.wantID || m.Date != 1700000500 {
				t.Errorf("%s: %+v %v", tc.name, m, err)
			}
		}
	}
	if n := len(s.Sent()); n != 3 {
		t.Errorf("%d sent", n)
	}
	if a := postJSON(t, s, "deleteMessage", map[string]any{"chat_id": 5, "message_id": 2}); !a.env.OK {
		t.Errorf("delete: %+v", a.env)
	}
	if a := postJSON(t, s, "deleteMessage", map[string]any{"chat_id": 5, "message_id": 2}); a.env.Description != telegramtest.DescDeleteNotFound {
		t.Errorf("second delete: %+v", a.env)
	}
	if d := s.Deleted(); !slices.Equal(d, []telegramtest.Deleted{{ChatID: 5, MessageID: 2}}) {
		t.Errorf("deleted %v", d)
	}
}

func TestWebhook(t *testing.T) {
	s := newServer(t)
	queue(s, 1, 2)
	for _, tc := range []struct {
		params map[string]any
		desc   string
	}{
		{map[string]any{"url": "http://insecure.example"}, telegramtest.DescWebhookHTTPS},
		{map[string]any{"url": "https://ok.example", "secret_token": "has space"}, telegramtest.DescSecretInvalid},
		{map[string]any{"url": "https://ok.example", "secret_token": strings.Repeat("a", 257)}, telegramtest.DescSecretInvalid},
	} {
		if a := postJSON(t, s, "setWebhook", tc.params); a.status != 400 || a.env.Description != tc.desc {
			t.Errorf("%v: %d %+v", tc.params, a.status, a.env)
		}
	}
	if a := postJSON(t, s, "setWebhook", map[string]any{"url": "https://ok.example/h", "secret_token": "Ab_9-z", "allowed_updates": []string{"message"}}); !a.env.OK {
		t.Fatalf("%+v", a.env)
	}
	if w := s.Webhook(); w.URL != "https://ok.example/h" || w.SecretToken != "Ab_9-z" || w.PendingUpdateCount != 2 {
		t.Errorf("webhook %+v", w)
	}
	if a := postJSON(t, s, "getUpdates", nil); a.status != 409 || a.env.Description != telegramtest.DescConflictWebhook {
		t.Errorf("getUpdates with a webhook: %d %+v", a.status, a.env)
	}
	if a := postJSON(t, s, "deleteWebhook", map[string]any{"drop_pending_updates": true}); !a.env.OK {
		t.Errorf("%+v", a.env)
	}
	if got := updateIDs(t, postJSON(t, s, "getUpdates", nil)); len(got) != 0 {
		t.Errorf("dropped updates came back: %v", got)
	}
}

func TestQueueJSON(t *testing.T) {
	s := newServer(t)
	for _, bad := range []string{`[]`, `{"message":{}}`, `{"update_id":"1"}`, `nope`} {
		if err := s.QueueJSON(bad); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
	if err := s.QueueJSON(`{"update_id":5,"poll":{"id":"p"},"message":{"message_id":"weird"}}`); err != nil {
		t.Fatal(err)
	}
	a := postJSON(t, s, "getUpdates", nil)
	if !strings.Contains(string(a.env.Result), `"poll":{"id":"p"}`) {
		t.Errorf("not verbatim: %s", a.env.Result)
	}
	s.Queue(telegramtest.Update{Other: map[string]json.RawMessage{"message_reaction": json.RawMessage(`{"x":1}`)}})
	if p := s.Pending(); !slices.Equal(p, []int64{5, 6}) {
		t.Errorf("pending %v (ids continue from the last)", p)
	}
}
