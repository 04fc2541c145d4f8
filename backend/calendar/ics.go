package calendar

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"tend/backend"
)

// The iCalendar export (RFC 5545). Each dated post is a VEVENT:
//
//	UID            the post's UID, stable across exports
//	DTSTAMP        when the post last changed (RFC 5545 3.8.7.2: without METHOD, the revision time)
//	DTSTART        on the post's zone's clock with TZID (a VTIMEZONE describes each zone), or UTC
//	DURATION       how long the post occupies the calendar
//	SUMMARY        the title; DESCRIPTION the caption
//	CATEGORIES     the pillar's name, the format and the channels
//	STATUS         TENTATIVE until scheduled, CONFIRMED once scheduled or out, CANCELLED when failed
//	URL            the tracked link
//	X-TEND-...     what the standard has no property for (pillar key, goal, tier, status, captions per
//	               channel, media files, creator), so that exporting and importing loses nothing.
//
// Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character; TEXT values
// escape backslash, semicolon, comma and newline.

// ProdID names Tend as the producer of its iCalendar files.
const ProdID = "-//Tend//Content calendar//EN"

// maxLineOctets is the longest content line, CRLF excluded (RFC 5545 3.1).
const maxLineOctets = 75

const (
	utcLayout   = "20060102T150405Z"
	localICS    = "20060102T150405"
	dateLayout  = "20060102"
	xPrefix     = "X-TEND-"
	xCaption    = "X-TEND-CAPTION-"
	xPillar     = "X-TEND-PILLAR"
	xFormat     = "X-TEND-FORMAT"
	xChannels   = "X-TEND-CHANNELS"
	xGoal       = "X-TEND-GOAL"
	xTier       = "X-TEND-TIER"
	xStatus     = "X-TEND-STATUS"
	xMedia      = "X-TEND-MEDIA"
	xCreator    = "X-TEND-CREATOR-ID"
	xRole       = "X-TEND-SESSION-ROLE"
	xTimeZone   = "X-TEND-TIME-ZONE"
	wrCalName   = "X-WR-CALNAME"
	wrTimeZone  = "X-WR-TIMEZONE"
	defaultName = "Tend content calendar"
)

// EscapeText escapes a TEXT value (RFC 5545 3.3.11). Control characters other than tab and
// newline, which TEXT cannot hold, are dropped.
func EscapeText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == ';':
			b.WriteString(`\;`)
		case r == ',':
			b.WriteString(`\,`)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t' || (r >= 0x20 && r != 0x7f):
			if r == utf8.RuneError {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// UnescapeText reads a TEXT value. A backslash before any other character keeps that character.
func UnescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// splitList splits a list value on the commas that are not escaped, and unescapes each item.
func splitList(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ',':
			out = append(out, UnescapeText(s[start:i]))
			start = i + 1
		}
	}
	return append(out, UnescapeText(s[start:]))
}

// Fold writes line (no CRLF) as folded content lines, each at most 75 octets, ending in CRLF.
func Fold(b *strings.Builder, line string) {
	limit := maxLineOctets
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = maxLineOctets - 1 // the leading space counts
	}
	b.WriteString(line)
	b.WriteString("\r\n")
}

