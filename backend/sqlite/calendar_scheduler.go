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
//  1. claim: scheduled → publishing; or, when no channel can be published through an API (no
//     account connected, a format or media the API cannot take), straight to due: a reminder for
//     a person to post it by hand, with the caption to copy and why no API could;
//  2. the publisher publishes it on each channel it can;
//  3. record: published; due when some channels are left for a person; failed when a platform
//     refused it.
//
// Ahead of that, platforms that schedule posts themselves (Facebook's scheduled_publish_time) are
// handed the post as soon as it is inside their window, so that it goes out even with the laptop
// closed; the same three steps guard the hand-over (handing_over → platform_scheduled). A post a
// platform holds is taken back there (deleted) before anything it would publish changes, and is
// counted as published on that channel when its time comes.
//
// A post whose time passed more than backend.PublishGrace ago when the worker first sees it was due
// while Tend was not running: it is missed, for a person to publish now or reschedule. A crash
// between 1 and 3 leaves the post publishing (or a channel handing_over); the next start marks it
// failed, for a person to check the platform, since a post must never go out twice.

// Wake makes the scheduler look at the calendar now.
func (s *CalendarService) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// interrupted is why a post left publishing or handing over by a previous run failed.
const interrupted = "Publishing was interrupted. Check the platforms, then mark it published or publish it again."

