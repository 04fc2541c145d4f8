package calendar

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"tend/backend"
)

// The CSV interchange of posts. The first row names the columns, in any order:
//
//	title         the post's title (required)
//	scheduled_at  RFC 3339 with its offset ("2026-03-29T18:00:00+02:00"), or a wall-clock time read in
//	              time_zone ("2026-03-29T18:00"); empty for an undated post
//	time_zone     IANA name ("Europe/Paris"); empty for the workspace's
//	pillar        a pillar's key or name; may be empty
//	format        short_video, micro_article, live, story, carousel or dm_touchpoint
//	channels      platforms separated by semicolons ("instagram;tiktok")
//	goal          awareness, community, conversion or retention; empty for awareness
//	tier          core, experiment or high_risk; empty for core
//	status        idea, draft, in_review, approved, scheduled, publishing, due, published, failed or
//	              missed; empty for idea (undated) or draft (dated)
//	caption       the caption for every channel without its own
//	id            the post's UID; empty for a new post. Importing a row whose id is a post's UID
//	              updates that post, so importing the same file twice changes nothing.
//
// Optional columns: caption_<channel> (a channel's own caption, e.g. caption_instagram),
// media_paths (local files separated by semicolons), utm_link, creator_id, duration_minutes.
// A missing required column or any other column refuses the whole file; a row that cannot be read
// is reported with its line and skipped.

// CSVColumns are the required columns, in the order the export writes them.
var CSVColumns = []string{"title", "scheduled_at", "time_zone", "pillar", "format", "channels", "goal", "tier", "status", "caption", "id"}

// CSVOptionalColumns may also appear (besides caption_<channel> for each of backend.PostChannels).
var CSVOptionalColumns = []string{"utm_link", "creator_id", "media_paths", "duration_minutes"}

const captionColumnPrefix = "caption_"

// CSVRow is one post read from CSV.
type CSVRow struct {
	Line   int
	UID    string
	Status backend.PostStatus // "" when the row does not say
	Input  backend.PostInput
}

func knownColumn(name string) bool {
	if slices.Contains(CSVColumns, name) || slices.Contains(CSVOptionalColumns, name) {
		return true
	}
	ch, ok := strings.CutPrefix(name, captionColumnPrefix)
	return ok && slices.Contains(backend.PostChannels, ch)
}

// ParseCSV reads posts from CSV text. Columns are checked first: a missing, unknown or repeated
// column is EINVALID for the whole file. Each row is then read on its own; a row that cannot be
// read is a problem with its line, and is not returned. Pillars are matched by key or name;
// defaultZone fills an empty time_zone.
func ParseCSV(text string, s backend.CalendarSettings, defaultZone string) ([]CSVRow, []backend.ImportProblem, error) {
	if len(text) > backend.MaxImportBytes {
		return nil, nil, errTooLarge()
	}
	if !utf8.ValidString(text) {
		return nil, nil, backend.Errorf(backend.EINVALID, "The file is not UTF-8 text.").Localized("import_not_utf8")
	}
	text = strings.TrimPrefix(text, "\ufeff")
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, backend.Errorf(backend.EINVALID, "The file is empty: its first row must name the columns (%s).", strings.Join(CSVColumns, ", ")).
			Localized("csv_empty", "columns", strings.Join(CSVColumns, ", "))
	}
	if err != nil {
		return nil, nil, csvSyntax(err)
	}
	index := map[string]int{}
	var unknown []string
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if _, dup := index[name]; dup {
			return nil, nil, backend.Errorf(backend.EINVALID, "The column %q appears twice.", name).Localized("csv_column_duplicate", "column", name)
		}
		index[name] = i
		if !knownColumn(name) {
			unknown = append(unknown, strconv.Quote(h))
		}
	}
	var missing []string
	for _, c := range CSVColumns {
		if _, ok := index[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, nil, backend.Errorf(backend.EINVALID, "The file lacks the column(s) %s. The columns are: %s.",
			strings.Join(missing, ", "), strings.Join(CSVColumns, ", ")).
			Localized("csv_columns_missing", "columns", strings.Join(missing, ", "), "expected", strings.Join(CSVColumns, ", "))
	}
	if len(unknown) > 0 {
		return nil, nil, backend.Errorf(backend.EINVALID, "The file has unknown column(s) %s. The columns are: %s, and optionally %s and caption_<channel>.",
			strings.Join(unknown, ", "), strings.Join(CSVColumns, ", "), strings.Join(CSVOptionalColumns, ", ")).
			Localized("csv_columns_unknown", "columns", strings.Join(unknown, ", "), "expected", strings.Join(CSVColumns, ", "))
	}

	var rows []CSVRow
	var problems []backend.ImportProblem
	for {
		record, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, csvSyntax(err)
		}
		line, _ := r.FieldPos(0)
		if len(record) == 1 && strings.TrimSpace(record[0]) == "" {
			continue // a blank line
		}
		if len(rows)+len(problems) >= backend.MaxImportRows {
			return nil, nil, errTooLarge()
		}
		if len(record) != len(header) {
			problems = append(problems, rowProblem(line, "the row has %d fields; the header has %d.", "csv_row_fields",
				len(record), len(header), "fields", strconv.Itoa(len(record)), "expected", strconv.Itoa(len(header))))
			continue
		}
		row, problem := readRow(record, index, line, s, defaultZone)
		if problem != nil {
			problems = append(problems, *problem)
			continue
		}
		rows = append(rows, row)
	}
	return rows, problems, nil
}

