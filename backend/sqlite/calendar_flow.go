package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"tend/backend"
	"tend/backend/calendar"
)

// changePost runs fn on post id inside a write transaction, requiring one of the statuses.
func (s *CalendarService) changePost(ctx context.Context, id int64, statuses []backend.PostStatus, fn func(tx *Tx, p backend.CalendarPost) (backend.CalendarPost, error)) (backend.CalendarPost, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.CalendarPost{}, err
	}
	var out backend.CalendarPost
	err = db.Write(ctx, func(tx *Tx) error {
		p, err := findPost(ctx, tx, id)
		if err != nil {
			return err
		}
		if !slices.Contains(statuses, p.Status) {
			return wrongPostState(p)
		}
		next, err := fn(tx, p)
		if err != nil {
			return err
		}
		if err := savePost(ctx, tx, next); err != nil {
			return err
		}
		s.publishPosts(tx, true, id)
		out, err = findPost(ctx, tx, id)
		return err
	})
	return out, err
}

func checkNote(note string, required bool) error {
	switch {
	case required && note == "":
		return backend.Errorf(backend.EINVALID, "Say why the caption is rejected.").Localized("post_reject_reason_required")
	case !utf8.ValidString(note) || utf8.RuneCountInString(note) > backend.MaxDecisionNoteRunes:
		return backend.Errorf(backend.EINVALID, "A note has at most %d characters.", backend.MaxDecisionNoteRunes).
			Localized("post_note_too_long", "limit", strconv.Itoa(backend.MaxDecisionNoteRunes))
	}
	return nil
}

// SubmitPost sends an idea or a draft to review.
func (s *CalendarService) SubmitPost(ctx context.Context, id int64) (backend.CalendarPost, error) {
	return s.changePost(ctx, id, []backend.PostStatus{backend.PostIdea, backend.PostDraft}, func(tx *Tx, p backend.CalendarPost) (backend.CalendarPost, error) {
		if err := backend.ValidateForReview(p); err != nil {
			return p, err
		}
		next := p
		next.Status, next.SubmittedBy, next.SubmittedAt = backend.PostInReview, s.actor, &tx.Now
		return next, s.audit(ctx, tx, s.actor, backend.AuditPostSubmitted, p, next, "")
	})
}

// ApprovePost approves an in-review caption.
func (s *CalendarService) ApprovePost(ctx context.Context, id int64, note string) (backend.CalendarPost, error) {
	note = strings.TrimSpace(note)
	if err := checkNote(note, false); err != nil {
		return backend.CalendarPost{}, err
	}
	return s.changePost(ctx, id, []backend.PostStatus{backend.PostInReview}, func(tx *Tx, p backend.CalendarPost) (backend.CalendarPost, error) {
		if err := backend.ValidateForReview(p); err != nil {
			return p, err
		}
		next := p
		next.Status, next.Approved, next.DecidedBy, next.DecidedAt, next.DecisionNote = backend.PostApproved, true, s.actor, &tx.Now, note
		return next, s.audit(ctx, tx, s.actor, backend.AuditPostApproved, p, next, note)
	})
}

// RejectPost sends an in-review caption back to draft with the reason.
func (s *CalendarService) RejectPost(ctx context.Context, id int64, reason string) (backend.CalendarPost, error) {
	reason = strings.TrimSpace(reason)
	if err := checkNote(reason, true); err != nil {
		return backend.CalendarPost{}, err
	}
	return s.changePost(ctx, id, []backend.PostStatus{backend.PostInReview}, func(tx *Tx, p backend.CalendarPost) (backend.CalendarPost, error) {
		next := p
		next.Status, next.Approved, next.DecidedBy, next.DecidedAt, next.DecisionNote = backend.PostDraft, false, s.actor, &tx.Now, reason
		return next, s.audit(ctx, tx, s.actor, backend.AuditPostRejected, p, next, reason)
	})
}

// SchedulePost schedules an approved, dated post; one whose time passed is missed at once.
func (s *CalendarService) SchedulePost(ctx context.Context, id int64) (backend.CalendarPost, error) {
	out, err := s.changePost(ctx, id, []backend.PostStatus{backend.PostApproved}, func(tx *Tx, p backend.CalendarPost) (backend.CalendarPost, error) {
		if p.ScheduledAt == nil {
			return p, backend.Errorf(backend.EINVALID, "Give the post a date and time before scheduling it.").Localized("post_time_required")
		}
		if len(p.Channels) == 0 {
			return p, backend.Errorf(backend.EINVALID, "Choose at least one channel before asking for review.").Localized("post_channels_required")
		}
		next := p
		next.LastError = ""
		if p.ScheduledAt.Before(tx.Now.Add(-backend.PublishGrace)) {
			next.Status = backend.PostMissed
			return next, s.audit(ctx, tx, s.actor, backend.AuditPostMissed, p, next, "its time had passed when it was scheduled")
		}
		next.Status = backend.PostScheduled
		return next, s.audit(ctx, tx, s.actor, backend.AuditPostScheduled, p, next, "")
	})
	if err == nil {
		s.Wake()
	}
	return out, err
}

