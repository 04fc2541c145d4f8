package app_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"tend/app"
	"tend/assets"
	"tend/backend"
	"tend/backend/event"
	tendhttp "tend/backend/http"
	"tend/backend/paths"
	"tend/backend/reply"
	"tend/backend/sqlite"
	"tend/backend/system"
	"tend/backend/triage"
)

func newTriager() (backend.Triager, error) {
	return triage.NewShippedEngine(backend.DefaultSLAPolicy())
}

// call is one step of the contract: a bound method and its JSON arguments.
type call struct {
	method string // "Struct.Method"
	args   string // JSON array
}

// contract runs every bound method, successes and failures, in an order that leaves each call's
// preconditions in place. TestContract fails when a bound method is missing from it.
var contract = []call{
	{"System.Info", `[]`},
	{"Workspaces.Current", `[]`},
	{"Workspaces.List", `[]`},
	{"Workspaces.Create", `["second"]`},
	{"Workspaces.Create", `["a/b"]`},
	{"Workspaces.Create", `["second"]`},
	{"Workspaces.Rename", `["second", "third"]`},
	{"Workspaces.Rename", `["missing", "x"]`},
	{"Workspaces.Open", `["third"]`},
	{"Workspaces.Open", `["../default"]`},
	{"Settings.Update", `[{"brand_name": "Third", "theme": "dark"}]`},
	{"Settings.Get", `[]`},
	{"Workspaces.Open", `["default"]`},
	{"Settings.Get", `[]`},
	{"Settings.Update", `[{"languages": ["de"]}]`},
	{"Workspaces.Delete", `["third", "thrid"]`},
	{"Workspaces.Delete", `["default", "default"]`},
	{"Workspaces.Delete", `["third", "third"]`},
	{"Workspaces.List", `[]`},
	{"Inbox.Channels", `[]`},
	{"Inbox.CreateChannel", `[{"platform": "instagram", "account": "brand", "name": "Instagram", "kind": "sandbox"}]`},
	{"Inbox.CreateChannel", `[{"platform": "myspace", "account": "brand", "name": "MySpace", "kind": "sandbox"}]`},
	{"Inbox.CreateContact", `[{"display_name": "Chloé", "influencer": true, "follower_count": 186400,
		"identities": [{"platform": "instagram", "platform_user_id": "u9", "handle": "chloe"}]}]`},
	{"Inbox.CreateContact", `[{"display_name": "Again", "identities": [{"platform": "instagram", "platform_user_id": "u9"}]}]`},
	{"Inbox.Ingest", `[[{"channel_id": 1, "kind": "dm", "platform_message_id": "m1", "thread_key": "t1", "direction": "in",
		"author": {"platform_user_id": "u1", "handle": "lea"}, "text": "Bonjour, je veux un remboursement", "sent_at": "2026-11-28T09:00:00Z"}]]`},
	{"Inbox.Ingest", `[[{"channel_id": 7, "kind": "dm", "platform_message_id": "m2", "thread_key": "t1", "direction": "in",
		"author": {"platform_user_id": "u1"}, "text": "x", "sent_at": "2026-11-28T09:00:00Z"}]]`},
	{"Inbox.List", `[{}]`},
	{"Inbox.List", `[{"statuses": ["lost"]}]`},
	{"Inbox.Counts", `[{"statuses": ["open"]}]`},
	{"Inbox.Get", `[1]`},
	{"Inbox.Get", `[999]`},
	{"Inbox.Correct", `[1, "sale", null]`},
	{"Inbox.Correct", `[1, "gossip", null]`},
	{"Inbox.Corrections", `[]`},
	{"Inbox.UndoCorrection", `[1]`},
	{"Inbox.UndoCorrection", `[1]`},
	{"Inbox.ResetModel", `[]`},
	{"Inbox.TriageSettings", `[]`},
	{"Inbox.UpdateTriageSettings", `[{"keywords": [{"term": "remboursement", "lang": "fr", "kind": "refund"}], "sla": {"kind_minutes": {"dm": 60}}}]`},
	{"Inbox.UpdateTriageSettings", `[{"keywords": [{"term": "x", "lang": "de", "kind": "refund"}], "sla": {}}]`},
	{"Inbox.Search", `["rembourse", "", 10]`},
	{"Inbox.Search", `["intent:gossip", "", 10]`},
	{"Inbox.Update", `[[1], {"status": "resolved", "add_tags": ["retour"]}]`},
	{"Inbox.Update", `[[1, 999], {"status": "open"}]`},
	{"Inbox.UpdateContact", `[2, {"vip": true}]`},
	{"Inbox.MergeContacts", `[1, 2]`},
	{"Inbox.MergeContacts", `[1, 1]`},
	{"Replies.List", `[{"category": "faq", "language": "fr"}]`},
	{"Replies.List", `[{"category": "gossip"}]`},
	{"Replies.Get", `["faq.shipping.fr"]`},
	{"Replies.Get", `["missing"]`},
	{"Replies.Create", `[{"name": "Délais de livraison", "category": "faq", "language": "fr", "body": "Bonjour {first_name|}, nous livrons en 48 h.",
		"keywords": ["delai*"]}]`},
	{"Replies.Create", `[{"name": "Broken", "category": "faq", "language": "fr", "body": "Bonjour {prenom} !"}]`},
	{"Replies.Create", `[{"id": "faq.shipping.fr", "name": "Livraison", "category": "faq", "language": "fr", "body": "En 48 h."}]`},
	{"Replies.Update", `["custom.delais-de-livraison", {"body": "Bonjour {first_name|}, {brand} livre en 48 h."}]`},
	{"Replies.Update", `["missing", {"name": "x"}]`},
	{"Replies.Duplicate", `["custom.delais-de-livraison"]`},
	{"Replies.Duplicate", `["missing"]`},
	{"Replies.Archive", `["custom.delais-de-livraison-copie", true]`},
	{"Replies.Archive", `["missing", true]`},
	{"Replies.RecordUse", `["custom.delais-de-livraison"]`},
	{"Replies.RecordUse", `["missing"]`},
	{"Replies.Preview", `["Bonjour {first_name|}, votre commande {order_id} chez {brand}", 1]`},
	{"Replies.Preview", `["Bonjour {first_name", 1]`},
	{"Replies.Draft", `[1]`},
	{"Replies.Draft", `[999]`},
}

