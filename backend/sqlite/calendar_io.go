package sqlite

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"tend/backend"
	"tend/backend/calendar"
)

// Cadence reports the week (Monday to Sunday in the workspace's zone) that holds day.
func (s *CalendarService) Cadence(ctx context.Context, day string) (backend.CadenceReport, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.CadenceReport{}, err
	}
	var out backend.CadenceReport
	err = db.Read(ctx, func(tx *Tx) error {
		settings, err := s.loadCalendarSettings(ctx, tx)
		if err != nil {
			return err
		}
		loc, err := calendar.LoadZone(settings.TimeZone)
		if err != nil {
			return err
		}
		d := calendar.Today(tx.Now, loc)
		if strings.TrimSpace(day) != "" {
			if d, err = time.Parse(time.DateOnly, strings.TrimSpace(day)); err != nil {
				return backend.Errorf(backend.EINVALID, "Invalid day %q: write it like 2026-03-30.", day).Localized("calendar_day_invalid", "day", day)
			}
		}
		monday := calendar.WeekOf(d)
		from, to := calendar.StartOfDay(monday, loc), calendar.StartOfDay(monday.AddDate(0, 0, 7), loc)
		posts, err := listPosts(ctx, tx, backend.PostFilter{From: &from, To: &to})
		if err != nil {
			return err
		}
		out = backend.CadenceReport{WeekStart: monday.Format(time.DateOnly), TimeZone: settings.TimeZone,
			Items: calendar.Cadence(posts, settings.Cadence)}
		return nil
	})
	return out, err
}

// Mix reports the month's 70/20/10 mix against the target.
func (s *CalendarService) Mix(ctx context.Context, month string) (backend.MixReport, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.MixReport{}, err
	}
	var out backend.MixReport
	err = db.Read(ctx, func(tx *Tx) error {
		settings, err := s.loadCalendarSettings(ctx, tx)
		if err != nil {
			return err
		}
		loc, err := calendar.LoadZone(settings.TimeZone)
		if err != nil {
			return err
		}
		today := calendar.Today(tx.Now, loc)
		first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
		if strings.TrimSpace(month) != "" {
			if first, err = time.Parse("2006-01", strings.TrimSpace(month)); err != nil {
				return backend.Errorf(backend.EINVALID, "Invalid month %q: write it like 2026-03.", month).Localized("calendar_month_invalid", "month", month)
			}
		}
		from, to := calendar.StartOfDay(first, loc), calendar.StartOfDay(first.AddDate(0, 1, 0), loc)
		posts, err := listPosts(ctx, tx, backend.PostFilter{From: &from, To: &to})
		if err != nil {
			return err
		}
		out = backend.MixReport{Month: first.Format("2006-01"), Target: settings.Mix}
		out.Counts, out.Total, out.Shares, out.OffTarget = calendar.Mix(posts, settings.Mix)
		return nil
	})
	return out, err
}

// exported reads what an export needs in one snapshot.
func (s *CalendarService) exported(ctx context.Context, f backend.PostFilter) ([]backend.CalendarPost, backend.CalendarSettings, calendarWorkspace, error) {
	var posts []backend.CalendarPost
	var settings backend.CalendarSettings
	var wc calendarWorkspace
	if err := f.Validate(); err != nil {
		return nil, settings, wc, err
	}
	db, err := s.workspaces.DB()
	if err != nil {
		return nil, settings, wc, err
	}
	err = db.Read(ctx, func(tx *Tx) error {
		if settings, err = s.loadCalendarSettings(ctx, tx); err != nil {
			return err
		}
		if wc, err = s.workspace(ctx, tx); err != nil {
			return err
		}
		posts, err = listPosts(ctx, tx, f)
		return err
	})
	return posts, settings, wc, err
}