// MarkPublished records that a person posted an approved post by hand; a copy a platform holds
// for later is taken back first, or it would go out twice.
func (s *CalendarService) MarkPublished(ctx context.Context, id int64) (backend.CalendarPost, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.CalendarPost{}, err
	}
	if err := s.takeBack(ctx, db, id); err != nil {
		return backend.CalendarPost{}, err
	}
	return s.changePost(ctx, id, []backend.PostStatus{backend.PostApproved, backend.PostScheduled, backend.PostDue, backend.PostMissed, backend.PostFailed},
		func(tx *Tx, p backend.CalendarPost) (backend.CalendarPost, error) {
			if held := heldChannels(p); len(held) > 0 {
				return p, errPlatformHolds(p, held[0])
			}
			next := p
			next.Status, next.PublishedAt, next.LastError = backend.PostPublished, &tx.Now, ""
			next.Publications = slices.Clone(p.Publications)
			for _, ch := range p.Channels {
				if !publishedOn(p, ch) {
					next.Publications = append(next.Publications, backend.Publication{Channel: ch, State: backend.PublicationPublished, At: tx.Now})
				}
			}
			return next, s.audit(ctx, tx, s.actor, backend.AuditPostPublished, p, next, "posted by hand")
		})
}

// publishedOn reports whether p already went out on channel.
func publishedOn(p backend.CalendarPost, channel string) bool {
	return slices.ContainsFunc(p.Publications, func(pub backend.Publication) bool {
		return pub.Channel == channel && pub.State == backend.PublicationPublished
	})
}

// Localised texts of the posts a live makes, by the brand's first language.
var liveTexts = map[string]struct{ announcement, reminder, announceCaption, reminderCaption, dateLayout string }{
	"fr": {"Annonce du live : %s", "Rappel du live : %s", "Live « %s » le %s à %s. Posez vos questions en commentaire !",
		"On se retrouve en live dans %s : %s", "02/01"},
	"en": {"Live announcement: %s", "Live reminder: %s", "Live: %s on %s at %s. Ask your questions in the comments!",
		"We go live in %s: %s", "Jan 2"},
}

// durationText writes a reminder's lead: "1 h", "90 min" (the same in French and English).
func durationText(minutes int) string {
	if minutes%60 == 0 {
		return strconv.Itoa(minutes/60) + " h"
	}
	return strconv.Itoa(minutes) + " min"
}

// sessionStart checks a session's title and resolves its start.
func sessionStart(title, local, zone string, wc calendarWorkspace) (time.Time, string, error) {
	if strings.TrimSpace(title) == "" || !utf8.ValidString(title) || utf8.RuneCountInString(title) > backend.MaxPostTitleRunes {
		return time.Time{}, "", backend.Errorf(backend.EINVALID, "A session needs a title of at most %d characters.", backend.MaxPostTitleRunes).
			Localized("session_title_required", "limit", strconv.Itoa(backend.MaxPostTitleRunes))
	}
	if zone = strings.TrimSpace(zone); zone == "" {
		zone = wc.zone
	}
	if strings.TrimSpace(local) == "" {
		return time.Time{}, "", backend.Errorf(backend.EINVALID, "Give the session's date and time.").Localized("session_time_required")
	}
	at, err := resolvePostTime(local, nil, zone)
	if err != nil {
		return time.Time{}, "", err
	}
	return *at, zone, nil
}

