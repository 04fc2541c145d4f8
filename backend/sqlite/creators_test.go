package sqlite_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/sqlite"
)

type creatorsEnv struct {
	*inboxEnv
	settings *sqlite.SettingsService
	creators *sqlite.CreatorService
	audit    *sqlite.AuditService
}

// newCreators opens a workspace in Paris time with an inbox and a creator tracker searching it.
func newCreators(t *testing.T) *creatorsEnv {
	t.Helper()
	env := &creatorsEnv{inboxEnv: newInbox(t)}
	env.settings = sqlite.NewSettingsService(env.ws, env.events, defaultSettings)
	env.creators = sqlite.NewCreatorService(env.ws, sqlite.CreatorOptions{Events: env.events, Settings: env.settings, Search: env.inbox, Actor: "Camille"})
	env.audit = sqlite.NewAuditService(env.ws)
	return env
}

func (env *creatorsEnv) create(t *testing.T, c backend.Creator) backend.Creator {
	t.Helper()
	out, err := env.creators.CreateCreator(context.Background(), c)
	if err != nil {
		t.Fatalf("create %s: %v", c.Name, err)
	}
	return out
}

func (env *creatorsEnv) auditActions(t *testing.T, subject string) []string {
	t.Helper()
	page, err := env.audit.ListAudit(context.Background(), backend.AuditFilter{Subject: subject})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range page.Entries {
		out = append(out, e.Action)
	}
	return out
}

func (env *creatorsEnv) published(name string) int {
	env.events.mu.Lock()
	defer env.events.mu.Unlock()
	n := 0
	for _, e := range env.events.events {
		if e.Name == name {
			n++
		}
	}
	return n
}

func errKey(err error) string {
	if e, ok := err.(*backend.Error); ok {
		return e.Key
	}
	return ""
}

func TestCreatorHandleLinksContactAndSetsInfluencer(t *testing.T) {
	ctx := context.Background()
	env := newCreators(t)
	// Léa writes first: an ordinary contact, not escalated for who she is.
	env.ingest(t, env.dm("t-lea", "Lea.Cosy", "Bonjour, j'adore vos bougies", time.Hour))
	conv := env.only(t, backend.ConversationFilter{})
	if conv.Contact.Influencer {
		t.Fatal("flagged before any creator")
	}

	lea := env.create(t, backend.Creator{Name: " Léa Martin ", Niche: "home_decor", Territory: "fr",
		Handles: []backend.CreatorHandle{{Platform: "instagram", Handle: " @lea.cosy "}, {Platform: "tiktok", Handle: "leacosy"}}})
	if lea.Name != "Léa Martin" || lea.Territory != "FR" || lea.Stage != backend.StageProspect || lea.Handles[0].Handle != "lea.cosy" {
		t.Errorf("created %+v", lea)
	}
	if lea.Handles[0].ContactID == nil || *lea.Handles[0].ContactID != conv.Contact.ID || lea.Handles[0].ContactName != "Lea.Cosy" {
		t.Errorf("instagram handle not linked: %+v", lea.Handles[0])
	}
	if lea.Handles[1].ContactID != nil {
		t.Errorf("tiktok handle linked to %v", *lea.Handles[1].ContactID)
	}
	detail, err := env.inbox.GetConversation(ctx, conv.ID)
	if err != nil || !detail.Contact.Influencer {
		t.Fatalf("contact not flagged influencer: %+v, %v", detail.Contact, err)
	}
	if got := env.auditActions(t, "contact:"+itoa(conv.Contact.ID)); !slices.Equal(got, []string{backend.AuditContactInfluencer}) {
		t.Errorf("contact audit %v", got)
	}
	if env.published(backend.EventConversationsChanged) == 0 {
		t.Error("inbox:conversations_updated not published")
	}

	// Her next message escalates as an influencer's.
	env.ingest(t, env.dm("t-lea", "Lea.Cosy", "Vous seriez partants pour une collab ?", 0))
	conv = env.only(t, backend.ConversationFilter{})
	if !slices.Contains(conv.Reasons, backend.EscalationReason{Kind: backend.EscalationInfluencer, Detail: "contact is flagged influencer or VIP"}) {
		t.Errorf("not escalated: %+v", conv.Reasons)
	}

	// A contact who writes later from the TikTok handle is linked and flagged by the schema.
	tiktok, err := env.inbox.CreateChannel(ctx, backend.Channel{Platform: "tiktok", Account: "maison", Name: "TikTok", Kind: "sandbox"})
	if err != nil {
		t.Fatal(err)
	}
	msg := env.dm("t-tt", "x", "coucou", 0)
	msg.ChannelID, msg.Author = tiktok.ID, backend.Author{PlatformUserID: "tt-1", Handle: "LeaCosy", DisplayName: "Léa"}
	env.ingest(t, msg)
	got, err := env.creators.GetCreator(ctx, lea.ID)
	if err != nil {
		t.Fatal(err)
	}
	if id := got.Creator.Handles[1].ContactID; id == nil {
		t.Fatal("tiktok handle not linked to the new contact")
	}
	later, err := env.inbox.GetConversation(ctx, env.only(t, backend.ConversationFilter{ChannelIDs: []int64{tiktok.ID}}).ID)
	if err != nil || !later.Contact.Influencer {
		t.Errorf("later contact not flagged: %+v, %v", later.Contact, err)
	}
}