// paramValue quotes a parameter value that holds a colon, semicolon or comma; double quotes,
// which a parameter value cannot hold, are dropped.
func paramValue(v string) string {
	v = strings.Map(func(r rune) rune {
		if r == '"' || r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, v)
	if strings.ContainsAny(v, ":;,") {
		return `"` + v + `"`
	}
	return v
}

type icsWriter struct{ b strings.Builder }

func (w *icsWriter) line(name, value string, params ...string) {
	var l strings.Builder
	l.WriteString(name)
	for i := 0; i+1 < len(params); i += 2 {
		l.WriteString(";" + params[i] + "=" + paramValue(params[i+1]))
	}
	l.WriteString(":" + value)
	Fold(&w.b, l.String())
}

func (w *icsWriter) text(name, value string) { w.line(name, EscapeText(value)) }

func textList(values []string) string {
	escaped := make([]string, len(values))
	for i, v := range values {
		escaped[i] = EscapeText(v)
	}
	return strings.Join(escaped, ",")
}

// icsStatus maps a post's status to the VEVENT STATUS.
func icsStatus(s backend.PostStatus) string {
	switch s {
	case backend.PostScheduled, backend.PostPublishing, backend.PostDue, backend.PostPublished:
		return "CONFIRMED"
	case backend.PostFailed:
		return "CANCELLED"
	}
	return "TENTATIVE"
}

// span is a range of years.
type span struct{ from, to int }

// isUTC reports whether zone is UTC under one of its names.
func isUTC(zone string) bool {
	switch zone {
	case "UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Universal", "Zulu", "Etc/Zulu":
		return true
	}
	return false
}

// ExportICS writes the dated posts as an iCalendar file named name ("" for the default), with
// pillar names from settings. Undated posts have no place in a calendar and are left out.
func ExportICS(posts []backend.CalendarPost, settings backend.CalendarSettings, name string) string {
	if strings.TrimSpace(name) == "" {
		name = defaultName
	}
	var w icsWriter
	w.line("BEGIN", "VCALENDAR")
	w.line("VERSION", "2.0")
	w.line("PRODID", ProdID)
	w.line("CALSCALE", "GREGORIAN")
	w.text(wrCalName, name)
	if settings.TimeZone != "" {
		w.text(wrTimeZone, settings.TimeZone)
	}

	// One VTIMEZONE per zone, covering the years of its events.
	zones := map[string]span{}
	for _, p := range posts {
		if p.ScheduledAt == nil || isUTC(p.TimeZone) {
			continue
		}
		if _, err := time.LoadLocation(p.TimeZone); err != nil {
			continue
		}
		y := p.ScheduledAt.Year()
		sp, ok := zones[p.TimeZone]
		if !ok {
			sp = span{y, y}
		}
		zones[p.TimeZone] = span{min(sp.from, y), max(sp.to, y)}
	}
	names := make([]string, 0, len(zones))
	for z := range zones {
		names = append(names, z)
	}
	sort.Strings(names)
	for _, z := range names {
		loc, _ := time.LoadLocation(z)
		writeTimeZone(&w, loc, zones[z].from-1, zones[z].to+1)
	}

	for _, p := range posts {
		if p.ScheduledAt == nil {
			continue
		}
		writeEvent(&w, p, settings, zones)
	}
	w.line("END", "VCALENDAR")
	return w.b.String()
}

func writeEvent(w *icsWriter, p backend.CalendarPost, settings backend.CalendarSettings, zones map[string]span) {
	w.line("BEGIN", "VEVENT")
	w.text("UID", p.UID)
	stamp := p.UpdatedAt
	if stamp.IsZero() {
		stamp = *p.ScheduledAt
	}
	w.line("DTSTAMP", stamp.UTC().Format(utcLayout))
	if !p.CreatedAt.IsZero() {
		w.line("CREATED", p.CreatedAt.UTC().Format(utcLayout))
		w.line("LAST-MODIFIED", stamp.UTC().Format(utcLayout))
	}
	if _, ok := zones[p.TimeZone]; ok {
		loc, _ := time.LoadLocation(p.TimeZone)
		w.line("DTSTART", p.ScheduledAt.In(loc).Format(localICS), "TZID", p.TimeZone)
	} else {
		w.line("DTSTART", p.ScheduledAt.UTC().Format(utcLayout))
	}
	minutes := p.DurationMinutes
	if minutes <= 0 {
		minutes = backend.DefaultPostMinutes
	}
	w.line("DURATION", "PT"+strconv.Itoa(minutes)+"M")
	w.text("SUMMARY", p.Title)
	if p.Caption != "" {
		w.text("DESCRIPTION", p.Caption)
	}
	var categories []string
	if p.Pillar != "" {
		categories = append(categories, settings.PillarName(p.Pillar))
	}
	categories = append(categories, string(p.Format))
	categories = append(categories, p.Channels...)
	w.line("CATEGORIES", textList(categories))
	w.line("STATUS", icsStatus(p.Status))
	if p.UTMLink != "" {
		w.line("URL", strings.Map(func(r rune) rune {
			if r < 0x21 || r == 0x7f {
				return -1
			}
			return r
		}, p.UTMLink))
	}
	w.text(xStatus, string(p.Status))
	if p.Pillar != "" {
		w.text(xPillar, p.Pillar)
	}
	w.text(xFormat, string(p.Format))
	w.line(xChannels, textList(p.Channels))
	w.text(xGoal, string(p.Goal))
	w.text(xTier, string(p.Tier))
	w.text(xTimeZone, p.TimeZone)
	channels := make([]string, 0, len(p.ChannelCaptions))
	for ch := range p.ChannelCaptions {
		channels = append(channels, ch)
	}
	sort.Strings(channels)
	for _, ch := range channels {
		w.text(xCaption+strings.ToUpper(ch), p.ChannelCaptions[ch])
	}
	if len(p.MediaPaths) > 0 {
		w.line(xMedia, textList(p.MediaPaths))
	}
	if p.CreatorID != nil {
		w.line(xCreator, strconv.FormatInt(*p.CreatorID, 10))
	}
	if p.SessionRole != "" {
		w.text(xRole, string(p.SessionRole))
	}
	w.line("END", "VEVENT")
}

// writeTimeZone describes loc's offsets from January of the year from to the end of the year to:
// the offset in force at the start, then one observance per change of offset, found in Go's
// time-zone database.
func writeTimeZone(w *icsWriter, loc *time.Location, from, to int) {
	start := time.Date(from, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(to+1, 1, 1, 0, 0, 0, 0, time.UTC)
	w.line("BEGIN", "VTIMEZONE")
	w.line("TZID", paramSafe(loc.String()))
	observance(w, start.In(loc), offsetAt(start, loc), start.In(loc).IsDST())
	prev := start
	for t := start.Add(24 * time.Hour); !t.After(end); t = t.Add(24 * time.Hour) {
		if offsetAt(t, loc) == offsetAt(prev, loc) {
			prev = t
			continue
		}
		// Binary search for the first second of the new offset.
		lo, hi := prev, t
		for hi.Sub(lo) > time.Second {
			mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second)
			if mid.Equal(lo) {
				break
			}
			if offsetAt(mid, loc) == offsetAt(lo, loc) {
				lo = mid
			} else {
				hi = mid
			}
		}
		before := offsetAt(lo, loc)
		// The onset is written on the clock of the offset in force before it.
		onset := hi.In(time.FixedZone("", before))
		observanceFrom(w, onset, before, offsetAt(hi, loc), hi.In(loc).IsDST(), abbreviation(hi, loc))
		prev = t
	}
	w.line("END", "VTIMEZONE")
}

func observance(w *icsWriter, local time.Time, offset int, dst bool) {
	observanceFrom(w, local, offset, offset, dst, abbreviation(local, local.Location()))
}

func observanceFrom(w *icsWriter, onset time.Time, from, to int, dst bool, name string) {
	kind := "STANDARD"
	if dst {
		kind = "DAYLIGHT"
	}
	w.line("BEGIN", kind)
	w.line("DTSTART", onset.Format(localICS))
	w.line("TZOFFSETFROM", utcOffset(from))
	w.line("TZOFFSETTO", utcOffset(to))
	if name != "" {
		w.text("TZNAME", name)
	}
	w.line("END", kind)
}

func abbreviation(t time.Time, loc *time.Location) string {
	name, _ := t.In(loc).Zone()
	return name
}

// utcOffset writes an offset in seconds as +HHMM, or +HHMMSS when it has seconds.
func utcOffset(seconds int) string {
	sign := "+"
	if seconds < 0 {
		sign, seconds = "-", -seconds
	}
	out := sign + pad2(seconds/3600) + pad2(seconds%3600/60)
	if s := seconds % 60; s != 0 {
		out += pad2(s)
	}
	return out
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// paramSafe keeps a TZID value writable as text.
func paramSafe(s string) string { return EscapeText(s) }

// iCalendar properties the import accepts without using them (the ones it reads are in
// readEvent); any other is counted as ignored.
var (
	eventAccepted = []string{"DTSTAMP", "CREATED", "LAST-MODIFIED", "SEQUENCE"}
	calAccepted   = []string{"VERSION", "PRODID", "CALSCALE", "METHOD", wrCalName, wrTimeZone, "X-WR-CALDESC"}
)

// Event is a VEVENT as the import reads it.
type Event struct {
	Line        int // where its BEGIN:VEVENT is
	UID         string
	Summary     string
	Description string
	Status      string // upper case
	URL         string
	Categories  []string
	// Start is the event's instant; Zone the IANA zone of its TZID, "" for UTC or floating times.
	Start    time.Time
	Zone     string
	AllDay   bool
	Duration time.Duration
	Repeats  bool // it had an RRULE or RDATE: only its first occurrence is imported
	// Tend holds the X-TEND-... properties, unescaped, by name.
	Tend map[string]string
}

// Parsed is what ParseICS read.
type Parsed struct {
	Events   []Event
	Problems []backend.ImportProblem
	Ignored  []backend.IgnoredProperty
}

// contentLine is one unfolded line.
type contentLine struct {
	line   int
	name   string
	params map[string]string
	value  string
}

// ParseICS reads an iCalendar file. Lines may end in CRLF or LF; folded lines are unfolded.
// Events are read from every VCALENDAR in the file; properties and components the import does not
// use are counted in Ignored. A time with a TZID that is an IANA zone is read on that zone's clock
// (RFC 5545 3.3.5: a repeated time is its first occurrence, a skipped one takes the offset before
// the gap); a time with another TZID, a floating time and a date are read in defaultZone (a date
// at 09:00), with a warning. Malformed lines and unbalanced components are EINVALID with their
// line; an event without a start or with an unreadable one is a problem and is skipped.
func ParseICS(text string, defaultZone *time.Location) (Parsed, error) {
	var out Parsed
	if len(text) > backend.MaxImportBytes {
		return out, errTooLarge()
	}
	if !utf8.ValidString(text) {
		return out, backend.Errorf(backend.EINVALID, "The file is not UTF-8 text.").Localized("import_not_utf8")
	}
	lines, err := unfold(text)
	if err != nil {
		return out, err
	}
	ignored := map[string]int{}
	var stack []string
	var event *Event
	var eventLines []contentLine
	seenCalendar := false
	calZone := defaultZone
	for _, l := range lines {
		switch l.name {
		case "BEGIN":
			comp := strings.ToUpper(strings.TrimSpace(l.value))
			if comp == "" {
				return out, lineError(l.line, "the BEGIN line names no component.")
			}
			if len(stack) == 0 && comp != "VCALENDAR" {
				return out, backend.Errorf(backend.EINVALID, "Line %d: an iCalendar file starts with BEGIN:VCALENDAR.", l.line).
					Localized("ics_not_calendar", "line", strconv.Itoa(l.line))
			}
			if len(stack) >= 8 {
				return out, lineError(l.line, "components are nested too deep.")
			}
			if comp == "VCALENDAR" {
				if len(stack) > 0 {
					return out, lineError(l.line, "a VCALENDAR cannot be inside another component.")
				}
				seenCalendar = true
			}
			if len(stack) == 1 && comp == "VEVENT" {
				event = &Event{Line: l.line, Tend: map[string]string{}}
				eventLines = eventLines[:0]
			} else if len(stack) >= 1 && comp != "VTIMEZONE" && !(len(stack) >= 2 && stack[1] == "VTIMEZONE") {
				ignored[comp]++
			}
			stack = append(stack, comp)
		case "END":
			comp := strings.ToUpper(strings.TrimSpace(l.value))
			if len(stack) == 0 || stack[len(stack)-1] != comp {
				want := "nothing"
				if len(stack) > 0 {
					want = "END:" + stack[len(stack)-1]
				}
				return out, backend.Errorf(backend.EINVALID, "Line %d: END:%s does not close the open component (%s expected).", l.line, comp, want).
					Localized("ics_component_mismatch", "line", strconv.Itoa(l.line), "component", comp)
			}
			stack = stack[:len(stack)-1]
			if comp == "VEVENT" && len(stack) == 1 && event != nil {
				if problem := readEvent(event, eventLines, calZone, ignored); problem != nil {
					out.Problems = append(out.Problems, *problem)
				} else {
					out.Events = append(out.Events, *event)
				}
				event = nil
			}
		default:
			switch {
			case len(stack) == 0:
				return out, backend.Errorf(backend.EINVALID, "Line %d: an iCalendar file starts with BEGIN:VCALENDAR.", l.line).
					Localized("ics_not_calendar", "line", strconv.Itoa(l.line))
			case len(stack) == 1:
				if l.name == wrTimeZone {
					if loc, err := LoadZone(strings.TrimSpace(UnescapeText(l.value))); err == nil {
						calZone = loc
					}
				}
				if !slices.Contains(calAccepted, l.name) {
					ignored[l.name]++
				}
			case len(stack) == 2 && stack[1] == "VEVENT":
				eventLines = append(eventLines, l)
			}
		}
		if len(out.Events) > backend.MaxImportRows {
			return out, errTooLarge()
		}
	}
	if len(stack) > 0 {
		return out, backend.Errorf(backend.EINVALID, "The file ends before END:%s.", stack[len(stack)-1]).
			Localized("ics_unterminated", "component", stack[len(stack)-1])
	}
	if !seenCalendar {
		return out, backend.Errorf(backend.EINVALID, "Line 1: an iCalendar file starts with BEGIN:VCALENDAR.").
			Localized("ics_not_calendar", "line", "1")
	}
	for name, n := range ignored {
		out.Ignored = append(out.Ignored, backend.IgnoredProperty{Name: name, Count: n})
	}
	sort.Slice(out.Ignored, func(i, j int) bool { return out.Ignored[i].Name < out.Ignored[j].Name })
	return out, nil
}

func errTooLarge() error {
	return backend.Errorf(backend.EINVALID, "The file is too large: at most %d MB and %d posts.", backend.MaxImportBytes>>20, backend.MaxImportRows).
		Localized("import_too_large", "megabytes", strconv.Itoa(backend.MaxImportBytes>>20), "rows", strconv.Itoa(backend.MaxImportRows))
}

func lineError(line int, message string) error {
	return backend.Errorf(backend.EINVALID, "Line %d: %s", line, message).Localized("ics_line_invalid", "line", strconv.Itoa(line))
}

// unfold splits text into content lines, joining folded ones (a line starting with a space or a
// tab continues the previous one) and parsing each.
func unfold(text string) ([]contentLine, error) {
	text = strings.TrimPrefix(text, "\ufeff")
	raw := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var out []contentLine
	var current strings.Builder
	startLine := 0
	flush := func() error {
		if current.Len() == 0 {
			return nil
		}
		l, err := parseLine(current.String(), startLine)
		if err != nil {
			return err
		}
		out = append(out, l)
		current.Reset()
		return nil
	}
	for i, r := range raw {
		r = strings.TrimSuffix(r, "\r")
		if len(r) > 0 && (r[0] == ' ' || r[0] == '\t') {
			if current.Len() == 0 {
				return nil, lineError(i+1, "a continuation line (one starting with a space) has nothing to continue.")
			}
			current.WriteString(r[1:])
			continue
		}
		if err := flush(); err != nil {
			return nil, err
		}
		if r == "" {
			continue
		}
		startLine = i + 1
		current.WriteString(r)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

func isNameChar(c byte) bool {
	return c == '-' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
}

// parseLine reads name *(";" param) ":" value.
func parseLine(s string, line int) (contentLine, error) {
	l := contentLine{line: line}
	i := 0
	for i < len(s) && isNameChar(s[i]) {
		i++
	}
	if i == 0 || i == len(s) || (s[i] != ';' && s[i] != ':') {
		return l, lineError(line, "this is not a property line (NAME:value).")
	}
	l.name = strings.ToUpper(s[:i])
	for i < len(s) && s[i] == ';' {
		i++
		start := i
		for i < len(s) && isNameChar(s[i]) {
			i++
		}
		if i == start || i == len(s) || s[i] != '=' {
			return l, lineError(line, "a parameter must be NAME=value.")
		}
		name := strings.ToUpper(s[start:i])
		i++
		var values []string
		for {
			if i < len(s) && s[i] == '"' {
				end := strings.IndexByte(s[i+1:], '"')
				if end < 0 {
					return l, lineError(line, "a quoted parameter value is not closed.")
				}
				values = append(values, s[i+1:i+1+end])
				i += end + 2
			} else {
				start := i
				for i < len(s) && s[i] != ',' && s[i] != ';' && s[i] != ':' && s[i] != '"' {
					i++
				}
				values = append(values, s[start:i])
			}
			if i < len(s) && s[i] == ',' {
				i++
				continue
			}
			break
		}
		if l.params == nil {
			l.params = map[string]string{}
		}
		l.params[name] = strings.Join(values, ",")
	}
	if i == len(s) || s[i] != ':' {
		return l, lineError(line, "a property needs a colon before its value.")
	}
	l.value = s[i+1:]
	return l, nil
}

// readEvent fills ev from its properties; a problem means the event cannot be imported.
func readEvent(ev *Event, lines []contentLine, zone *time.Location, ignored map[string]int) *backend.ImportProblem {
	var start, end *contentLine
	var duration string
	for i := range lines {
		l := &lines[i]
		switch {
		case l.name == "UID":
			ev.UID = strings.TrimSpace(UnescapeText(l.value))
		case l.name == "SUMMARY":
			ev.Summary = UnescapeText(l.value)
		case l.name == "DESCRIPTION":
			ev.Description = UnescapeText(l.value)
		case l.name == "STATUS":
			ev.Status = strings.ToUpper(strings.TrimSpace(l.value))
		case l.name == "URL":
			ev.URL = strings.TrimSpace(l.value)
		case l.name == "CATEGORIES":
			for _, c := range splitList(l.value) {
				if c = strings.TrimSpace(c); c != "" {
					ev.Categories = append(ev.Categories, c)
				}
			}
		case l.name == "DTSTART":
			start = l
		case l.name == "DTEND":
			end = l
		case l.name == "DURATION":
			duration = strings.TrimSpace(l.value)
		case l.name == "RRULE" || l.name == "RDATE":
			ev.Repeats = true
			ignored[l.name]++
		case strings.HasPrefix(l.name, xPrefix):
			if l.name == xChannels || l.name == xMedia {
				ev.Tend[l.name] = l.value // a list: split by the reader
			} else {
				ev.Tend[l.name] = UnescapeText(l.value)
			}
		case slices.Contains(eventAccepted, l.name):
		default:
			ignored[l.name]++
		}
	}
	problem := func(message, key string, params ...string) *backend.ImportProblem {
		p := backend.ImportProblem{Line: ev.Line, Message: message, Key: key, Params: map[string]string{"line": strconv.Itoa(ev.Line)}}
		for i := 0; i+1 < len(params); i += 2 {
			p.Params[params[i]] = params[i+1]
		}
		return &p
	}
	if start == nil {
		return problem("The event has no start (DTSTART).", "ics_event_no_start")
	}
	var err error
	ev.Start, ev.Zone, ev.AllDay, err = readDateTime(*start, zone)
	if err != nil {
		return problem("The event's start cannot be read: "+start.value+".", "ics_event_bad_start", "value", start.value)
	}
	switch {
	case duration != "":
		if d, ok := parseDuration(duration); ok && d >= 0 {
			ev.Duration = d
		}
	case end != nil:
		if e, _, _, err := readDateTime(*end, zone); err == nil && e.After(ev.Start) {
			ev.Duration = e.Sub(ev.Start)
		}
	}
	return nil
}

// readDateTime reads a DATE-TIME or DATE property: its instant, its IANA zone ("" for UTC or when
// read in the default zone) and whether it is a date.
func readDateTime(l contentLine, zone *time.Location) (time.Time, string, bool, error) {
	v := strings.TrimSpace(l.value)
	if strings.EqualFold(l.params["VALUE"], "DATE") || (len(v) == 8 && !strings.Contains(v, "T")) {
		d, err := time.Parse(dateLayout, v)
		if err != nil {
			return time.Time{}, "", false, err
		}
		wall := time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, time.UTC)
		return ResolveLenient(wall, zone), "", true, nil
	}
	if strings.HasSuffix(v, "Z") {
		t, err := time.Parse(utcLayout, v)
		return t, "", false, err
	}
	wall, err := time.Parse(localICS, v)
	if err != nil {
		return time.Time{}, "", false, err
	}
	if tzid := strings.TrimPrefix(l.params["TZID"], "/"); tzid != "" {
		if loc, err := LoadZone(tzid); err == nil {
			return ResolveLenient(wall, loc), loc.String(), false, nil
		}
	}
	return ResolveLenient(wall, zone), "", false, nil
}

// parseDuration reads an RFC 5545 DURATION: [+-]P nW, or P [nD] [T [nH] [nM] [nS]].
func parseDuration(s string) (time.Duration, bool) {
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return 0, false
	}
	s = s[1:]
	var d time.Duration
	inTime := false
	seen := false
	for len(s) > 0 {
		if s[0] == 'T' {
			if inTime {
				return 0, false
			}
			inTime, s = true, s[1:]
			continue
		}
		n := 0
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 0 || n == len(s) || n > 6 {
			return 0, false
		}
		v, _ := strconv.Atoi(s[:n])
		unit := s[n]
		s = s[n+1:]
		switch {
		case unit == 'W' && !inTime:
			d += time.Duration(v) * 7 * 24 * time.Hour
		case unit == 'D' && !inTime:
			d += time.Duration(v) * 24 * time.Hour
		case unit == 'H' && inTime:
			d += time.Duration(v) * time.Hour
		case unit == 'M' && inTime:
			d += time.Duration(v) * time.Minute
		case unit == 'S' && inTime:
			d += time.Duration(v) * time.Second
		default:
			return 0, false
		}
		seen = true
	}
	if !seen {
		return 0, false
	}
	if neg {
		d = -d
	}
	return d, true
}

// EventPost turns an imported event into a post: its UID, the status the file gives it (none
// when the file does not say) and its fields. Pillar, format and channels come from the
// X-TEND-... properties when present (a Tend export), else from the categories that name a
// pillar (by key or name), a format or a platform; the rest takes the defaults (a micro-article
// for awareness, core tier). Warnings say what was normalised.
func EventPost(ev Event, s backend.CalendarSettings, defaultZone string) (string, backend.PostStatus, backend.PostInput, []backend.ImportProblem) {
	var warnings []backend.ImportProblem
	warn := func(message, key string, params ...string) {
		p := backend.ImportProblem{Line: ev.Line, Message: message, Key: key, Params: map[string]string{"line": strconv.Itoa(ev.Line)}, Warning: true}
		for i := 0; i+1 < len(params); i += 2 {
			p.Params[params[i]] = params[i+1]
		}
		warnings = append(warnings, p)
	}
	in := backend.PostInput{
		Title: strings.TrimSpace(ev.Summary), Caption: ev.Description, Format: backend.FormatMicroArticle,
		Goal: backend.GoalAwareness, Tier: backend.TierCore, TimeZone: ev.Zone, ChannelCaptions: map[string]string{},
	}
	if in.Title == "" {
		in.Title = firstLine(ev.Description, backend.MaxPostTitleRunes)
		if in.Title == "" {
			in.Title = "(untitled)"
		}
		warn("The event has no title (SUMMARY): it was named after its description.", "ics_event_no_title")
	}
	if utf8.RuneCountInString(in.Title) > backend.MaxPostTitleRunes {
		in.Title = string([]rune(in.Title)[:backend.MaxPostTitleRunes])
	}
	if z := ev.Tend[xTimeZone]; in.TimeZone == "" && z != "" {
		if _, err := LoadZone(z); err == nil {
			in.TimeZone = z
		}
	}
	if in.TimeZone == "" {
		in.TimeZone = defaultZone
	}
	if ev.AllDay {
		warn("The event lasts all day: it was placed at 09:00.", "ics_event_all_day")
	}
	if ev.Repeats {
		warn("The event repeats: only its first occurrence was imported.", "ics_event_repeats")
	}
	at := ev.Start
	in.At = &at
	if ev.Duration > 0 {
		in.DurationMinutes = min(max(1, int(ev.Duration/time.Minute)), backend.MaxPostMinutes)
	}

	pillarOf := func(v string) string {
		for _, p := range s.Pillars {
			if strings.EqualFold(p.Key, v) || strings.EqualFold(strings.TrimSpace(p.Name), strings.TrimSpace(v)) {
				return p.Key
			}
		}
		return ""
	}
	if v := ev.Tend[xPillar]; v != "" {
		in.Pillar = pillarOf(v)
		if in.Pillar == "" {
			warn("Unknown pillar "+strconv.Quote(v)+": the post has none.", "import_pillar_unknown", "pillar", v)
		}
	}
	formatSet, channelsSet := false, false
	if v := backend.PostFormat(ev.Tend[xFormat]); v != "" && v.Validate() == nil {
		in.Format, formatSet = v, true
	}
	if v, ok := ev.Tend[xChannels]; ok {
		channelsSet = true
		for _, ch := range splitList(v) {
			ch = strings.ToLower(strings.TrimSpace(ch))
			if slices.Contains(backend.PostChannels, ch) && !slices.Contains(in.Channels, ch) {
				in.Channels = append(in.Channels, ch)
			}
		}
	}
	for _, c := range ev.Categories {
		lc := strings.ToLower(c)
		switch {
		case in.Pillar == "" && ev.Tend[xPillar] == "" && pillarOf(c) != "":
			in.Pillar = pillarOf(c)
		case !formatSet && backend.PostFormat(lc).Validate() == nil:
			in.Format, formatSet = backend.PostFormat(lc), true
		case !channelsSet && slices.Contains(backend.PostChannels, lc):
			if !slices.Contains(in.Channels, lc) {
				in.Channels = append(in.Channels, lc)
			}
		}
	}
	if v := backend.PostGoal(ev.Tend[xGoal]); v != "" && v.Validate() == nil {
		in.Goal = v
	}
	if v := backend.MixTier(ev.Tend[xTier]); v != "" && v.Validate() == nil {
		in.Tier = v
	}
	for name, v := range ev.Tend {
		if ch, ok := strings.CutPrefix(name, xCaption); ok {
			ch = strings.ToLower(ch)
			if slices.Contains(backend.PostChannels, ch) {
				in.ChannelCaptions[ch] = v
			}
		}
	}
	if v, ok := ev.Tend[xMedia]; ok {
		for _, m := range splitList(v) {
			if strings.TrimSpace(m) != "" {
				in.MediaPaths = append(in.MediaPaths, m)
			}
		}
	}
	if v := ev.Tend[xCreator]; v != "" {
		if id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil && id > 0 {
			in.CreatorID = &id
		}
	}
	if ev.URL != "" {
		if strings.HasPrefix(ev.URL, "http://") || strings.HasPrefix(ev.URL, "https://") {
			in.UTMLink = ev.URL
		} else {
			warn("The event's URL is not a web address: it was left out.", "ics_event_url", "url", ev.URL)
		}
	}
	status := backend.PostStatus(ev.Tend[xStatus])
	if status.Validate() != nil {
		status = ""
	}
	return ev.UID, status, in, warnings
}

func firstLine(s string, limit int) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	if utf8.RuneCountInString(s) > limit {
		s = string([]rune(s)[:limit])
	}
	return s
}