func insertSession(ctx context.Context, tx *Tx, sess backend.CalendarSession) (int64, error) {
	res, err := tx.exec(ctx, `INSERT INTO calendar_sessions (kind, title, starts_at, time_zone, duration_minutes, channels, location, notes,
		created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, sess.Kind, sess.Title, formatTime(sess.StartsAt), sess.TimeZone,
		sess.DurationMinutes, jsonText(postList(sess.Channels)), sess.Location, sess.Notes, sess.CreatedBy, formatTime(sess.CreatedAt))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func checkSessionText(location, notes string) error {
	if !utf8.ValidString(location) || utf8.RuneCountInString(location) > backend.MaxRoleRunes ||
		!utf8.ValidString(notes) || utf8.RuneCountInString(notes) > 4000 {
		return backend.Errorf(backend.EINVALID, "The session's place has at most %d characters and its notes 4,000.", backend.MaxRoleRunes).
			Localized("session_text_too_long")
	}
	return nil
}

// CreateLive plans a live with its announcement and reminder, all drafts whose captions go through
// review like any other.
func (s *CalendarService) CreateLive(ctx context.Context, in backend.LiveInput) (backend.CalendarSession, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.CalendarSession{}, err
	}
	var out backend.CalendarSession
	err = db.Write(ctx, func(tx *Tx) error {
		wc, err := s.workspace(ctx, tx)
		if err != nil {
			return err
		}
		settings, err := s.loadCalendarSettings(ctx, tx)
		if err != nil {
			return err
		}
		start, zone, err := sessionStart(in.Title, in.Local, in.TimeZone, wc)
		if err != nil {
			return err
		}
		if err := checkSessionText("", in.Notes); err != nil {
			return err
		}
		if len(in.Channels) == 0 {
			return backend.Errorf(backend.EINVALID, "Choose the channels the live is on.").Localized("session_channels_required")
		}
		announce, reminder := settings.LiveAnnounceHours, settings.LiveReminderMinutes
		if in.AnnounceHours != nil {
			announce = *in.AnnounceHours
		}
		if in.ReminderMinutes != nil {
			reminder = *in.ReminderMinutes
		}
		if announce < 1 || announce > backend.MaxAnnounceHours || reminder < 0 || reminder > 24*60 || reminder >= announce*60 {
			return backend.Errorf(backend.EINVALID, "Announce a live 1 to %d hours ahead, and remind 0 to 1,440 minutes ahead, after the announcement.",
				backend.MaxAnnounceHours).Localized("session_lead_range", "limit", strconv.Itoa(backend.MaxAnnounceHours))
		}
		duration := in.DurationMinutes
		if duration == 0 {
			duration = 60
		}
		if duration < 1 || duration > backend.MaxPostMinutes {
			return backend.Errorf(backend.EINVALID, "A post lasts 1 to %d minutes on the calendar.", backend.MaxPostMinutes).
				Localized("post_duration_range", "limit", strconv.Itoa(backend.MaxPostMinutes))
		}
		goal := in.Goal
		if goal == "" {
			goal = backend.GoalConversion
		}
		format := in.AnnounceFormat
		if format == "" {
			format = backend.FormatShortVideo
		}
		if err := format.Validate(); err != nil {
			return err
		}
		sess := backend.CalendarSession{Kind: backend.SessionLive, Title: strings.TrimSpace(in.Title), StartsAt: start, TimeZone: zone,
			DurationMinutes: duration, Channels: in.Channels, Notes: in.Notes, CreatedBy: s.actor, CreatedAt: tx.Now}
		if sess.ID, err = insertSession(ctx, tx, sess); err != nil {
			return err
		}
		texts, ok := liveTexts[wc.language]
		if !ok {
			texts = liveTexts["en"]
		}
		loc, _ := time.LoadLocation(zone)
		day, clock := start.In(loc).Format(texts.dateLayout), start.In(loc).Format("15:04")
		base := backend.PostInput{Pillar: in.Pillar, Channels: in.Channels, Goal: goal, Tier: in.Tier, TimeZone: zone, Force: in.Force}
		type planned struct {
			role    backend.SessionRole
			title   string
			caption string
			format  backend.PostFormat
			at      time.Time
			minutes int
		}
		plan := []planned{
			{backend.RoleLive, sess.Title, "", backend.FormatLive, start, duration},
			{backend.RoleAnnouncement, fmt.Sprintf(texts.announcement, sess.Title), fmt.Sprintf(texts.announceCaption, sess.Title, day, clock),
				format, start.Add(-time.Duration(announce) * time.Hour), 0},
		}
		if reminder > 0 {
			plan = append(plan, planned{backend.RoleReminder, fmt.Sprintf(texts.reminder, sess.Title),
				fmt.Sprintf(texts.reminderCaption, durationText(reminder), sess.Title), backend.FormatStory,
				start.Add(-time.Duration(reminder) * time.Minute), 0})
		}
		for _, pl := range plan {
			in := base
			at := pl.at
			in.Title, in.Caption, in.Format, in.At, in.DurationMinutes = truncateRunes(pl.title, backend.MaxPostTitleRunes), pl.caption, pl.format, &at, pl.minutes
			p, err := s.createPost(ctx, tx, in, "", "")
			if err != nil {
				return err
			}
			if _, err := tx.exec(ctx, `UPDATE calendar_posts SET session_id = ?, session_role = ? WHERE id = ?`, sess.ID, pl.role, p.ID); err != nil {
				return err
			}
			sess.PostIDs = append(sess.PostIDs, p.ID)
		}
		if _, err := tx.appendAudit(ctx, backend.AuditEntry{Actor: s.actor, Action: backend.AuditCalendarSession,
			Subject: "session:" + strconv.FormatInt(sess.ID, 10), Reason: "live planned with its announcement " + strconv.Itoa(announce) + " h ahead",
			After: rawJSON(sess)}); err != nil {
			return err
		}
		s.publishPosts(tx, true, sess.PostIDs...)
		out = sess
		out.Local = calendar.Local(start, loc)
		return nil
	})
	return out, err
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// CreateFilming plans a batch-filming session and creates its drafts at once.
func (s *CalendarService) CreateFilming(ctx context.Context, in backend.FilmingInput) (backend.CalendarSession, error) {
	if len(in.Drafts) == 0 || len(in.Drafts) > backend.MaxSessionDrafts {
		return backend.CalendarSession{}, backend.Errorf(backend.EINVALID, "A filming session produces 1 to %d drafts.", backend.MaxSessionDrafts).
			Localized("session_drafts_count", "limit", strconv.Itoa(backend.MaxSessionDrafts))
	}
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.CalendarSession{}, err
	}
	var out backend.CalendarSession
	err = db.Write(ctx, func(tx *Tx) error {
		wc, err := s.workspace(ctx, tx)
		if err != nil {
			return err
		}
		start, zone, err := sessionStart(in.Title, in.Local, in.TimeZone, wc)
		if err != nil {
			return err
		}
		if err := checkSessionText(in.Location, in.Notes); err != nil {
			return err
		}
		duration := in.DurationMinutes
		if duration == 0 {
			duration = 240
		}
		if duration < 1 || duration > backend.MaxPostMinutes {
			return backend.Errorf(backend.EINVALID, "A post lasts 1 to %d minutes on the calendar.", backend.MaxPostMinutes).
				Localized("post_duration_range", "limit", strconv.Itoa(backend.MaxPostMinutes))
		}
		sess := backend.CalendarSession{Kind: backend.SessionFilming, Title: strings.TrimSpace(in.Title), StartsAt: start, TimeZone: zone,
			DurationMinutes: duration, Channels: []string{}, Location: strings.TrimSpace(in.Location), Notes: in.Notes, CreatedBy: s.actor, CreatedAt: tx.Now}
		for _, d := range in.Drafts {
			for _, ch := range d.Channels {
				if !slices.Contains(sess.Channels, ch) {
					sess.Channels = append(sess.Channels, ch)
				}
			}
		}
		if sess.ID, err = insertSession(ctx, tx, sess); err != nil {
			return err
		}
		for i, d := range in.Drafts {
			p, err := s.createPost(ctx, tx, backend.PostInput{Title: d.Title, Format: d.Format, Pillar: d.Pillar, Channels: d.Channels,
				Goal: d.Goal, Tier: d.Tier, Local: d.Local, TimeZone: zone, Force: in.Force}, "", backend.PostDraft)
			if err != nil {
				return sessionDraftError(i, err)
			}
			if _, err := tx.exec(ctx, `UPDATE calendar_posts SET session_id = ?, session_role = 'filmed' WHERE id = ?`, sess.ID, p.ID); err != nil {
				return err
			}
			sess.PostIDs = append(sess.PostIDs, p.ID)
		}
		if _, err := tx.appendAudit(ctx, backend.AuditEntry{Actor: s.actor, Action: backend.AuditCalendarSession,
			Subject: "session:" + strconv.FormatInt(sess.ID, 10), Reason: "batch-filming session with " + strconv.Itoa(len(in.Drafts)) + " drafts",
			After: rawJSON(sess)}); err != nil {
			return err
		}
		s.publishPosts(tx, true, sess.PostIDs...)
		loc, _ := time.LoadLocation(zone)
		out = sess
		out.Local = calendar.Local(start, loc)
		return nil
	})
	return out, err
}

// sessionDraftError names the draft (1-based) an error is about.
func sessionDraftError(i int, err error) error {
	if be, ok := err.(*backend.Error); ok {
		out := *be
		out.Message = "Draft " + strconv.Itoa(i+1) + ": " + be.Message
		if out.Params == nil {
			out.Params = map[string]string{}
		} else {
			params := make(map[string]string, len(be.Params)+1)
			for k, v := range be.Params {
				params[k] = v
			}
			out.Params = params
		}
		out.Params["draft"] = strconv.Itoa(i + 1)
		return &out
	}
	return err
}

const sessionColumns = `s.id, s.kind, s.title, s.starts_at, s.time_zone, s.duration_minutes, s.channels, s.location, s.notes, s.created_by,
	s.created_at, coalesce((SELECT json_group_array(p.id) FROM (SELECT id FROM calendar_posts WHERE session_id = s.id ORDER BY id) p), '[]')`

func scanSession(row interface{ Scan(...any) error }) (backend.CalendarSession, error) {
	var sess backend.CalendarSession
	var starts, channels, created, ids string
	if err := row.Scan(&sess.ID, &sess.Kind, &sess.Title, &starts, &sess.TimeZone, &sess.DurationMinutes, &channels, &sess.Location,
		&sess.Notes, &sess.CreatedBy, &created, &ids); err != nil {
		return sess, err
	}
	sess.StartsAt, _ = parseTime(starts)
	sess.CreatedAt, _ = parseTime(created)
	sess.Channels, sess.PostIDs = []string{}, []int64{}
	if err := json.Unmarshal([]byte(channels), &sess.Channels); err != nil {
		return sess, err
	}
	if err := json.Unmarshal([]byte(ids), &sess.PostIDs); err != nil {
		return sess, err
	}
	loc, err := time.LoadLocation(sess.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	sess.Local = calendar.Local(sess.StartsAt, loc)
	return sess, nil
}

// ListSessions returns the sessions starting in [from, to).
func (s *CalendarService) ListSessions(ctx context.Context, from, to time.Time) ([]backend.CalendarSession, error) {
	if !from.Before(to) {
		return nil, backend.Errorf(backend.EINVALID, "The end of the period must come after its start.").Localized("post_filter_range")
	}
	db, err := s.workspaces.DB()
	if err != nil {
		return nil, err
	}
	out := []backend.CalendarSession{}
	err = db.Read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+sessionColumns+` FROM calendar_sessions s WHERE s.starts_at >= ? AND s.starts_at < ?
			ORDER BY s.starts_at, s.id LIMIT ?`, formatTime(from), formatTime(to), maxListedPosts)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			sess, err := scanSession(rows)
			if err != nil {
				return err
			}
			out = append(out, sess)
		}
		return rows.Err()
	})
	return out, err
}

// DeleteSession deletes a session and those of its posts that are not out or going out.
func (s *CalendarService) DeleteSession(ctx context.Context, id int64) error {
	db, err := s.workspaces.DB()
	if err != nil {
		return err
	}
	var held []int64
	if err := db.Read(ctx, func(tx *Tx) error {
		posts, err := listPostsWhere(ctx, tx, `session_id = ? AND publications LIKE '%"platform_%'`, id)
		for _, p := range posts {
			if len(heldChannels(p)) > 0 {
				held = append(held, p.ID)
			}
		}
		return err
	}); err != nil {
		return err
	}
	for _, post := range held {
		if err := s.takeBack(ctx, db, post); err != nil {
			return err
		}
	}
	return db.Write(ctx, func(tx *Tx) error {
		sess, err := scanSession(tx.queryRow(ctx, `SELECT `+sessionColumns+` FROM calendar_sessions s WHERE s.id = ?`, id))
		if err == sql.ErrNoRows {
			return backend.Errorf(backend.ENOTFOUND, "There is no session %d.", id).Localized("session_not_found", "id", strconv.FormatInt(id, 10))
		}
		if err != nil {
			return err
		}
		posts, err := listPostsWhere(ctx, tx, `session_id = ? AND status NOT IN ('published', 'publishing')`, id)
		if err != nil {
			return err
		}
		for _, p := range posts {
			if h := heldChannels(p); len(h) > 0 {
				return errPlatformHolds(p, h[0])
			}
		}
		if _, err := tx.exec(ctx, `DELETE FROM calendar_posts WHERE session_id = ? AND status NOT IN ('published', 'publishing')`, id); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM calendar_sessions WHERE id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.appendAudit(ctx, backend.AuditEntry{Actor: s.actor, Action: backend.AuditCalendarSessionRm,
			Subject: "session:" + strconv.FormatInt(id, 10), Before: rawJSON(sess)}); err != nil {
			return err
		}
		s.publishPosts(tx, true, sess.PostIDs...)
		return nil
	})
}