func csvSyntax(err error) error {
	var pe *csv.ParseError
	line := 0
	if errors.As(err, &pe) {
		line = pe.Line
	}
	return backend.Wrap(backend.EINVALID, err, "Line %d cannot be read as CSV (check its quotes).", line).
		Localized("csv_syntax", "line", strconv.Itoa(line))
}

// rowProblem builds a problem with the message's arguments; params are name, value pairs after
// the arguments the format uses.
func rowProblem(line int, format, key string, args ...any) backend.ImportProblem {
	n := strings.Count(format, "%")
	params := map[string]string{"line": strconv.Itoa(line)}
	for i := n; i+1 < len(args); i += 2 {
		params[args[i].(string)] = args[i+1].(string)
	}
	return backend.ImportProblem{Line: line, Message: "Line " + strconv.Itoa(line) + ": " + fmt.Sprintf(format, args[:n]...), Key: key, Params: params}
}

func readRow(record []string, index map[string]int, line int, s backend.CalendarSettings, defaultZone string) (CSVRow, *backend.ImportProblem) {
	get := func(name string) string {
		if i, ok := index[name]; ok {
			return strings.TrimSpace(record[i])
		}
		return ""
	}
	raw := func(name string) string {
		if i, ok := index[name]; ok {
			return record[i]
		}
		return ""
	}
	fail := func(format, key string, args ...any) (CSVRow, *backend.ImportProblem) {
		p := rowProblem(line, format, key, args...)
		return CSVRow{}, &p
	}
	row := CSVRow{Line: line, UID: get("id")}
	in := backend.PostInput{
		Title: get("title"), Caption: raw("caption"), Format: backend.PostFormat(strings.ToLower(get("format"))),
		Goal: backend.GoalAwareness, Tier: backend.TierCore, TimeZone: get("time_zone"), UTMLink: get("utm_link"),
		ChannelCaptions: map[string]string{},
	}
	if in.Title == "" {
		return fail("the title is empty.", "csv_row_title")
	}
	if in.TimeZone == "" {
		in.TimeZone = defaultZone
	}
	loc, err := LoadZone(in.TimeZone)
	if err != nil {
		return fail("unknown time zone %q.", "csv_row_time_zone", in.TimeZone, "time_zone", in.TimeZone)
	}
	if v := get("scheduled_at"); v != "" {
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			t = t.UTC()
			in.At = &t
		} else if at, err := Resolve(v, loc); err == nil {
			in.At = &at
		} else {
			var be *backend.Error
			if errors.As(err, &be) && be.Key == "post_time_gap" {
				return fail("%s does not exist in %s (the clocks go forward); the next valid time is %s.", "csv_row_time_gap",
					be.Params["local"], be.Params["time_zone"], be.Params["next"],
					"local", be.Params["local"], "time_zone", be.Params["time_zone"], "next", be.Params["next"])
			}
			return fail("scheduled_at %q is not an RFC 3339 time such as 2026-03-29T18:00:00+02:00.", "csv_row_scheduled_at", v, "value", v)
		}
	}
	if v := get("pillar"); v != "" {
		for _, p := range s.Pillars {
			if strings.EqualFold(p.Key, v) || strings.EqualFold(strings.TrimSpace(p.Name), v) {
				in.Pillar = p.Key
			}
		}
		if in.Pillar == "" {
			return fail("unknown pillar %q.", "csv_row_pillar", v, "pillar", v)
		}
	}
	if in.Format == "" || in.Format.Validate() != nil {
		return fail("unknown format %q.", "csv_row_format", string(in.Format), "format", string(in.Format))
	}
	for _, ch := range strings.Split(get("channels"), ";") {
		ch = strings.ToLower(strings.TrimSpace(ch))
		if ch == "" {
			continue
		}
		if !slices.Contains(backend.PostChannels, ch) {
			return fail("unknown channel %q.", "csv_row_channel", ch, "channel", ch)
		}
		if !slices.Contains(in.Channels, ch) {
			in.Channels = append(in.Channels, ch)
		}
	}
	if v := strings.ToLower(get("goal")); v != "" {
		if in.Goal = backend.PostGoal(v); in.Goal.Validate() != nil {
			return fail("unknown goal %q.", "csv_row_goal", v, "goal", v)
		}
	}
	if v := strings.ToLower(get("tier")); v != "" {
		if in.Tier = backend.MixTier(v); in.Tier.Validate() != nil {
			return fail("unknown tier %q.", "csv_row_tier", v, "tier", v)
		}
	}
	if v := strings.ToLower(get("status")); v != "" {
		if row.Status = backend.PostStatus(v); row.Status.Validate() != nil {
			return fail("unknown status %q.", "csv_row_status", v, "status", v)
		}
	}
	for _, ch := range backend.PostChannels {
		if i, ok := index[captionColumnPrefix+ch]; ok && strings.TrimSpace(record[i]) != "" {
			in.ChannelCaptions[ch] = record[i]
		}
	}
	if v := get("media_paths"); v != "" {
		for _, m := range strings.Split(v, ";") {
			if m = strings.TrimSpace(m); m != "" {
				in.MediaPaths = append(in.MediaPaths, m)
			}
		}
	}
	if v := get("creator_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return fail("creator_id %q is not a positive number.", "csv_row_creator", v, "value", v)
		}
		in.CreatorID = &id
	}
	if v := get("duration_minutes"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > backend.MaxPostMinutes {
			return fail("duration_minutes %q is not 1 to 1440.", "csv_row_duration", v, "value", v)
		}
		in.DurationMinutes = n
	}
	row.Input = in
	return row, nil
}

