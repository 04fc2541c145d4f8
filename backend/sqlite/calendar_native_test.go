package sqlite_test

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/sqlite"
)

// publication returns p's publication on channel, or a zero one.
func publication(p backend.CalendarPost, channel string) backend.Publication {
	for _, pub := range p.Publications {
		if pub.Channel == channel {
			return pub
		}
	}
	return backend.Publication{}
}

func (env *calendarEnv) scheduled(t *testing.T, title, local string, channels ...string) backend.CalendarPost {
	t.Helper()
	p := env.approved(t, title, local, channels...)
	p, err := env.calendar.SchedulePost(context.Background(), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (env *calendarEnv) post(t *testing.T, id int64) backend.CalendarPost {
	t.Helper()
	p, err := env.calendar.GetPost(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (env *calendarEnv) due(t *testing.T) {
	t.Helper()
	if _, err := env.calendar.DueNow(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// A post for Facebook is handed to Facebook as soon as it is inside Facebook's window, so that it
// goes out with the laptop closed; Tend never publishes it there again, takes it back before
// anything Facebook would publish changes, and refuses the change when it cannot.
func TestCalendarNativeScheduling(t *testing.T) {
	ctx := context.Background()

	t.Run("HeldThenCountedAtItsTime", func(t *testing.T) {
		pub := &fakePublisher{}
		env := newCalendarWith(t, pub)
		p := env.scheduled(t, "Launch", "2026-11-30T18:00", "facebook", "instagram", "tiktok")
		env.due(t)
		p = env.post(t, p.ID)
		held := publication(p, "facebook")
		if held.State != backend.PublicationPlatformScheduled || held.ExternalID != "facebook-1" || p.Status != backend.PostScheduled {
			t.Fatalf("%+v", p)
		}
		if got := pub.log(); !slices.Equal(got, []string{"Launch@facebook at 2026-11-30T17:00:00Z"}) {
			t.Fatalf("calls %v", got)
		}
		env.due(t) // nothing more to hand over
		// Its time comes: Instagram through the API, TikTok to a person, Facebook already out.
		env.clock.Set(time.Date(2026, 11, 30, 17, 0, 30, 0, time.UTC))
		env.due(t)
		p = env.post(t, p.ID)
		if got := pub.log(); !slices.Equal(got, []string{"Launch@facebook at 2026-11-30T17:00:00Z", "Launch@instagram"}) {
			t.Fatalf("calls %v", got)
		}
		if p.Status != backend.PostDue || publication(p, "facebook").State != backend.PublicationPublished ||
			publication(p, "instagram").State != backend.PublicationPublished {
			t.Fatalf("%+v", p)
		}
		reminder := publication(p, "tiktok")
		if reminder.State != backend.PublicationReminder || reminder.Reason == nil || reminder.Reason.Key != "post_publish_unsupported" {
			t.Fatalf("the reminder says why no API could: %+v", reminder)
		}
		trail := strings.Join(env.trail(t, "post:"+itoa(p.ID)), "\n")
		if !strings.Contains(trail, backend.AuditPostHeld) {
			t.Errorf("trail %s", trail)
		}
	})

	t.Run("TooSoonOrTooFar", func(t *testing.T) {
		pub := &fakePublisher{}
		env := newCalendarWith(t, pub)
		env.scheduled(t, "Soon", "2026-11-28T10:40", "facebook") // 10 minutes: inside the margin
		env.scheduled(t, "Far", "2027-01-15T10:00", "facebook")  // 48 days
		env.due(t)
		if got := pub.log(); len(got) != 0 {
			t.Fatalf("calls %v", got)
		}
	})

	t.Run("MissedWhileClosed", func(t *testing.T) {
		pub := &fakePublisher{}
		env := newCalendarWith(t, pub)
		fb := env.scheduled(t, "Facebook only", "2026-11-29T09:00", "facebook")
		both := env.scheduled(t, "Both", "2026-11-29T09:30", "facebook", "instagram")
		env.due(t)
		env.clock.Set(time.Date(2026, 11, 29, 20, 0, 0, 0, time.UTC)) // Tend was closed all day
		env.due(t)
		if p := env.post(t, fb.ID); p.Status != backend.PostPublished {
			t.Errorf("Facebook published it itself: %+v", p)
		}
		p := env.post(t, both.ID)
		if p.Status != backend.PostMissed || publication(p, "facebook").State != backend.PublicationPublished {
			t.Fatalf("Instagram missed, Facebook out: %+v", p)
		}
		// Publishing now goes to Instagram only.
		if _, err := env.calendar.PublishNow(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		if got := pub.log(); got[len(got)-1] != "Both@instagram" || len(got) != 3 {
			t.Fatalf("calls %v", got)
		}
	})

	t.Run("ChangesTakeItBack", func(t *testing.T) {
		pub := &fakePublisher{}
		env := newCalendarWith(t, pub)
		p := env.scheduled(t, "Launch", "2026-11-30T18:00", "facebook")
		env.due(t)
		// A new title is not something Facebook shows: it stays held.
		title := "Launch (final)"
		if _, err := env.calendar.UpdatePost(ctx, p.ID, backend.PostUpdate{Title: &title}); err != nil {
			t.Fatal(err)
		}
		if len(pub.cancelled) != 0 {
			t.Fatalf("cancelled %v", pub.cancelled)
		}
		// A new time is: deleted on Facebook, then handed over again at the new time.
		if _, err := env.calendar.ReschedulePost(ctx, p.ID, backend.Reschedule{Local: "2026-12-01T18:00"}); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(pub.cancelled, []string{"facebook:facebook-1"}) || len(heldOf(env.post(t, p.ID))) != 0 {
			t.Fatalf("cancelled %v, %+v", pub.cancelled, env.post(t, p.ID))
		}
		env.due(t)
		if held := publication(env.post(t, p.ID), "facebook"); held.ExternalID != "facebook-2" {
			t.Fatalf("%+v", held)
		}
		// A new caption withdraws the approval: taken back, and not handed over while in review.
		caption := "New caption"
		p, err := env.calendar.UpdatePost(ctx, p.ID, backend.PostUpdate{Caption: &caption})
		if err != nil || p.Status != backend.PostInReview || len(p.Publications) != 0 {
			t.Fatalf("%+v %v", p, err)
		}
		env.due(t)
		if len(pub.log()) != 2 {
			t.Fatalf("calls %v", pub.log())
		}
	})

	t.Run("OfflineTakeBackChangesNothing", func(t *testing.T) {
		pub := &fakePublisher{}
		env := newCalendarWith(t, pub)
		p := env.scheduled(t, "Launch", "2026-11-30T18:00", "facebook")
		env.due(t)
		pub.cancelFail = backend.Errorf(backend.EUNAVAILABLE, "Facebook cannot be reached.")
		for name, change := range map[string]func() error{
			"reschedule": func() error {
				_, err := env.calendar.ReschedulePost(ctx, p.ID, backend.Reschedule{Local: "2026-12-01T18:00"})
				return err
			},
			"unschedule": func() error { _, err := env.calendar.UnschedulePost(ctx, p.ID); return err },
			"delete":     func() error { return env.calendar.DeletePost(ctx, p.ID) },
			"by hand":    func() error { _, err := env.calendar.MarkPublished(ctx, p.ID); return err },
			"now":        func() error { _, err := env.calendar.PublishNow(ctx, p.ID); return err },
		} {
			err := change()
			var e *backend.Error
			if !asError(err, &e) || e.Code != backend.ECONFLICT || e.Key != "post_take_back_failed" {
				t.Fatalf("%s: %v", name, err)
			}
			if got := env.post(t, p.ID); got.Status != backend.PostScheduled || publication(got, "facebook").State != backend.PublicationPlatformScheduled {
				t.Fatalf("%s changed it: %+v", name, got)
			}
		}
		// Back online: deleting it deletes Facebook's copy first.
		pub.cancelFail = nil
		if err := env.calendar.DeletePost(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(pub.cancelled, []string{"facebook:facebook-1"}) {
			t.Fatalf("cancelled %v", pub.cancelled)
		}
	})

	t.Run("DeclinedIsPublishedAtItsTime", func(t *testing.T) {
		pub := &fakePublisher{fail: backend.Errorf(backend.EINVALID, "(#100) Invalid parameter")}
		env := newCalendarWith(t, pub)
		p := env.scheduled(t, "Launch", "2026-11-30T18:00", "facebook")
		env.due(t)
		env.due(t) // declined once: not asked again
		if got := publication(env.post(t, p.ID), "facebook"); got.State != backend.PublicationPlatformDeclined || len(pub.log()) != 1 {
			t.Fatalf("%+v %v", got, pub.log())
		}
		pub.fail = nil
		env.clock.Set(time.Date(2026, 11, 30, 17, 0, 5, 0, time.UTC))
		env.due(t)
		if p = env.post(t, p.ID); p.Status != backend.PostPublished || len(pub.log()) != 2 || pub.log()[1] != "Launch@facebook" {
			t.Fatalf("%+v %v", p, pub.log())
		}
	})

	t.Run("TemporaryFailureIsTriedAgain", func(t *testing.T) {
		pub := &fakePublisher{fail: backend.Errorf(backend.EUNAVAILABLE, "offline")}
		env := newCalendarWith(t, pub)
		p := env.scheduled(t, "Launch", "2026-11-30T18:00", "facebook")
		env.due(t)
		if got := env.post(t, p.ID); len(got.Publications) != 0 {
			t.Fatalf("%+v", got)
		}
		pub.fail = nil
		env.due(t)
		if got := publication(env.post(t, p.ID), "facebook"); got.State != backend.PublicationPlatformScheduled {
			t.Fatalf("%+v", got)
		}
	})

	t.Run("CrashWhileHandingOver", func(t *testing.T) {
		pub := &fakePublisher{}
		env := newCalendarWith(t, pub)
		p := env.scheduled(t, "Launch", "2026-11-30T18:00", "facebook")
		// The process dies while Facebook answers: the hand-over is marked, its outcome unknown.
		pub.during = runtime.Goexit
		done := make(chan struct{})
		go func() { defer close(done); _, _ = env.calendar.DueNow(ctx) }()
		<-done
		pub.during = nil
		if got := publication(env.post(t, p.ID), "facebook"); got.State != backend.PublicationHandingOver {
			t.Fatalf("%+v", got)
		}
		// While handing over, changes wait.
		_, err := env.calendar.ReschedulePost(ctx, p.ID, backend.Reschedule{Local: "2026-12-01T18:00"})
		var e *backend.Error
		if !asError(err, &e) || e.Key != "post_handing_over" {
			t.Fatalf("%v", err)
		}
		// The next start cannot know whether Facebook has it: a person checks.
		restarted := sqlite.NewCalendarService(env.ws, sqlite.CalendarOptions{Events: env.events, Publisher: pub, Actor: "Camille"})
		if _, err := restarted.DueNow(ctx); err != nil {
			t.Fatal(err)
		}
		got := env.post(t, p.ID)
		if got.Status != backend.PostFailed || !strings.Contains(got.LastError, "interrupted") || len(pub.log()) != 0 {
			t.Fatalf("%+v %v", got, pub.log())
		}
	})
}

func heldOf(p backend.CalendarPost) []backend.Publication {
	var out []backend.Publication
	for _, pub := range p.Publications {
		if pub.State == backend.PublicationPlatformScheduled {
			out = append(out, pub)
		}
	}
	return out
}
