package http_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"tend/backend"
	"tend/backend/event"
	tendhttp "tend/backend/http"
)

const token = "test-token"

// Greeter exercises every method shape the dispatcher supports.
type Greeter struct{ calls int }

type Person struct {
	Name string `json:"name"`
	Age  int    `json:"age"`
}

func (g *Greeter) Hello(name string) (string, error) {
	g.calls++
	if name == "" {
		return "", backend.Errorf(backend.EINVALID, "A name is required.").Localized("name_required")
	}
	return "Hello, " + name, nil
}
func (g *Greeter) Describe(p Person, tags []string) string {
	return p.Name + " " + strings.Join(tags, ",")
}
func (g *Greeter) Touch() error        { g.calls++; return nil }
func (g *Greeter) Nothing()            {}
func (g *Greeter) Crash() error        { return errFromNowhere() }
func (g *Greeter) Panic() (int, error) { panic("boom") }

func errFromNowhere() error { return io.ErrUnexpectedEOF }

func newServer(t *testing.T, hub *event.Hub) (*httptest.Server, *Greeter) {
	t.Helper()
	g := &Greeter{}
	srv, err := tendhttp.NewServer(tendhttp.Config{
		Bindings: []any{g}, Token: token, Events: hub, Version: "1.2.3", MaxBodyBytes: 1024,
		Frontend: fstest.MapFS{
			"index.html":      {Data: []byte("<html>app</html>")},
			"assets/app-1.js": {Data: []byte("console.log(1)")},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts, g
}

func post(t *testing.T, ts *httptest.Server, path, body, auth string) (int, map[string]any, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, ts.URL+path, strings.NewReader(body))
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var obj map[string]any
	_ = json.Unmarshal(raw, &obj)
	return res.StatusCode, obj, strings.TrimSpace(string(raw))
}

func TestInvoke(t *testing.T) {
	ts, g := newServer(t, event.NewHub())
	bearer := "Bearer " + token
	for _, tc := range []struct {
		name, path, body string
		status           int
		result           string // exact body, for successes
		code, message    string // for errors
	}{
		{"Result", "/api/Greeter/Hello", `["Ada"]`, 200, `"Hello, Ada"`, "", ""},
		{"StructAndSlice", "/api/Greeter/Describe", `[{"name":"Ada","age":36},["x","y"]]`, 200, `"Ada x,y"`, "", ""},
		{"ErrorOnly", "/api/Greeter/Touch", `[]`, 200, `null`, "", ""},
		{"EmptyBodyIsNoArguments", "/api/Greeter/Nothing", ``, 200, `null`, "", ""},
		{"ServiceError", "/api/Greeter/Hello", `[""]`, 400, "", backend.EINVALID, "A name is required."},
		{"InternalErrorHidden", "/api/Greeter/Crash", `[]`, 500, "", backend.EINTERNAL, "Internal error."},
		{"PanicIsInternal", "/api/Greeter/Panic", `[]`, 500, "", backend.EINTERNAL, "Internal error."},
		{"UnknownMethod", "/api/Greeter/Nope", `[]`, 404, "", backend.ENOTFOUND, "No method Greeter.Nope."},
		{"UnknownStruct", "/api/Nope/Hello", `[]`, 404, "", backend.ENOTFOUND, "No method Nope.Hello."},
		{"MalformedJSON", "/api/Greeter/Hello", `["Ada"`, 400, "", backend.EINVALID,
			"The request body must be a JSON array of the arguments of Greeter.Hello."},
		{"NotAnArray", "/api/Greeter/Hello", `{"name":"Ada"}`, 400, "", backend.EINVALID,
			"The request body must be a JSON array of the arguments of Greeter.Hello."},
		{"TooFewArguments", "/api/Greeter/Describe", `[{"name":"Ada"}]`, 400, "", backend.EINVALID,
			"Greeter.Describe takes 2 argument(s), got 1."},
		{"TooManyArguments", "/api/Greeter/Hello", `["a","b"]`, 400, "", backend.EINVALID, "Greeter.Hello takes 1 argument(s), got 2."},
		{"WrongType", "/api/Greeter/Hello", `[42]`, 400, "", backend.EINVALID,
			"Argument 1 of Greeter.Hello must be a string: got a JSON number where string was expected."},
		{"WrongFieldType", "/api/Greeter/Describe", `[{"name":"Ada","age":"old"},[]]`, 400, "", backend.EINVALID,
			"Argument 1 of Greeter.Describe must be an object (http_test.Person): got a JSON string where int was expected (field age)."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, obj, raw := post(t, ts, tc.path, tc.body, bearer)
			if status != tc.status {
				t.Fatalf("status %d, want %d (%s)", status, tc.status, raw)
			}
			if tc.code == "" {
				if raw != tc.result {
					t.Fatalf("body %s, want %s", raw, tc.result)
				}
				return
			}
			if obj["code"] != tc.code || obj["message"] != tc.message {
				t.Fatalf("got %s, want %s %q", raw, tc.code, tc.message)
			}
		})
	}

	t.Run("ErrorCarriesTranslationKey", func(t *testing.T) {
		_, obj, _ := post(t, ts, "/api/Greeter/Hello", `[""]`, bearer)
		if obj["key"] != "name_required" {
			t.Fatalf("got %v", obj)
		}
	})

	t.Run("OversizedBody", func(t *testing.T) {
		status, obj, _ := post(t, ts, "/api/Greeter/Hello", `["`+strings.Repeat("a", 2000)+`"]`, bearer)
		if status != http.StatusRequestEntityTooLarge || obj["code"] != backend.EINVALID {
			t.Fatalf("got %d %v", status, obj)
		}
	})

	t.Run("Unauthorized", func(t *testing.T) {
		before := g.calls
		for _, auth := range []string{"", "Bearer wrong", "Basic " + token, token, "Bearer " + token + "x"} {
			status, obj, _ := post(t, ts, "/api/Greeter/Touch", `[]`, auth)
			if status != http.StatusUnauthorized || obj["code"] != backend.EUNAUTHORIZED {
				t.Fatalf("auth %q: got %d %v", auth, status, obj)
			}
		}
		if g.calls != before {
			t.Fatal("a method ran without a valid token")
		}
	})

	t.Run("UnknownAPIRouteNeedsToken", func(t *testing.T) {
		res, err := http.Get(ts.URL + "/api/nothing/here/at/all")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("status %d", res.StatusCode)
		}
	})
}