// ExportICS returns the dated posts f selects as an iCalendar file.
func (s *CalendarService) ExportICS(ctx context.Context, f backend.PostFilter) (string, error) {
	posts, settings, wc, err := s.exported(ctx, f)
	if err != nil {
		return "", err
	}
	name := ""
	if wc.brand != "" {
		name = wc.brand + " — content calendar"
	}
	return calendar.ExportICS(posts, settings, name), nil
}

// ExportCSV returns the posts f selects as CSV, undated ones included when f.Undated is set.
func (s *CalendarService) ExportCSV(ctx context.Context, f backend.PostFilter) (string, error) {
	posts, _, _, err := s.exported(ctx, f)
	if err != nil {
		return "", err
	}
	return calendar.WriteCSV(posts), nil
}

// importRow is one post an import brings, with the status its file gives.
type importRow struct {
	line     int
	uid      string
	status   backend.PostStatus
	input    backend.PostInput
	warnings []backend.ImportProblem
}

// ImportCSV creates or updates posts from CSV text.
func (s *CalendarService) ImportCSV(ctx context.Context, text string) (backend.ImportReport, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.ImportReport{}, err
	}
	var settings backend.CalendarSettings
	if err := db.Read(ctx, func(tx *Tx) error {
		settings, err = s.loadCalendarSettings(ctx, tx)
		return err
	}); err != nil {
		return backend.ImportReport{}, err
	}
	rows, problems, err := calendar.ParseCSV(text, settings, settings.TimeZone)
	if err != nil {
		return backend.ImportReport{}, err
	}
	in := make([]importRow, len(rows))
	for i, r := range rows {
		in[i] = importRow{line: r.Line, uid: r.UID, status: r.Status, input: r.Input}
	}
	return s.importRows(ctx, db, "csv", in, problems, nil)
}

// ImportICS creates or updates posts from an iCalendar file. Cancelled events are skipped.
func (s *CalendarService) ImportICS(ctx context.Context, text string) (backend.ImportReport, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.ImportReport{}, err
	}
	var settings backend.CalendarSettings
	if err := db.Read(ctx, func(tx *Tx) error {
		settings, err = s.loadCalendarSettings(ctx, tx)
		return err
	}); err != nil {
		return backend.ImportReport{}, err
	}
	loc, err := calendar.LoadZone(settings.TimeZone)
	if err != nil {
		return backend.ImportReport{}, err
	}
	parsed, err := calendar.ParseICS(text, loc)
	if err != nil {
		return backend.ImportReport{}, err
	}
	problems := parsed.Problems
	var rows []importRow
	for _, ev := range parsed.Events {
		uid, status, input, warnings := calendar.EventPost(ev, settings, settings.TimeZone)
		if ev.Status == "CANCELLED" && status == "" {
			problems = append(problems, backend.ImportProblem{Line: ev.Line, Message: "The event is cancelled: it was not imported.",
				Key: "ics_event_cancelled", Params: map[string]string{"line": strconv.Itoa(ev.Line)}, Warning: true})
			continue
		}
		rows = append(rows, importRow{line: ev.Line, uid: uid, status: status, input: input, warnings: warnings})
	}
	return s.importRows(ctx, db, "ics", rows, problems, parsed.Ignored)
}

// importStatus is the status a new imported post starts in. Captions go through the approval queue
// in Tend whatever the file says, so an approved, scheduled or outgoing post comes in for review;
// a published post is history and stays published; one that failed or was missed comes in as a
// draft.
func importStatus(st backend.PostStatus, dated bool) (backend.PostStatus, bool) {
	switch st {
	case "", backend.PostIdea, backend.PostDraft:
		if dated {
			return backend.PostDraft, false
		}
		if st == backend.PostDraft {
			return backend.PostDraft, false
		}
		return backend.PostIdea, false
	case backend.PostInReview:
		return backend.PostInReview, false
	case backend.PostPublished:
		return backend.PostPublished, false
	case backend.PostFailed, backend.PostMissed:
		return backend.PostDraft, true
	}
	return backend.PostInReview, true
}

