package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/sqlite"
)

type calendarEnv struct {
	ws       *sqlite.Workspaces
	events   *recorder
	clock    *clock
	calendar *sqlite.CalendarService
	audit    *sqlite.AuditService
}

// newCalendar opens a workspace in Europe/Paris whose brand writes French first, on a clock set to
// fixedNow (Saturday 28 November 2026, 10:30 in Paris), with no publisher.
func newCalendar(t *testing.T) *calendarEnv {
	return newCalendarWith(t, nil)
}

func newCalendarWith(t *testing.T, publisher backend.PostPublisher) *calendarEnv {
	t.Helper()
	ctx := context.Background()
	env := &calendarEnv{events: &recorder{}, clock: &clock{now: fixedNow}}
	env.ws = sqlite.NewWorkspaces(filepath.Join(t.TempDir(), "workspaces"), env.events, env.clock.Now)
	if _, err := env.ws.Start(ctx, "default", ""); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { env.ws.Close() })
	settings := sqlite.NewSettingsService(env.ws, env.events, defaultSettings)
	env.calendar = sqlite.NewCalendarService(env.ws, sqlite.CalendarOptions{Events: env.events, Settings: settings, Publisher: publisher, Actor: "Camille"})
	env.audit = sqlite.NewAuditService(env.ws)
	return env
}

