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
	"tend/backend/connector/telegram"
	"tend/backend/event"
	tendhttp "tend/backend/http"
	"tend/backend/llm"
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
	{"Templates.List", `[{"category": "faq", "language": "fr"}]`},
	{"Templates.List", `[{"category": "gossip"}]`},
	{"Templates.Get", `["faq.shipping.fr"]`},
	{"Templates.Get", `["missing"]`},
	{"Templates.Create", `[{"name": "Délais de livraison", "category": "faq", "language": "fr", "body": "Bonjour {first_name|}, nous livrons en 48 h.",
		"keywords": ["delai*"]}]`},
	{"Templates.Create", `[{"name": "Broken", "category": "faq", "language": "fr", "body": "Bonjour {prenom} !"}]`},
	{"Templates.Create", `[{"id": "faq.shipping.fr", "name": "Livraison", "category": "faq", "language": "fr", "body": "En 48 h."}]`},
	{"Templates.Update", `["custom.delais-de-livraison", {"body": "Bonjour {first_name|}, {brand} livre en 48 h."}]`},
	{"Templates.Update", `["missing", {"name": "x"}]`},
	{"Templates.Duplicate", `["custom.delais-de-livraison"]`},
	{"Templates.Duplicate", `["missing"]`},
	{"Templates.Archive", `["custom.delais-de-livraison-copie", true]`},
	{"Templates.Archive", `["missing", true]`},
	{"Templates.Preview", `["Bonjour {first_name|}, votre commande {order_id} chez {brand}", 1]`},
	{"Templates.Preview", `["Bonjour {first_name", 1]`},
	{"Templates.Draft", `[1]`},
	{"Templates.Draft", `[999]`},
	{"Replies.CreateDraft", `[{"conversation_id": 1, "mode": "blank"}]`},
	{"Replies.CreateDraft", `[{"conversation_id": 1, "mode": "gossip"}]`},
	{"Replies.CreateDraft", `[{"conversation_id": 1, "mode": "model", "stream_id": "s1"}]`},
	{"Replies.UpdateDraft", `[1, "Merci {first_name|}, nous regardons."]`},
	{"Replies.Check", `[1, "Le sac coûte 90 €, commande {order_id}."]`},
	{"Replies.Check", `[1, ""]`},
	{"Replies.Submit", `[1, {"text": "Le sac coûte 90 €."}]`},
	{"Replies.Submit", `[1, {"text": "Encore"}]`},
	{"Replies.Approve", `[1, {"note": "prix vérifié"}]`},
	{"Replies.CreateDraft", `[{"conversation_id": 1, "mode": "blank"}]`},
	{"Replies.Submit", `[2, {"text": "Merci pour votre message.", "request_approval": true}]`},
	{"Replies.ApproveMany", `[[2]]`},
	{"Replies.ApproveMany", `[[]]`},
	{"Replies.CreateDraft", `[{"conversation_id": 1, "mode": "blank"}]`},
	{"Replies.Submit", `[3, {"text": "Remise de 10 € pour vous."}]`},
	{"Replies.Reject", `[3, " "]`},
	{"Replies.Reject", `[3, "pas de remise"]`},
	{"Replies.CreateDraft", `[{"conversation_id": 1, "mode": "blank"}]`},
	{"Replies.Discard", `[4]`},
	{"Replies.Discard", `[4]`},
	{"Replies.Retry", `[1]`},
	{"Replies.ResolveInDoubt", `[1, true]`},
	{"Replies.ReviewQA", `[1, "good", ""]`},
	{"Replies.ReviewQA", `[1, "meh", ""]`},
	{"Replies.CancelDraft", `["nothing"]`},
	{"Replies.Get", `[1]`},
	{"Replies.Get", `[999]`},
	{"Replies.List", `[{"states": ["queued"]}]`},
	{"Replies.List", `[{"states": ["lost"]}]`},
	{"Replies.Counts", `[]`},
	{"Replies.GetSettings", `[]`},
	{"Replies.UpdateSettings", `[{"policy": {"kinds": ["money", "legal"], "extra_legal_words": {"fr": ["huissier"]}, "qa_sample_rate": 0.2,
		"autopilot": [{"intent": "support", "platform": "instagram"}], "disclosure": {"mode": "prefix",
		"prefix": {"fr": "Réponse automatisée :", "en": "Automated reply:"}, "footer": {},
		"notice": {"fr": "Je suis l'assistant.", "en": "I am the assistant."}}},
		"limits": {"per_contact_per_hour": 3, "per_channel_per_minute": 20, "max_automated_streak": 2}}]`},
	{"Replies.UpdateSettings", `[{"policy": {"kinds": [], "qa_sample_rate": 2, "disclosure": {"mode": "prefix"}}, "limits": {}}]`},
	{"Replies.GetConsent", `[1]`},
	{"Replies.SetConsent", `[1, {"opted_out": true, "note": "asked by phone"}]`},
	{"Replies.GetConsent", `[999]`},
	{"Model.Presets", `[]`},
	{"Model.Get", `[]`},
	{"Model.Update", `[{"enabled": true, "preset": "custom", "base_url": "http://127.0.0.1:9/v1", "model": "m", "temperature": 0.3, "timeout_seconds": 5}]`},
	{"Model.Update", `[{"preset": "custom", "base_url": "ftp://x", "model": "m", "timeout_seconds": 5}]`},
	{"Model.SetKey", `["sk-test"]`},
	{"Model.SetKey", `[" "]`},
	{"Model.DeleteKey", `[]`},
	{"Model.Check", `[]`},
	{"Audit.List", `[{"action": "reply."}]`},
	{"Audit.List", `[{"limit": 9999}]`},
	{"Audit.Verify", `[]`},
	{"Accounts.Platforms", `[]`},
	{"Accounts.List", `[]`},
	{"Accounts.Add", `[{"name": "Bad Name", "platform": "telegram", "secrets": {"bot_token": "x"}}]`},
	{"Accounts.Add", `[{"name": "bot", "platform": "myspace", "secrets": {"bot_token": "x"}}]`},
	{"Accounts.Add", `[{"name": "bot", "platform": "telegram", "base_url": "http://127.0.0.1:9", "secrets": {"bot_token": "123:abc"}}]`},
	{"Accounts.Get", `[999]`},
	{"Accounts.Update", `[999, {"name": "x"}]`},
	{"Accounts.Test", `[999]`},
	{"Accounts.Pause", `[999, true]`},
	{"Accounts.SyncNow", `[999]`},
	{"Accounts.Remove", `[999]`},
	{"Accounts.Import", `[{"format": "csv", "path": "../backend/importer/testdata/csv/good.csv"}]`},
	{"Accounts.Import", `[{"format": "csv", "path": "../backend/importer/testdata/csv/good.csv"}]`},
	{"Accounts.Import", `[{"format": "csv", "path": "../backend/importer/testdata/csv/unknown.csv"}]`},
	{"Accounts.Import", `[{"format": "telegram", "path": "missing.json"}]`},
	{"Creators.GetSettings", `[]`},
	{"Creators.UpdateSettings", `[{"alert_days": 30, "target_territories": ["fr", "EU"], "benchmarks": {"home_decor": 2.5}}]`},
	{"Creators.UpdateSettings", `[{"alert_days": 0}]`},
	{"Creators.Create", `[{"name": "Chloé Vasseur", "niche": "home_decor", "audience_size": 186400, "engagement_rate": 3.1, "territory": "fr",
		"brand_safety": "clear", "email": "chloe@example.com", "handles": [{"platform": "instagram", "handle": "@Chloe"}]}]`},
	{"Creators.Create", `[{"name": "Impostor", "handles": [{"platform": "instagram", "handle": "CHLOE"}]}]`},
	{"Creators.Create", `[{"name": "Léa", "tags": ["micro"], "handles": [{"platform": "tiktok", "handle": "lea"}]}]`},
	{"Creators.List", `[{"query": "chloe"}]`},
	{"Creators.List", `[{"stages": ["hired"]}]`},
	{"Creators.Get", `[1]`},
	{"Creators.Get", `[999]`},
	{"Creators.Update", `[2, {"name": "Léa Martin", "niche": "beauty", "audience_size": 12000, "handles": [{"platform": "tiktok", "handle": "lea"}]}]`},
	{"Creators.Update", `[2, {"name": " "}]`},
	{"Creators.Move", `[2, "negotiating"]`},
	{"Creators.Move", `[2, "hired"]`},
	{"Creators.CreateCampaign", `[{"name": "Noël 2026", "start_date": "2026-12-01", "end_date": "2026-12-24", "discount_percent": 10,
		"landing_url": "https://maison.example/noel", "creator_ids": [1, 2], "post_ids": [3],
		"deliverables": [{"title": "Reel", "due_date": "2026-12-05", "creator_id": 1}]}]`},
	{"Creators.CreateCampaign", `[{"name": "Backwards", "start_date": "2026-12-24", "end_date": "2026-12-01"}]`},
	{"Creators.Campaigns", `[]`},
	{"Creators.UpdateCampaign", `[1, {"name": "Noël 2026", "start_date": "2026-12-01", "end_date": "2026-12-24", "discount_percent": 10,
		"utm_campaign": "Noël Cosy", "landing_url": "https://maison.example/noel", "creator_ids": [1, 2], "post_ids": [3, 4],
		"deliverables": [{"id": 1, "title": "Reel", "due_date": "2026-12-05", "creator_id": 1}, {"title": "Story", "due_date": "2026-12-10"}]}]`},
	{"Creators.UpdateCampaign", `[999, {"name": "x"}]`},
	{"Creators.SetDeliverableDone", `[1, 1, true]`},
	{"Creators.SetDeliverableDone", `[1, 999, true]`},
	{"Creators.Suggest", `[1, 1]`},
	{"Creators.Suggest", `[999, 0]`},
	{"Creators.AddCode", `[{"creator_id": 1, "campaign_id": 1}]`},
	{"Creators.AddCode", `[{"creator_id": 2, "code": "chloe10"}]`},
	{"Creators.PreviewLink", `["https://maison.example/noel", {"source": "Instagram", "medium": "influencer", "campaign": "Noël Cosy", "content": "Chloé"}]`},
	{"Creators.PreviewLink", `["maison.example/noel", {"source": "instagram", "medium": "influencer", "campaign": "noel"}]`},
	{"Creators.AddLink", `[{"creator_id": 1, "campaign_id": 1, "base_url": "https://maison.example/noel",
		"params": {"source": "Instagram", "medium": "influencer", "campaign": "Noël Cosy", "content": "Chloé"}}]`},
	{"Creators.AddLink", `[{"creator_id": 1, "base_url": "ftp://maison.example", "params": {"source": "x", "medium": "y", "campaign": "z"}}]`},
	{"Creators.SaveRights", `[{"creator_id": 1, "campaign_id": 1, "scopes": ["organic", "paid_ads"], "start_date": "2026-11-01", "end_date": "2026-12-10",
		"territories": ["FR"], "compensation_terms": "500 € + products", "edit_consent": true, "signed_date": "2026-10-28"}]`},
	{"Creators.SaveRights", `[{"creator_id": 1, "start_date": "2026-12-10", "end_date": "2026-11-01"}]`},
	{"Creators.CheckRights", `[1, {"date": "2026-12-05", "territory": "DE", "scope": "organic"}]`},
	{"Creators.CheckRights", `[1, {"date": "05/12/2026", "scope": "organic"}]`},
	{"Creators.Alerts", `[]`},
	{"Creators.AddResult", `[{"creator_id": 1, "campaign_id": 1, "code": "CHLOE10", "date": "2026-11-27", "orders": 4, "revenue_cents": 15600, "note": "first week"}]`},
	{"Creators.AddResult", `[{"creator_id": 1, "code": "NOPE10", "date": "2026-11-27"}]`},
	{"Creators.Performance", `[1]`},
	{"Creators.Performance", `[999]`},
	{"Creators.DeleteResult", `[1]`},
	{"Creators.DeleteResult", `[1]`},
	{"Creators.DeleteLink", `[1]`},
	{"Creators.DeleteLink", `[1]`},
	{"Creators.DeleteCode", `[1]`},
	{"Creators.DeleteCode", `[1]`},
	{"Creators.DeleteRights", `[1]`},
	{"Creators.DeleteRights", `[1]`},
	{"Creators.DeleteCampaign", `[1]`},
	{"Creators.DeleteCampaign", `[1]`},
	{"Creators.Delete", `[2]`},
	{"Creators.Delete", `[2]`},
	{"Calendar.CaptionLimits", `[]`},
	{"Calendar.GetSettings", `[]`},
	{"Calendar.UpdateSettings", `[{"mix": {"core": 60, "experiment": 30, "high_risk": 10}, "cadence": [{"format": "short_video", "per_week": 3}]}]`},
	{"Calendar.UpdateSettings", `[{"mix": {"core": 60, "experiment": 30, "high_risk": 20}}]`},
	{"Calendar.CreatePost", `[{"title": "Figuier reel", "caption": "Nouvelle bougie", "format": "short_video", "channels": ["instagram", "tiktok"],
		"pillar": "education", "local": "2026-12-01T18:00"}]`},
	{"Calendar.CreatePost", `[{"title": "Spring", "local": "2027-03-28T02:30", "time_zone": "Europe/Paris"}]`},
	{"Calendar.CreatePost", `[{"title": "Idea for later", "channels": ["linkedin"]}]`},
	{"Calendar.CreatePost", `[{"title": "Carousel", "format": "carousel", "channels": ["tiktok"], "local": "2026-12-03T12:00"}]`},
	{"Calendar.GetPost", `[1]`},
	{"Calendar.CheckRights", `[1, "2026-12-20"]`},
	{"Calendar.CheckRights", `[1, "20/12/2026"]`},
	{"Calendar.GetPost", `[999]`},
	{"Calendar.ListPosts", `[{"from": "2026-12-01T00:00:00Z", "to": "2027-01-01T00:00:00Z", "channels": ["tiktok"]}]`},
	{"Calendar.ListPosts", `[{"statuses": ["lost"]}]`},
	{"Calendar.UpdatePost", `[1, {"caption": "Nouvelle bougie Figuier", "channel_captions": {"tiktok": "Version TikTok"}}]`},
	{"Calendar.UpdatePost", `[1, {"format": "reel"}]`},
	{"Calendar.Reschedule", `[2, {"local": "2026-12-02T09:00"}]`},
	{"Calendar.Reschedule", `[3, {"local": "2026-12-01T18:00"}]`},
	{"Calendar.Unschedule", `[2]`},
	{"Calendar.Unschedule", `[999]`},
	{"Calendar.Submit", `[1]`},
	{"Calendar.Submit", `[3]`},
	{"Calendar.Approve", `[1, "prix vérifié"]`},
	{"Calendar.Approve", `[1, ""]`},
	{"Calendar.Schedule", `[1]`},
	{"Calendar.Schedule", `[3]`},
	{"Calendar.UpdatePost", `[2, {"caption": "Think first"}]`},
	{"Calendar.Submit", `[2]`},
	{"Calendar.Reject", `[2, " "]`},
	{"Calendar.Reject", `[2, "Too vague"]`},
	{"Calendar.DraftCaption", `[{"post_id": 1, "channel": "instagram"}]`},
	{"Calendar.DraftCaption", `[{"post_id": 1, "channel": "instagram", "model": true, "stream_id": "cap-1"}]`},
	{"Calendar.PublishNow", `[1]`},
	{"Calendar.PublishNow", `[3]`},
	{"Calendar.MarkPublished", `[1]`},
	{"Calendar.MarkPublished", `[3]`},
	{"Calendar.CreateLive", `[{"title": "Q&A bougies", "local": "2026-12-10T19:00", "channels": ["youtube", "instagram"], "pillar": "education"}]`},
	{"Calendar.CreateLive", `[{"title": " ", "local": "2026-12-10T19:00", "channels": ["youtube"]}]`},
	{"Calendar.CreateFilming", `[{"title": "Tournage", "local": "2026-12-04T09:30", "drafts": [{"title": "Unboxing", "channels": ["tiktok"]}]}]`},
	{"Calendar.CreateFilming", `[{"title": "Tournage", "local": "2026-12-04T09:30", "drafts": []}]`},
	{"Calendar.ListSessions", `["2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"]`},
	{"Calendar.ListSessions", `["2027-01-01T00:00:00Z", "2026-12-01T00:00:00Z"]`},
	{"Calendar.DeleteSession", `[2]`},
	{"Calendar.DeleteSession", `[999]`},
	{"Calendar.Cadence", `["2026-12-01"]`},
	{"Calendar.Cadence", `["tomorrow"]`},
	{"Calendar.Mix", `["2026-12"]`},
	{"Calendar.Mix", `["December"]`},
	{"Calendar.ExportICS", `[{}]`},
	{"Calendar.ExportICS", `[{"channels": ["myspace"]}]`},
	{"Calendar.ExportCSV", `[{"undated": true}]`},
	{"Calendar.ExportCSV", `[{"formats": ["reel"]}]`},
	{"Calendar.ImportCSV", `["title,scheduled_at,time_zone,pillar,format,channels,goal,tier,status,caption,id\nImported,2026-12-05T10:00:00Z,UTC,,story,instagram,,,,Hello,ext-1\nBad,,,,reel,,,,,,\n"]`},
	{"Calendar.ImportCSV", `["title,format\nx,story\n"]`},
	{"Calendar.ImportICS", `["BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:ext-2\r\nDTSTART:20261206T100000Z\r\nSUMMARY:From ics\r\nLOCATION:Paris\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"]`},
	{"Calendar.ImportICS", `["hello"]`},
	{"Calendar.DeletePost", `[3]`},
	{"Calendar.DeletePost", `[3]`},
}

