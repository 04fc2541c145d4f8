package app

import (
	"context"
	"time"

	"tend/backend"
)

// Calendar is the content calendar: planned posts, their caption approval, lives and
// batch-filming sessions, cadence and mix, and the iCalendar and CSV interchange.
type Calendar struct {
	ctx context.Context
	svc backend.CalendarService
}

// CaptionLimits lists each channel's caption limit.
func (c *Calendar) CaptionLimits() []backend.CaptionLimitInfo { return backend.CaptionLimitTable() }

// ListPosts returns the posts the filter selects.
func (c *Calendar) ListPosts(f backend.PostFilter) ([]backend.CalendarPost, error) {
	return c.svc.ListPosts(c.ctx, f)
}

// CheckRights says whether a post on date may use the creator's content, before it is saved.
func (c *Calendar) CheckRights(creatorID int64, date string) (backend.RightsVerdict, error) {
	return c.svc.CheckRights(c.ctx, creatorID, date)
}

// GetPost returns one post.
func (c *Calendar) GetPost(id int64) (backend.CalendarPost, error) { return c.svc.GetPost(c.ctx, id) }

// CreatePost adds an idea (undated) or a draft (dated).
func (c *Calendar) CreatePost(in backend.PostInput) (backend.CalendarPost, error) {
	return c.svc.CreatePost(c.ctx, in)
}

// UpdatePost changes the fields set in upd.
func (c *Calendar) UpdatePost(id int64, upd backend.PostUpdate) (backend.CalendarPost, error) {
	return c.svc.UpdatePost(c.ctx, id, upd)
}

// Reschedule moves a post to a new date and time.
func (c *Calendar) Reschedule(id int64, r backend.Reschedule) (backend.CalendarPost, error) {
	return c.svc.ReschedulePost(c.ctx, id, r)
}

// Unschedule takes a post off the calendar, back to the backlog.
func (c *Calendar) Unschedule(id int64) (backend.CalendarPost, error) {
	return c.svc.UnschedulePost(c.ctx, id)
}

// DeletePost deletes a post.
func (c *Calendar) DeletePost(id int64) error { return c.svc.DeletePost(c.ctx, id) }

// Submit sends a post's captions to review.
func (c *Calendar) Submit(id int64) (backend.CalendarPost, error) { return c.svc.SubmitPost(c.ctx, id) }

// Approve approves a post's captions.
func (c *Calendar) Approve(id int64, note string) (backend.CalendarPost, error) {
	return c.svc.ApprovePost(c.ctx, id, note)
}

// Reject sends a post back to draft, saying why.
func (c *Calendar) Reject(id int64, reason string) (backend.CalendarPost, error) {
	return c.svc.RejectPost(c.ctx, id, reason)
}

// Schedule schedules an approved post.
func (c *Calendar) Schedule(id int64) (backend.CalendarPost, error) {
	return c.svc.SchedulePost(c.ctx, id)
}

// PublishNow publishes a scheduled, due, missed or failed post now.
func (c *Calendar) PublishNow(id int64) (backend.CalendarPost, error) {
	return c.svc.PublishNow(c.ctx, id)
}

// MarkPublished records that a person posted it by hand.
func (c *Calendar) MarkPublished(id int64) (backend.CalendarPost, error) {
	return c.svc.MarkPublished(c.ctx, id)
}

// CreateLive plans a live with its announcement and reminder.
func (c *Calendar) CreateLive(in backend.LiveInput) (backend.CalendarSession, error) {
	return c.svc.CreateLive(c.ctx, in)
}

// CreateFilming plans a batch-filming session and its drafts.
func (c *Calendar) CreateFilming(in backend.FilmingInput) (backend.CalendarSession, error) {
	return c.svc.CreateFilming(c.ctx, in)
}

// ListSessions returns the sessions starting in [from, to).
func (c *Calendar) ListSessions(from, to time.Time) ([]backend.CalendarSession, error) {
	return c.svc.ListSessions(c.ctx, from, to)
}

// DeleteSession deletes a session and its unpublished posts.
func (c *Calendar) DeleteSession(id int64) error { return c.svc.DeleteSession(c.ctx, id) }

// GetSettings returns the pillars, cadence targets, mix target and channel-goal matrix.
func (c *Calendar) GetSettings() (backend.CalendarSettings, error) {
	return c.svc.GetCalendarSettings(c.ctx)
}

// UpdateSettings changes the parts set in upd.
func (c *Calendar) UpdateSettings(upd backend.CalendarSettingsUpdate) (backend.CalendarSettings, error) {
	return c.svc.UpdateCalendarSettings(c.ctx, upd)
}

// Cadence reports the week holding day ("" for this week) against the cadence targets.
func (c *Calendar) Cadence(day string) (backend.CadenceReport, error) {
	return c.svc.Cadence(c.ctx, day)
}

// Mix reports the month ("" for this month) against the 70/20/10 target.
func (c *Calendar) Mix(month string) (backend.MixReport, error) { return c.svc.Mix(c.ctx, month) }

// DraftCaption proposes a caption for a post's channel by the built-in drafter or the model.
func (c *Calendar) DraftCaption(req backend.CaptionRequest) (backend.CaptionDraft, error) {
	return c.svc.DraftCaption(c.ctx, req)
}

// ExportICS returns the dated posts the filter selects as an iCalendar file.
func (c *Calendar) ExportICS(f backend.PostFilter) (string, error) { return c.svc.ExportICS(c.ctx, f) }

// ImportICS creates or updates posts from an iCalendar file's text.
func (c *Calendar) ImportICS(text string) (backend.ImportReport, error) {
	return c.svc.ImportICS(c.ctx, text)
}

// ExportCSV returns the posts the filter selects as CSV.
func (c *Calendar) ExportCSV(f backend.PostFilter) (string, error) { return c.svc.ExportCSV(c.ctx, f) }

// ImportCSV creates or updates posts from CSV text.
func (c *Calendar) ImportCSV(text string) (backend.ImportReport, error) {
	return c.svc.ImportCSV(c.ctx, text)
}
