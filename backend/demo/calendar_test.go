package demo_test

import (
	"slices"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/demo"
	"tend/backend/sqlite"
)

// TestLoadShippedCalendar loads the demo's planned month and checks what a person would look at:
// posts in every status, the lives' announcements two days ahead, the filming drafts, and a mix
// and cadence to compare with their targets.
func TestLoadShippedCalendar(t *testing.T) {
	env := newDemoEnv(t, backend.Settings{Languages: []string{"fr", "en"}, TimeZone: "Europe/Paris", Theme: "system"})
	ctx, now, hub, ws, settings, files := env.ctx, env.now, env.hub, env.ws, env.settings, env.files
	svc := sqlite.NewCalendarService(ws, sqlite.CalendarOptions{Events: hub, Settings: settings, Actor: "Camille"})
	sum, err := demo.LoadCalendar(ctx, files, svc, now, map[string]int64{"chloe": 1})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Lives != 2 || sum.Filming != 1 || sum.Posts < 20 || sum.Posts > 35 {
		t.Errorf("summary %+v", sum)
	}
	posts, err := svc.ListPosts(ctx, backend.PostFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != sum.Posts {
		t.Errorf("%d posts, summary says %d", len(posts), sum.Posts)
	}
	statuses := map[backend.PostStatus]int{}
	formats := map[backend.PostFormat]int{}
	pillars := map[string]int{}
	var announcements []backend.CalendarPost
	lives := map[int64]backend.CalendarPost{}
	for _, p := range posts {
		statuses[p.Status]++
		formats[p.Format]++
		pillars[p.Pillar]++
		switch p.SessionRole {
		case backend.RoleAnnouncement:
			announcements = append(announcements, p)
		case backend.RoleLive:
			lives[*p.SessionID] = p
		}
	}
	for _, st := range []backend.PostStatus{backend.PostIdea, backend.PostDraft, backend.PostInReview, backend.PostApproved, backend.PostScheduled,
		backend.PostDue, backend.PostPublished, backend.PostMissed} {
		if statuses[st] == 0 {
			t.Errorf("no %s post: %v", st, statuses)
		}
	}
	// The approver meets a caption the model drafted.
	if !slices.ContainsFunc(posts, func(p backend.CalendarPost) bool {
		return p.Status == backend.PostInReview && p.CaptionSource == backend.DraftFromModel
	}) {
		t.Error("no post in review has a caption drafted by the model")
	}
	if len(formats) < 6 || len(pillars) != 4 {
		t.Errorf("formats %v, pillars %v", formats, pillars)
	}
	if len(announcements) != 2 {
		t.Fatalf("announcements %+v", announcements)
	}
	for _, a := range announcements {
		live := lives[*a.SessionID]
		if live.ScheduledAt.Sub(*a.ScheduledAt) != 48*time.Hour {
			t.Errorf("announcement %q at %s, live at %s", a.Title, a.Local, live.Local)
		}
	}
	if announcements[0].Status != backend.PostScheduled {
		t.Errorf("the first live's announcement is approved and scheduled: %+v", announcements[0])
	}
	// The planned month (from 12 days ago to 20 days ahead) is close to 70/20/10.
	tiers := map[backend.MixTier]int{}
	total := 0
	for _, p := range posts {
		if p.ScheduledAt != nil && p.Status != backend.PostMissed {
			tiers[p.Tier]++
			total++
		}
	}
	share := func(tier backend.MixTier) int { return 100 * tiers[tier] / total }
	if c, e, h := share(backend.TierCore), share(backend.TierExperiment), share(backend.TierHighRisk); c < 60 || c > 80 || e < 12 || e > 28 || h < 4 || h > 15 {
		t.Errorf("mix %d/%d/%d of %d posts", c, e, h, total)
	}
	if mix, err := svc.Mix(ctx, ""); err != nil || mix.Total == 0 {
		t.Errorf("%+v %v", mix, err)
	}
	cadence, err := svc.Cadence(ctx, "")
	if err != nil || len(cadence.Items) != 4 {
		t.Errorf("%+v %v", cadence, err)
	}
	audit, err := sqlite.NewAuditService(ws).ListAudit(ctx, backend.AuditFilter{Action: "post."})
	if err != nil || len(audit.Entries) < 30 {
		t.Errorf("the workflow is in the audit trail: %d entries, %v", len(audit.Entries), err)
	}
}