func TestCreatorDuplicateHandleConflicts(t *testing.T) {
	ctx := context.Background()
	env := newCreators(t)
	lea := env.create(t, backend.Creator{Name: "Léa Martin", Handles: []backend.CreatorHandle{{Platform: "instagram", Handle: "lea.cosy"}}})

	_, err := env.creators.CreateCreator(ctx, backend.Creator{Name: "Impostor", Handles: []backend.CreatorHandle{{Platform: "instagram", Handle: "@LEA.COSY"}}})
	if backend.ErrorCode(err) != backend.ECONFLICT || errKey(err) != "creator_handle_taken" || err.(*backend.Error).Params["creator"] != "Léa Martin" {
		t.Fatalf("duplicate handle: %v", err)
	}
	// The same handle on another platform is someone else's business.
	other := env.create(t, backend.Creator{Name: "Other", Handles: []backend.CreatorHandle{{Platform: "tiktok", Handle: "lea.cosy"}}})
	_, err = env.creators.UpdateCreator(ctx, other.ID, backend.Creator{Name: "Other", Handles: []backend.CreatorHandle{{Platform: "instagram", Handle: "Lea.Cosy"}}})
	if backend.ErrorCode(err) != backend.ECONFLICT {
		t.Fatalf("update to a taken handle: %v", err)
	}
	// A creator keeps their own handle when updating, and listing it twice is a typo.
	if _, err := env.creators.UpdateCreator(ctx, lea.ID, backend.Creator{Name: "Léa M.", Handles: []backend.CreatorHandle{{Platform: "instagram", Handle: "LEA.cosy"}}}); err != nil {
		t.Fatal(err)
	}
	_, err = env.creators.CreateCreator(ctx, backend.Creator{Name: "Twice", Handles: []backend.CreatorHandle{{Platform: "youtube", Handle: "a"}, {Platform: "youtube", Handle: "@A"}}})
	if backend.ErrorCode(err) != backend.EINVALID || errKey(err) != "creator_handle_twice" {
		t.Fatalf("twice: %v", err)
	}
	list, err := env.creators.ListCreators(ctx, backend.CreatorFilter{})
	if err != nil || len(list) != 2 {
		t.Fatalf("nothing half-saved: %d creators, %v", len(list), err)
	}
}

