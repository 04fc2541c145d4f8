package metatest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tend/backend/connector/meta/metatest"
)

type answer struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

func call(t *testing.T, method, u, token string, body string) answer {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, u, r)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	a := answer{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	_ = json.Unmarshal(raw, &a.body)
	return a
}

func graphError(a answer) (code, sub float64) {
	e, _ := a.body["error"].(map[string]any)
	code, _ = e["code"].(float64)
	sub, _ = e["error_subcode"].(float64)
	return code, sub
}

func TestAuthAndVersion(t *testing.T) {
	s := metatest.New(t, nil)
	base := s.URL + "/" + metatest.Version + "/" + metatest.PageID
	tests := []struct {
		name      string
		url, tok  string
		status    int
		code, sub float64
	}{
		{"OK", base + "?fields=name", metatest.Token, 200, 0, 0},
		{"QueryToken", base + "?access_token=" + metatest.Token, "", 200, 0, 0},
		{"Missing", base, "", 400, 104, 0},
		{"Wrong", base, "nope", 400, 190, 0},
		{"Expired", base, metatest.ExpiredTok, 400, 190, 463},
		{"PasswordChanged", base, metatest.ChangedTok, 400, 190, 460},
		{"NoVersion", s.URL + "/" + metatest.PageID, metatest.Token, 400, 2500, 0},
		{"UnknownObject", s.URL + "/" + metatest.Version + "/42", metatest.Token, 400, 100, 33},
	}
	for _, tt := range tests {
		a := call(t, "GET", tt.url, tt.tok, "")
		code, sub := graphError(a)
		if a.status != tt.status || code != tt.code || sub != tt.sub {
			t.Errorf("%s: %d %v/%v %s", tt.name, a.status, code, sub, a.raw)
		}
	}
	if a := call(t, "GET", base, metatest.Token, ""); a.body["name"] != metatest.PageName {
		t.Errorf("page %s", a.raw)
	}
	if n := len(s.Requests()); n != len(tests)+1 {
		t.Errorf("%d requests recorded", n)
	}
}

func TestCursorPaging(t *testing.T) {
	s := metatest.New(t, nil)
	u := s.URL + "/" + metatest.Version + "/" + metatest.PageID + "/conversations?platform=instagram&limit=2&access_token=" + metatest.Token
	var ids []string
	for page := 0; u != ""; page++ {
		if page > 5 {
			t.Fatal("no end")
		}
		a := call(t, "GET", u, "", "")
		if a.status != 200 {
			t.Fatal(a.raw)
		}
		for _, d := range a.body["data"].([]any) {
			ids = append(ids, d.(map[string]any)["id"].(string))
		}
		paging := a.body["paging"].(map[string]any)
		cursors := paging["cursors"].(map[string]any)
		if cursors["before"] == "" || cursors["after"] == "" {
			t.Errorf("cursors %v", cursors)
		}
		next, _ := paging["next"].(string)
		if next != "" {
			nu, _ := url.Parse(next)
			if !strings.HasPrefix(next, s.URL+"/"+metatest.Version+"/") || nu.Query().Get("after") != cursors["after"] ||
				nu.Query().Get("access_token") != metatest.Token {
				t.Errorf("next %s", next)
			}
		}
		u = next
	}
	if strings.Join(ids, ",") != "aWdfZAG06conv1,aWdfZAG06conv2,aWdfZAG06conv3" {
		t.Errorf("conversations newest first: %v", ids)
	}
	if a := call(t, "GET", s.URL+"/"+metatest.Version+"/"+metatest.PageID+"/conversations?after=bm9wZQ", metatest.Token, ""); a.status != 400 {
		t.Errorf("bad cursor: %s", a.raw)
	}
}