// memorySecrets is a SecretStore in memory.
type memorySecrets struct{ values map[string]string }

func (m *memorySecrets) SetSecret(_ context.Context, k, v string) error { m.values[k] = v; return nil }
func (m *memorySecrets) Secret(_ context.Context, k string) (string, error) {
	if v, ok := m.values[k]; ok {
		return v, nil
	}
	return "", backend.Errorf(backend.ENOTFOUND, "no secret")
}
func (m *memorySecrets) DeleteSecret(_ context.Context, k string) error {
	delete(m.values, k)
	return nil
}
func (m *memorySecrets) Probe(context.Context) error { return nil }

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
	templates := sqlite.NewTemplateService(ws, hub, settings, library)
	replies := sqlite.NewReplyService(ws, sqlite.ReplyOptions{
		Events: hub, Templates: templates, Senders: sqlite.NewSandboxSenders(ws), Secrets: &memorySecrets{values: map[string]string{}},
		NewModel: func(s backend.ModelSettings, key string) (sqlite.ModelClient, error) { return llm.New(s, key) }, Actor: "Camille",
	})
	inbox := sqlite.NewInboxService(ws, hub, newTriager)
	accounts := sqlite.NewAccountService(ws, hub, inbox, &memorySecrets{values: map[string]string{}},
		func(cfg backend.ConnectorConfig) (backend.Connector, error) { return telegram.New(cfg) }, sqlite.NewSandboxSenders(ws))
	bindings := app.Bindings(ctx, app.Services{
		Workspaces: ws, Settings: settings,
		System: &system.Service{Version: "test", Transport: "server", Paths: p, Workspaces: ws,
			Getenv: func(string) string { return "" }},
		Inbox:     inbox,
		Templates: templates,
		Replies:   replies,
		Model:     replies,
		Audit:     sqlite.NewAuditService(ws),
		Accounts:  accounts,
		Imports:   sqlite.NewImportService(ws, inbox, hub),
		Creators:  sqlite.NewCreatorService(ws, sqlite.CreatorOptions{Events: hub, Settings: settings, Search: inbox, Actor: "Camille"}),
		Calendar:  sqlite.NewCalendarService(ws, sqlite.CalendarOptions{Events: hub, Settings: settings, Captions: replies, Actor: "Camille"}),
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

// modifiedAt differs between two runs of the same call, and so do the random idempotency keys and
// the audit hashes that cover them: only their presence is compared.
var (
	modifiedAt     = regexp.MustCompile(`"modified_at":"[^"]*"`)
	idempotencyKey = regexp.MustCompile(`tend-[0-9a-f]{32}`)
	auditHash      = regexp.MustCompile(`"(prev_hash|hash)":"[0-9a-f]{64}"`)
)

func normalise(body, dir string) string {
	body = strings.ReplaceAll(body, filepath.ToSlash(dir), "<DIR>")
	body = idempotencyKey.ReplaceAllString(body, "<KEY>")
	body = auditHash.ReplaceAllString(body, `"$1":"<HASH>"`)
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