// importRows applies rows in one transaction, each in a savepoint: a row that cannot be saved is
// a problem with its line, and the others are saved.
func (s *CalendarService) importRows(ctx context.Context, db *DB, format string, rows []importRow, problems []backend.ImportProblem,
	ignored []backend.IgnoredProperty) (backend.ImportReport, error) {
	report := backend.ImportReport{Format: format, Problems: problems, Ignored: ignored, IDs: []int64{}}
	if report.Problems == nil {
		report.Problems = []backend.ImportProblem{}
	}
	if report.Ignored == nil {
		report.Ignored = []backend.IgnoredProperty{}
	}
	for _, p := range problems {
		if !p.Warning {
			report.Skipped++
		}
	}
	err := db.Write(ctx, func(tx *Tx) error {
		wc, err := s.workspace(ctx, tx)
		if err != nil {
			return err
		}
		seen := map[string]int{}
		for _, r := range rows {
			if r.uid != "" {
				if first, dup := seen[r.uid]; dup {
					report.Skipped++
					report.Problems = append(report.Problems, backend.ImportProblem{Line: r.line,
						Message: "Line " + strconv.Itoa(r.line) + ": the id " + strconv.Quote(r.uid) + " was already used on line " + strconv.Itoa(first) + ".",
						Key:     "import_uid_repeated", Params: map[string]string{"line": strconv.Itoa(r.line), "first": strconv.Itoa(first)}})
					continue
				}
				seen[r.uid] = r.line
			}
			if _, err := tx.ExecContext(ctx, `SAVEPOINT import_row`); err != nil {
				return err
			}
			outcome, id, warnings, err := s.importRow(ctx, tx, wc, r)
			if err != nil {
				if _, rbErr := tx.ExecContext(ctx, `ROLLBACK TO import_row`); rbErr != nil {
					return rbErr
				}
				var be *backend.Error
				if !errors.As(err, &be) || be.Code == backend.EINTERNAL {
					return err
				}
				report.Skipped++
				params := map[string]string{"line": strconv.Itoa(r.line)}
				maps.Copy(params, be.Params)
				report.Problems = append(report.Problems, backend.ImportProblem{Line: r.line, Message: "Line " + strconv.Itoa(r.line) + ": " + be.Message,
					Key: be.Key, Params: params})
			}
			if _, err := tx.ExecContext(ctx, `RELEASE import_row`); err != nil {
				return err
			}
			if err != nil {
				continue
			}
			report.Problems = append(report.Problems, warnings...)
			switch outcome {
			case "created":
				report.Created++
			case "updated":
				report.Updated++
			default:
				report.Unchanged++
			}
			if outcome != "unchanged" {
				report.IDs = append(report.IDs, id)
			}
		}
		slices.SortStableFunc(report.Problems, func(a, b backend.ImportProblem) int { return a.Line - b.Line })
		if _, err := tx.appendAudit(ctx, backend.AuditEntry{Actor: s.actor, Action: backend.AuditCalendarImported, Subject: "calendar",
			Reason: format + " import", After: rawJSON(map[string]int{"created": report.Created, "updated": report.Updated,
				"unchanged": report.Unchanged, "skipped": report.Skipped})}); err != nil {
			return err
		}
		s.publishPosts(tx, true, report.IDs...)
		return nil
	})
	if err != nil {
		return backend.ImportReport{}, err
	}
	return report, nil
}

