package triage

import (
	"time"

	"tend/backend"
)

// maxBusinessDays bounds the walk over the calendar when rolling a deadline over closed hours.
const maxBusinessDays = 370

// slaClock applies an SLAPolicy, with its business hours resolved once.
type slaClock struct {
	policy    backend.SLAPolicy
	loc       *time.Location
	open      [7]bool
	openMin   int
	closeMin  int
	withHours bool
}

func newSLAClock(p backend.SLAPolicy) (*slaClock, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	c := &slaClock{policy: p}
	if h := p.BusinessHours; h != nil {
		c.withHours = true
		c.loc, _ = h.Location()
		c.openMin, _ = backend.ParseClock(h.Open)
		c.closeMin, _ = backend.ParseClock(h.Close)
		for _, d := range h.Days {
			c.open[d] = true
		}
	}
	return c, nil
}

// minutes returns the earliest applicable deadline in minutes, or 0 when none applies.
func (c *slaClock) minutes(in backend.TriageInput, intent backend.Intent, escalate bool) int {
	p := c.policy
	kind := in.Kind
	if kind == "" {
		kind = backend.ConversationDM
	}
	due := 0
	consider := func(m int) {
		if m > 0 && (due == 0 || m < due) {
			due = m
		}
	}
	consider(p.KindMinutes[kind])
	if kind != backend.ConversationCommentThread {
		consider(p.DMIntentMinutes[intent])
	}
	if kind == backend.ConversationCommentThread && in.BusyPost {
		consider(p.BusyPostMinutes)
	}
	if escalate {
		if intent == backend.IntentSale {
			consider(p.SaleEscalationMinutes)
		} else {
			consider(p.EscalationMinutes)
		}
	}
	return due
}

// due returns when a first answer is due, or nil when no rule applies.
func (c *slaClock) due(in backend.TriageInput, intent backend.Intent, escalate bool) *time.Time {
	m := c.minutes(in, intent, escalate)
	if m == 0 {
		return nil
	}
	d := time.Duration(m) * time.Minute
	var t time.Time
	if c.withHours {
		t = c.addOpenTime(in.Received, d)
	} else {
		t = in.Received.Add(d)
	}
	return &t
}

// addOpenTime adds d of open time to start: the clock stops outside business hours and resumes
// at the next opening. Opening and closing instants are built with time.Date in the policy's
// zone, so a day with a DST change still opens and closes at its wall-clock times and the
// elapsed time inside it is real time.
func (c *slaClock) addOpenTime(start time.Time, d time.Duration) time.Time {
	t := start.In(c.loc)
	for day := 0; day < maxBusinessDays; day++ {
		y, m, dd := t.Date()
		if c.open[t.Weekday()] {
			opens := time.Date(y, m, dd, c.openMin/60, c.openMin%60, 0, 0, c.loc)
			closes := time.Date(y, m, dd, c.closeMin/60, c.closeMin%60, 0, 0, c.loc)
			if t.Before(closes) {
				if t.Before(opens) {
					t = opens
				}
				if left := closes.Sub(t); d <= left {
					return t.Add(d).In(start.Location())
				}
				d -= closes.Sub(t)
			}
		}
		t = time.Date(y, m, dd+1, 0, 0, 0, 0, c.loc)
	}
	// Unreachable with a valid policy (at least one open day a week); keep the plain deadline.
	return start.Add(d)
}
