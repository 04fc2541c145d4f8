package event_test

import (
	"testing"

	"tend/backend"
	"tend/backend/event"
)

func TestHub(t *testing.T) {
	t.Run("DeliversToEverySubscriber", func(t *testing.T) {
		hub := event.NewHub()
		a, b := hub.Subscribe(), hub.Subscribe()
		defer a.Close()
		defer b.Close()
		hub.Publish(backend.EventSettingsUpdated, "x")
		for _, s := range []*event.Subscription{a, b} {
			if e := <-s.C; e.Name != backend.EventSettingsUpdated || e.Payload != "x" {
				t.Fatalf("got %+v", e)
			}
		}
	})
	t.Run("ClosedSubscriptionGetsNothing", func(t *testing.T) {
		hub := event.NewHub()
		s := hub.Subscribe()
		s.Close()
		s.Close()
		hub.Publish("a:b", nil)
		if _, open := <-s.C; open {
			t.Fatal("channel still open after Close")
		}
	})
	t.Run("SlowSubscriberMissesInsteadOfBlocking", func(t *testing.T) {
		hub := event.NewHub()
		s := hub.Subscribe()
		defer s.Close()
		for range 300 {
			hub.Publish("a:b", nil)
		}
		if got := s.Missed(); got != 300-256 {
			t.Fatalf("missed %d, want %d", got, 300-256)
		}
		if got := s.Missed(); got != 0 {
			t.Fatalf("Missed did not reset: %d", got)
		}
	})
}
