package calendar_test

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"tend/backend"
	"tend/backend/calendar"
)

const header = "title,scheduled_at,time_zone,pillar,format,channels,goal,tier,status,caption,id\n"

func TestParseCSV(t *testing.T) {
	settings := backend.DefaultCalendarSettings()
	text := "\ufeffTitle, Scheduled_At ,time_zone,pillar,format,channels,goal,tier,status,caption,id,caption_tiktok,media_paths\n" +
		"Teaser,2026-03-29T18:00:00+02:00,Europe/Paris,education,short_video,instagram;TikTok,,,approved,\"Hello, \"\"world\"\"\n2nd line\",u-1,Short one,/a.mp4; /b.mp4\n" +
		"\n" +
		"Local time,2026-04-01T09:30,,Customer stories,micro_article,linkedin,community,experiment,,,,,\n" +
		"Gap,2026-03-29T02:30,Europe/Paris,,story,,,,,,,,\n" +
		"Bad pillar,,,unknown,story,,,,,,,,\n" +
		"Too few,fields\n" +
		",,,,story,,,,,,,,\n" +
		"Bad format,,,,reel,,,,,,,,\n" +
		"Bad channel,,,,story,myspace,,,,,,,\n" +
		"Bad date,tomorrow,,,story,,,,,,,,\n" +
		"Idea,,,,carousel,,retention,high_risk,idea,,,,\n"
	rows, problems, err := calendar.ParseCSV(text, settings, "America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("rows %+v", rows)
	}
	first := rows[0]
	at := time.Date(2026, 3, 29, 16, 0, 0, 0, time.UTC)
	if first.Line != 2 || first.UID != "u-1" || first.Status != backend.PostApproved || first.Input.Title != "Teaser" ||
		first.Input.Caption != "Hello, \"world\"\n2nd line" || !first.Input.At.Equal(at) || first.Input.TimeZone != "Europe/Paris" ||
		!reflect.DeepEqual(first.Input.Channels, []string{"instagram", "tiktok"}) || first.Input.ChannelCaptions["tiktok"] != "Short one" ||
		!reflect.DeepEqual(first.Input.MediaPaths, []string{"/a.mp4", "/b.mp4"}) || first.Input.Goal != backend.GoalAwareness {
		t.Errorf("first row %+v %+v", first, first.Input)
	}
	second := rows[1]
	if second.Line != 5 || second.Input.Pillar != "stories" || second.Input.TimeZone != "America/New_York" ||
		!second.Input.At.Equal(time.Date(2026, 4, 1, 13, 30, 0, 0, time.UTC)) || second.Input.Tier != backend.TierExperiment {
		t.Errorf("second row %+v %+v", second, second.Input)
	}
	if rows[2].Line != 13 || rows[2].Input.At != nil || rows[2].Status != backend.PostIdea {
		t.Errorf("third row %+v", rows[2])
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.Key+"@"+p.Params["line"])
	}
	want := []string{"csv_row_time_gap@6", "csv_row_pillar@7", "csv_row_fields@8", "csv_row_title@9", "csv_row_format@10",
		"csv_row_channel@11", "csv_row_scheduled_at@12"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems %v, want %v", got, want)
	}
	if problems[0].Message != "Line 6: 2026-03-29T02:30 does not exist in Europe/Paris (the clocks go forward); the next valid time is 2026-03-29T03:00." {
		t.Errorf("gap message %q", problems[0].Message)
	}
}

func TestParseCSVColumns(t *testing.T) {
	settings := backend.DefaultCalendarSettings()
	tests := []struct{ name, text, key, message string }{
		{"Empty", "", "csv_empty", ""},
		{"Missing", "title,scheduled_at,format\nx,,story\n", "csv_columns_missing",
			"The file lacks the column(s) time_zone, pillar, channels, goal, tier, status, caption, id. The columns are: title, scheduled_at, time_zone, pillar, format, channels, goal, tier, status, caption, id."},
		{"Unknown", strings.TrimSuffix(header, "\n") + ",colour,caption_myspace\n", "csv_columns_unknown", ""},
		{"Duplicate", strings.TrimSuffix(header, "\n") + ",title\n", "csv_column_duplicate", ""},
		{"BadQuotes", header + "\"unclosed,,,,story,,,,,,\n", "csv_syntax", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := calendar.ParseCSV(tc.text, settings, "UTC")
			e, ok := err.(*backend.Error)
			if !ok || e.Code != backend.EINVALID || e.Key != tc.key {
				t.Fatalf("got %v, want %s", err, tc.key)
			}
			if tc.message != "" && e.Message != tc.message {
				t.Errorf("message %q", e.Message)
			}
		})
	}
}