func (env *calendarEnv) create(t *testing.T, in backend.PostInput) backend.CalendarPost {
	t.Helper()
	p, err := env.calendar.CreatePost(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// approved creates a post at local (Paris) and takes it through review and approval.
func (env *calendarEnv) approved(t *testing.T, title, local string, channels ...string) backend.CalendarPost {
	t.Helper()
	ctx := context.Background()
	p := env.create(t, backend.PostInput{Title: title, Caption: "Caption of " + title, Channels: channels, Local: local})
	if _, err := env.calendar.SubmitPost(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	p, err := env.calendar.ApprovePost(ctx, p.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// trail returns "action actor reason" for each audit entry about subject, oldest first.
func (env *calendarEnv) trail(t *testing.T, subject string) []string {
	t.Helper()
	page, err := env.audit.ListAudit(context.Background(), backend.AuditFilter{Subject: subject})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(page.Entries) - 1; i >= 0; i-- {
		e := page.Entries[i]
		out = append(out, strings.TrimSpace(e.Action+" "+e.Actor+" "+e.Reason))
	}
	return out
}

func wantError(t *testing.T, err error, code, key string) *backend.Error {
	t.Helper()
	var e *backend.Error
	if !errors.As(err, &e) || e.Code != code || e.Key != key {
		t.Fatalf("got %v, want %s %s", err, code, key)
	}
	return e
}

func TestCalendarCreate(t *testing.T) {
	ctx := context.Background()
	env := newCalendar(t)

	t.Run("IdeaHasDefaults", func(t *testing.T) {
		p := env.create(t, backend.PostInput{Title: "  Behind the wick  "})
		if p.Status != backend.PostIdea || p.Title != "Behind the wick" || p.Format != backend.FormatShortVideo || p.Goal != backend.GoalAwareness ||
			p.Tier != backend.TierCore || p.TimeZone != "Europe/Paris" || p.DurationMinutes != 15 || p.ScheduledAt != nil || p.Local != "" ||
			p.CreatedBy != "Camille" || !regexp.MustCompile(`^tend-[0-9a-f]{32}@tend$`).MatchString(p.UID) {
			t.Errorf("idea %+v", p)
		}
	})
	t.Run("DatedIsDraft", func(t *testing.T) {
		p := env.create(t, backend.PostInput{Title: "Reel", Format: backend.FormatLive, Local: "2026-12-03T18:30", Channels: []string{"instagram"},
			Pillar: "education", UTMLink: "https://maisonlumiere.example/?utm_source=instagram"})
		if p.Status != backend.PostDraft || p.Local != "2026-12-03T18:30" || !p.ScheduledAt.Equal(time.Date(2026, 12, 3, 17, 30, 0, 0, time.UTC)) ||
			p.DurationMinutes != 60 || p.UTMLink == "" {
			t.Errorf("draft %+v", p)
		}
	})
	t.Run("ErrTimeGap", func(t *testing.T) {
		_, err := env.calendar.CreatePost(ctx, backend.PostInput{Title: "Spring", Local: "2027-03-28T02:30"})
		e := wantError(t, err, backend.EINVALID, "post_time_gap")
		if e.Params["next"] != "2027-03-28T03:00" || !strings.Contains(e.Message, "does not exist in Europe/Paris") {
			t.Errorf("%+v", e)
		}
	})
	t.Run("ErrCaptionTooLong", func(t *testing.T) {
		_, err := env.calendar.CreatePost(ctx, backend.PostInput{Title: "Long", Channels: []string{"facebook", "instagram"}, Caption: strings.Repeat("é", 2201)})
		e := wantError(t, err, backend.EINVALID, "post_caption_too_long")
		if e.Params["platform"] != "instagram" || e.Params["limit"] != "2200" || e.Message != "The Instagram caption is 2201 characters long; Instagram allows 2200." {
			t.Errorf("%+v", e)
		}
		// Telegram allows 1,024 characters under a photo or video, 4,096 otherwise.
		if _, err := env.calendar.CreatePost(ctx, backend.PostInput{Title: "TG", Channels: []string{"telegram"}, Caption: strings.Repeat("a", 2000)}); err != nil {
			t.Fatal(err)
		}
		_, err = env.calendar.CreatePost(ctx, backend.PostInput{Title: "TG", Channels: []string{"telegram"}, Caption: strings.Repeat("a", 2000),
			MediaPaths: []string{"/videos/a.mp4"}})
		if e := wantError(t, err, backend.EINVALID, "post_caption_too_long"); e.Params["limit"] != "1024" {
			t.Errorf("%+v", e)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, tc := range []struct {
			in  backend.PostInput
			key string
		}{
			{backend.PostInput{}, "post_title_required"},
			{backend.PostInput{Title: "x", Format: "reel"}, "post_format_unknown"},
			{backend.PostInput{Title: "x", Channels: []string{"myspace"}}, "post_channel_unknown"},
			{backend.PostInput{Title: "x", Channels: []string{"tiktok", "tiktok"}}, "post_channel_duplicate"},
			{backend.PostInput{Title: "x", Pillar: "gossip"}, "post_pillar_unknown"},
			{backend.PostInput{Title: "x", TimeZone: "Mars/Olympus"}, "post_time_zone_unknown"},
			{backend.PostInput{Title: "x", Local: "tomorrow"}, "post_local_invalid"},
			{backend.PostInput{Title: "x", UTMLink: "javascript:alert(1)"}, "post_utm_invalid"},
		} {
			_, err := env.calendar.CreatePost(ctx, tc.in)
			wantError(t, err, backend.EINVALID, tc.key)
		}
	})
}

func TestCalendarApprovalFlow(t *testing.T) {
	ctx := context.Background()
	env := newCalendar(t)
	p := env.create(t, backend.PostInput{Title: "Figuier", Local: "2026-12-01T18:00", Channels: []string{"instagram", "tiktok"}})

	if _, err := env.calendar.SubmitPost(ctx, p.ID); err == nil {
		t.Fatal("a post without captions cannot go to review")
	} else {
		wantError(t, err, backend.EINVALID, "post_caption_required")
	}
	if _, err := env.calendar.SchedulePost(ctx, p.ID); err == nil {
		t.Fatal("a draft cannot be scheduled")
	} else {
		wantError(t, err, backend.ECONFLICT, "post_wrong_state")
	}
	caption := "Nouvelle bougie Figuier"
	if _, err := env.calendar.UpdatePost(ctx, p.ID, backend.PostUpdate{Caption: &caption}); err != nil {
		t.Fatal(err)
	}
	p, err := env.calendar.SubmitPost(ctx, p.ID)
	if err != nil || p.Status != backend.PostInReview || p.SubmittedBy != "Camille" || p.SubmittedAt == nil {
		t.Fatalf("%+v %v", p, err)
	}
	_, err = env.calendar.RejectPost(ctx, p.ID, "  ")
	wantError(t, err, backend.EINVALID, "post_reject_reason_required")
	p, err = env.calendar.RejectPost(ctx, p.ID, "Mention the price")
	if err != nil || p.Status != backend.PostDraft || p.DecisionNote != "Mention the price" || p.Approved {
		t.Fatalf("%+v %v", p, err)
	}
	if _, err := env.calendar.SubmitPost(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	p, err = env.calendar.ApprovePost(ctx, p.ID, "ok for me")
	if err != nil || p.Status != backend.PostApproved || !p.Approved || p.DecidedBy != "Camille" || p.DecidedAt == nil {
		t.Fatalf("%+v %v", p, err)
	}
	p, err = env.calendar.SchedulePost(ctx, p.ID)
	if err != nil || p.Status != backend.PostScheduled {
		t.Fatalf("%+v %v", p, err)
	}

	// Editing what an approved post says sends it back to review; its title alone does not.
	title := "Figuier, the reel"
	if p, err = env.calendar.UpdatePost(ctx, p.ID, backend.PostUpdate{Title: &title}); err != nil || p.Status != backend.PostScheduled {
		t.Fatalf("%+v %v", p, err)
	}
	tiktok := map[string]string{"tiktok": "Version TikTok"}
	p, err = env.calendar.UpdatePost(ctx, p.ID, backend.PostUpdate{ChannelCaptions: &tiktok})
	if err != nil || p.Status != backend.PostInReview || p.Approved {
		t.Fatalf("%+v %v", p, err)
	}
	if _, err := env.calendar.ApprovePost(ctx, p.ID, ""); err != nil {
		t.Fatal(err)
	}
	// Adding a channel adds a caption nobody approved.
	channels := []string{"instagram", "tiktok", "facebook"}
	if p, err = env.calendar.UpdatePost(ctx, p.ID, backend.PostUpdate{Channels: &channels}); err != nil || p.Status != backend.PostInReview {
		t.Fatalf("%+v %v", p, err)
	}

	want := []string{
		"post.submitted Camille", "post.rejected Camille Mention the price", "post.submitted Camille", "post.approved Camille ok for me",
		"post.scheduled Camille", "post.submitted Camille the caption changed after approval; it needs a new approval",
		"post.approved Camille", "post.submitted Camille the caption changed after approval; it needs a new approval",
	}
	if got := env.trail(t, "post:1"); !reflect.DeepEqual(got, want) {
		t.Errorf("audit trail:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCalendarCaptionSource(t *testing.T) {
	ctx := context.Background()
	env := newCalendar(t)
	p := env.create(t, backend.PostInput{Title: "Figuier", Caption: "Écrit par le modèle", CaptionSource: backend.DraftFromModel,
		Local: "2026-12-01T18:00", Channels: []string{"instagram"}})
	if p.CaptionSource != backend.DraftFromModel {
		t.Fatalf("created with source %q", p.CaptionSource)
	}

	// A person edits the drafted caption: it stays marked as drafted by the model.
	edited := "Écrit par le modèle, relu par Camille"
	p, err := env.calendar.UpdatePost(ctx, p.ID, backend.PostUpdate{Caption: &edited})
	if err != nil || p.CaptionSource != backend.DraftFromModel {
		t.Fatalf("%q %v", p.CaptionSource, err)
	}

	// An account id must be a real one (which account, and of which platform, is checked against
	// the connected accounts: TestCalendarPublishesThroughChosenAccount).
	zero := map[string]int64{"instagram": 0}
	_, err = env.calendar.UpdatePost(ctx, p.ID, backend.PostUpdate{Accounts: &zero})
	wantError(t, err, backend.EINVALID, "post_account_unknown")

	// A made-up source is refused and changes nothing.
	robot := backend.DraftSource("robot")
	other := "Autre texte"
	_, err = env.calendar.UpdatePost(ctx, p.ID, backend.PostUpdate{Caption: &other, CaptionSource: &robot})
	wantError(t, err, backend.EINVALID, "post_caption_source_unknown")
	if got, _ := env.calendar.GetPost(ctx, p.ID); got.Caption != edited || got.CaptionSource != backend.DraftFromModel {
		t.Fatalf("a refused update changed the post: %q %q", got.Caption, got.CaptionSource)
	}

	// Whoever approves it sees the source, and the audit trail keeps it with the decision.
	if _, err := env.calendar.SubmitPost(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := env.calendar.ApprovePost(ctx, p.ID, ""); err != nil {
		t.Fatal(err)
	}
	page, err := env.audit.ListAudit(ctx, backend.AuditFilter{Subject: "post:1"})
	if err != nil || len(page.Entries) == 0 || page.Entries[0].Action != backend.AuditPostApproved {
		t.Fatalf("%+v %v", page, err)
	}
	if !strings.Contains(string(page.Entries[0].After), `"caption_source":"model"`) {
		t.Errorf("the approval record does not say the model drafted the caption: %s", page.Entries[0].After)
	}

	// Rewritten by a person, said so: no source; no caption at all has none either.
	person := backend.DraftSource("")
	if p, err = env.calendar.UpdatePost(ctx, p.ID, backend.PostUpdate{Caption: &other, CaptionSource: &person}); err != nil || p.CaptionSource != "" {
		t.Fatalf("%q %v", p.CaptionSource, err)
	}
	builtin := backend.DraftFromBuiltin
	empty := ""
	if p, err = env.calendar.UpdatePost(ctx, p.ID, backend.PostUpdate{CaptionSource: &builtin}); err != nil || p.CaptionSource != backend.DraftFromBuiltin {
		t.Fatalf("%q %v", p.CaptionSource, err)
	}
	if p, err = env.calendar.UpdatePost(ctx, p.ID, backend.PostUpdate{Caption: &empty}); err != nil || p.CaptionSource != "" {
		t.Fatalf("an empty caption keeps the source %q (%v)", p.CaptionSource, err)
	}
}

func TestCalendarSchemaHoldsApproval(t *testing.T) {
	ctx := context.Background()
	env := newCalendar(t)
	draft := env.create(t, backend.PostInput{Title: "Draft", Caption: "x", Local: "2026-12-01T18:00", Channels: []string{"instagram"}})
	approved := env.approved(t, "Approved", "2026-12-02T18:00", "instagram")
	db, err := env.ws.DB()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, query string }{
		{"ScheduleUnapproved", `UPDATE calendar_posts SET status = 'scheduled' WHERE id = 1`},
		{"ApproveWithoutDecision", `UPDATE calendar_posts SET status = 'approved', approved = 1 WHERE id = 1`},
		{"EditApprovedCaption", `UPDATE calendar_posts SET caption = 'changed behind Tend''s back' WHERE id = 2`},
		{"DatedIdea", `UPDATE calendar_posts SET status = 'idea' WHERE id = 1`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := db.Exec(ctx, tc.query); err == nil {
				t.Fatal("the schema let it through")
			}
		})
	}
	// Withdrawing the approval in the same statement is allowed: that is how an edit goes back to review.
	if err := db.Exec(ctx, `UPDATE calendar_posts SET caption = 'new', approved = 0, status = 'in_review' WHERE id = ?`, approved.ID); err != nil {
		t.Fatal(err)
	}
	_ = draft
}

func TestCalendarReschedule(t *testing.T) {
	ctx := context.Background()
	env := newCalendar(t)
	first := env.create(t, backend.PostInput{Title: "Morning reel", Local: "2026-12-01T09:00", Channels: []string{"instagram", "tiktok"}})
	second := env.create(t, backend.PostInput{Title: "Carousel", Local: "2026-12-02T09:00", Channels: []string{"tiktok"}})
	idea := env.create(t, backend.PostInput{Title: "Idea", Channels: []string{"linkedin"}})

	_, err := env.calendar.ReschedulePost(ctx, second.ID, backend.Reschedule{Local: "2026-12-01T09:00"})
	e := wantError(t, err, backend.ECONFLICT, "post_time_conflict")
	if e.Params["title"] != "Morning reel" || e.Params["channel"] != "tiktok" ||
		e.Message != `"Morning reel" is already planned on TikTok at 2026-12-01 09:00 (Europe/Paris). Move one of them, or keep both.` {
		t.Errorf("%+v", e)
	}
	// Another minute, or forced, is fine.
	if _, err := env.calendar.ReschedulePost(ctx, second.ID, backend.Reschedule{Local: "2026-12-01T09:01"}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.calendar.ReschedulePost(ctx, second.ID, backend.Reschedule{Local: "2026-12-01T09:00", Force: true}); err != nil {
		t.Fatal(err)
	}
	// A time read on another zone's clock: 03:00 in New York is 09:00 in Paris.
	p, err := env.calendar.ReschedulePost(ctx, idea.ID, backend.Reschedule{Local: "2026-12-05T03:00", TimeZone: "America/New_York"})
	if err != nil || p.Status != backend.PostDraft || p.Local != "2026-12-05T09:00" || p.TimeZone != "Europe/Paris" {
		t.Fatalf("an idea placed on the calendar becomes a draft in its own zone: %+v %v", p, err)
	}
	_, err = env.calendar.ReschedulePost(ctx, first.ID, backend.Reschedule{Local: "2027-03-28T02:15"})
	wantError(t, err, backend.EINVALID, "post_time_gap")

	// A scheduled post taken off the calendar is approved again, in the backlog.
	s := env.approved(t, "Scheduled", "2026-12-10T12:00", "youtube")
	if _, err := env.calendar.SchedulePost(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	_, err = env.calendar.ReschedulePost(ctx, s.ID, backend.Reschedule{Local: "2026-11-01T12:00"})
	wantError(t, err, backend.EINVALID, "post_time_past")
	if s, err = env.calendar.UnschedulePost(ctx, s.ID); err != nil || s.Status != backend.PostApproved || s.ScheduledAt != nil {
		t.Fatalf("%+v %v", s, err)
	}
	backlog, err := env.calendar.ListPosts(ctx, backend.PostFilter{Undated: true})
	if err != nil || len(backlog) != 1 || backlog[0].ID != s.ID {
		t.Fatalf("backlog %+v %v", backlog, err)
	}
}

func TestCalendarListFilters(t *testing.T) {
	ctx := context.Background()
	env := newCalendar(t)
	env.create(t, backend.PostInput{Title: "A", Local: "2026-12-01T09:00", Channels: []string{"instagram"}, Pillar: "education"})
	env.create(t, backend.PostInput{Title: "B", Local: "2026-12-15T09:00", Channels: []string{"tiktok", "youtube"}, Pillar: "stories", Format: backend.FormatCarousel})
	env.create(t, backend.PostInput{Title: "C", Local: "2027-01-02T09:00", Channels: []string{"youtube"}})
	env.create(t, backend.PostInput{Title: "Idea", Channels: []string{"youtube"}})
	from, to := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	titles := func(f backend.PostFilter) []string {
		posts, err := env.calendar.ListPosts(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range posts {
			out = append(out, p.Title)
		}
		return out
	}
	for _, tc := range []struct {
		f    backend.PostFilter
		want []string
	}{
		{backend.PostFilter{}, []string{"A", "B", "C", "Idea"}},
		{backend.PostFilter{From: &from, To: &to}, []string{"A", "B"}},
		{backend.PostFilter{Channels: []string{"youtube"}}, []string{"B", "C", "Idea"}},
		{backend.PostFilter{Pillars: []string{"stories"}, Formats: []backend.PostFormat{backend.FormatCarousel}}, []string{"B"}},
		{backend.PostFilter{Statuses: []backend.PostStatus{backend.PostIdea}}, []string{"Idea"}},
		{backend.PostFilter{Undated: true}, []string{"Idea"}},
	} {
		if got := titles(tc.f); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%+v: got %v, want %v", tc.f, got, tc.want)
		}
	}
	_, err := env.calendar.ListPosts(ctx, backend.PostFilter{Statuses: []backend.PostStatus{"lost"}})
	wantError(t, err, backend.EINVALID, "post_status_unknown")
}

// fakePublisher publishes on Instagram (now only) and Facebook (which also holds posts for later,
// 10 minutes to 30 days ahead), failing when told; other platforms go to a person.
type fakePublisher struct {
	mu         sync.Mutex
	calls      []string
	fail       error // PublishPost's answer
	cancelFail error // CancelScheduled's answer
	cancelled  []string
	// during runs inside PublishPost, as a platform answers (a crash, a concurrent change).
	during func()
	next   int
}

func (f *fakePublisher) CanPublish(_ context.Context, _ backend.CalendarPost, platform string) error {
	if platform == "instagram" || platform == "facebook" {
		return nil
	}
	return backend.Errorf(backend.EINVALID, "No %s account is connected.", platform).Localized("post_publish_unsupported", "platform", platform, "reason", "no_account")
}

func (f *fakePublisher) PublishPost(_ context.Context, p backend.CalendarPost, platform string, at *time.Time) (backend.Publication, error) {
	if f.during != nil {
		f.during()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	call := p.Title + "@" + platform
	if at != nil {
		call += " at " + at.UTC().Format(time.RFC3339)
	}
	f.calls = append(f.calls, call)
	if f.fail != nil {
		return backend.Publication{}, f.fail
	}
	f.next++
	id := fmt.Sprintf("%s-%d", platform, f.next)
	return backend.Publication{ExternalID: id, URL: "https://" + platform + ".example/p/" + id}, nil
}

func (f *fakePublisher) NativeWindow(platform string) (time.Duration, time.Duration) {
	if platform == "facebook" {
		return 10 * time.Minute, 30 * 24 * time.Hour
	}
	return 0, 0
}

func (f *fakePublisher) CancelScheduled(_ context.Context, held backend.Publication) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cancelFail != nil {
		return f.cancelFail
	}
	f.cancelled = append(f.cancelled, held.Channel+":"+held.ExternalID)
	return nil
}

func (f *fakePublisher) log() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

func TestCalendarScheduler(t *testing.T) {
	ctx := context.Background()

	t.Run("DueWithoutPublisher", func(t *testing.T) {
		env := newCalendar(t)
		p := env.approved(t, "Reel", "2026-11-28T11:00", "instagram", "tiktok")
		if _, err := env.calendar.SchedulePost(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		if n, err := env.calendar.DueNow(ctx); err != nil || n != 0 {
			t.Fatalf("nothing is due yet: %d %v", n, err)
		}
		env.clock.Set(fixedNow.Add(31 * time.Minute)) // 11:01 in Paris
		if n, err := env.calendar.DueNow(ctx); err != nil || n != 1 {
			t.Fatalf("%d %v", n, err)
		}
		p, _ = env.calendar.GetPost(ctx, p.ID)
		if p.Status != backend.PostDue || len(p.Publications) != 2 || p.Publications[0].State != backend.PublicationReminder {
			t.Fatalf("%+v", p)
		}
		if p, err := env.calendar.MarkPublished(ctx, p.ID); err != nil || p.Status != backend.PostPublished || p.PublishedAt == nil {
			t.Fatalf("%+v %v", p, err)
		}
		want := []string{"post.submitted Camille", "post.approved Camille", "post.scheduled Camille",
			"post.due tend:scheduler no publishing API for instagram, tiktok: a person posts it by hand", "post.published Camille posted by hand"}
		if got := env.trail(t, "post:1"); !reflect.DeepEqual(got, want) {
			t.Errorf("trail %q", got)
		}
	})

	t.Run("MissedWhileClosed", func(t *testing.T) {
		env := newCalendar(t)
		p := env.approved(t, "Reel", "2026-11-28T11:00", "instagram")
		if _, err := env.calendar.SchedulePost(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		env.clock.Set(fixedNow.Add(3 * time.Hour)) // Tend was closed at 11:00
		if _, err := env.calendar.DueNow(ctx); err != nil {
			t.Fatal(err)
		}
		p, _ = env.calendar.GetPost(ctx, p.ID)
		if p.Status != backend.PostMissed {
			t.Fatalf("%+v", p)
		}
		// Reschedule, or publish now (a reminder, without a publisher).
		if p, err := env.calendar.PublishNow(ctx, p.ID); err != nil || p.Status != backend.PostDue {
			t.Fatalf("%+v %v", p, err)
		}
		q := env.approved(t, "Other", "2026-11-28T11:00", "tiktok")
		if _, err := env.calendar.SchedulePost(ctx, q.ID); err != nil {
			t.Fatal(err)
		}
		q, _ = env.calendar.GetPost(ctx, q.ID)
		if q.Status != backend.PostMissed {
			t.Fatalf("scheduling a post whose time passed makes it missed: %+v", q)
		}
		q, err := env.calendar.ReschedulePost(ctx, q.ID, backend.Reschedule{Local: "2026-11-29T11:00"})
		if err != nil || q.Status != backend.PostScheduled {
			t.Fatalf("%+v %v", q, err)
		}
	})

	t.Run("Publisher", func(t *testing.T) {
		pub := &fakePublisher{}
		env := newCalendarWith(t, pub)
		both := env.approved(t, "Both", "2026-11-28T11:00", "instagram", "tiktok")
		only := env.approved(t, "Instagram only", "2026-11-28T11:05", "instagram")
		for _, p := range []backend.CalendarPost{both, only} {
			if _, err := env.calendar.SchedulePost(ctx, p.ID); err != nil {
				t.Fatal(err)
			}
		}
		env.clock.Set(fixedNow.Add(40 * time.Minute))
		if n, err := env.calendar.DueNow(ctx); err != nil || n != 2 {
			t.Fatalf("%d %v", n, err)
		}
		both, _ = env.calendar.GetPost(ctx, both.ID)
		only, _ = env.calendar.GetPost(ctx, only.ID)
		if both.Status != backend.PostDue || only.Status != backend.PostPublished || only.Publications[0].ExternalID != "instagram-2" {
			t.Fatalf("both %+v\nonly %+v", both, only)
		}
		// Publishing the due one again never calls the API twice for Instagram.
		if _, err := env.calendar.PublishNow(ctx, both.ID); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(pub.log(), []string{"Both@instagram", "Instagram only@instagram"}) {
			t.Errorf("calls %v", pub.log())
		}
		pub.fail = backend.Errorf(backend.EUNAVAILABLE, "Instagram is down.")
		bad := env.approved(t, "Bad", "2026-11-28T12:00", "instagram")
		if _, err := env.calendar.SchedulePost(ctx, bad.ID); err != nil {
			t.Fatal(err)
		}
		env.clock.Set(fixedNow.Add(91 * time.Minute))
		if _, err := env.calendar.DueNow(ctx); err != nil {
			t.Fatal(err)
		}
		bad, _ = env.calendar.GetPost(ctx, bad.ID)
		if bad.Status != backend.PostFailed || bad.LastError != "Instagram: Instagram is down." {
			t.Fatalf("%+v", bad)
		}
	})

	t.Run("InterruptedWhilePublishing", func(t *testing.T) {
		env := newCalendar(t)
		p := env.approved(t, "Reel", "2026-11-28T11:00", "instagram")
		if _, err := env.calendar.SchedulePost(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		db, _ := env.ws.DB()
		if err := db.Exec(ctx, `UPDATE calendar_posts SET status = 'publishing' WHERE id = ?`, p.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := env.calendar.DueNow(ctx); err != nil {
			t.Fatal(err)
		}
		p, _ = env.calendar.GetPost(ctx, p.ID)
		if p.Status != backend.PostFailed || !strings.Contains(p.LastError, "interrupted") {
			t.Fatalf("%+v", p)
		}
	})

	t.Run("RunScheduler", func(t *testing.T) {
		env := newCalendar(t)
		p := env.approved(t, "Reel", "2026-11-28T10:35", "instagram") // in the grace period
		if _, err := env.calendar.SchedulePost(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		env.clock.Set(fixedNow.Add(6 * time.Minute))
		run, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { env.calendar.RunScheduler(run); close(done) }()
		deadline := time.Now().Add(5 * time.Second)
		for {
			p, _ = env.calendar.GetPost(ctx, p.ID)
			if p.Status == backend.PostDue || time.Now().After(deadline) {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		stop()
		<-done
		if p.Status != backend.PostDue {
			t.Fatalf("%+v", p)
		}
	})
}

func TestCalendarSessions(t *testing.T) {
	ctx := context.Background()
	env := newCalendar(t)

	live, err := env.calendar.CreateLive(ctx, backend.LiveInput{Title: "Q&A bougies", Local: "2026-12-10T19:00", Channels: []string{"instagram", "youtube"},
		Pillar: "education"})
	if err != nil {
		t.Fatal(err)
	}
	if live.Kind != backend.SessionLive || len(live.PostIDs) != 3 || live.Local != "2026-12-10T19:00" {
		t.Fatalf("%+v", live)
	}
	var got []string
	for _, id := range live.PostIDs {
		p, err := env.calendar.GetPost(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(p.SessionRole)+" "+string(p.Format)+" "+p.Local+" "+p.Title+" | "+p.Caption)
	}
	want := []string{
		"live live 2026-12-10T19:00 Q&A bougies | ",
		"announcement short_video 2026-12-08T19:00 Annonce du live : Q&A bougies | Live « Q&A bougies » le 10/12 à 19:00. Posez vos questions en commentaire !",
		"reminder story 2026-12-10T18:00 Rappel du live : Q&A bougies | On se retrouve en live dans 1 h : Q&A bougies",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("live posts:\n%s", strings.Join(got, "\n"))
	}
	// The lead is configurable, per live and in the settings.
	hours := 72
	other, err := env.calendar.CreateLive(ctx, backend.LiveInput{Title: "Launch", Local: "2026-12-20T19:00", Channels: []string{"tiktok"},
		AnnounceHours: &hours, ReminderMinutes: new(int)})
	if err != nil || len(other.PostIDs) != 2 {
		t.Fatalf("%+v %v", other, err)
	}
	if a, _ := env.calendar.GetPost(ctx, other.PostIDs[1]); a.Local != "2026-12-17T19:00" {
		t.Errorf("announcement at %s", a.Local)
	}
	_, err = env.calendar.CreateLive(ctx, backend.LiveInput{Title: "Clash", Local: "2026-12-10T19:00", Channels: []string{"youtube"}})
	wantError(t, err, backend.ECONFLICT, "post_time_conflict")
	_, err = env.calendar.CreateLive(ctx, backend.LiveInput{Title: "No channel", Local: "2026-12-11T19:00"})
	wantError(t, err, backend.EINVALID, "session_channels_required")

	filming, err := env.calendar.CreateFilming(ctx, backend.FilmingInput{Title: "Tournage décembre", Local: "2026-12-02T09:30", Location: "Atelier",
		Drafts: []backend.FilmingDraft{
			{Title: "Unboxing", Channels: []string{"tiktok"}, Pillar: "behind_scenes"},
			{Title: "Tuto mèche", Format: backend.FormatCarousel, Channels: []string{"instagram"}, Local: "2026-12-04T12:00"},
			{Title: "Coulisses", Channels: []string{"instagram"}},
		}})
	if err != nil || len(filming.PostIDs) != 3 || filming.DurationMinutes != 240 || !reflect.DeepEqual(filming.Channels, []string{"tiktok", "instagram"}) {
		t.Fatalf("%+v %v", filming, err)
	}
	for _, id := range filming.PostIDs {
		p, _ := env.calendar.GetPost(ctx, id)
		if p.Status != backend.PostDraft || p.SessionRole != backend.RoleFilmed || *p.SessionID != filming.ID {
			t.Errorf("%+v", p)
		}
	}
	_, err = env.calendar.CreateFilming(ctx, backend.FilmingInput{Title: "x", Local: "2026-12-02T09:30", Drafts: []backend.FilmingDraft{{Title: ""}}})
	if e := wantError(t, err, backend.EINVALID, "post_title_required"); e.Params["draft"] != "1" {
		t.Errorf("%+v", e)
	}

	sessions, err := env.calendar.ListSessions(ctx, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil || len(sessions) != 3 || sessions[0].ID != filming.ID || !slices.Equal(sessions[1].PostIDs, live.PostIDs) {
		t.Fatalf("%+v %v", sessions, err)
	}
	if err := env.calendar.DeleteSession(ctx, live.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := env.calendar.GetPost(ctx, live.PostIDs[0]); backend.ErrorCode(err) != backend.ENOTFOUND {
		t.Errorf("the live's posts go with it: %v", err)
	}
	wantError(t, env.calendar.DeleteSession(ctx, live.ID), backend.ENOTFOUND, "session_not_found")
}

func TestCalendarSettingsAndReports(t *testing.T) {
	ctx := context.Background()
	env := newCalendar(t)
	settings, err := env.calendar.GetCalendarSettings(ctx)
	if err != nil || len(settings.Pillars) != 4 || settings.Mix != (backend.MixTarget{Core: 70, Experiment: 20, HighRisk: 10}) ||
		settings.TimeZone != "Europe/Paris" || settings.LiveAnnounceHours != 48 {
		t.Fatalf("%+v %v", settings, err)
	}
	cadence := []backend.CadenceTarget{{Format: backend.FormatShortVideo, PerWeek: 3}, {Format: backend.FormatMicroArticle, Channel: "linkedin", PerWeek: 2}}
	if settings, err = env.calendar.UpdateCalendarSettings(ctx, backend.CalendarSettingsUpdate{Cadence: &cadence}); err != nil {
		t.Fatal(err)
	}
	// Week of Monday 23 November 2026 (fixedNow is Saturday 28th).
	env.create(t, backend.PostInput{Title: "V1", Local: "2026-11-23T09:00", Channels: []string{"tiktok"}})
	env.create(t, backend.PostInput{Title: "V2", Local: "2026-11-29T23:30", Channels: []string{"instagram"}, Tier: backend.TierExperiment})
	env.create(t, backend.PostInput{Title: "V3 next week", Local: "2026-11-30T00:30", Channels: []string{"instagram"}, Tier: backend.TierHighRisk})
	env.create(t, backend.PostInput{Title: "A1", Format: backend.FormatMicroArticle, Local: "2026-11-24T09:00", Channels: []string{"facebook"}})
	env.create(t, backend.PostInput{Title: "Idea", Format: backend.FormatShortVideo})
	report, err := env.calendar.Cadence(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []backend.CadenceProgress{
		{Format: backend.FormatShortVideo, Target: 3, Planned: 2, Gap: 1},
		{Format: backend.FormatMicroArticle, Channel: "linkedin", Target: 2, Planned: 0, Gap: 2},
	}
	if report.WeekStart != "2026-11-23" || !reflect.DeepEqual(report.Items, want) {
		t.Errorf("%+v", report)
	}
	if report, err = env.calendar.Cadence(ctx, "2026-12-02"); err != nil || report.WeekStart != "2026-11-30" || report.Items[0].Planned != 1 {
		t.Errorf("%+v %v", report, err)
	}
	_, err = env.calendar.Cadence(ctx, "next week")
	wantError(t, err, backend.EINVALID, "calendar_day_invalid")

	mix, err := env.calendar.Mix(ctx, "2026-11")
	// Four November posts (the idea is undated): 50 % core against 70 %, 25 % high-risk against 10 %.
	if err != nil || mix.Total != 4 || mix.Counts != (backend.MixCounts{Core: 2, Experiment: 1, HighRisk: 1}) ||
		mix.Shares != (backend.MixTarget{Core: 50, Experiment: 25, HighRisk: 25}) ||
		!reflect.DeepEqual(mix.OffTarget, []backend.MixTier{backend.TierCore, backend.TierHighRisk}) {
		t.Errorf("%+v %v", mix, err)
	}

	// Pillars: 3 to 5, and one in use cannot go.
	env.create(t, backend.PostInput{Title: "Promo", Pillar: "promotions"})
	three := settings.Pillars[:3]
	_, err = env.calendar.UpdateCalendarSettings(ctx, backend.CalendarSettingsUpdate{Pillars: &three})
	if e := wantError(t, err, backend.ECONFLICT, "calendar_pillar_in_use"); e.Params["count"] != "1" {
		t.Errorf("%+v", e)
	}
	two := settings.Pillars[:2]
	_, err = env.calendar.UpdateCalendarSettings(ctx, backend.CalendarSettingsUpdate{Pillars: &two})
	wantError(t, err, backend.EINVALID, "calendar_pillars_count")
	bad := backend.MixTarget{Core: 60, Experiment: 20, HighRisk: 10}
	_, err = env.calendar.UpdateCalendarSettings(ctx, backend.CalendarSettingsUpdate{Mix: &bad})
	wantError(t, err, backend.EINVALID, "calendar_mix_sum")
	matrix := []backend.ChannelRole{{Channel: "instagram", Primary: backend.GoalConversion, Role: "Shop"}}
	if settings, err = env.calendar.UpdateCalendarSettings(ctx, backend.CalendarSettingsUpdate{Matrix: &matrix}); err != nil ||
		len(settings.Matrix) != 1 || settings.Matrix[0].Goals == nil {
		t.Fatalf("%+v %v", settings, err)
	}
	if got := env.trail(t, "calendar_settings"); len(got) != 2 {
		t.Errorf("trail %v", got)
	}
}

func TestCalendarInterchange(t *testing.T) {
	ctx := context.Background()
	env := newCalendar(t)
	a := env.approved(t, "Figuier; la démo", "2026-12-01T18:00", "instagram", "tiktok")
	if _, err := env.calendar.SchedulePost(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	env.create(t, backend.PostInput{Title: "Idea", Channels: []string{"linkedin"}, Caption: "Think, then write"})

	t.Run("CSVReimportChangesNothing", func(t *testing.T) {
		text, err := env.calendar.ExportCSV(ctx, backend.PostFilter{})
		if err != nil {
			t.Fatal(err)
		}
		report, err := env.calendar.ImportCSV(ctx, text)
		if err != nil || report.Unchanged != 2 || report.Created+report.Updated+report.Skipped != 0 {
			t.Fatalf("%+v %v", report, err)
		}
		// The same file in another workspace creates the posts, captions in review.
		other := newCalendar(t)
		report, err = other.calendar.ImportCSV(ctx, text)
		if err != nil || report.Created != 2 {
			t.Fatalf("%+v %v", report, err)
		}
		posts, _ := other.calendar.ListPosts(ctx, backend.PostFilter{})
		if posts[0].Status != backend.PostInReview || posts[0].UID != a.UID || posts[1].Status != backend.PostIdea {
			t.Errorf("%+v", posts)
		}
		if len(report.Problems) != 1 || report.Problems[0].Key != "import_status_normalised" || !report.Problems[0].Warning {
			t.Errorf("%+v", report.Problems)
		}
		report, err = other.calendar.ImportCSV(ctx, text)
		if err != nil || report.Unchanged != 2 {
			t.Fatalf("importing twice: %+v %v", report, err)
		}
	})

	t.Run("CSVBadRowsAndChanges", func(t *testing.T) {
		text := "title,scheduled_at,time_zone,pillar,format,channels,goal,tier,status,caption,id\n" +
			"Changed caption,2026-12-01T18:00:00+01:00,Europe/Paris,,short_video,instagram;tiktok,,,,New words," + a.UID + "\n" +
			"Too long,,,,story,instagram,,,,\"" + strings.Repeat("x", 2201) + "\",\n" +
			"Clash,2026-12-01T18:00:00+01:00,Europe/Paris,,story,tiktok,,,,,\n" +
			"Fine,2026-12-03T10:00:00+01:00,,,story,tiktok,,,,,\n"
		report, err := env.calendar.ImportCSV(ctx, text)
		if err != nil || report.Updated != 1 || report.Created != 1 || report.Skipped != 2 {
			t.Fatalf("%+v %v", report, err)
		}
		var keys []string
		for _, p := range report.Problems {
			keys = append(keys, p.Key+"@"+p.Params["line"])
		}
		if !reflect.DeepEqual(keys, []string{"post_caption_too_long@3", "post_time_conflict@4"}) {
			t.Errorf("problems %v", report.Problems)
		}
		if !strings.HasPrefix(report.Problems[0].Message, "Line 3: The Instagram caption is 2201 characters long") {
			t.Errorf("%q", report.Problems[0].Message)
		}
		p, _ := env.calendar.GetPost(ctx, a.ID)
		if p.Status != backend.PostInReview || p.Caption != "New words" {
			t.Errorf("an import that changes an approved caption sends it to review: %+v", p)
		}
		_, err = env.calendar.ImportCSV(ctx, "title,format\nx,story\n")
		wantError(t, err, backend.EINVALID, "csv_columns_missing")
	})

	t.Run("ICSReimportChangesNothing", func(t *testing.T) {
		text, err := env.calendar.ExportICS(ctx, backend.PostFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, "X-WR-CALNAME:Tend content calendar\r\n") || strings.Contains(text, "SUMMARY:Idea") {
			t.Errorf("export:\n%s", text)
		}
		report, err := env.calendar.ImportICS(ctx, text)
		if err != nil || report.Unchanged != 2 || report.Created+report.Updated+report.Skipped != 0 || len(report.Ignored) != 0 {
			t.Fatalf("%+v %v", report, err)
		}
	})

	t.Run("ICSForeign", func(t *testing.T) {
		text := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nX-FOO:bar\r\n" +
			"BEGIN:VEVENT\r\nUID:ext-1\r\nDTSTART:20261205T100000Z\r\nSUMMARY:External\r\nCATEGORIES:Promotions,youtube\r\nLOCATION:Paris\r\nEND:VEVENT\r\n" +
			"BEGIN:VEVENT\r\nUID:ext-2\r\nDTSTART:20261206T100000Z\r\nSUMMARY:Gone\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n" +
			"END:VCALENDAR\r\n"
		report, err := env.calendar.ImportICS(ctx, text)
		if err != nil || report.Created != 1 || report.Skipped != 0 || len(report.Problems) != 1 || report.Problems[0].Key != "ics_event_cancelled" ||
			!reflect.DeepEqual(report.Ignored, []backend.IgnoredProperty{{Name: "LOCATION", Count: 1}, {Name: "X-FOO", Count: 1}}) {
			t.Fatalf("%+v %v", report, err)
		}
		p, _ := env.calendar.GetPost(ctx, report.IDs[0])
		if p.UID != "ext-1" || p.Pillar != "promotions" || !slices.Equal(p.Channels, []string{"youtube"}) || p.Status != backend.PostDraft ||
			p.TimeZone != "Europe/Paris" || p.Local != "2026-12-05T11:00" {
			t.Errorf("%+v", p)
		}
		_, err = env.calendar.ImportICS(ctx, "hello")
		wantError(t, err, backend.EINVALID, "ics_line_invalid")
	})
}