func TestSendWindows(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	s := metatest.New(t, func() time.Time { return now })
	send := s.URL + "/" + metatest.Version + "/" + metatest.PageID + "/messages"
	tests := []struct {
		name, body string
		code, sub  float64
	}{
		{"InWindow", `{"recipient":{"id":"` + metatest.Alice.ID + `"},"message":{"text":"hi"},"messaging_type":"RESPONSE"}`, 0, 0},
		{"OutOfWindow", `{"recipient":{"id":"` + metatest.Bob.ID + `"},"message":{"text":"hi"},"messaging_type":"RESPONSE"}`, 10, metatest.SubcodeOutsideWindowIG},
		{"HumanAgent", `{"recipient":{"id":"` + metatest.Bob.ID + `"},"message":{"text":"hi"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT"}`, 0, 0},
		{"OtherTag", `{"recipient":{"id":"` + metatest.Bob.ID + `"},"message":{"text":"hi"},"messaging_type":"MESSAGE_TAG","tag":"CONFIRMED_EVENT_UPDATE"}`, 100, 0},
		{"PastSevenDays", `{"recipient":{"id":"` + metatest.Carla.ID + `"},"message":{"text":"hi"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT"}`, 10, metatest.SubcodeOutsideWindowIG},
		{"Messenger", `{"recipient":{"id":"` + metatest.Dan.ID + `"},"message":{"text":"hi"}}`, 0, 0},
		{"UnknownUser", `{"recipient":{"id":"404"},"message":{"text":"hi"}}`, 100, 2018001},
		{"PrivateReply", `{"recipient":{"comment_id":"17850000000000004"},"message":{"text":"hi"}}`, 0, 0},
		{"SecondPrivateReply", `{"recipient":{"comment_id":"17850000000000004"},"message":{"text":"hi"}}`, 100, 0},
	}
	for _, tt := range tests {
		a := call(t, "POST", send, metatest.Token, tt.body)
		code, sub := graphError(a)
		if code != tt.code || sub != tt.sub {
			t.Errorf("%s: %v/%v %s", tt.name, code, sub, a.raw)
		}
		if tt.code == 0 && (a.body["message_id"] == nil || a.body["recipient_id"] == nil) {
			t.Errorf("%s: %s", tt.name, a.raw)
		}
	}
	if n := len(s.Sent()); n != 4 {
		t.Errorf("%d sent", n)
	}
	// Form-encoded, as Meta's curl samples send it.
	req, _ := http.NewRequest("POST", send, strings.NewReader(url.Values{
		"recipient": {`{"id":"` + metatest.Dan.ID + `"}`}, "message": {`{"text":"form"}`}, "messaging_type": {"RESPONSE"},
	}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+metatest.Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Errorf("form send: %v %v", err, resp.Status)
	}
}

func TestFailures(t *testing.T) {
	s := metatest.New(t, nil)
	u := s.URL + "/" + metatest.Version + "/" + metatest.IGUserID + "/media"
	s.Fail(metatest.RateLimit(80002, 9), metatest.ServerError(), metatest.Malformed(), metatest.BadGateway())
	a := call(t, "GET", u, metatest.Token, "")
	if code, _ := graphError(a); code != 80002 || !strings.Contains(a.header.Get("X-Business-Use-Case-Usage"), `"estimated_time_to_regain_access":9`) {
		t.Errorf("rate limit %d %s %v", a.status, a.raw, a.header)
	}
	if a := call(t, "GET", u, metatest.Token, ""); a.status != 500 || a.body["error"].(map[string]any)["is_transient"] != true {
		t.Errorf("server error %s", a.raw)
	}
	if a := call(t, "GET", u, metatest.Token, ""); a.status != 200 || json.Valid([]byte(a.raw)) {
		t.Errorf("malformed %s", a.raw)
	}
	if a := call(t, "GET", u, metatest.Token, ""); a.status != 502 {
		t.Errorf("bad gateway %d", a.status)
	}
	if a := call(t, "GET", u, metatest.Token, ""); a.status != 200 {
		t.Errorf("failures are used once: %s", a.raw)
	}
	s.Fail(&metatest.Failure{PathContains: "/comments", Times: 2, Status: 400, Code: 613, Message: "(#613)"})
	if a := call(t, "GET", u, metatest.Token, ""); a.status != 200 {
		t.Errorf("a failure for another path answered")
	}
	s.Do(func(st *metatest.State) { st.AppUsage = `{"call_count":42,"total_time":1,"total_cputime":1}` })
	if a := call(t, "GET", u, metatest.Token, ""); a.header.Get("X-App-Usage") == "" {
		t.Errorf("usage header missing")
	}
}
