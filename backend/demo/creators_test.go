package demo_test

import (
	"testing"

	"tend/backend"
	"tend/backend/demo"
	"tend/backend/sqlite"
)

// TestLoadShippedCreators loads the demo inbox, then its creators, and checks what the creator
// tracker shows: every stage, linked contacts, the rights alert and code mentions.
func TestLoadShippedCreators(t *testing.T) {
	env := newDemoEnv(t, backend.Settings{Languages: []string{"fr"}, TimeZone: "UTC", Theme: "system"})
	ctx, now, hub, ws, settings, files := env.ctx, env.now, env.hub, env.ws, env.settings, env.files
	inbox := sqlite.NewInboxService(ws, hub, newTriager)
	if _, err := demo.Load(ctx, files, settings, inbox, now); err != nil {
		t.Fatal(err)
	}
	creators := sqlite.NewCreatorService(ws, sqlite.CreatorOptions{Events: hub, Settings: settings, Search: inbox, Actor: "demo"})
	sum, err := demo.LoadCreators(ctx, files, creators, now)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Creators < 5 || sum.Creators > 7 || sum.Campaigns < 1 || sum.Codes < 3 || sum.Links < 2 || sum.Results < 2 {
		t.Errorf("summary %+v", sum)
	}

	list, err := creators.ListCreators(ctx, backend.CreatorFilter{})
	if err != nil {
		t.Fatal(err)
	}
	stages := map[backend.CreatorStage]bool{}
	byName := map[string]backend.Creator{}
	for _, c := range list {
		stages[c.Stage] = true
		byName[c.Name] = c
	}
	if len(stages) != len(backend.CreatorStages) {
		t.Errorf("stages shown: %v", stages)
	}
	for _, name := range []string{"Chloé Vasseur", "Maya Thompson", "Julien Roussel", "Priya Shah"} {
		c := byName[name]
		if len(c.Handles) == 0 || c.Handles[0].ContactID == nil {
			t.Errorf("%s is not linked to a demo contact: %+v", name, c.Handles)
		}
	}
	alerts, err := creators.RightsAlerts(ctx)
	if err != nil || len(alerts) != 1 || alerts[0].CreatorName != "Chloé Vasseur" || alerts[0].DaysLeft != 9 {
		t.Fatalf("alerts: %+v, %v", alerts, err)
	}
	perf, err := creators.Performance(ctx, byName["Chloé Vasseur"].ID)
	if err != nil {
		t.Fatal(err)
	}
	if perf.ConversationCount == 0 || len(perf.Mentions) != 1 || perf.Mentions[0].Count == 0 || len(perf.Results) != 2 {
		t.Errorf("Chloé's performance: %d conversations, mentions %+v, %d results", perf.ConversationCount, perf.Mentions, len(perf.Results))
	}
	detail, err := creators.GetCreator(ctx, byName["Chloé Vasseur"].ID)
	if err != nil || len(detail.Links) != 1 || detail.Links[0].Original.Campaign != "Noël Cosy 2026" || detail.Links[0].Params.Campaign != "noel-cosy-2026" {
		t.Errorf("Chloé's link: %+v, %v", detail.Links, err)
	}

	// The calendar's posts that use Chloé's content: one within her rights, one after they end.
	cal := sqlite.NewCalendarService(ws, sqlite.CalendarOptions{Events: hub, Settings: settings, Actor: "demo"})
	if _, err := demo.LoadCalendar(ctx, files, cal, now, sum.IDs); err != nil {
		t.Fatal(err)
	}
	posts, err := cal.ListPosts(ctx, backend.PostFilter{})
	if err != nil {
		t.Fatal(err)
	}
	verdicts := map[string]*backend.RightsVerdict{}
	for _, p := range posts {
		if p.CreatorID != nil && *p.CreatorID == byName["Chloé Vasseur"].ID {
			verdicts[p.Title] = p.Rights
		}
	}
	within, after := verdicts["Chloé allume la bougie Figue & Cèdre"], verdicts["Chloé : le rituel du soir (reprise)"]
	if len(verdicts) != 2 || within == nil || !within.Allowed || after == nil || after.Allowed || after.Problems[0].Kind != backend.ProblemExpired {
		t.Fatalf("Chloé's posts: %+v", verdicts)
	}
	perf, err = creators.Performance(ctx, byName["Chloé Vasseur"].ID)
	if err != nil || len(perf.Posts) != 2 {
		t.Fatalf("Chloé's posts in her performance: %+v %v", perf.Posts, err)
	}
}
