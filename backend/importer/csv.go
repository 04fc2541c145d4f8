package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"tend/backend"
)

// CSV columns.
var (
	csvRequired = []string{"platform", "thread", "message_id", "direction", "author_id", "author_name", "text", "sent_at"}
	csvOptional = []string{"kind", "reply_to", "post_id", "post_url", "author_handle"}
)

// maxPostURLBytes bounds a CSV post_url.
const maxPostURLBytes = 2048

type csvParser struct {
	c        *collector
	file     string
	col      map[string]int // column name → index
	platform string         // the file's platform, from Options.Platform or the first row
	firstIDs map[string]int // message_id → line of the row that imported it
}

func parseCSV(c *collector, fsys fs.FS, name string) error {
	f, err := fsys.Open(name)
	if err != nil {
		return readError(name, err)
	}
	defer f.Close()
	rd := &errReader{r: f}
	br := bufio.NewReaderSize(rd, 64<<10)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\ufeff")) {
		_, _ = br.Discard(3)
	}
	comma := ','
	head, _ := br.Peek(64 << 10)
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	if !bytes.ContainsRune(head, ',') && bytes.ContainsRune(head, ';') {
		comma = ';'
	}
	r := csv.NewReader(br)
	r.Comma = comma
	r.LazyQuotes = false
	header, err := r.Read()
	if err != nil {
		if rd.err != nil {
			return readError(name, rd.err)
		}
		return notFormat(FormatCSV, name)
	}
	p := &csvParser{c: c, file: name, col: map[string]int{}, platform: c.opts.Platform, firstIDs: map[string]int{}}
	if err := p.header(header); err != nil {
		return err
	}
	r.FieldsPerRecord = len(header)
	lastErrLine := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if rd.err != nil || !errors.As(err, &pe) {
				return readError(name, cmpErr(rd.err, err))
			}
			loc := fmt.Sprintf("%s:%d", name, pe.StartLine)
			if errors.Is(pe.Err, csv.ErrFieldCount) {
				got, want := strconv.Itoa(len(rec)), strconv.Itoa(len(header))
				c.reject(loc, KeyCSVFieldCount, fmt.Sprintf("The row has %s fields; the header has %s.", got, want), "got", got, "want", want)
				continue
			}
			c.reject(loc, KeyCSVSyntax, "The row is not valid CSV: "+pe.Err.Error()+".", "detail", pe.Err.Error())
			if pe.StartLine <= lastErrLine {
				break // no progress: give up on the rest rather than loop
			}
			lastErrLine = pe.StartLine
			continue
		}
		line, _ := r.FieldPos(0)
		p.row(rec, line)
	}
	if p.platform != "" {
		c.res.Platform = p.platform
	}
	return nil
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// header checks the columns: no unknown, duplicate or missing one.
func (p *csvParser) header(header []string) error {
	known := append(slices.Clone(csvRequired), csvOptional...)
	var unknown []string
	anyKnown := false
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(decodeField(h)))
		if !slices.Contains(known, name) {
			if name == "" {
				name = fmt.Sprintf("(empty, column %d)", i+1)
			}
			unknown = append(unknown, strconv.Quote(name))
			continue
		}
		anyKnown = true
		if _, dup := p.col[name]; dup {
			return backend.Errorf(backend.EINVALID, "The column %q appears twice in %q.", name, p.file).
				Localized(KeyCSVDuplicateColumn, "file", p.file, "column", name)
		}
		p.col[name] = i
	}
	if !anyKnown {
		return notFormat(FormatCSV, p.file)
	}
	if len(unknown) > 0 {
		list, allowed := strings.Join(unknown, ", "), strings.Join(known, ", ")
		return backend.Errorf(backend.EINVALID, "Unknown columns in %q: %s. The columns are: %s.", p.file, list, allowed).
			Localized(KeyCSVUnknownColumn, "file", p.file, "columns", list, "allowed", allowed)
	}
	var missing []string
	for _, name := range csvRequired {
		if _, ok := p.col[name]; !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		list := strings.Join(missing, ", ")
		return backend.Errorf(backend.EINVALID, "Missing required columns in %q: %s.", p.file, list).
			Localized(KeyCSVMissingColumn, "file", p.file, "columns", list)
	}
	return nil
}