func TestCSVRoundTrip(t *testing.T) {
	posts := samplePosts()
	text := calendar.WriteCSV(posts)
	if !strings.HasPrefix(text, "title,scheduled_at,time_zone,pillar,format,channels,goal,tier,status,caption,id,utm_link,creator_id,media_paths,duration_minutes,caption_tiktok\n") {
		t.Fatalf("header: %s", strings.SplitN(text, "\n", 2)[0])
	}
	if !strings.Contains(text, "2026-03-29T18:00:00+02:00,Europe/Paris,education,short_video,instagram;tiktok,") {
		t.Errorf("scheduled_at carries the zone's offset:\n%s", text)
	}
	rows, problems, err := calendar.ParseCSV(text, backend.DefaultCalendarSettings(), "UTC")
	if err != nil || len(problems) != 0 || len(rows) != len(posts) {
		t.Fatalf("rows %d problems %+v err %v", len(rows), problems, err)
	}
	for i, r := range rows {
		p := posts[i]
		in := r.Input
		if r.UID != p.UID || r.Status != p.Status || in.Title != p.Title || in.Caption != p.Caption || in.Format != p.Format ||
			in.Pillar != p.Pillar || in.TimeZone != p.TimeZone || in.Goal != p.Goal || in.Tier != p.Tier || in.DurationMinutes != p.DurationMinutes ||
			!reflect.DeepEqual(nilIfEmpty(in.Channels), nilIfEmpty(p.Channels)) || !reflect.DeepEqual(nilIfEmpty(in.MediaPaths), nilIfEmpty(p.MediaPaths)) ||
			in.UTMLink != p.UTMLink || !reflect.DeepEqual(in.CreatorID, p.CreatorID) || (p.ScheduledAt == nil) != (in.At == nil) ||
			(p.ScheduledAt != nil && !p.ScheduledAt.Equal(*in.At)) || in.ChannelCaptions["tiktok"] != p.ChannelCaptions["tiktok"] {
			t.Errorf("row %d: %+v\nwant %+v", i, in, p)
		}
	}
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func FuzzParseCSV(f *testing.F) {
	f.Add(calendar.WriteCSV(samplePosts()))
	f.Add(header + "a,2026-03-29T02:30,Europe/Paris,,story,,,,,,\n")
	f.Add(header + "\"x\ny\",,,,live,instagram;;x,,,,\"\",\n")
	f.Add("title\n")
	settings := backend.DefaultCalendarSettings()
	f.Fuzz(func(t *testing.T, text string) {
		rows, problems, err := calendar.ParseCSV(text, settings, "Europe/Paris")
		if err != nil {
			if backend.ErrorCode(err) != backend.EINVALID {
				t.Fatalf("a file error must be EINVALID: %v", err)
			}
			return
		}
		lines := strings.Count(text, "\n") + 1
		for _, r := range rows {
			if r.Line < 2 || r.Line > lines || r.Input.Title == "" || r.Input.Format.Validate() != nil || !utf8.ValidString(r.Input.Caption) {
				t.Fatalf("bad row %+v", r)
			}
			if _, err := calendar.LoadZone(r.Input.TimeZone); err != nil {
				t.Fatalf("row with a bad zone %q", r.Input.TimeZone)
			}
		}
		for _, p := range problems {
			if p.Line < 2 || p.Line > lines || p.Key == "" || !strings.HasPrefix(p.Message, "Line ") {
				t.Fatalf("bad problem %+v", p)
			}
		}
	})
}
