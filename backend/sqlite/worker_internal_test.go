package sqlite

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"tend/backend"
)

// The background loop runs its steps at start, when woken and on the events it is told to wake on
// — not on others, not in a busy loop once its event stream closes — and stops with its context.
func TestLoop(t *testing.T) {
	var runs atomic.Int32
	wake := make(chan struct{}, 1)
	events := make(chan backend.Event)
	ctx, stop := context.WithCancel(context.Background())
	l := loop{
		steps:  []step{{"count", func(context.Context) (int, error) { runs.Add(1); return 0, nil }}},
		next:   func(context.Context) (time.Time, bool) { return time.Time{}, false },
		floor:  time.Millisecond,
		wake:   wake,
		events: events,
		wakeOn: func(e backend.Event) bool { return e.Name == backend.EventMessageReceived },
	}
	done := make(chan struct{})
	go func() { l.run(ctx, slog.New(slog.NewTextHandler(io.Discard, nil))); close(done) }()
	waitRuns := func(want int32) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for runs.Load() < want && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		time.Sleep(20 * time.Millisecond) // no extra run behind it
		if got := runs.Load(); got != want {
			t.Fatalf("%d runs, want %d", got, want)
		}
	}
	waitRuns(1)
	events <- backend.Event{Name: backend.EventAccountsChanged}
	waitRuns(1)
	events <- backend.Event{Name: backend.EventMessageReceived}
	waitRuns(2)
	wake <- struct{}{}
	waitRuns(3)
	close(events)
	waitRuns(3)
	stop()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the loop did not stop with its context")
	}
}
