// Package calendar holds the content calendar's rules that need no database: wall-clock times in
// time zones (with their daylight-saving gaps), cadence and mix reports, and the iCalendar
// (RFC 5545) and CSV interchange formats.
package calendar

import (
	"slices"
	"strings"
	"time"

	"tend/backend"
)

// localLayouts are the wall-clock forms accepted: minutes, or seconds too.
var localLayouts = []string{backend.LocalLayout, "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02 15:04:05"}

// ParseWall reads a wall-clock time such as "2026-03-29T18:00" as a zone-less time (UTC fields).
func ParseWall(local string) (time.Time, error) {
	local = strings.TrimSpace(local)
	for _, layout := range localLayouts {
		if t, err := time.Parse(layout, local); err == nil {
			return t, nil
		}
	}
	return time.Time{}, backend.Errorf(backend.EINVALID, "Invalid date and time %q: write it like 2026-03-29T18:00.", local).
		Localized("post_local_invalid", "local", local)
}

// LoadZone returns the IANA time zone name, EINVALID when it is unknown. "" and "Local" are
// refused: a plan must not depend on the machine that reads it.
func LoadZone(name string) (*time.Location, error) {
	if name == "" || strings.EqualFold(name, "local") {
		return nil, backend.Errorf(backend.EINVALID, "Unknown time zone %q.", name).Localized("post_time_zone_unknown", "time_zone", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, backend.Errorf(backend.EINVALID, "Unknown time zone %q.", name).Localized("post_time_zone_unknown", "time_zone", name)
	}
	return loc, nil
}

// Local returns t on loc's clock as "2006-01-02T15:04".
func Local(t time.Time, loc *time.Location) string { return t.In(loc).Format(backend.LocalLayout) }

// sameWall reports whether t shows wall's date and time on loc's clock.
func sameWall(t time.Time, loc *time.Location, wall time.Time) bool {
	l := t.In(loc)
	y, mo, d := l.Date()
	wy, wmo, wd := wall.Date()
	return y == wy && mo == wmo && d == wd && l.Hour() == wall.Hour() && l.Minute() == wall.Minute() && l.Second() == wall.Second()
}

// instants returns every instant that shows wall on loc's clock, earliest first: one normally,
// two in the hour a clock goes back, none in the hour it skips.
func instants(wall time.Time, loc *time.Location) []time.Time {
	var out []time.Time
	for _, probe := range []time.Duration{-48 * time.Hour, 0, 48 * time.Hour} {
		_, offset := wall.Add(probe).In(loc).Zone()
		candidate := wall.Add(-time.Duration(offset) * time.Second)
		if sameWall(candidate, loc, wall) && !slices.ContainsFunc(out, candidate.Equal) {
			out = append(out, candidate)
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}

// nextValid returns the first wall-clock minute after wall that exists on loc's clock, and its
// instant.
func nextValid(wall time.Time, loc *time.Location) (time.Time, time.Time, bool) {
	start := wall.Truncate(time.Minute)
	for i := 1; i <= 48*60; i++ {
		w := start.Add(time.Duration(i) * time.Minute)
		if at := instants(w, loc); len(at) > 0 {
			return w, at[0], true
		}
	}
	return time.Time{}, time.Time{}, false
}

// Resolve returns the instant of the wall-clock time local in loc. In the hour a clock goes back,
// a time happens twice: it is the first. In the hour a clock skips, it does not exist: EINVALID
// (post_time_gap) saying so and suggesting the next valid time.
func Resolve(local string, loc *time.Location) (time.Time, error) {
	wall, err := ParseWall(local)
	if err != nil {
		return time.Time{}, err
	}
	if at := instants(wall, loc); len(at) > 0 {
		return at[0], nil
	}
	shown := wall.Format(backend.LocalLayout)
	next, _, ok := nextValid(wall, loc)
	if !ok {
		return time.Time{}, backend.Errorf(backend.EINVALID, "%s does not exist in %s.", shown, loc.String()).
			Localized("post_time_gap", "local", shown, "time_zone", loc.String(), "next", "")
	}
	suggestion := next.Format(backend.LocalLayout)
	return time.Time{}, backend.Errorf(backend.EINVALID,
		"%s does not exist in %s: the clocks go forward then. The next valid time is %s.", shown, loc.String(), suggestion).
		Localized("post_time_gap", "local", shown, "time_zone", loc.String(), "next", suggestion)
}

// ResolveLenient resolves a wall-clock time the way RFC 5545 (3.3.5) reads a DATE-TIME with a
// TZID: a repeated time is its first occurrence, and a skipped time is read with the UTC offset
// in force before the gap (02:30 on a spring-forward night in Paris is 03:30 summer time).
func ResolveLenient(wall time.Time, loc *time.Location) time.Time {
	if at := instants(wall, loc); len(at) > 0 {
		return at[0]
	}
	_, transition, ok := nextValid(wall, loc)
	if !ok {
		return wall.Add(-time.Duration(offsetAt(wall, loc)) * time.Second)
	}
	_, before := transition.Add(-time.Second).In(loc).Zone()
	return wall.Add(-time.Duration(before) * time.Second)
}

func offsetAt(t time.Time, loc *time.Location) int {
	_, offset := t.In(loc).Zone()
	return offset
}

// WeekOf returns the Monday (as a wall date) of the week holding day.
func WeekOf(day time.Time) time.Time {
	d := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	back := (int(d.Weekday()) + 6) % 7 // Monday = 0
	return d.AddDate(0, 0, -back)
}

// StartOfDay returns the first instant of the wall date day in loc (midnight, or the first time
// that exists when a clock skips midnight).
func StartOfDay(day time.Time, loc *time.Location) time.Time {
	wall := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	if at := instants(wall, loc); len(at) > 0 {
		return at[0]
	}
	_, at, _ := nextValid(wall, loc)
	return at
}

// Today returns now's wall date in loc.
func Today(now time.Time, loc *time.Location) time.Time {
	l := now.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
}
