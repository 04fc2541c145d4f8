package sqlite

import (
	"context"
	"log/slog"
	"time"

	"tend/backend"
)

// idleWait is how long a background loop sleeps with nothing due: it still looks every so often
// for a workspace switch or a change another process made to the same file.
const idleWait = 30 * time.Second

// step is one job of a background loop's pass (sending due replies, syncing accounts...).
type step struct {
	name string
	run  func(context.Context) (int, error)
}

// loop runs a background worker's steps until ctx ends: at start, when woken, when an event
// wakeOn accepts arrives, at the time next returns (not sooner than floor), and at least every
// idleWait.
type loop struct {
	steps  []step
	next   func(context.Context) (time.Time, bool)
	floor  time.Duration
	wake   <-chan struct{}
	events <-chan backend.Event
	wakeOn func(backend.Event) bool
}

func (l loop) run(ctx context.Context, log *slog.Logger) {
	for {
		for _, s := range l.steps {
			if _, err := s.run(ctx); err != nil && ctx.Err() == nil && !isNoWorkspace(err) {
				log.Warn(s.name, "err", err)
			}
		}
		wait := idleWait
		if next, ok := l.next(ctx); ok {
			wait = min(max(time.Until(next), l.floor), idleWait)
		}
		if !l.sleep(ctx, wait) {
			return
		}
	}
}

// sleep waits up to d for a reason to run again; false when ctx ended.
func (l *loop) sleep(ctx context.Context, d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return false
		case <-l.wake:
			return true
		case <-timer.C:
			return true
		case e, ok := <-l.events:
			if !ok {
				l.events = nil // a closed stream no longer wakes anything
			} else if l.wakeOn != nil && l.wakeOn(e) {
				return true
			}
		}
	}
}

// earliest returns the time query selects (one text column, empty for none) in the open workspace.
func earliest(ctx context.Context, ws *Workspaces, query string) (time.Time, bool) {
	db, err := ws.DB()
	if err != nil {
		return time.Time{}, false
	}
	var next string
	err = db.Read(ctx, func(tx *Tx) error { return tx.queryRow(ctx, query).Scan(&next) })
	if err != nil || next == "" {
		return time.Time{}, false
	}
	t, err := parseTime(next)
	return t, err == nil
}
