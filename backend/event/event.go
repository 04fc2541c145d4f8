// Package event is an in-process publish/subscribe hub. Services publish after commit; transports
// subscribe and forward to the desktop window or to HTTP event streams.
package event

import (
	"sync"

	"tend/backend"
)

// subscriberBuffer is how many events a slow subscriber may lag behind before it misses some.
const subscriberBuffer = 256

// Hub fans events out to subscribers. The zero value is not usable: call NewHub.
type Hub struct {
	mu   sync.Mutex
	subs map[*Subscription]struct{}
}

// NewHub returns an empty hub.
func NewHub() *Hub {
	return &Hub{subs: make(map[*Subscription]struct{})}
}

// Subscription receives events on C until Close.
type Subscription struct {
	C      <-chan backend.Event
	c      chan backend.Event
	hub    *Hub
	once   sync.Once
	mu     sync.Mutex
	missed int
}

// Subscribe returns a new subscription to every event published from now on.
func (h *Hub) Subscribe() *Subscription {
	c := make(chan backend.Event, subscriberBuffer)
	s := &Subscription{C: c, c: c, hub: h}
	h.mu.Lock()
	h.subs[s] = struct{}{}
	h.mu.Unlock()
	return s
}

// Publish delivers the event to every subscriber without blocking: a subscriber whose buffer is
// full misses it, and Missed tells it so, because a stalled browser tab must not stall the app.
func (h *Hub) Publish(name string, payload any) {
	e := backend.Event{Name: name, Payload: payload}
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		select {
		case s.c <- e:
		default:
			s.mu.Lock()
			s.missed++
			s.mu.Unlock()
		}
	}
}

// Missed returns how many events were dropped because the subscriber lagged, and resets it.
func (s *Subscription) Missed() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.missed
	s.missed = 0
	return n
}

// Close stops delivery and closes C. It is safe to call more than once.
func (s *Subscription) Close() {
	s.once.Do(func() {
		s.hub.mu.Lock()
		delete(s.hub.subs, s)
		s.hub.mu.Unlock()
		close(s.c)
	})
}
