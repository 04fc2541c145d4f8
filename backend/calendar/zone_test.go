package calendar_test

import (
	"testing"
	"time"

	"tend/backend"
	"tend/backend/calendar"
)

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestResolve(t *testing.T) {
	paris := mustZone(t, "Europe/Paris")
	tests := []struct {
		name, local string
		zone        *time.Location
		want        string // RFC 3339 in UTC
		key         string
		next        string
	}{
		{"Winter", "2026-01-15T18:00", paris, "2026-01-15T17:00:00Z", "", ""},
		{"Summer", "2026-07-15T18:00", paris, "2026-07-15T16:00:00Z", "", ""},
		{"Seconds", "2026-07-15T18:00:30", paris, "2026-07-15T16:00:30Z", "", ""},
		{"SpringForwardGap", "2026-03-29T02:30", paris, "", "post_time_gap", "2026-03-29T03:00"},
		{"GapStart", "2026-03-29T02:00", paris, "", "post_time_gap", "2026-03-29T03:00"},
		{"JustAfterGap", "2026-03-29T03:00", paris, "2026-03-29T01:00:00Z", "", ""},
		// 02:30 happens twice when clocks go back: the first one, in summer time.
		{"FallBackFirst", "2026-10-25T02:30", paris, "2026-10-25T00:30:00Z", "", ""},
		{"NewYorkGap", "2026-03-08T02:15", mustZone(t, "America/New_York"), "", "post_time_gap", "2026-03-08T03:00"},
		{"LordHoweHalfHourGap", "2026-10-04T02:10", mustZone(t, "Australia/Lord_Howe"), "", "post_time_gap", "2026-10-04T02:30"},
		{"UTC", "2026-03-29T02:30", time.UTC, "2026-03-29T02:30:00Z", "", ""},
		{"Malformed", "29/03/2026 02:30", paris, "", "post_local_invalid", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := calendar.Resolve(tc.local, tc.zone)
			if tc.key != "" {
				e, ok := err.(*backend.Error)
				if !ok || e.Code != backend.EINVALID || e.Key != tc.key {
					t.Fatalf("got %v, %v; want %s", got, err, tc.key)
				}
				if e.Params["next"] != tc.next && tc.next != "" {
					t.Errorf("next = %q, want %q (%s)", e.Params["next"], tc.next, e.Message)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s := got.UTC().Format(time.RFC3339); s != tc.want {
				t.Errorf("got %s, want %s", s, tc.want)
			}
		})
	}
}

func TestResolveGapMessage(t *testing.T) {
	_, err := calendar.Resolve("2026-03-29T02:30", mustZone(t, "Europe/Paris"))
	want := "2026-03-29T02:30 does not exist in Europe/Paris: the clocks go forward then. The next valid time is 2026-03-29T03:00."
	if backend.ErrorMessage(err) != want {
		t.Errorf("message %q, want %q", backend.ErrorMessage(err), want)
	}
}

func TestResolveLenient(t *testing.T) {
	paris := mustZone(t, "Europe/Paris")
	// RFC 5545 3.3.5: a skipped time takes the offset before the gap: 02:30 CET is 03:30 CEST.
	got := calendar.ResolveLenient(time.Date(2026, 3, 29, 2, 30, 0, 0, time.UTC), paris)
	if want := time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("gap: got %s, want %s", got.UTC(), want)
	}
	got = calendar.ResolveLenient(time.Date(2026, 10, 25, 2, 30, 0, 0, time.UTC), paris)
	if want := time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("repeated: got %s, want %s", got.UTC(), want)
	}
}

func TestWeekOf(t *testing.T) {
	for day, want := range map[string]string{"2026-03-29": "2026-03-23", "2026-03-30": "2026-03-30", "2026-04-01": "2026-03-30"} {
		d, _ := time.Parse(time.DateOnly, day)
		if got := calendar.WeekOf(d).Format(time.DateOnly); got != want {
			t.Errorf("WeekOf(%s) = %s, want %s", day, got, want)
		}
	}
	// Midnight does not exist on some days in some zones: the day starts at the first valid time.
	santiago := mustZone(t, "America/Santiago")
	d, _ := time.Parse(time.DateOnly, "2026-09-06")
	if got := calendar.StartOfDay(d, santiago).In(santiago).Format("15:04"); got != "01:00" {
		t.Errorf("Santiago's first hour of 2026-09-06 is %s, want 01:00", got)
	}
}
