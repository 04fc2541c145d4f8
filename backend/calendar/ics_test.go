package calendar_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"tend/backend"
	"tend/backend/calendar"
)

func ptrTime(t time.Time) *time.Time { return &t }

// samplePosts are posts as the store returns them, with everything an export must carry.
func samplePosts() []backend.CalendarPost {
	creator := int64(7)
	updated := time.Date(2026, 3, 20, 8, 15, 0, 0, time.UTC)
	return []backend.CalendarPost{
		{
			ID: 1, UID: "tend-0123456789abcdef0123456789abcdef@tend", Title: "Démo : la bougie « Figuier », en 30 s; vraiment",
			Caption:         "Nouvelle bougie 🌿\nÀ découvrir, ce soir; en live, avec \\ et des virgules, partout.\n" + strings.Repeat("é", 80),
			ChannelCaptions: map[string]string{"tiktok": "Version TikTok, courte; #bougie"},
			Pillar:          "education", Format: backend.FormatShortVideo, Channels: []string{"instagram", "tiktok"},
			Goal: backend.GoalAwareness, Tier: backend.TierCore, Status: backend.PostScheduled,
			ScheduledAt: ptrTime(time.Date(2026, 3, 29, 16, 0, 0, 0, time.UTC)), TimeZone: "Europe/Paris", DurationMinutes: 15,
			MediaPaths: []string{"/home/camille/Vidéos/figuier.mp4", "C:\\Users\\cam\\clip,2.mov"}, CreatorID: &creator,
			UTMLink:   "https://maisonlumiere.example/figuier?utm_source=instagram&utm_medium=social",
			CreatedAt: updated.Add(-48 * time.Hour), UpdatedAt: updated,
		},
		{
			ID: 2, UID: "tend-fedcba9876543210fedcba9876543210@tend", Title: "Live Q&A",
			Caption: "On répond à vos questions", Format: backend.FormatLive, Channels: []string{"youtube"},
			Goal: backend.GoalConversion, Tier: backend.TierExperiment, Status: backend.PostDraft,
			ScheduledAt: ptrTime(time.Date(2026, 11, 3, 18, 0, 0, 0, time.UTC)), TimeZone: "UTC", DurationMinutes: 60,
			SessionRole: backend.RoleLive, CreatedAt: updated, UpdatedAt: updated,
		},
		{ID: 3, UID: "tend-undated@tend", Title: "An idea", Format: backend.FormatStory, Status: backend.PostIdea, TimeZone: "Europe/Paris",
			Goal: backend.GoalCommunity, Tier: backend.TierHighRisk, DurationMinutes: 15, CreatedAt: updated, UpdatedAt: updated},
	}
}

func TestExportICSShape(t *testing.T) {
	out := calendar.ExportICS(samplePosts(), backend.DefaultCalendarSettings(), "Maison Lumière — content calendar")
	if !strings.HasSuffix(out, "\r\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Fatal("lines must end in CRLF, and only there")
	}
	for i, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d has %d octets: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, line)
		}
	}
	unfolded := strings.ReplaceAll(out, "\r\n ", "")
	for _, want := range []string{
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tend//Content calendar//EN\r\n",
		"BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n",
		"BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\n",
		"UID:tend-0123456789abcdef0123456789abcdef@tend\r\n",
		"DTSTAMP:20260320T081500Z\r\n",
		"DTSTART;TZID=Europe/Paris:20260329T180000\r\n",
		"DURATION:PT15M\r\n",
		"SUMMARY:Démo : la bougie « Figuier »\\, en 30 s\\; vraiment\r\n",
		"DESCRIPTION:Nouvelle bougie 🌿\\nÀ découvrir\\, ce soir\\; en live\\, avec \\\\ et des virgules\\, partout.\\n",
		"CATEGORIES:Product education,short_video,instagram,tiktok\r\n",
		"STATUS:CONFIRMED\r\n",
		"X-TEND-CAPTION-TIKTOK:Version TikTok\\, courte\\; #bougie\r\n",
		"X-TEND-MEDIA:/home/camille/Vidéos/figuier.mp4,C:\\\\Users\\\\cam\\\\clip\\,2.mov\r\n",
		"DTSTART:20261103T180000Z\r\nDURATION:PT60M\r\n",
		"STATUS:TENTATIVE\r\n",
		"END:VCALENDAR\r\n",
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("export lacks %q", want)
		}
	}
	if strings.Contains(out, "An idea") {
		t.Error("an undated post has no place in a calendar")
	}
	if strings.Count(out, "BEGIN:VEVENT") != 2 || strings.Count(out, "BEGIN:VTIMEZONE") != 1 {
		t.Errorf("want 2 events and 1 time zone:\n%s", out)
	}
}