// importRow creates or updates the post of r: "created", "updated" or "unchanged".
func (s *CalendarService) importRow(ctx context.Context, tx *Tx, wc calendarWorkspace, r importRow) (string, int64, []backend.ImportProblem, error) {
	warnings := r.warnings
	var current backend.CalendarPost
	exists := false
	if r.uid != "" {
		var err error
		if current, exists, err = findPostByUID(ctx, tx, r.uid); err != nil {
			return "", 0, nil, err
		}
	}
	if !exists {
		status, normalised := importStatus(r.status, r.input.At != nil || strings.TrimSpace(r.input.Local) != "")
		if status == backend.PostInReview {
			probe, err := postFromInput(r.input, wc)
			if err == nil && backend.ValidateForReview(probe) != nil {
				status, normalised = backend.PostDraft, true
			}
		}
		if normalised {
			warnings = append(warnings, backend.ImportProblem{Line: r.line, Warning: true,
				Message: "Line " + strconv.Itoa(r.line) + ": imported as " + strings.ReplaceAll(string(status), "_", " ") +
					" (it was " + strings.ReplaceAll(string(r.status), "_", " ") + "): captions go through the approval queue in Tend.",
				Key: "import_status_normalised", Params: map[string]string{"line": strconv.Itoa(r.line), "from": string(r.status), "to": string(status)}})
		}
		p, err := s.createPost(ctx, tx, r.input, r.uid, status)
		if err != nil {
			return "", 0, nil, err
		}
		if status == backend.PostInReview {
			if _, err := tx.exec(ctx, `UPDATE calendar_posts SET submitted_by = ?, submitted_at = ? WHERE id = ?`, s.actor, formatTime(tx.Now), p.ID); err != nil {
				return "", 0, nil, err
			}
			after := p
			if err := s.audit(ctx, tx, s.actor, backend.AuditPostSubmitted, backend.CalendarPost{ID: p.ID}, after, "imported for review"); err != nil {
				return "", 0, nil, err
			}
		}
		return "created", p.ID, warnings, nil
	}

	// An existing post takes the file's fields; its status moves only by the workflow's rules.
	incoming, err := postFromInput(r.input, wc)
	if err != nil {
		return "", 0, nil, err
	}
	next := current
	next.Title, next.Caption, next.ChannelCaptions, next.Pillar = incoming.Title, incoming.Caption, incoming.ChannelCaptions, incoming.Pillar
	next.Format, next.Channels, next.Goal, next.Tier = incoming.Format, incoming.Channels, incoming.Goal, incoming.Tier
	next.ScheduledAt, next.TimeZone, next.DurationMinutes = incoming.ScheduledAt, incoming.TimeZone, incoming.DurationMinutes
	next.MediaPaths, next.CreatorID, next.UTMLink = incoming.MediaPaths, incoming.CreatorID, incoming.UTMLink
	if r.input.DurationMinutes == 0 {
		next.DurationMinutes = current.DurationMinutes
	}
	if samePost(current, next) {
		return "unchanged", current.ID, warnings, nil
	}
	if !postMutable(current.Status) {
		return "", 0, nil, backend.Errorf(backend.ECONFLICT, "%q is %s: an import does not change it.", current.Title, strings.ReplaceAll(string(current.Status), "_", " ")).
			Localized("import_post_published", "title", current.Title, "status", string(current.Status))
	}
	out, _, err := s.applyChange(ctx, tx, current, next, false, "imported")
	if err != nil {
		return "", 0, nil, err
	}
	return "updated", out.ID, warnings, nil
}

// samePost reports whether an import would change nothing of current.
func samePost(a, b backend.CalendarPost) bool {
	a, b = tidyPost(a), tidyPost(b)
	return a.Title == b.Title && a.Caption == b.Caption && maps.Equal(a.ChannelCaptions, b.ChannelCaptions) && a.Pillar == b.Pillar &&
		a.Format == b.Format && slices.Equal(a.Channels, b.Channels) && a.Goal == b.Goal && a.Tier == b.Tier &&
		samePostTime(a.ScheduledAt, b.ScheduledAt) && a.TimeZone == b.TimeZone && a.DurationMinutes == b.DurationMinutes &&
		slices.Equal(a.MediaPaths, b.MediaPaths) && sameCreator(a.CreatorID, b.CreatorID) && a.UTMLink == b.UTMLink
}

func sameCreator(a, b *int64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}
