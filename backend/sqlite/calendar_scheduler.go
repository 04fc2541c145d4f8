package sqlite

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"tend/backend"
)

// The publishing worker. When a scheduled post's time comes while Tend runs (the desktop app or
// `tend serve`), DueNow hands it to the platforms in two transactions around the publisher calls:
//
//  1. claim: scheduled → publishing; or, when no channel can be published through an API (none
//     can until a publisher is wired), straight to due: a reminder for a person to post it by hand,
//     with the caption to copy;
//  2. the publisher publishes it on each channel it can;
//  3. record: published; due when some channels are left for a person; failed when a platform
//     refused it.
//
// A post whose time passed more than backend.PublishGrace ago when the worker first sees it was due
// while Tend was not running: it is missed, for a person to publish now or reschedule. A crash
// between 1 and 3 leaves the post publishing; the next start marks it failed, for a person to
// check the platform, since a post must never go out twice.

// Wake makes the scheduler look at the calendar now.
func (s *CalendarService) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// recoverPublishing settles the posts a previous run left publishing, once per opened workspace.
func (s *CalendarService) recoverPublishing(ctx context.Context, db *DB) error {
	s.mu.Lock()
	done := s.ready == db
	s.mu.Unlock()
	if done {
		return nil
	}
	err := db.Write(ctx, func(tx *Tx) error {
		posts, err := listPosts(ctx, tx, backend.PostFilter{Statuses: []backend.PostStatus{backend.PostPublishing}})
		if err != nil {
			return err
		}
		for _, p := range posts {
			next := p
			next.Status = backend.PostFailed
			next.LastError = "Publishing was interrupted. Check the platforms, then mark it published or publish it again."
			if err := savePost(ctx, tx, next); err != nil {
				return err
			}
			if err := s.audit(ctx, tx, backend.ActorScheduler, backend.AuditPostFailed, p, next, "interrupted while publishing"); err != nil {
				return err
			}
			s.publishPosts(tx, true, p.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.ready = db
	s.mu.Unlock()
	return nil
}

// canPublish reports whether the publisher can publish p on channel.
func (s *CalendarService) canPublish(p backend.CalendarPost, channel string) bool {
	return s.publisher != nil && s.publisher.CanPublish(channel, p.Format)
}

// claim moves p (scheduled, due, missed or failed) on: missed when its time passed long ago and
// missLate is set; due when no channel left can be published through an API; else publishing. It
// returns whether the publisher must be called.
func (s *CalendarService) claim(ctx context.Context, tx *Tx, p backend.CalendarPost, missLate bool, actor, reason string) (bool, error) {
	next := p
	next.Publications = slices.Clone(p.Publications)
	if missLate && p.ScheduledAt.Before(tx.Now.Add(-backend.PublishGrace)) {
		next.Status = backend.PostMissed
		if err := savePost(ctx, tx, next); err != nil {
			return false, err
		}
		s.publishPosts(tx, true, p.ID)
		return false, s.audit(ctx, tx, actor, backend.AuditPostMissed, p, next, "its time passed while Tend was not running")
	}
	var byAPI, byHand []string
	for _, ch := range p.Channels {
		switch {
		case publishedOn(p, ch):
		case s.canPublish(p, ch):
			byAPI = append(byAPI, ch)
		default:
			byHand = append(byHand, ch)
		}
	}
	if len(byAPI) > 0 {
		next.Status = backend.PostPublishing
		if err := savePost(ctx, tx, next); err != nil {
			return false, err
		}
		s.publishPosts(tx, false, p.ID)
		return true, nil
	}
	for _, ch := range byHand {
		if !slices.ContainsFunc(p.Publications, func(pub backend.Publication) bool {
			return pub.Channel == ch && pub.State == backend.PublicationReminder
		}) {
			next.Publications = append(next.Publications, backend.Publication{Channel: ch, State: backend.PublicationReminder, At: tx.Now})
		}
	}
	next.Status, next.LastError = backend.PostDue, ""
	if len(byHand) == 0 {
		next.Status, next.PublishedAt = backend.PostPublished, &tx.Now
	}
	if err := savePost(ctx, tx, next); err != nil {
		return false, err
	}
	s.publishPosts(tx, true, p.ID)
	if next.Status == backend.PostPublished {
		return false, s.audit(ctx, tx, actor, backend.AuditPostPublished, p, next, reason)
	}
	if reason == "" {
		reason = "no publishing API for " + strings.Join(byHand, ", ") + ": a person posts it by hand"
	}
	return false, s.audit(ctx, tx, actor, backend.AuditPostDue, p, next, reason)
}

// publish calls the publisher on each channel of a claimed post and records the outcome.
func (s *CalendarService) publish(ctx context.Context, db *DB, id int64, actor string) (backend.CalendarPost, error) {
	var p backend.CalendarPost
	if err := db.Read(ctx, func(tx *Tx) error {
		var err error
		p, err = findPost(ctx, tx, id)
		return err
	}); err != nil {
		return p, err
	}
	var results []backend.Publication
	var failures []string
	now := db.Now().UTC()
	for _, ch := range p.Channels {
		if publishedOn(p, ch) || !s.canPublish(p, ch) {
			continue
		}
		pub, err := s.publisher.PublishPost(ctx, p, ch)
		pub.Channel, pub.At = ch, now
		if err != nil {
			pub.State, pub.Error = backend.PublicationFailed, backend.ErrorMessage(err)
			failures = append(failures, backend.PlatformName(ch)+": "+pub.Error)
		} else {
			pub.State = backend.PublicationPublished
		}
		results = append(results, pub)
	}
	var out backend.CalendarPost
	err := db.Write(ctx, func(tx *Tx) error {
		current, err := findPost(ctx, tx, id)
		if err != nil {
			return err
		}
		if current.Status != backend.PostPublishing {
			out = current
			return nil
		}
		next := current
		next.Publications = append(slices.Clone(current.Publications), results...)
		left := false
		for _, ch := range current.Channels {
			if !publishedOn(next, ch) && !s.canPublish(current, ch) {
				left = true
				next.Publications = append(next.Publications, backend.Publication{Channel: ch, State: backend.PublicationReminder, At: tx.Now})
			}
		}
		action, reason := backend.AuditPostPublished, "published through the platforms' APIs"
		switch {
		case len(failures) > 0:
			next.Status, next.LastError, action, reason = backend.PostFailed, strings.Join(failures, "; "), backend.AuditPostFailed, strings.Join(failures, "; ")
		case left:
			next.Status, next.LastError, action, reason = backend.PostDue, "", backend.AuditPostDue, "published where an API allows it; a person posts the rest by hand"
		default:
			next.Status, next.LastError, next.PublishedAt = backend.PostPublished, "", &tx.Now
		}
		if err := savePost(ctx, tx, next); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, actor, action, current, next, reason); err != nil {
			return err
		}
		s.publishPosts(tx, true, id)
		out, err = findPost(ctx, tx, id)
		return err
	})
	return out, err
}

// DueNow hands every scheduled post whose time has come to the platforms (or to a person, as a
// reminder), and marks missed those whose time passed while Tend was not running. It returns how
// many posts it moved.
func (s *CalendarService) DueNow(ctx context.Context) (int, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return 0, err
	}
	if err := s.recoverPublishing(ctx, db); err != nil {
		return 0, err
	}
	var claimed []int64
	moved := 0
	err = db.Write(ctx, func(tx *Tx) error {
		now := tx.Now.Add(time.Second)
		posts, err := listPosts(ctx, tx, backend.PostFilter{Statuses: []backend.PostStatus{backend.PostScheduled}, To: &now})
		if err != nil {
			return err
		}
		for _, p := range posts {
			call, err := s.claim(ctx, tx, p, true, backend.ActorScheduler, "")
			if err != nil {
				return err
			}
			moved++
			if call {
				claimed = append(claimed, p.ID)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	var errs []error
	for _, id := range claimed {
		if _, err := s.publish(ctx, db, id, backend.ActorScheduler); err != nil {
			errs = append(errs, err)
		}
	}
	return moved, errors.Join(errs...)
}

// PublishNow publishes a scheduled, due, missed or failed post at once: through the platforms'
// APIs where a publisher can, else as a reminder for a person to post it by hand.
func (s *CalendarService) PublishNow(ctx context.Context, id int64) (backend.CalendarPost, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.CalendarPost{}, err
	}
	if err := s.recoverPublishing(ctx, db); err != nil {
		return backend.CalendarPost{}, err
	}
	call := false
	var out backend.CalendarPost
	err = db.Write(ctx, func(tx *Tx) error {
		p, err := findPost(ctx, tx, id)
		if err != nil {
			return err
		}
		switch p.Status {
		case backend.PostScheduled, backend.PostDue, backend.PostMissed, backend.PostFailed:
		default:
			return wrongPostState(p)
		}
		if call, err = s.claim(ctx, tx, p, false, s.actor, "a person asked to publish it now"); err != nil {
			return err
		}
		out, err = findPost(ctx, tx, id)
		return err
	})
	if err != nil || !call {
		return out, err
	}
	return s.publish(ctx, db, id, s.actor)
}

// nextScheduled returns the time of the next scheduled post.
func (s *CalendarService) nextScheduled(ctx context.Context) (time.Time, bool) {
	db, err := s.workspaces.DB()
	if err != nil {
		return time.Time{}, false
	}
	var next string
	err = db.Read(ctx, func(tx *Tx) error {
		return tx.queryRow(ctx, `SELECT coalesce(min(scheduled_at), '') FROM calendar_posts WHERE status = 'scheduled'`).Scan(&next)
	})
	if err != nil || next == "" {
		return time.Time{}, false
	}
	t, err := parseTime(next)
	return t, err == nil
}

// RunScheduler publishes scheduled posts when their time comes, until ctx ends: at start (marking
// missed what came due while Tend was closed), when woken (a post was scheduled), at the next
// post's time, and at least every 30 seconds (a workspace switch, a post scheduled by another
// process on the same file).
func (s *CalendarService) RunScheduler(ctx context.Context) {
	const idle = 30 * time.Second
	for {
		if _, err := s.DueNow(ctx); err != nil && ctx.Err() == nil && !isNoWorkspace(err) {
			s.log.Warn("calendar scheduler", "err", err)
		}
		wait := idle
		if next, ok := s.nextScheduled(ctx); ok {
			wait = min(max(time.Until(next), 50*time.Millisecond), idle)
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-s.wake:
		case <-timer.C:
		}
		timer.Stop()
	}
}