// row reads one data row into a message, or rejects it.
func (p *csvParser) row(rec []string, line int) {
	loc := fmt.Sprintf("%s:%d", p.file, line)
	get := func(name string) string {
		i, ok := p.col[name]
		if !ok || i >= len(rec) {
			return ""
		}
		return decodeField(rec[i])
	}
	field := func(name string) string { return strings.TrimSpace(get(name)) }
	reject := func(key, reason string, params ...string) { p.c.reject(loc, key, reason, params...) }
	required := func(name string) bool {
		reject(KeyCSVRequired, fmt.Sprintf("The %s column is empty.", name), "column", name)
		return false
	}
	short := func(name, value string, limit int) bool {
		if len(value) <= limit {
			return true
		}
		reject(KeyCSVTooLong, fmt.Sprintf("The %s value is longer than %d bytes.", name, limit), "column", name, "limit", strconv.Itoa(limit))
		return false
	}
	quoted := func(s string) string { return truncateUTF8(s, 64) }

	platform := strings.ToLower(field("platform"))
	switch {
	case platform == "":
		required("platform")
		return
	case !slices.Contains(backend.Platforms, platform):
		v := quoted(platform)
		reject(KeyCSVBadPlatform, fmt.Sprintf("Unknown platform %q.", v), "value", v)
		return
	case p.platform == "":
		p.platform = platform
	case platform != p.platform:
		reject(KeyCSVOtherPlatform, fmt.Sprintf("This row is for %s but the file for %s: import one platform per file.", platform, p.platform),
			"value", platform, "expected", p.platform)
		return
	}
	thread, id, authorID := field("thread"), field("message_id"), field("author_id")
	replyTo, postID, postURL := field("reply_to"), field("post_id"), field("post_url")
	handle := strings.TrimPrefix(field("author_handle"), "@")
	switch {
	case thread == "":
		required("thread")
		return
	case id == "":
		required("message_id")
		return
	case !short("thread", thread, backend.MaxPlatformIDBytes) || !short("message_id", id, backend.MaxPlatformIDBytes) ||
		!short("author_id", authorID, backend.MaxPlatformIDBytes) || !short("reply_to", replyTo, backend.MaxPlatformIDBytes) ||
		!short("post_id", postID, backend.MaxPlatformIDBytes) || !short("post_url", postURL, maxPostURLBytes) ||
		!short("author_handle", handle, backend.MaxPlatformIDBytes):
		return
	}
	if first, dup := p.firstIDs[id]; dup {
		v, l := quoted(id), strconv.Itoa(first)
		reject(KeyCSVDuplicateMessage, fmt.Sprintf("The message_id %q already appears on line %s.", v, l), "id", v, "line", l)
		return
	}
	direction := strings.ToLower(field("direction"))
	if direction != backend.DirectionIn && direction != backend.DirectionOut {
		v := quoted(direction)
		reject(KeyCSVBadDirection, fmt.Sprintf("The direction must be in or out, not %q.", v), "value", v)
		return
	}
	if direction == backend.DirectionIn && authorID == "" {
		required("author_id")
		return
	}
	kind := backend.ConversationKind(strings.ToLower(field("kind")))
	if kind == "" {
		kind = backend.ConversationDM
	}
	if kind.Validate() != nil {
		v := quoted(string(kind))
		reject(KeyCSVBadKind, fmt.Sprintf("The kind must be dm, comment_thread or live_chat, not %q.", v), "value", v)
		return
	}
	text := get("text")
	if strings.TrimSpace(text) == "" {
		required("text")
		return
	}
	sentAt, ok := parseCSVTime(field("sent_at"))
	if !ok {
		v := quoted(field("sent_at"))
		reject(KeyCSVBadTime, fmt.Sprintf("The sent_at value %q must be an RFC 3339 time with a zone (2024-05-01T14:03:00+02:00) or unix seconds.", v), "value", v)
		return
	}
	m := backend.IncomingMessage{
		Kind:              kind,
		PlatformMessageID: id,
		ThreadKey:         thread,
		Direction:         direction,
		Author:            backend.Author{PlatformUserID: authorID, Handle: handle, DisplayName: field("author_name")},
		Text:              text,
		SentAt:            sentAt,
		ReplyTo:           replyTo,
	}
	if postID != "" || postURL != "" {
		m.Post = &backend.Post{ID: postID, URL: postURL}
	}
	before := len(p.c.res.Messages)
	p.c.emit(loc, m)
	if len(p.c.res.Messages) > before {
		p.firstIDs[id] = line
	}
}

// parseCSVTime reads unix seconds or an RFC 3339 time (a space may replace the "T").
func parseCSVTime(s string) (time.Time, bool) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		t := time.Unix(n, 0).UTC()
		return t, plausible(t)
	}
	if len(s) > 10 && s[10] == ' ' {
		s = s[:10] + "T" + s[11:]
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, false
	}
	t = t.UTC()
	return t, plausible(t)
}

// decodeField returns s, or s read as Windows-1252 when it is not valid UTF-8.
func decodeField(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c >= 0xA0:
			b.WriteRune(rune(c))
		default:
			b.WriteRune(cp1252[c-0x80])
		}
	}
	return b.String()
}

// cp1252 maps Windows-1252 bytes 0x80–0x9F to Unicode; unassigned bytes become U+FFFD.
var cp1252 = [32]rune{
	'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
	'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ',
}
