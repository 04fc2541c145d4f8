package triage_test

import (
	"testing"
	"time"

	"tend/backend"
)

func mustLocation(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("time zone %s unavailable: %v", name, err)
	}
	return loc
}

func TestSLABusinessHours(t *testing.T) {
	paris := mustLocation(t, "Europe/Paris")
	newYork := mustLocation(t, "America/New_York")
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	everyDay := append([]time.Weekday{time.Sunday, time.Saturday}, weekdays...)
	// A neutral, unescalated DM: only the per-kind deadline applies.
	const text = "ok"
	tests := []struct {
		name     string
		hours    *backend.BusinessHours
		minutes  int
		received time.Time
		want     time.Time
	}{
		{
			name: "no business hours", minutes: 120,
			received: time.Date(2026, 6, 5, 17, 30, 0, 0, paris),
			want:     time.Date(2026, 6, 5, 19, 30, 0, 0, paris),
		},
		{
			name:  "within hours",
			hours: &backend.BusinessHours{TimeZone: "Europe/Paris", Days: weekdays, Open: "09:00", Close: "18:00"}, minutes: 60,
			received: time.Date(2026, 6, 3, 10, 0, 0, 0, paris),
			want:     time.Date(2026, 6, 3, 11, 0, 0, 0, paris),
		},
		{
			name:  "friday evening rolls over the weekend",
			hours: &backend.BusinessHours{TimeZone: "Europe/Paris", Days: weekdays, Open: "09:00", Close: "18:00"}, minutes: 120,
			received: time.Date(2026, 6, 5, 17, 30, 0, 0, paris),
			want:     time.Date(2026, 6, 8, 10, 30, 0, 0, paris),
		},
		{
			name:  "received before opening",
			hours: &backend.BusinessHours{TimeZone: "Europe/Paris", Days: weekdays, Open: "09:00", Close: "18:00"}, minutes: 30,
			received: time.Date(2026, 6, 3, 6, 0, 0, 0, paris),
			want:     time.Date(2026, 6, 3, 9, 30, 0, 0, paris),
		},
		{
			name:  "spring DST change overnight keeps wall-clock opening",
			hours: &backend.BusinessHours{TimeZone: "Europe/Paris", Days: everyDay, Open: "09:00", Close: "18:00"}, minutes: 120,
			received: time.Date(2026, 3, 28, 17, 0, 0, 0, paris), // Saturday, CET; Sunday is CEST
			want:     time.Date(2026, 3, 29, 10, 0, 0, 0, paris),
		},
		{
			name:  "autumn DST change inside opening hours counts real time",
			hours: &backend.BusinessHours{TimeZone: "America/New_York", Days: everyDay, Open: "00:00", Close: "23:59"}, minutes: 180,
			received: time.Date(2026, 11, 1, 0, 30, 0, 0, newYork), // 02:00 EDT becomes 01:00 EST
			want:     time.Date(2026, 11, 1, 2, 30, 0, 0, newYork),
		},
		{
			name:  "message from another zone",
			hours: &backend.BusinessHours{TimeZone: "Europe/Paris", Days: weekdays, Open: "09:00", Close: "18:00"}, minutes: 60,
			received: time.Date(2026, 6, 3, 8, 0, 0, 0, newYork), // 14:00 in Paris
			want:     time.Date(2026, 6, 3, 9, 0, 0, 0, newYork),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			policy := backend.SLAPolicy{
				KindMinutes:   map[backend.ConversationKind]int{backend.ConversationDM: tt.minutes},
				BusinessHours: tt.hours,
			}
			engine := newEngine(t, policy)
			res := engine.Triage(backend.TriageInput{Text: text, Kind: backend.ConversationDM, Received: tt.received})
			if res.SLADue == nil {
				t.Fatal("no SLA due time")
			}
			if !res.SLADue.Equal(tt.want) {
				t.Errorf("due %s, want %s", res.SLADue, tt.want)
			}
		})
	}
}