// WriteCSV writes posts as CSV: the required columns, the optional ones, then caption_<channel>
// for the channels some post has its own caption for. scheduled_at carries the offset of the
// post's zone.
func WriteCSV(posts []backend.CalendarPost) string {
	var captionChannels []string
	for _, ch := range backend.PostChannels {
		if slices.ContainsFunc(posts, func(p backend.CalendarPost) bool { return p.ChannelCaptions[ch] != "" }) {
			captionChannels = append(captionChannels, ch)
		}
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	header := append(slices.Clone(CSVColumns), CSVOptionalColumns...)
	for _, ch := range captionChannels {
		header = append(header, captionColumnPrefix+ch)
	}
	_ = w.Write(header) // a bytes.Buffer cannot fail
	for _, p := range posts {
		scheduled := ""
		if p.ScheduledAt != nil {
			t := *p.ScheduledAt
			if loc, err := time.LoadLocation(p.TimeZone); err == nil {
				t = t.In(loc)
			}
			scheduled = t.Format(time.RFC3339)
		}
		creator := ""
		if p.CreatorID != nil {
			creator = strconv.FormatInt(*p.CreatorID, 10)
		}
		record := []string{p.Title, scheduled, p.TimeZone, p.Pillar, string(p.Format), strings.Join(p.Channels, ";"),
			string(p.Goal), string(p.Tier), string(p.Status), p.Caption, p.UID,
			p.UTMLink, creator, strings.Join(p.MediaPaths, ";"), strconv.Itoa(p.DurationMinutes)}
		for _, ch := range captionChannels {
			record = append(record, p.ChannelCaptions[ch])
		}
		_ = w.Write(record)
	}
	w.Flush()
	return buf.String()
}