// env is one independent app: its own data folder, services and bindings.
type env struct {
	dir      string
	bindings []any
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	p, err := paths.Resolve(dir)
	if err != nil {
		t.Fatal(err)
	}
	hub := event.NewHub()
	ws := sqlite.NewWorkspaces(paths.WorkspacesDir(p), hub, func() time.Time { return time.Date(2026, 11, 28, 9, 30, 0, 0, time.UTC) })
	if _, err := ws.Start(ctx, "default", ""); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	settings := sqlite.NewSettingsService(ws, hub, backend.Settings{Languages: []string{"fr", "en"}, TimeZone: "UTC", Theme: "system"})
	library, err := reply.ParseLibrary(assets.Templates)
	if err != nil {
		t.Fatal(err)
	}
	bindings := app.Bindings(ctx, app.Services{
		Workspaces: ws, Settings: settings,
		System: &system.Service{Version: "test", Transport: "server", Paths: p, Workspaces: ws,
			Getenv: func(string) string { return "" }},
		Inbox:     sqlite.NewInboxService(ws, hub, newTriager),
		Templates: sqlite.NewTemplateService(ws, hub, settings, library),
	})
	return &env{dir: dir, bindings: bindings}
}

// direct calls the Go method itself and encodes its outcome as the HTTP API would.
func (e *env) direct(t *testing.T, c call) string {
	t.Helper()
	structName, methodName, _ := strings.Cut(c.method, ".")
	for _, b := range e.bindings {
		v := reflect.ValueOf(b)
		if v.Elem().Type().Name() != structName {
			continue
		}
		m := v.MethodByName(methodName)
		var raw []json.RawMessage
		if err := json.Unmarshal([]byte(c.args), &raw); err != nil {
			t.Fatalf("%s: bad test arguments: %v", c.method, err)
		}
		args := make([]reflect.Value, len(raw))
		for i := range raw {
			ptr := reflect.New(m.Type().In(i))
			if err := json.Unmarshal(raw[i], ptr.Interface()); err != nil {
				t.Fatalf("%s: argument %d: %v", c.method, i+1, err)
			}
			args[i] = ptr.Elem()
		}
		out := m.Call(args)
		last := out[len(out)-1]
		if last.Type() == reflect.TypeFor[error]() && !last.IsNil() {
			return encode(t, backend.Public(last.Interface().(error)))
		}
		if len(out) == 2 || last.Type() != reflect.TypeFor[error]() {
			return encode(t, out[0].Interface())
		}
		return "null"
	}
	t.Fatalf("no binding %s", structName)
	return ""
}

func encode(t *testing.T, v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// modifiedAt differs between two runs of the same call: only its presence is compared.
var modifiedAt = regexp.MustCompile(`"modified_at":"[^"]*"`)

func normalise(body, dir string) string {
	body = strings.ReplaceAll(body, filepath.ToSlash(dir), "<DIR>")
	return modifiedAt.ReplaceAllString(body, `"modified_at":"<TIME>"`)
}

func TestContract(t *testing.T) {
	directEnv, httpEnv := newEnv(t), newEnv(t)
	srv, err := tendhttp.NewServer(tendhttp.Config{Bindings: httpEnv.bindings, Token: "t", Events: event.NewHub()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	refs, err := tendhttp.Methods(directEnv.bindings)
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, c := range contract {
		covered[c.method] = true
	}
	for _, ref := range refs {
		if !covered[ref.Struct+"."+ref.Method] {
			t.Errorf("bound method %s.%s is not in the HTTP contract", ref.Struct, ref.Method)
		}
	}

	for i, c := range contract {
		want := normalise(directEnv.direct(t, c), directEnv.dir)
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/"+strings.Replace(c.method, ".", "/", 1), strings.NewReader(c.args))
		req.Header.Set("Authorization", "Bearer t")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		got := normalise(strings.TrimSpace(string(raw)), httpEnv.dir)
		if got != want {
			t.Errorf("step %d %s %s:\n http   %s\n direct %s", i, c.method, c.args, got, want)
		}
		isError := strings.Contains(want, `"code":"E`)
		if isError == (res.StatusCode == http.StatusOK) {
			t.Errorf("step %d %s: status %d for %s", i, c.method, res.StatusCode, got)
		}
	}
}