func TestCreatorValidationAndPipeline(t *testing.T) {
	ctx := context.Background()
	env := newCreators(t)
	for _, c := range []backend.Creator{
		{Name: " "},
		{Name: "x", Territory: "France"},
		{Name: "x", Email: "not-an-email"},
		{Name: "x", Niche: "cats"},
		{Name: "x", Stage: "hired"},
		{Name: "x", EngagementRate: ptr(120.0)},
		{Name: "x", Handles: []backend.CreatorHandle{{Platform: "myspace", Handle: "x"}}},
		{Name: "x", Handles: []backend.CreatorHandle{{Platform: "instagram", Handle: "two words"}}},
	} {
		if _, err := env.creators.CreateCreator(ctx, c); backend.ErrorCode(err) != backend.EINVALID {
			t.Errorf("%+v: %v", c, err)
		}
	}
	c := env.create(t, backend.Creator{Name: "Priya", Email: "priya@example.com", Phone: "+44 20 7946 0000", Tags: []string{"#UK", "uk"}})
	if !slices.Equal(c.Tags, []string{"uk"}) {
		t.Errorf("tags %v", c.Tags)
	}
	env.clock.Set(fixedNow.Add(time.Hour))
	moved, err := env.creators.MoveCreator(ctx, c.ID, backend.StageNegotiating)
	if err != nil || moved.Stage != backend.StageNegotiating || !moved.StageChangedAt.Equal(fixedNow.Add(time.Hour)) {
		t.Fatalf("move: %+v, %v", moved, err)
	}
	if _, err := env.creators.MoveCreator(ctx, c.ID, "hired"); backend.ErrorCode(err) != backend.EINVALID {
		t.Errorf("bad stage: %v", err)
	}
	if _, err := env.creators.MoveCreator(ctx, 999, backend.StageLive); backend.ErrorCode(err) != backend.ENOTFOUND {
		t.Errorf("missing: %v", err)
	}
	page, err := env.audit.ListAudit(ctx, backend.AuditFilter{Action: backend.AuditCreatorStageChanged})
	if err != nil || len(page.Entries) != 1 {
		t.Fatalf("stage audit: %+v, %v", page, err)
	}
	e := page.Entries[0]
	if e.Actor != "Camille" || e.Subject != "creator:"+itoa(c.ID) || string(e.Before) != `{"stage":"prospect"}` || string(e.After) != `{"stage":"negotiating"}` {
		t.Errorf("stage audit entry %+v", e)
	}
	// The audit trail never holds contact details.
	all, _ := env.audit.ListAudit(ctx, backend.AuditFilter{})
	for _, e := range all.Entries {
		if slices.ContainsFunc([]string{"priya@example.com", "7946", "Priya"}, func(s string) bool {
			return contains(string(e.Before), s) || contains(string(e.After), s) || contains(e.Reason, s)
		}) {
			t.Errorf("personal data in the audit trail: %+v", e)
		}
	}

	list, err := env.creators.ListCreators(ctx, backend.CreatorFilter{Stages: []backend.CreatorStage{backend.StageNegotiating}, Query: "PRÏYA"})
	if err != nil || len(list) != 1 {
		t.Errorf("filter: %d, %v", len(list), err)
	}
	if err := env.creators.DeleteCreator(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if err := env.creators.DeleteCreator(ctx, c.ID); backend.ErrorCode(err) != backend.ENOTFOUND {
		t.Errorf("delete twice: %v", err)
	}
}

func TestCreatorCodesAndLinks(t *testing.T) {
	ctx := context.Background()
	env := newCreators(t)
	lea := env.create(t, backend.Creator{Name: "Léa", Handles: []backend.CreatorHandle{{Platform: "instagram", Handle: "lea"}}})
	bea := env.create(t, backend.Creator{Name: "Béa", Handles: []backend.CreatorHandle{{Platform: "instagram", Handle: "LÉA"}}}) // folds to LEA too
	noel, err := env.creators.CreateCampaign(ctx, backend.Campaign{Name: "Noël 2026", StartDate: "2026-12-01", EndDate: "2026-12-24",
		DiscountPercent: 10, LandingURL: "https://maison-lumiere.example/noel", CreatorIDs: []int64{lea.ID, bea.ID}})
	if err != nil {
		t.Fatal(err)
	}

	s, err := env.creators.Suggest(ctx, lea.ID, noel.ID)
	if err != nil || s.Code != "LEA10" || s.BaseURL != "https://maison-lumiere.example/noel" ||
		s.Params != (backend.UTMParams{Source: "instagram", Medium: "influencer", Campaign: "noel-2026", Content: "lea"}) {
		t.Fatalf("suggest: %+v, %v", s, err)
	}
	code, err := env.creators.AddCode(ctx, backend.NewCode{CreatorID: lea.ID, CampaignID: &noel.ID})
	if err != nil || code.Code != "LEA10" || code.DiscountPercent != 10 {
		t.Fatalf("add generated: %+v, %v", code, err)
	}
	// Béa's generated code would be LEA10 too: she gets the next free one.
	code2, err := env.creators.AddCode(ctx, backend.NewCode{CreatorID: bea.ID, CampaignID: &noel.ID})
	if err != nil || code2.Code != "LEA102" {
		t.Fatalf("add second: %+v, %v", code2, err)
	}
	_, err = env.creators.AddCode(ctx, backend.NewCode{CreatorID: bea.ID, Code: " lea10 "})
	if backend.ErrorCode(err) != backend.ECONFLICT || errKey(err) != "code_taken" || err.(*backend.Error).Params["creator"] != "Léa" {
		t.Fatalf("taken: %v", err)
	}
	for _, bad := range []string{"LEA 10", "ab", "LÉA-10"} {
		if _, err := env.creators.AddCode(ctx, backend.NewCode{CreatorID: bea.ID, Code: bad}); backend.ErrorCode(err) != backend.EINVALID {
			t.Errorf("code %q: %v", bad, err)
		}
	}

	// A UTM with spaces and accents is normalised and the original kept; a malformed base URL is refused.
	link, err := env.creators.AddLink(ctx, backend.NewLink{CreatorID: lea.ID, CampaignID: &noel.ID, BaseURL: "https://maison-lumiere.example/noel",
		Params: backend.UTMParams{Source: "Instagram", Medium: "influencer", Campaign: "Noël Cosy 2026", Content: "Léa"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "https://maison-lumiere.example/noel?utm_source=instagram&utm_medium=influencer&utm_campaign=noel-cosy-2026&utm_content=lea"
	if link.URL != want || link.Original.Campaign != "Noël Cosy 2026" || !slices.Equal(link.Changed, []string{"source", "campaign", "content"}) {
		t.Errorf("link %+v", link)
	}
	for _, base := range []string{"maison-lumiere.example", "ftp://x.example", "https:///noel", "https://a b.example"} {
		_, err := env.creators.AddLink(ctx, backend.NewLink{CreatorID: lea.ID, BaseURL: base, Params: link.Params})
		if backend.ErrorCode(err) != backend.EINVALID || errKey(err) != "link_base_url_invalid" {
			t.Errorf("base %q: %v", base, err)
		}
	}
	detail, err := env.creators.GetCreator(ctx, lea.ID)
	if err != nil || len(detail.Codes) != 1 || len(detail.Links) != 1 || detail.Links[0].Original.Campaign != "Noël Cosy 2026" ||
		!slices.Equal(detail.Creator.Codes, []string{"LEA10"}) || len(detail.Campaigns) != 1 {
		t.Fatalf("detail %+v, %v", detail, err)
	}
	if _, err := env.creators.CreateCampaign(ctx, backend.Campaign{Name: "Bad", LandingURL: "www.example.com"}); backend.ErrorCode(err) != backend.EINVALID {
		t.Errorf("campaign landing: %v", err)
	}
	if err := env.creators.DeleteCode(ctx, code.ID); err != nil {
		t.Fatal(err)
	}
	if err := env.creators.DeleteLink(ctx, link.ID); err != nil {
		t.Fatal(err)
	}
	if err := env.creators.DeleteLink(ctx, link.ID); backend.ErrorCode(err) != backend.ENOTFOUND {
		t.Errorf("delete link twice: %v", err)
	}
}

func TestCampaignDatesAndDeliverables(t *testing.T) {
	ctx := context.Background()
	env := newCreators(t)
	lea := env.create(t, backend.Creator{Name: "Léa"})
	_, err := env.creators.CreateCampaign(ctx, backend.Campaign{Name: "Backwards", StartDate: "2026-12-24", EndDate: "2026-12-01"})
	if backend.ErrorCode(err) != backend.EINVALID || errKey(err) != "dates_out_of_order" {
		t.Fatalf("dates out of order: %v", err)
	}
	_, err = env.creators.CreateCampaign(ctx, backend.Campaign{Name: "Early", StartDate: "2026-12-01", Deliverables: []backend.Deliverable{{Title: "Reel", DueDate: "2026-11-01"}}})
	if backend.ErrorCode(err) != backend.EINVALID || errKey(err) != "deliverable_before_start" {
		t.Fatalf("deliverable before start: %v", err)
	}
	_, err = env.creators.CreateCampaign(ctx, backend.Campaign{Name: "Ghost", CreatorIDs: []int64{999}})
	if backend.ErrorCode(err) != backend.ENOTFOUND {
		t.Fatalf("unknown creator: %v", err)
	}
	c, err := env.creators.CreateCampaign(ctx, backend.Campaign{Name: "Noël", StartDate: "2026-12-01", EndDate: "2026-12-24",
		CreatorIDs: []int64{lea.ID}, PostIDs: []int64{12, 12, 40},
		Deliverables: []backend.Deliverable{{Title: "Reel", DueDate: "2026-12-05", CreatorID: &lea.ID}, {Title: "Story", DueDate: "2026-12-10"}}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.PostIDs, []int64{12, 40}) || len(c.Deliverables) != 2 || c.UTMCampaign != "" {
		t.Errorf("campaign %+v", c)
	}
	c, err = env.creators.SetDeliverableDone(ctx, c.ID, c.Deliverables[0].ID, true)
	if err != nil || !c.Deliverables[0].Done || c.Deliverables[0].DoneAt == nil {
		t.Fatalf("done: %+v, %v", c.Deliverables, err)
	}
	reel := c.Deliverables[0]
	c.Deliverables = []backend.Deliverable{reel, {Title: "Live", DueDate: "2026-12-20"}}
	c.UTMCampaign = "Noël Cosy"
	c, err = env.creators.UpdateCampaign(ctx, c.ID, c)
	if err != nil || len(c.Deliverables) != 2 || c.Deliverables[0].ID != reel.ID || !c.Deliverables[0].DoneAt.Equal(*reel.DoneAt) ||
		c.Deliverables[1].Title != "Live" || c.UTMCampaign != "noel-cosy" {
		t.Fatalf("update: %+v, %v", c, err)
	}
	if _, err := env.creators.SetDeliverableDone(ctx, c.ID, 999, true); backend.ErrorCode(err) != backend.ENOTFOUND {
		t.Errorf("missing deliverable: %v", err)
	}
	if err := env.creators.DeleteCampaign(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	list, err := env.creators.ListCampaigns(ctx)
	if err != nil || len(list) != 0 {
		t.Errorf("campaigns left: %v, %v", list, err)
	}
}

func TestRightsAlertsAndChecks(t *testing.T) {
	ctx := context.Background()
	env := newCreators(t) // today is 2026-11-28 in Paris
	lea := env.create(t, backend.Creator{Name: "Léa", Stage: backend.StageLive})
	yes := true
	complete := func(end string) backend.Rights {
		return backend.Rights{CreatorID: lea.ID, Scopes: []string{"organic", "paid_ads"}, StartDate: "2026-06-01", EndDate: end,
			Territories: []string{"fr", "be", "FR"}, CompensationTerms: "300 € + products", EditConsent: &yes, SignedDate: "2026-05-20"}
	}
	_, err := env.creators.SaveRights(ctx, backend.Rights{CreatorID: lea.ID, StartDate: "2026-12-31", EndDate: "2026-01-01"})
	if backend.ErrorCode(err) != backend.EINVALID || errKey(err) != "dates_out_of_order" {
		t.Fatalf("dates out of order: %v", err)
	}
	soon, err := env.creators.SaveRights(ctx, complete("2026-12-08")) // 10 days left
	if err != nil {
		t.Fatal(err)
	}
	if soon.Status != backend.RightsExpiring || *soon.DaysLeft != 10 || !slices.Equal(soon.Territories, []string{"FR", "BE"}) {
		t.Errorf("soon: %+v", soon)
	}
	if _, err := env.creators.SaveRights(ctx, complete("2027-06-30")); err != nil { // far away: no alert
		t.Fatal(err)
	}
	draft, err := env.creators.SaveRights(ctx, backend.Rights{CreatorID: lea.ID, EndDate: "2026-12-01"}) // unsigned: no alert
	if err != nil || draft.Status != backend.RightsIncomplete {
		t.Fatalf("draft: %+v, %v", draft, err)
	}
	alerts, err := env.creators.RightsAlerts(ctx)
	if err != nil || len(alerts) != 1 || alerts[0].Rights.ID != soon.ID || alerts[0].DaysLeft != 10 || alerts[0].CreatorName != "Léa" {
		t.Fatalf("alerts: %+v, %v", alerts, err)
	}
	// A shorter window hides it; a lapsed record shows with negative days.
	if _, err := env.creators.UpdateCreatorSettings(ctx, backend.CreatorSettings{AlertDays: 7}); err != nil {
		t.Fatal(err)
	}
	if alerts, _ := env.creators.RightsAlerts(ctx); len(alerts) != 0 {
		t.Errorf("alerts with 7 days: %+v", alerts)
	}
	lapsed := complete("2026-11-25")
	if _, err := env.creators.SaveRights(ctx, lapsed); err != nil {
		t.Fatal(err)
	}
	if alerts, _ := env.creators.RightsAlerts(ctx); len(alerts) != 1 || alerts[0].DaysLeft != -3 || alerts[0].Rights.Status != backend.RightsExpired {
		t.Errorf("lapsed: %+v", alerts)
	}
	list, _ := env.creators.ListCreators(ctx, backend.CreatorFilter{})
	if list[0].RightsStatus != backend.RightsExpired {
		t.Errorf("summary status %s", list[0].RightsStatus)
	}
	if _, err := env.creators.UpdateCreatorSettings(ctx, backend.CreatorSettings{AlertDays: 0}); backend.ErrorCode(err) != backend.EINVALID {
		t.Errorf("alert days 0: %v", err)
	}
	st, err := env.creators.GetCreatorSettings(ctx)
	if err != nil || st.AlertDays != 7 || st.Benchmarks["home_decor"] != 2.0 {
		t.Errorf("settings %+v, %v", st, err)
	}

	// A post in Germany, or as a whitelisted ad, is outside her rights; in Belgium in organic it is within.
	v, err := env.creators.CheckRights(ctx, lea.ID, backend.RightsUse{Date: "2026-12-05", Territory: "de", Scope: "organic"})
	if err != nil || v.Allowed || v.Problems[0].Kind != backend.ProblemTerritory {
		t.Errorf("Germany: %+v, %v", v, err)
	}
	v, err = env.creators.CheckRights(ctx, lea.ID, backend.RightsUse{Date: "2026-12-05", Territory: "BE", Scope: "organic"})
	if err != nil || !v.Allowed || *v.RightsID != soon.ID {
		t.Errorf("Belgium: %+v, %v", v, err)
	}
	if _, err := env.creators.CheckRights(ctx, lea.ID, backend.RightsUse{Date: "5/12/2026", Scope: "organic"}); backend.ErrorCode(err) != backend.EINVALID {
		t.Errorf("bad use: %v", err)
	}
	soon.EndDate = "2027-01-31"
	renewed, err := env.creators.SaveRights(ctx, soon)
	if err != nil || renewed.ID != soon.ID || renewed.Status != backend.RightsActive {
		t.Errorf("renewed: %+v, %v", renewed, err)
	}
	if err := env.creators.DeleteRights(ctx, renewed.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := env.creators.SaveRights(ctx, renewed); backend.ErrorCode(err) != backend.ENOTFOUND {
		t.Errorf("save deleted: %v", err)
	}
}

func TestCreatorPerformanceAndCodeMentions(t *testing.T) {
	ctx := context.Background()
	env := newCreators(t)
	env.ingest(t,
		env.dm("t1", "chloe.cocooning", "Mon code CHLOE15 est en ligne !", 3*time.Hour),
		env.dm("t2", "camille", "J'ai utilisé le code chloe15, merci", 2*time.Hour),
		env.dm("t3", "sam", "Le code CHLOE15X ne marche pas", time.Hour), // another word
	)
	chloe := env.create(t, backend.Creator{Name: "Chloé", Handles: []backend.CreatorHandle{{Platform: "instagram", Handle: "Chloe.Cocooning"}}})
	// Calendar posts: one linked to her, one in her campaign, one both (undated); post 7 of the
	// campaign is not in the calendar.
	cal := sqlite.NewCalendarService(env.ws, sqlite.CalendarOptions{Events: env.events, Settings: env.settings, Actor: "Camille"})
	calendarPost := func(title, local string, creatorID *int64) backend.CalendarPost {
		t.Helper()
		p, err := cal.CreatePost(ctx, backend.PostInput{Title: title, Channels: []string{"instagram", "tiktok"}, Local: local, CreatorID: creatorID})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	linked := calendarPost("Chloé's unboxing", "2026-12-05T18:00", &chloe.ID)
	inCampaign := calendarPost("Cocooning teaser", "2026-12-03T12:00", nil)
	both := calendarPost("Cocooning recap", "", &chloe.ID)
	calendarPost("Someone else's", "2026-12-04T12:00", nil)
	campaign, err := env.creators.CreateCampaign(ctx, backend.Campaign{Name: "Cocooning", CreatorIDs: []int64{chloe.ID},
		PostIDs: []int64{7, inCampaign.ID, both.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.creators.AddCode(ctx, backend.NewCode{CreatorID: chloe.ID, Code: "CHLOE15", DiscountPercent: 15}); err != nil {
		t.Fatal(err)
	}
	for _, r := range []backend.CreatorResult{
		{CreatorID: chloe.ID, CampaignID: &campaign.ID, Code: "chloe15", Date: "2026-11-20", Orders: 12, RevenueCents: 45_600, Note: "first week"},
		{CreatorID: chloe.ID, Code: "CHLOE15", Date: "2026-11-27", Orders: 3, RevenueCents: 9_900, Currency: "eur"},
	} {
		if _, err := env.creators.AddResult(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	for _, bad := range []backend.CreatorResult{
		{CreatorID: chloe.ID, Code: "OTHER10", Date: "2026-11-27"},
		{CreatorID: chloe.ID, Date: "27/11/2026"},
		{CreatorID: chloe.ID, Date: "2026-11-27", Orders: -1},
		{CreatorID: chloe.ID, Date: "2026-11-27", Currency: "euro"},
	} {
		if _, err := env.creators.AddResult(ctx, bad); backend.ErrorCode(err) != backend.EINVALID {
			t.Errorf("%+v: %v", bad, err)
		}
	}
	p, err := env.creators.Performance(ctx, chloe.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantIDs := []int64{linked.ID, inCampaign.ID, both.ID, 7}
	slices.Sort(wantIDs)
	if len(p.Contacts) != 1 || p.ConversationCount != 1 || len(p.Conversations) != 1 || !slices.Equal(p.PostIDs, wantIDs) {
		t.Errorf("links: %+v", p)
	}
	var titles []string
	for _, post := range p.Posts {
		titles = append(titles, post.Title)
	}
	if !slices.Equal(titles, []string{"Cocooning teaser", "Chloé's unboxing", "Cocooning recap"}) {
		t.Errorf("posts: %+v", p.Posts)
	}
	if s := p.Posts[1]; s.ID != linked.ID || s.Status != linked.Status || s.ScheduledAt == nil || !s.ScheduledAt.Equal(*linked.ScheduledAt) ||
		s.Local != "2026-12-05T18:00" || s.TimeZone != "Europe/Paris" || !slices.Equal(s.Channels, []string{"instagram", "tiktok"}) {
		t.Errorf("linked post: %+v", s)
	}
	if s := p.Posts[2]; s.ScheduledAt != nil || s.Local != "" || s.Status != backend.PostIdea {
		t.Errorf("undated post: %+v", s)
	}
	if len(p.Mentions) != 1 || p.Mentions[0].Code != "CHLOE15" || p.Mentions[0].Count != 2 || len(p.Mentions[0].Recent) != 2 {
		t.Errorf("mentions: %+v", p.Mentions)
	}
	if len(p.Results) != 2 || p.Results[0].Date != "2026-11-27" ||
		!slices.Equal(p.Totals, []backend.ResultTotal{{Currency: "EUR", Orders: 15, RevenueCents: 55_500}}) {
		t.Errorf("results: %+v, totals %+v", p.Results, p.Totals)
	}
	if err := env.creators.DeleteResult(ctx, p.Results[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := env.creators.Performance(ctx, 999); backend.ErrorCode(err) != backend.ENOTFOUND {
		t.Errorf("missing: %v", err)
	}
	// The whole chain of entries the tracker wrote verifies.
	if v, err := env.audit.VerifyAudit(ctx); err != nil || !v.OK {
		t.Errorf("audit chain: %+v, %v", v, err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func contains(s, sub string) bool { return strings.Contains(s, sub) }