func TestICSRoundTrip(t *testing.T) {
	posts := samplePosts()
	settings := backend.DefaultCalendarSettings()
	parsed, err := calendar.ParseICS(calendar.ExportICS(posts, settings, ""), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if len(parsed.Events) != 2 || len(parsed.Problems) != 0 || len(parsed.Ignored) != 0 {
		t.Fatalf("events %d, problems %v, ignored %v", len(parsed.Events), parsed.Problems, parsed.Ignored)
	}
	for i, ev := range parsed.Events {
		p := posts[i]
		uid, status, in, warnings := calendar.EventPost(ev, settings, "Europe/Paris")
		if len(warnings) > 0 {
			t.Errorf("event %d: warnings %v", i, warnings)
		}
		got := backend.CalendarPost{UID: uid, Status: status, Title: in.Title, Caption: in.Caption, ChannelCaptions: in.ChannelCaptions,
			Pillar: in.Pillar, Format: in.Format, Channels: in.Channels, Goal: in.Goal, Tier: in.Tier, ScheduledAt: in.At,
			TimeZone: in.TimeZone, DurationMinutes: in.DurationMinutes, MediaPaths: in.MediaPaths, CreatorID: in.CreatorID, UTMLink: in.UTMLink}
		want := backend.CalendarPost{UID: p.UID, Status: p.Status, Title: p.Title, Caption: p.Caption, ChannelCaptions: p.ChannelCaptions,
			Pillar: p.Pillar, Format: p.Format, Channels: p.Channels, Goal: p.Goal, Tier: p.Tier, ScheduledAt: p.ScheduledAt,
			TimeZone: p.TimeZone, DurationMinutes: p.DurationMinutes, MediaPaths: p.MediaPaths, CreatorID: p.CreatorID, UTMLink: p.UTMLink}
		if want.ChannelCaptions == nil {
			want.ChannelCaptions = map[string]string{}
		}
		if !reflect.DeepEqual(jsonOf(t, got), jsonOf(t, want)) {
			t.Errorf("event %d:\n got %s\nwant %s", i, jsonOf(t, got), jsonOf(t, want))
		}
	}
}

func jsonOf(t *testing.T, v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// foreign is a calendar another application wrote: LF endings, a folded line, quoted parameters,
// a Windows TZID, alarms, attendees and properties Tend does not use.
const foreign = "BEGIN:VCALENDAR\n" +
	"VERSION:2.0\n" +
	"PRODID:-//Example Corp//Planner 9//EN\n" +
	"X-WR-TIMEZONE:America/New_York\n" +
	"X-PLANNER-THEME:dark\n" +
	"BEGIN:VEVENT\n" +
	"UID:abc-1@example.com\n" +
	"DTSTAMP:20260301T120000Z\n" +
	"DTSTART;TZID=\"Europe/Paris\":20260329T023000\n" +
	"DTEND;TZID=Europe/Paris:20260329T040000\n" +
	"SUMMARY:Spring sale teaser\n" +
	"DESCRIPTION:Line one\\nline two\\, with a comma and a long tail that goes on and\n" +
	"  on past the fold\n" +
	"CATEGORIES:Promotions,INSTAGRAM,carousel\n" +
	"CATEGORIES:tiktok\n" +
	"LOCATION:Studio\n" +
	"ATTENDEE;CN=\"Dupont, Léa\";ROLE=REQ-PARTICIPANT:mailto:lea@example.com\n" +
	"RRULE:FREQ=WEEKLY;COUNT=3\n" +
	"BEGIN:VALARM\n" +
	"ACTION:DISPLAY\n" +
	"TRIGGER:-PT15M\n" +
	"END:VALARM\n" +
	"END:VEVENT\n" +
	"BEGIN:VEVENT\n" +
	"UID:abc-2@example.com\n" +
	"DTSTART;VALUE=DATE:20260401\n" +
	"SUMMARY:All-day thing\n" +
	"STATUS:CANCELLED\n" +
	"END:VEVENT\n" +
	"BEGIN:VEVENT\n" +
	"UID:abc-3@example.com\n" +
	"DTSTART;TZID=W. Europe Standard Time:20260402T100000\n" +
	"DURATION:P1DT2H\n" +
	"END:VEVENT\n" +
	"BEGIN:VEVENT\n" +
	"UID:abc-4@example.com\n" +
	"SUMMARY:No start\n" +
	"END:VEVENT\n" +
	"BEGIN:VTODO\n" +
	"UID:todo-1\n" +
	"SUMMARY:A task\n" +
	"END:VTODO\n" +
	"END:VCALENDAR\n"

func TestParseForeignICS(t *testing.T) {
	parsed, err := calendar.ParseICS(foreign, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if len(parsed.Events) != 3 {
		t.Fatalf("want 3 events, got %d", len(parsed.Events))
	}
	if len(parsed.Problems) != 1 || parsed.Problems[0].Line != 35 || parsed.Problems[0].Key != "ics_event_no_start" {
		t.Errorf("problems %+v", parsed.Problems)
	}
	ignored := map[string]int{}
	for _, ig := range parsed.Ignored {
		ignored[ig.Name] = ig.Count
	}
	if want := map[string]int{"X-PLANNER-THEME": 1, "LOCATION": 1, "ATTENDEE": 1, "RRULE": 1, "VALARM": 1, "VTODO": 1}; !reflect.DeepEqual(ignored, want) {
		t.Errorf("ignored %v, want %v", ignored, want)
	}

	settings := backend.DefaultCalendarSettings()
	first := parsed.Events[0]
	// 02:30 does not exist in Paris that night: RFC 5545 reads it with the offset before the gap.
	if want := time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC); !first.Start.Equal(want) || first.Zone != "Europe/Paris" {
		t.Errorf("start %s %s, want %s", first.Start, first.Zone, want)
	}
	if first.Duration != 30*time.Minute {
		t.Errorf("duration %s", first.Duration)
	}
	uid, status, in, warnings := calendar.EventPost(first, settings, "America/New_York")
	if uid != "abc-1@example.com" || status != "" || in.Pillar != "promotions" || in.Format != backend.FormatCarousel ||
		!reflect.DeepEqual(in.Channels, []string{"instagram", "tiktok"}) || in.Caption != "Line one\nline two, with a comma and a long tail that goes on and on past the fold" {
		t.Errorf("post %q %q %+v", uid, status, in)
	}
	if len(warnings) != 1 || warnings[0].Key != "ics_event_repeats" {
		t.Errorf("warnings %+v", warnings)
	}

	all := parsed.Events[1]
	if !all.AllDay || all.Status != "CANCELLED" || !all.Start.Equal(time.Date(2026, 4, 1, 13, 0, 0, 0, time.UTC)) {
		t.Errorf("all-day event read at %s in the calendar's zone (%v)", all.Start, all.AllDay)
	}
	windows := parsed.Events[2]
	if windows.Zone != "" || !windows.Start.Equal(time.Date(2026, 4, 2, 14, 0, 0, 0, time.UTC)) || windows.Duration != 26*time.Hour {
		t.Errorf("unknown TZID: read in the calendar's zone, got %s %q %s", windows.Start, windows.Zone, windows.Duration)
	}
	_, _, in, warnings = calendar.EventPost(windows, settings, "America/New_York")
	if in.Title != "(untitled)" || in.TimeZone != "America/New_York" || in.DurationMinutes != 1440 || len(warnings) != 1 {
		t.Errorf("untitled event: %+v %+v", in, warnings)
	}
}

func TestParseICSErrors(t *testing.T) {
	tests := []struct {
		name, text, key, line string
	}{
		{"Empty", "", "ics_not_calendar", "1"},
		{"NotACalendar", "BEGIN:VEVENT\r\nEND:VEVENT\r\n", "ics_not_calendar", "1"},
		{"NoColon", "BEGIN:VCALENDAR\r\nSUMMARY hello\r\nEND:VCALENDAR\r\n", "ics_line_invalid", "2"},
		{"Mismatch", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\nEND:VCALENDAR\r\n", "ics_component_mismatch", "3"},
		{"Unterminated", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", "ics_unterminated", ""},
		{"UnclosedQuote", "BEGIN:VCALENDAR\r\nX-A;B=\"c:d\r\nEND:VCALENDAR\r\n", "ics_line_invalid", "2"},
		{"LoneContinuation", " folded\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "ics_line_invalid", "1"},
		{"NotUTF8", "BEGIN:VCALENDAR\r\nSUMMARY:\xff\r\nEND:VCALENDAR\r\n", "import_not_utf8", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := calendar.ParseICS(tc.text, time.UTC)
			e, ok := err.(*backend.Error)
			if !ok || e.Code != backend.EINVALID || e.Key != tc.key || e.Params["line"] != tc.line {
				t.Fatalf("got %v (%+v), want %s at line %s", err, e, tc.key, tc.line)
			}
		})
	}
}

func TestFoldAndEscape(t *testing.T) {
	for _, s := range []string{"", "a", strings.Repeat("x", 200), strings.Repeat("é", 100), strings.Repeat("🌿", 40), "a;b,c\\d\ne\r\nf"} {
		var b strings.Builder
		calendar.Fold(&b, "DESCRIPTION:"+calendar.EscapeText(s))
		parsed, err := calendar.ParseICS("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260101T000000Z\r\n"+b.String()+"END:VEVENT\r\nEND:VCALENDAR\r\n", time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		want := strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
		if got := parsed.Events[0].Description; got != want {
			t.Errorf("round trip of %q gave %q", s, got)
		}
	}
}

// TestExportParsesWithPythonICalendar checks the export with an independent reader: Debian's
// python3-icalendar (installed by build/scripts/setup.sh).
func TestExportParsesWithPythonICalendar(t *testing.T) {
	python := "/usr/bin/python3"
	if _, err := os.Stat(python); err != nil {
		if python, err = exec.LookPath("python3"); err != nil {
			t.Skip("python3 is not installed")
		}
	}
	if err := exec.Command(python, "-c", "import icalendar").Run(); err != nil {
		t.Skip("python3-icalendar is not installed (apt-get install python3-icalendar)")
	}
	script := `
import icalendar, sys, json
cal = icalendar.Calendar.from_ical(sys.stdin.read())
out = {"version": str(cal.get("VERSION")), "prodid": str(cal.get("PRODID")), "events": []}
for ev in cal.walk("VEVENT"):
    start = ev.decoded("DTSTART")
    cats = ev.get("CATEGORIES")
    cats = cats if isinstance(cats, list) else [cats]
    out["events"].append({
        "uid": str(ev.get("UID")),
        "summary": str(ev.get("SUMMARY")),
        "description": str(ev.get("DESCRIPTION", "")),
        "start": start.astimezone(__import__("datetime").timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "tzid": ev["DTSTART"].params.get("TZID", ""),
        "minutes": int(ev.decoded("DURATION").total_seconds() // 60),
        "stamp": ev.decoded("DTSTAMP").strftime("%Y%m%dT%H%M%S"),
        "categories": [str(c) for cat in cats for c in cat.cats],
        "status": str(ev.get("STATUS")),
        "url": str(ev.get("URL", "")),
        "tiktok": str(ev.get("X-TEND-CAPTION-TIKTOK", "")),
    })
print(json.dumps(out))
`
	posts := samplePosts()
	cmd := exec.Command(python, "-c", script)
	cmd.Stdin = strings.NewReader(calendar.ExportICS(posts, backend.DefaultCalendarSettings(), ""))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("python icalendar refused the export: %v\n%s", err, stderr.String())
	}
	var got struct {
		Version, Prodid string
		Events          []struct {
			UID, Summary, Description, Start, Tzid, Stamp, Status, URL, Tiktok string
			Minutes                                                            int
			Categories                                                         []string
		}
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	if got.Version != "2.0" || got.Prodid != calendar.ProdID || len(got.Events) != 2 {
		t.Fatalf("calendar %+v", got)
	}
	first, second := got.Events[0], got.Events[1]
	if first.UID != posts[0].UID || first.Summary != posts[0].Title || first.Description != posts[0].Caption ||
		first.Start != "2026-03-29T16:00:00Z" || first.Tzid != "Europe/Paris" || first.Minutes != 15 || first.Stamp != "20260320T081500" ||
		first.Status != "CONFIRMED" || first.URL != posts[0].UTMLink || first.Tiktok != posts[0].ChannelCaptions["tiktok"] ||
		!reflect.DeepEqual(first.Categories, []string{"Product education", "short_video", "instagram", "tiktok"}) {
		t.Errorf("first event as python reads it: %+v", first)
	}
	if second.Start != "2026-11-03T18:00:00Z" || second.Tzid != "" || second.Minutes != 60 || second.Status != "TENTATIVE" {
		t.Errorf("second event as python reads it: %+v", second)
	}
}

func FuzzParseICS(f *testing.F) {
	f.Add(foreign)
	f.Add(calendar.ExportICS(samplePosts(), backend.DefaultCalendarSettings(), "x"))
	f.Add("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\nDURATION:-P1W\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	f.Add("BEGIN:VCALENDAR\nX-A;B=\"q\",c;D=e:f\n END:VCALENDAR")
	settings := backend.DefaultCalendarSettings()
	f.Fuzz(func(t *testing.T, text string) {
		parsed, err := calendar.ParseICS(text, time.UTC)
		if err != nil {
			if backend.ErrorCode(err) != backend.EINVALID {
				t.Fatalf("a parse error must be EINVALID: %v", err)
			}
			return
		}
		for _, ev := range parsed.Events {
			uid, _, in, _ := calendar.EventPost(ev, settings, "UTC")
			if !utf8.ValidString(uid) || !utf8.ValidString(in.Title) || !utf8.ValidString(in.Caption) {
				t.Fatal("invalid UTF-8 from valid input")
			}
			if in.At == nil || in.TimeZone == "" {
				t.Fatal("an imported event always has a time and a zone")
			}
		}
	})
}

func FuzzEscapeRoundTrip(f *testing.F) {
	for _, s := range []string{"", "a,b;c\\d\ne", "🌿é", "\\n", "\\\\,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		var b strings.Builder
		calendar.Fold(&b, "SUMMARY:"+calendar.EscapeText(s))
		for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\r\n"), "\r\n") {
			if len(line) > 75 || !utf8.ValidString(line) {
				t.Fatalf("bad fold %q", line)
			}
		}
		parsed, err := calendar.ParseICS("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260101T000000Z\r\n"+b.String()+"END:VEVENT\r\nEND:VCALENDAR\r\n", time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Map(func(r rune) rune {
			if r == '\r' {
				return '\n'
			}
			if r == '\t' || r == '\n' || (r >= 0x20 && r != 0x7f && r != utf8.RuneError) {
				return r
			}
			return -1
		}, strings.ReplaceAll(s, "\r\n", "\n"))
		if got := parsed.Events[0].Summary; got != want {
			t.Fatalf("round trip of %q gave %q, want %q", s, got, want)
		}
	})
}