func TestPriorityAndDefaultSLA(t *testing.T) {
	engine := newEngine(t, backend.DefaultSLAPolicy())
	received := time.Date(2026, 6, 3, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name         string
		in           backend.TriageInput
		wantPriority backend.Priority
		wantEscalate bool
		wantDue      time.Duration // 0: no deadline
	}{
		{"sale DM within an hour", backend.TriageInput{Text: "Bonjour, c'est combien la robe rouge en 38 ?", Kind: backend.ConversationDM},
			backend.PriorityHigh, false, time.Hour},
		{"busy post comment within two hours", backend.TriageInput{Text: "trop beau ce look 😍", Kind: backend.ConversationCommentThread, BusyPost: true},
			backend.PriorityLow, false, 2 * time.Hour},
		{"quiet post comment within a day", backend.TriageInput{Text: "trop beau ce look 😍", Kind: backend.ConversationCommentThread},
			backend.PriorityLow, false, 24 * time.Hour},
		{"influencer sale comment escalates within 24 h", backend.TriageInput{Text: "How much is the blue hoodie? Do you ship to Canada?", Kind: backend.ConversationCommentThread, Influencer: true},
			backend.PriorityHigh, true, 24 * time.Hour},
		{"angry refund request is urgent", backend.TriageInput{Text: "Je n'ai toujours pas reçu ma commande, je veux être remboursé", Kind: backend.ConversationCommentThread},
			backend.PriorityUrgent, true, time.Hour},
		{"polite refund question escalates", backend.TriageInput{Text: "Bonjour, comment se passe un remboursement chez vous ?", Kind: backend.ConversationDM},
			backend.PriorityHigh, true, time.Hour},
		{"legal threat is urgent", backend.TriageInput{Text: "I ordered three weeks ago, nothing came, my lawyer will contact you", Kind: backend.ConversationDM},
			backend.PriorityUrgent, true, time.Hour},
		{"threat is urgent", backend.TriageInput{Text: "I will find you and kill you", Kind: backend.ConversationLiveChat},
			backend.PriorityUrgent, true, 15 * time.Minute},
		{"repeated contact escalates", backend.TriageInput{Text: "any news about my order please?", Kind: backend.ConversationDM, RecentInbound: 4},
			backend.PriorityHigh, true, time.Hour},
		{"spam has no deadline", backend.TriageInput{Text: "WINNER!! Claim your free prize now, call 09061701461 to claim", Kind: backend.ConversationDM},
			backend.PriorityLow, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in.Received = received
			res := engine.Triage(tt.in)
			if res.Priority != tt.wantPriority || res.Escalate != tt.wantEscalate {
				t.Errorf("priority %s escalate %v (intent %s, reasons %v), want %s %v",
					res.Priority, res.Escalate, res.Intent, res.Reasons, tt.wantPriority, tt.wantEscalate)
			}
			switch {
			case tt.wantDue == 0 && res.SLADue != nil:
				t.Errorf("due %s, want none", res.SLADue)
			case tt.wantDue != 0 && (res.SLADue == nil || !res.SLADue.Equal(received.Add(tt.wantDue))):
				t.Errorf("due %v, want %s", res.SLADue, received.Add(tt.wantDue))
			}
		})
	}
}

func TestSLAPolicyValidate(t *testing.T) {
	tests := []struct {
		name   string
		policy backend.SLAPolicy
		ok     bool
	}{
		{"default", backend.DefaultSLAPolicy(), true},
		{"negative", backend.SLAPolicy{BusyPostMinutes: -1}, false},
		{"bad kind", backend.SLAPolicy{KindMinutes: map[backend.ConversationKind]int{"fax": 5}}, false},
		{"bad zone", backend.SLAPolicy{BusinessHours: &backend.BusinessHours{TimeZone: "Mars/Base", Days: []time.Weekday{1}, Open: "09:00", Close: "18:00"}}, false},
		{"no days", backend.SLAPolicy{BusinessHours: &backend.BusinessHours{TimeZone: "UTC", Open: "09:00", Close: "18:00"}}, false},
		{"closes before opening", backend.SLAPolicy{BusinessHours: &backend.BusinessHours{TimeZone: "UTC", Days: []time.Weekday{1}, Open: "18:00", Close: "09:00"}}, false},
		{"bad clock", backend.SLAPolicy{BusinessHours: &backend.BusinessHours{TimeZone: "UTC", Days: []time.Weekday{1}, Open: "9h", Close: "18:00"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.policy.Validate()
			if (err == nil) != tt.ok {
				t.Errorf("Validate() = %v, want ok=%v", err, tt.ok)
			}
			if err != nil && backend.ErrorCode(err) != backend.EINVALID {
				t.Errorf("error code %s, want EINVALID", backend.ErrorCode(err))
			}
		})
	}
}
