package demo

import (
	"context"
	"fmt"
	"io/fs"
	"time"

	"tend/backend"
	"tend/backend/calendar"
)

// CalendarLoader is the calendar service with its publishing worker's pass, which the demo runs
// once so that a post whose time just came shows as due.
type CalendarLoader interface {
	backend.CalendarService
	DueNow(ctx context.Context) (int, error)
}

// CalendarSummary says what LoadCalendar created.
type CalendarSummary struct {
	Posts   int
	Lives   int
	Filming int
}

// calendarFile is assets/demo/calendar.json. Times are relative to the moment of loading: "day" is
// a number of days from today (negative in the past) and "time" the time of day, both in the
// workspace's time zone; "ago" places a post minutes before now instead. A post without either is
// undated (an idea).
type calendarFile struct {
	Settings backend.CalendarSettings `json:"settings"`
	Posts    []struct {
		Title    string             `json:"title"`
		Day      *int               `json:"day"`
		Time     string             `json:"time"`
		Ago      string             `json:"ago"`
		Pillar   string             `json:"pillar"`
		Format   backend.PostFormat `json:"format"`
		Channels []string           `json:"channels"`
		Goal     backend.PostGoal   `json:"goal"`
		Tier     backend.MixTier    `json:"tier"`
		// Status is where the demo takes the post, through the real workflow: idea, draft,
		// in_review, rejected (with Reason), approved, scheduled, due, published or missed.
		Status   string            `json:"status"`
		Reason   string            `json:"reason"`
		Caption  string            `json:"caption"`
		Captions map[string]string `json:"captions"`
		// CaptionSource is who wrote the caption: "" a person, "builtin" or "model".
		CaptionSource backend.DraftSource `json:"caption_source"`
		UTMLink       string              `json:"utm_link"`
		// Creator is the key of a creator in creators.json whose content the post uses.
		Creator string `json:"creator"`
	} `json:"posts"`
	Lives []struct {
		Title    string          `json:"title"`
		Day      int             `json:"day"`
		Time     string          `json:"time"`
		Duration int             `json:"duration"`
		Channels []string        `json:"channels"`
		Pillar   string          `json:"pillar"`
		Tier     backend.MixTier `json:"tier"`
		Notes    string          `json:"notes"`
		// ApproveAnnouncement takes the announcement through review and schedules it.
		ApproveAnnouncement bool `json:"approve_announcement"`
	} `json:"lives"`
	Filming []struct {
		Title    string `json:"title"`
		Day      int    `json:"day"`
		Time     string `json:"time"`
		Duration int    `json:"duration"`
		Location string `json:"location"`
		Notes    string `json:"notes"`
		Drafts   []struct {
			Title    string             `json:"title"`
			Format   backend.PostFormat `json:"format"`
			Pillar   string             `json:"pillar"`
			Channels []string           `json:"channels"`
			Tier     backend.MixTier    `json:"tier"`
			Day      *int               `json:"day"`
			Time     string             `json:"time"`
		} `json:"drafts"`
	} `json:"filming"`
}