// recoverPublishing settles the posts a previous run left publishing or handing over, once per
// opened workspace.
func (s *CalendarService) recoverPublishing(ctx context.Context, db *DB) error {
	s.mu.Lock()
	done := s.ready == db
	s.mu.Unlock()
	if done {
		return nil
	}
	err := db.Write(ctx, func(tx *Tx) error {
		posts, err := listPostsWhere(ctx, tx, `status = 'publishing' OR publications LIKE '%"`+backend.PublicationHandingOver+`"%'`)
		if err != nil {
			return err
		}
		for _, p := range posts {
			next := p
			next.Status, next.LastError = backend.PostFailed, interrupted
			next.Publications = slices.Clone(p.Publications)
			for i, pub := range next.Publications {
				if pub.State == backend.PublicationHandingOver {
					next.Publications[i].State, next.Publications[i].Error = backend.PublicationFailed, interrupted
				}
			}
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

// listPostsWhere returns the posts matching a SQL condition on calendar_posts.
func listPostsWhere(ctx context.Context, tx *Tx, where string, args ...any) ([]backend.CalendarPost, error) {
	rows, err := tx.query(ctx, `SELECT `+postColumns+` FROM calendar_posts WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []backend.CalendarPost
	for rows.Next() {
		p, err := scanPost(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// channelPlan says which of a post's channels an API can publish, and why a person must post the
// others. It is worked out before the transactions that use it: the publisher may read the
// keyring.
type channelPlan struct {
	api     map[string]bool
	reasons map[string]*backend.Error
}

func (s *CalendarService) plan(ctx context.Context, p backend.CalendarPost) channelPlan {
	pl := channelPlan{api: map[string]bool{}, reasons: map[string]*backend.Error{}}
	for _, ch := range p.Channels {
		if s.publisher == nil {
			continue
		}
		if err := s.publisher.CanPublish(ctx, p, ch); err != nil {
			pl.reasons[ch] = backend.Public(err)
		} else {
			pl.api[ch] = true
		}
	}
	return pl
}

// reminder is the publication that leaves channel to a person.
func (pl channelPlan) reminder(channel string, at time.Time) backend.Publication {
	pub := backend.Publication{Channel: channel, State: backend.PublicationReminder, At: at}
	if r := pl.reasons[channel]; r != nil {
		pub.Error, pub.Reason = r.Message, r
	}
	return pub
}

// readPost reads post id in a transaction of its own.
func readPost(ctx context.Context, db *DB, id int64) (backend.CalendarPost, error) {
	var p backend.CalendarPost
	err := db.Read(ctx, func(tx *Tx) error {
		var err error
		p, err = findPost(ctx, tx, id)
		return err
	})
	return p, err
}

// hasPublication reports whether p has a publication on channel in one of states.
func hasPublication(p backend.CalendarPost, channel string, states ...string) bool {
	return slices.ContainsFunc(p.Publications, func(pub backend.Publication) bool {
		return pub.Channel == channel && slices.Contains(states, pub.State)
	})
}

// heldChannels returns the publications of p a platform holds or is being handed.
func heldChannels(p backend.CalendarPost) []backend.Publication {
	var out []backend.Publication
	for _, pub := range p.Publications {
		if pub.State == backend.PublicationPlatformScheduled || pub.State == backend.PublicationHandingOver {
			out = append(out, pub)
		}
	}
	return out
}

// settleHeld counts the channels a platform held as published: it is called when the post's time
// has come (a post is taken back before it is published early), and a channel a platform holds
// must never be published again by Tend.
func settleHeld(next *backend.CalendarPost) {
	for i, pub := range next.Publications {
		if pub.State == backend.PublicationPlatformScheduled {
			next.Publications[i].State, next.Publications[i].At = backend.PublicationPublished, *next.ScheduledAt
		}
	}
}

// claim moves p (scheduled, due, missed or failed) on: missed when its time passed long ago and
// missLate is set (unless the platforms held every channel); due when no channel left can be
// published through an API; else publishing. It returns whether the publisher must be called.
func (s *CalendarService) claim(ctx context.Context, tx *Tx, p backend.CalendarPost, pl channelPlan, missLate bool, actor, reason string) (bool, error) {
	next := p
	next.Publications = slices.Clone(p.Publications)
	settleHeld(&next)
	left := slices.DeleteFunc(slices.Clone(p.Channels), func(ch string) bool { return publishedOn(next, ch) })
	if len(left) > 0 && missLate && p.ScheduledAt.Before(tx.Now.Add(-backend.PublishGrace)) {
		next.Status = backend.PostMissed
		if err := savePost(ctx, tx, next); err != nil {
			return false, err
		}
		s.publishPosts(tx, true, p.ID)
		return false, s.audit(ctx, tx, actor, backend.AuditPostMissed, p, next, "its time passed while Tend was not running")
	}
	var byAPI, byHand []string
	for _, ch := range left {
		if pl.api[ch] {
			byAPI = append(byAPI, ch)
		} else {
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
		if !hasPublication(p, ch, backend.PublicationReminder) {
			next.Publications = append(next.Publications, pl.reminder(ch, tx.Now))
		}
	}
	next.Status, next.LastError = backend.PostDue, ""
	if len(byHand) == 0 {
		next.Status, next.PublishedAt = backend.PostPublished, &tx.Now
		if reason == "" {
			reason = "published by the platforms at its time"
		}
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
func (s *CalendarService) publish(ctx context.Context, db *DB, id int64, pl channelPlan, actor string) (backend.CalendarPost, error) {
	p, err := readPost(ctx, db, id)
	if err != nil {
		return p, err
	}
	var results []backend.Publication
	var failures []string
	now := db.Now().UTC()
	for _, ch := range p.Channels {
		if publishedOn(p, ch) || !pl.api[ch] {
			continue
		}
		pub, err := s.publisher.PublishPost(ctx, p, ch, nil)
		pub.Channel, pub.At = ch, now
		if err != nil {
			pub.State, pub.Error, pub.Reason = backend.PublicationFailed, backend.ErrorMessage(err), backend.Public(err)
			failures = append(failures, backend.PlatformName(ch)+": "+pub.Error)
		} else {
			pub.State = backend.PublicationPublished
		}
		results = append(results, pub)
	}
	var out backend.CalendarPost
	err = db.Write(ctx, func(tx *Tx) error {
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
			if !publishedOn(next, ch) && !pl.api[ch] {
				left = true
				if !hasPublication(current, ch, backend.PublicationReminder) {
					next.Publications = append(next.Publications, pl.reminder(ch, tx.Now))
				}
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
// reminder), marks missed those whose time passed while Tend was not running, and hands the posts
// inside a platform's own scheduling window to that platform. It returns how many posts it moved.
func (s *CalendarService) DueNow(ctx context.Context) (int, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return 0, err
	}
	if err := s.recoverPublishing(ctx, db); err != nil {
		return 0, err
	}
	var due []backend.CalendarPost
	if err := db.Read(ctx, func(tx *Tx) error {
		now := tx.Now.Add(time.Second)
		due, err = listPosts(ctx, tx, backend.PostFilter{Statuses: []backend.PostStatus{backend.PostScheduled}, To: &now})
		return err
	}); err != nil {
		return 0, err
	}
	plans := make(map[int64]channelPlan, len(due))
	for _, p := range due {
		plans[p.ID] = s.plan(ctx, p)
	}
	var claimed []int64
	moved := 0
	err = db.Write(ctx, func(tx *Tx) error {
		for _, seen := range due {
			p, err := findPost(ctx, tx, seen.ID)
			if backend.ErrorCode(err) == backend.ENOTFOUND {
				continue
			}
			if err != nil {
				return err
			}
			// Changed since it was read, or a platform is still being handed it: next pass.
			if p.Status != backend.PostScheduled || !p.UpdatedAt.Equal(seen.UpdatedAt) || slices.ContainsFunc(p.Publications, func(pub backend.Publication) bool {
				return pub.State == backend.PublicationHandingOver
			}) {
				continue
			}
			call, err := s.claim(ctx, tx, p, plans[p.ID], true, backend.ActorScheduler, "")
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
		if _, err := s.publish(ctx, db, id, plans[id], backend.ActorScheduler); err != nil {
			errs = append(errs, err)
		}
	}
	errs = append(errs, s.handOver(ctx, db))
	return moved, errors.Join(errs...)
}

// handOverMargin keeps a hand-over clear of the earliest time a platform accepts: the call itself
// takes time.
const handOverMargin = 2 * time.Minute

// handOver gives the platforms that schedule posts themselves the scheduled posts inside their
// window, one channel at a time: mark handing_over, call, record platform_scheduled (or
// platform_declined when the platform refuses; a temporary failure is tried again next pass).
func (s *CalendarService) handOver(ctx context.Context, db *DB) error {
	if s.publisher == nil {
		return nil
	}
	type window struct{ earliest, latest time.Duration }
	windows := map[string]window{}
	var widest time.Duration
	for _, ch := range backend.PostChannels {
		if e, l := s.publisher.NativeWindow(ch); l > 0 {
			windows[ch] = window{e + handOverMargin, l}
			widest = max(widest, l)
		}
	}
	if len(windows) == 0 {
		return nil
	}
	now := db.Now()
	from, to := now, now.Add(widest)
	var posts []backend.CalendarPost
	if err := db.Read(ctx, func(tx *Tx) error {
		var err error
		posts, err = listPosts(ctx, tx, backend.PostFilter{Statuses: []backend.PostStatus{backend.PostScheduled}, From: &from, To: &to})
		return err
	}); err != nil {
		return err
	}
	var errs []error
	for _, p := range posts {
		for _, ch := range p.Channels {
			w, ok := windows[ch]
			until := p.ScheduledAt.Sub(now)
			if !ok || until < w.earliest || until > w.latest || len(p.Publications) > 0 && hasPublication(p, ch, backend.PublicationPlatformScheduled,
				backend.PublicationHandingOver, backend.PublicationPlatformDeclined, backend.PublicationPublished) {
				continue
			}
			if s.publisher.CanPublish(ctx, p, ch) != nil {
				continue
			}
			if err := s.handOverChannel(ctx, db, p, ch); err != nil {
				errs = append(errs, err)
			}
			// The post changed (a publication was added): read it again before its next channel.
			var err error
			if p, err = readPost(ctx, db, p.ID); err != nil {
				break
			}
		}
	}
	return errors.Join(errs...)
}

// handOverChannel hands post p to the platform of channel, to publish at its time.
func (s *CalendarService) handOverChannel(ctx context.Context, db *DB, p backend.CalendarPost, channel string) error {
	marked := false
	err := db.Write(ctx, func(tx *Tx) error {
		current, err := findPost(ctx, tx, p.ID)
		if err != nil || current.Status != backend.PostScheduled || !current.UpdatedAt.Equal(p.UpdatedAt) {
			return err
		}
		next := current
		next.Publications = append(slices.Clone(current.Publications), backend.Publication{Channel: channel, State: backend.PublicationHandingOver, At: tx.Now})
		if err := savePost(ctx, tx, next); err != nil {
			return err
		}
		marked = true
		return nil
	})
	if err != nil || !marked {
		return err
	}
	pub, callErr := s.publisher.PublishPost(ctx, p, channel, p.ScheduledAt)
	temporary, _ := backend.Temporary(callErr)
	return db.Write(ctx, func(tx *Tx) error {
		current, err := findPost(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		next := current
		next.Publications = slices.DeleteFunc(slices.Clone(current.Publications), func(x backend.Publication) bool {
			return x.Channel == channel && x.State == backend.PublicationHandingOver
		})
		action, reason := backend.AuditPostHeld, backend.PlatformName(channel)+" holds it and publishes it at its time"
		switch {
		case callErr == nil:
			pub.Channel, pub.State, pub.At = channel, backend.PublicationPlatformScheduled, tx.Now
			next.Publications = append(next.Publications, pub)
		case temporary:
			action = ""
		default:
			next.Publications = append(next.Publications, backend.Publication{Channel: channel, State: backend.PublicationPlatformDeclined, At: tx.Now,
				Error: backend.ErrorMessage(callErr), Reason: backend.Public(callErr)})
			action, reason = backend.AuditPostDeclined, backend.PlatformName(channel)+" would not hold it ("+backend.ErrorMessage(callErr)+"); Tend publishes it at its time"
		}
		if err := savePost(ctx, tx, next); err != nil {
			return err
		}
		s.publishPosts(tx, action != "", p.ID)
		if action == "" {
			return nil
		}
		return s.audit(ctx, tx, backend.ActorScheduler, action, current, next, reason)
	})
}

// errPlatformHolds is what a change of a post a platform holds gets until takeBack deleted the
// platform's copy.
func errPlatformHolds(p backend.CalendarPost, pub backend.Publication) error {
	if pub.State == backend.PublicationHandingOver {
		return backend.Errorf(backend.ECONFLICT, "“%s” is being handed to %s: try again in a moment.", p.Title, backend.PlatformName(pub.Channel)).
			Localized("post_handing_over", "title", p.Title, "platform", pub.Channel)
	}
	return backend.Errorf(backend.ECONFLICT, "%s holds “%s” to publish it at its time: take it back first.", backend.PlatformName(pub.Channel), p.Title).
		Localized("post_platform_holds", "title", p.Title, "platform", pub.Channel)
}

// platformSees reports whether going from current to next changes what, when or where a platform
// holding current would publish.
func platformSees(current, next backend.CalendarPost) bool {
	return !samePostTime(current.ScheduledAt, next.ScheduledAt) || captionChanged(current, next) || next.Status != current.Status ||
		!slices.Equal(current.Channels, next.Channels) || !slices.Equal(current.MediaPaths, next.MediaPaths) ||
		current.UTMLink != next.UTMLink || current.Format != next.Format
}

// takeBack deletes the copies of post id the platforms hold, so that it can change. It fails,
// changing nothing, when a platform cannot be reached: the copy there would still go out.
func (s *CalendarService) takeBack(ctx context.Context, db *DB, id int64) error {
	p, err := readPost(ctx, db, id)
	if err != nil {
		return err
	}
	held := heldChannels(p)
	if len(held) == 0 {
		return nil
	}
	var cancelled []backend.Publication
	for _, pub := range held {
		if pub.State == backend.PublicationHandingOver {
			return errPlatformHolds(p, pub)
		}
		if err := s.publisher.CancelScheduled(ctx, pub); err != nil {
			return backend.Wrap(backend.ECONFLICT, err, "%s holds “%s” to publish it at its time and Tend could not take it back (%s). Try again when online, or delete it on %s.",
				backend.PlatformName(pub.Channel), p.Title, backend.ErrorMessage(err), backend.PlatformName(pub.Channel)).
				Localized("post_take_back_failed", "title", p.Title, "platform", pub.Channel, "reason", backend.ErrorMessage(err))
		}
		cancelled = append(cancelled, pub)
	}
	return db.Write(ctx, func(tx *Tx) error {
		current, err := findPost(ctx, tx, id)
		if err != nil {
			return err
		}
		next := current
		next.Publications = slices.DeleteFunc(slices.Clone(current.Publications), func(x backend.Publication) bool {
			return slices.ContainsFunc(cancelled, func(c backend.Publication) bool {
				return c.Channel == x.Channel && c.ExternalID == x.ExternalID && x.State == c.State
			})
		})
		if err := savePost(ctx, tx, next); err != nil {
			return err
		}
		s.publishPosts(tx, true, id)
		return s.audit(ctx, tx, s.actor, backend.AuditPostTakenBack, current, next, "deleted the copy the platform held, to change the post")
	})
}

// takingBack runs change; when it finds the post held by a platform, it takes the post back and
// runs change once more.
func (s *CalendarService) takingBack(ctx context.Context, db *DB, id int64, change func() error) error {
	err := change()
	var e *backend.Error
	if !errors.As(err, &e) || e.Key != "post_platform_holds" {
		return err
	}
	if err := s.takeBack(ctx, db, id); err != nil {
		return err
	}
	return change()
}

// PublishNow publishes a scheduled, due, missed or failed post at once: through the platforms'
// APIs where a publisher can, else as a reminder for a person to post it by hand. A copy a
// platform holds for later is taken back first.
func (s *CalendarService) PublishNow(ctx context.Context, id int64) (backend.CalendarPost, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.CalendarPost{}, err
	}
	if err := s.recoverPublishing(ctx, db); err != nil {
		return backend.CalendarPost{}, err
	}
	if err := s.takeBack(ctx, db, id); err != nil {
		return backend.CalendarPost{}, err
	}
	p, err := readPost(ctx, db, id)
	if err != nil {
		return p, err
	}
	pl := s.plan(ctx, p)
	call := false
	var out backend.CalendarPost
	err = db.Write(ctx, func(tx *Tx) error {
		current, err := findPost(ctx, tx, id)
		if err != nil {
			return err
		}
		switch current.Status {
		case backend.PostScheduled, backend.PostDue, backend.PostMissed, backend.PostFailed:
		default:
			return wrongPostState(current)
		}
		if held := heldChannels(current); len(held) > 0 {
			return errPlatformHolds(current, held[0])
		}
		if call, err = s.claim(ctx, tx, current, pl, false, s.actor, "a person asked to publish it now"); err != nil {
			return err
		}
		out, err = findPost(ctx, tx, id)
		return err
	})
	if err != nil || !call {
		return out, err
	}
	return s.publish(ctx, db, id, pl, s.actor)
}

// RunScheduler publishes scheduled posts when their time comes, until ctx ends: at start (marking
// missed what came due while Tend was closed), when woken (a post was scheduled), at the next
// post's time, and at least every 30 seconds (a workspace switch, a post scheduled by another
// process on the same file, a platform's window opening).
func (s *CalendarService) RunScheduler(ctx context.Context) {
	loop{
		steps: []step{{"calendar scheduler", s.DueNow}},
		next: func(ctx context.Context) (time.Time, bool) {
			return earliest(ctx, s.workspaces, `SELECT coalesce(min(scheduled_at), '') FROM calendar_posts WHERE status = 'scheduled'`)
		},
		floor: 50 * time.Millisecond,
		wake:  s.wake,
	}.run(ctx, s.log)
}