func TestHealthAndFrontend(t *testing.T) {
	ts, _ := newServer(t, event.NewHub())
	get := func(path string) (int, string, http.Header) {
		res, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		raw, _ := io.ReadAll(res.Body)
		return res.StatusCode, strings.TrimSpace(string(raw)), res.Header
	}
	if status, body, _ := get("/api/health"); status != 200 || body != `{"status":"ok","version":"1.2.3"}` {
		t.Fatalf("health: %d %s", status, body)
	}
	if status, body, _ := get("/"); status != 200 || body != "<html>app</html>" {
		t.Fatalf("index: %d %s", status, body)
	}
	if status, body, _ := get("/settings"); status != 200 || body != "<html>app</html>" {
		t.Fatalf("client route: %d %s", status, body)
	}
	if status, _, h := get("/assets/app-1.js"); status != 200 || !strings.Contains(h.Get("Cache-Control"), "immutable") {
		t.Fatalf("asset: %d %v", status, h)
	}
	if status, _, _ := get("/assets/missing.js"); status != 404 {
		t.Fatalf("missing asset: %d", status)
	}
}

func TestEvents(t *testing.T) {
	hub := event.NewHub()
	ts, _ := newServer(t, hub)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	if res, err := http.Get(ts.URL + "/api/events"); err != nil || res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("events without token: %v %v", res.StatusCode, err)
	}

	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL+"/api/events", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content type %q", ct)
	}
	lines := bufio.NewScanner(res.Body)
	if !lines.Scan() || lines.Text() != ": connected" {
		t.Fatalf("first line %q", lines.Text())
	}
	hub.Publish(backend.EventSettingsUpdated, backend.Settings{BrandName: "B", Languages: []string{"fr"}})
	var got []string
	for lines.Scan() && len(got) < 3 {
		got = append(got, lines.Text())
	}
	want := []string{"", "event: settings:updated",
		`data: {"brand_name":"B","languages":["fr"],"time_zone":"","theme":"","ui_language":""}`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("stream:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestNewServerRefusesBadConfig(t *testing.T) {
	if _, err := tendhttp.NewServer(tendhttp.Config{Bindings: []any{&Greeter{}}}); err == nil {
		t.Error("no token accepted")
	}
	if _, err := tendhttp.NewServer(tendhttp.Config{Bindings: []any{Greeter{}}, Token: "x"}); err == nil {
		t.Error("a non-pointer binding accepted")
	}
	if _, err := tendhttp.NewServer(tendhttp.Config{Bindings: []any{&Greeter{}, &Greeter{}}, Token: "x"}); err == nil {
		t.Error("duplicate binding names accepted")
	}
}