// LoadCalendar gives the open workspace (after Load, which sets its time zone) a planned month
// from calendar.json: pillars, cadence targets, the mix target and the channel-goal matrix; posts
// in every status, taken there through the real workflow (so the audit trail records each review);
// two lives with their announcements and reminders; one batch-filming session and its drafts.
// creators are LoadCreators' ids by key, for the posts that use a creator's content (nil for none).
func LoadCalendar(ctx context.Context, fsys fs.FS, svc CalendarLoader, now time.Time, creators map[string]int64) (CalendarSummary, error) {
	var sum CalendarSummary
	var file calendarFile
	if err := decode(fsys, "calendar.json", &file); err != nil {
		return sum, err
	}
	s := file.Settings
	settings, err := svc.UpdateCalendarSettings(ctx, backend.CalendarSettingsUpdate{Pillars: &s.Pillars, Cadence: &s.Cadence, Mix: &s.Mix,
		Matrix: &s.Matrix, LiveAnnounceHours: &s.LiveAnnounceHours, LiveReminderMinutes: &s.LiveReminderMinutes})
	if err != nil {
		return sum, fmt.Errorf("calendar.json settings: %w", err)
	}
	loc, err := calendar.LoadZone(settings.TimeZone)
	if err != nil {
		return sum, err
	}
	today := calendar.Today(now, loc)
	local := func(day *int, clock string) string {
		if day == nil {
			return ""
		}
		return today.AddDate(0, 0, *day).Format(time.DateOnly) + "T" + clock
	}

	for i, p := range file.Posts {
		in := backend.PostInput{Title: p.Title, Caption: p.Caption, ChannelCaptions: p.Captions, CaptionSource: p.CaptionSource,
			Pillar: p.Pillar, Format: p.Format,
			Channels: p.Channels, Goal: p.Goal, Tier: p.Tier, Local: local(p.Day, p.Time), UTMLink: p.UTMLink}
		if p.Creator != "" {
			id, ok := creators[p.Creator]
			if !ok {
				return sum, fmt.Errorf("calendar.json post %d: unknown creator %q", i+1, p.Creator)
			}
			in.CreatorID = &id
		}
		if p.Ago != "" {
			ago, err := parseAgo(p.Ago)
			if err != nil {
				return sum, fmt.Errorf("calendar.json post %d: %w", i+1, err)
			}
			in.Local = calendar.Local(now.Add(-ago).Truncate(time.Minute), loc)
		}
		if err := playPost(ctx, svc, in, p.Status, p.Reason); err != nil {
			return sum, fmt.Errorf("calendar.json post %d (%s): %w", i+1, p.Title, err)
		}
		sum.Posts++
	}
	if _, err := svc.DueNow(ctx); err != nil {
		return sum, err
	}

	for i, l := range file.Lives {
		day := l.Day
		sess, err := svc.CreateLive(ctx, backend.LiveInput{Title: l.Title, Local: local(&day, l.Time), DurationMinutes: l.Duration,
			Channels: l.Channels, Pillar: l.Pillar, Tier: l.Tier, Notes: l.Notes})
		if err != nil {
			return sum, fmt.Errorf("calendar.json live %d: %w", i+1, err)
		}
		if l.ApproveAnnouncement {
			for _, id := range sess.PostIDs {
				p, err := svc.GetPost(ctx, id)
				if err != nil {
					return sum, err
				}
				if p.SessionRole != backend.RoleAnnouncement {
					continue
				}
				if err := advance(ctx, svc, p.ID, "scheduled", ""); err != nil {
					return sum, fmt.Errorf("calendar.json live %d announcement: %w", i+1, err)
				}
			}
		}
		sum.Lives++
		sum.Posts += len(sess.PostIDs)
	}

	for i, f := range file.Filming {
		day := f.Day
		in := backend.FilmingInput{Title: f.Title, Local: local(&day, f.Time), DurationMinutes: f.Duration, Location: f.Location, Notes: f.Notes}
		for _, d := range f.Drafts {
			in.Drafts = append(in.Drafts, backend.FilmingDraft{Title: d.Title, Format: d.Format, Pillar: d.Pillar, Channels: d.Channels,
				Tier: d.Tier, Local: local(d.Day, d.Time)})
		}
		sess, err := svc.CreateFilming(ctx, in)
		if err != nil {
			return sum, fmt.Errorf("calendar.json filming %d: %w", i+1, err)
		}
		sum.Filming++
		sum.Posts += len(sess.PostIDs)
	}
	return sum, nil
}

// playPost creates a post and takes it to status through the workflow a person would follow.
func playPost(ctx context.Context, svc backend.CalendarService, in backend.PostInput, status, reason string) error {
	p, err := svc.CreatePost(ctx, in)
	if err != nil {
		return err
	}
	return advance(ctx, svc, p.ID, status, reason)
}

// advance takes post id from idea or draft to status.
func advance(ctx context.Context, svc backend.CalendarService, id int64, status, reason string) error {
	var err error
	step := func(fn func() (backend.CalendarPost, error)) {
		if err == nil {
			_, err = fn()
		}
	}
	switch status {
	case "idea", "draft":
		return nil
	case "rejected":
		step(func() (backend.CalendarPost, error) { return svc.SubmitPost(ctx, id) })
		step(func() (backend.CalendarPost, error) { return svc.RejectPost(ctx, id, reason) })
		return err
	case "in_review", "approved", "scheduled", "due", "missed", "published":
	default:
		return fmt.Errorf("unknown demo status %q", status)
	}
	step(func() (backend.CalendarPost, error) { return svc.SubmitPost(ctx, id) })
	if status == "in_review" {
		return err
	}
	step(func() (backend.CalendarPost, error) { return svc.ApprovePost(ctx, id, "") })
	switch status {
	case "published":
		step(func() (backend.CalendarPost, error) { return svc.MarkPublished(ctx, id) })
	case "scheduled", "due", "missed":
		// A time to come is scheduled; one a few minutes ago comes due at the worker's next pass;
		// one long past is missed at once.
		step(func() (backend.CalendarPost, error) { return svc.SchedulePost(ctx, id) })
	}
	return err
}
