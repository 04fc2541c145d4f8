package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tend/backend"
)

// FixMojibake undoes Meta's export encoding, which writes each byte of a UTF-8 string as its own
// \u00XX escape ("é" arrives as "Ã©"): when every character of s is below U+0100, at least one
// is above U+007F, and those characters taken as bytes are valid UTF-8, it returns that UTF-8;
// otherwise s unchanged. Clean text is left alone, since "é" alone as a byte is not valid UTF-8
// and any character from U+0100 up cannot come from the broken encoding.
func FixMojibake(s string) string {
	high := false
	for _, r := range s {
		if r >= 0x100 { // includes utf8.RuneError for invalid bytes
			return s
		}
		if r >= 0x80 {
			high = true
		}
	}
	if !high {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	if !utf8.Valid(b) {
		return s
	}
	return string(b)
}

// metaMedia is a photo, video, audio file, GIF, file, sticker or E2EE media item.
type metaMedia struct {
	URI string `json:"uri"`
}

// metaMessage holds both layouts' fields: snake_case DYI and camelCase E2EE.
type metaMessage struct {
	SenderName     *string     `json:"sender_name"`
	SenderNameE2EE *string     `json:"senderName"`
	TimestampMS    json.Number `json:"timestamp_ms"`
	Timestamp      json.Number `json:"timestamp"`
	Content        *string     `json:"content"`
	Text           *string     `json:"text"`
	Type           string      `json:"type"`
	IsUnsent       bool        `json:"is_unsent"`
	IsUnsentE2EE   bool        `json:"isUnsent"`
	Photos         []metaMedia `json:"photos"`
	Videos         []metaMedia `json:"videos"`
	AudioFiles     []metaMedia `json:"audio_files"`
	GIFs           []metaMedia `json:"gifs"`
	Files          []metaMedia `json:"files"`
	Sticker        *metaMedia  `json:"sticker"`
	Media          []metaMedia `json:"media"`
	Share          *struct {
		Link      string `json:"link"`
		ShareText string `json:"share_text"`
	} `json:"share"`
}

// metaThread is what one file says about its thread.
type metaThread struct {
	key          string
	title        string
	participants []string
}

// metaDraft is a message waiting for the owner to be known.
type metaDraft struct {
	pos    int
	loc    string
	msg    backend.IncomingMessage
	sender string
}

type metaParser struct {
	c       *collector
	threads []metaThread
	drafts  []metaDraft
	dups    map[string]map[string]int // thread key → message hash → occurrences so far
}

func parseMeta(c *collector, fsys fs.FS, root string, isDir bool) error {
	files := []string{root}
	if isDir {
		var err error
		if files, err = findMetaFiles(c, fsys, root); err != nil {
			return err
		}
		if len(files) == 0 {
			return notFormat(FormatMeta, root)
		}
	}
	platform := c.opts.Platform
	if platform == "" {
		platform = metaPlatform(files[0])
		for _, f := range files[1:] {
			if metaPlatform(f) != platform {
				return backend.Errorf(backend.EINVALID, "%q mixes Instagram and Messenger messages: import each export on its own.", root).
					Localized(KeyMetaMixedPlatforms, "file", root)
			}
		}
	}
	c.res.Platform = platform
	p := &metaParser{c: c, dups: map[string]map[string]int{}}
	for _, name := range files {
		if err := p.file(fsys, name, !isDir); err != nil {
			return err
		}
	}
	p.finish()
	return nil
}

// metaMessageFile matches message_N.json and returns N.
var metaMessageFile = regexp.MustCompile(`^message_([0-9]{1,9})\.json$`)

// findMetaFiles lists the message files under root, thread by thread in page order.
func findMetaFiles(c *collector, fsys fs.FS, root string) ([]string, error) {
	var found []string
	err := fs.WalkDir(fsys, root, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == root {
				return err
			}
			c.pos = c.next()
			c.reject(name, KeyFileUnreadable, "This file could not be read: "+err.Error()+".", "detail", err.Error())
			return nil
		}
		base := path.Base(name)
		if name != root && (strings.HasPrefix(base, ".") || base == "__MACOSX") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		parts := strings.Split(name, "/")
		n := len(parts)
		switch {
		case n >= 4 && parts[n-4] == "messages" && (parts[n-3] == "inbox" || parts[n-3] == "e2ee_cutover") && metaMessageFile.MatchString(base):
			found = append(found, name)
		case n >= 3 && parts[n-3] == "messages" && parts[n-2] == "e2ee_cutover" && strings.HasSuffix(base, ".json"):
			found = append(found, name)
		}
		return nil
	})
	if err != nil {
		return nil, readError(root, err)
	}
	if len(found) == 0 {
		// The separate end-to-end-encrypted Messenger download: one JSON file per thread at the top.
		entries, err := fs.ReadDir(fsys, root)
		if err != nil {
			return nil, readError(root, err)
		}
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".json") && !strings.HasPrefix(e.Name(), ".") {
				found = append(found, path.Join(root, e.Name()))
			}
		}
	}
	slices.SortStableFunc(found, func(a, b string) int {
		if c := strings.Compare(path.Dir(a), path.Dir(b)); c != 0 {
			return c
		}
		if c := metaPage(a) - metaPage(b); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return found, nil
}

// metaPage returns N of message_N.json, 0 for other names.
func metaPage(name string) int {
	if m := metaMessageFile.FindStringSubmatch(path.Base(name)); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// metaPlatform guesses a file's platform from its path.
func metaPlatform(name string) string {
	for _, part := range strings.Split(name, "/") {
		part = strings.ToLower(part)
		if part == "your_instagram_activity" || strings.HasPrefix(part, "instagram-") || strings.HasPrefix(part, "instagram_") {
			return backend.PlatformInstagram
		}
	}
	return backend.PlatformMessenger
}

// file reads one thread file. When single, a file that is not a Meta message file fails the
// import; otherwise it is rejected and the others are read.
func (p *metaParser) file(fsys fs.FS, name string, single bool) error {
	p.c.pos = p.c.next()
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		if single {
			return readError(name, err)
		}
		p.c.reject(name, KeyFileUnreadable, "This file could not be read: "+err.Error()+".", "detail", err.Error())
		return nil
	}
	var top map[string]json.RawMessage
	var msgs []json.RawMessage
	var participants []json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		var syntax *json.SyntaxError
		if single && errors.As(err, &syntax) && bytes.Contains(data, []byte(`"participants"`)) && bytes.Contains(data, []byte(`"messages"`)) {
			return damaged(name, syntax.Offset, err)
		}
	}
	if top == nil || json.Unmarshal(top["messages"], &msgs) != nil || json.Unmarshal(top["participants"], &participants) != nil ||
		top["messages"] == nil || top["participants"] == nil {
		if single {
			return notFormat(FormatMeta, name)
		}
		p.c.reject(name, KeyFileNotMeta, "This file is not a Meta message file.")
		return nil
	}
	th := metaThread{title: FixMojibake(jsonString(top["title"]))}
	for _, raw := range participants {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			var named struct {
				Name string `json:"name"`
			}
			_ = json.Unmarshal(raw, &named)
			s = named.Name
		}
		if s = strings.TrimSpace(FixMojibake(s)); s != "" {
			th.participants = append(th.participants, s)
		}
	}
	threadName := FixMojibake(jsonString(top["threadName"]))
	if th.title == "" {
		th.title = strings.TrimSpace(metaThreadSuffix.ReplaceAllString(threadName, ""))
	}
	dir := path.Base(path.Dir(name))
	switch threadPath := strings.Trim(FixMojibake(jsonString(top["thread_path"])), "/"); {
	case threadPath != "":
		th.key = path.Base(threadPath)
	case metaMessageFile.MatchString(path.Base(name)) && dir != "." && dir != "/":
		th.key = dir
	case strings.TrimSpace(threadName) != "":
		th.key = strings.TrimSpace(threadName)
	default:
		th.key = baseName(name)
	}
	th.key = fitID(th.key)
	p.threads = append(p.threads, th)
	for i, raw := range msgs {
		p.message(th.key, raw, fmt.Sprintf("%s#messages[%d]", name, i))
	}
	return nil
}

// metaThreadSuffix is the "_40" an E2EE threadName ends with.
var metaThreadSuffix = regexp.MustCompile(`_[0-9]+$`)

// jsonString returns raw as a string, "" when it is missing or not a string.
func jsonString(raw json.RawMessage) string {
	var s string
	_ = json.Unmarshal(raw, &s)
	return s
}

// message reads one message into a draft, or skips or rejects it.
func (p *metaParser) message(thread string, raw json.RawMessage, loc string) {
	p.c.pos = p.c.next()
	var m metaMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		p.c.reject(loc, KeyItemUnreadable, "Unreadable item: "+err.Error()+".", "detail", err.Error())
		return
	}
	if m.IsUnsent || m.IsUnsentE2EE {
		p.c.res.Skipped++
		return
	}
	switch strings.ToLower(m.Type) {
	case "call", "subscribe", "unsubscribe", "placeholder":
		p.c.res.Skipped++
		return
	}
	sender := ""
	for _, s := range []*string{m.SenderName, m.SenderNameE2EE} {
		if s != nil && strings.TrimSpace(*s) != "" {
			sender = strings.TrimSpace(FixMojibake(*s))
			break
		}
	}
	text := ""
	for _, s := range []*string{m.Content, m.Text} {
		if s != nil && *s != "" {
			text = FixMojibake(*s)
			break
		}
	}
	atts := metaAttachments(m)
	if len(atts) == 0 && isReactionLine(text, sender) {
		p.c.res.Skipped++
		return
	}
	ms, ok := metaMillis(m)
	if !ok {
		v := truncateUTF8(cmpOr(m.TimestampMS.String(), m.Timestamp.String()), 64)
		p.c.reject(loc, KeyItemBadDate, fmt.Sprintf("The date %q cannot be read.", v), "value", v)
		return
	}
	if sender == "" {
		p.c.reject(loc, KeyItemNoAuthor, "The message does not say who wrote it.")
		return
	}
	hash := hashHex(thread, strconv.FormatInt(ms, 10), sender, text)
	if p.dups[thread] == nil {
		p.dups[thread] = map[string]int{}
	}
	p.dups[thread][hash]++
	id := "dyi-" + hash
	if n := p.dups[thread][hash]; n > 1 {
		id += "-" + strconv.Itoa(n)
	}
	p.drafts = append(p.drafts, metaDraft{pos: p.c.pos, loc: loc, sender: sender, msg: backend.IncomingMessage{
		Kind:              backend.ConversationDM,
		PlatformMessageID: id,
		ThreadKey:         thread,
		Direction:         backend.DirectionIn,
		Author:            backend.Author{PlatformUserID: "name-" + hashHex(sender), DisplayName: sender},
		Text:              text,
		SentAt:            time.UnixMilli(ms).UTC(),
		Attachments:       atts,
	}})
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// metaMillis returns the message's time in milliseconds: timestamp_ms, else timestamp (seconds
// when below 10^11, milliseconds otherwise).
func metaMillis(m metaMessage) (int64, bool) {
	n, ok := parseNumber(m.TimestampMS)
	if !ok {
		if n, ok = parseNumber(m.Timestamp); !ok {
			return 0, false
		}
		if n < 1e11 {
			n *= 1000
		}
	}
	if n <= 0 || n > 32503680000000 { // after 1970, before the year 3000
		return 0, false
	}
	return n, true
}

// parseNumber reads an integer, or a float rounded down, from a JSON number.
func parseNumber(n json.Number) (int64, bool) {
	if n == "" {
		return 0, false
	}
	if i, err := strconv.ParseInt(n.String(), 10, 64); err == nil {
		return i, true
	}
	f, err := strconv.ParseFloat(n.String(), 64)
	if err != nil || math.IsNaN(f) || f < 0 || f > 1e15 {
		return 0, false
	}
	return int64(f), true
}

// metaAttachments lists a message's media and shared link.
func metaAttachments(m metaMessage) []backend.Attachment {
	var atts []backend.Attachment
	add := func(kind, mime string, items []metaMedia) {
		for _, it := range items {
			atts = append(atts, backend.Attachment{Kind: kind, Name: metaMediaName(it.URI), MIME: mime})
		}
	}
	add("image", "", m.Photos)
	add("video", "", m.Videos)
	add("audio", "", m.AudioFiles)
	add("image", "image/gif", m.GIFs)
	add("file", "", m.Files)
	if m.Sticker != nil {
		add("sticker", "", []metaMedia{*m.Sticker})
	}
	for _, it := range m.Media {
		atts = append(atts, backend.Attachment{Kind: kindOfFile(it.URI), Name: metaMediaName(it.URI)})
	}
	if m.Share != nil && strings.TrimSpace(m.Share.Link) != "" {
		atts = append(atts, backend.Attachment{Kind: "link", URL: truncateUTF8(strings.TrimSpace(m.Share.Link), 4096),
			Name: truncateUTF8(FixMojibake(m.Share.ShareText), 255)})
	}
	return atts
}

// metaMediaName is a media path's file name, or "" when the URI is not a path (E2EE exports
// write "Failed to download media").
func metaMediaName(uri string) string {
	uri = FixMojibake(strings.TrimSpace(uri))
	if path.Ext(uri) == "" || strings.Contains(uri, " ") {
		return ""
	}
	return truncateUTF8(path.Base(uri), 255)
}

// kindOfFile guesses an attachment kind from a file name's extension.
func kindOfFile(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic":
		return "image"
	case ".mp4", ".mov", ".webm", ".m4v":
		return "video"
	case ".mp3", ".m4a", ".aac", ".ogg", ".opus", ".wav":
		return "audio"
	}
	return "file"
}

// isReactionLine reports whether text is one of the automatic lines some exports write for a
// reaction ("Jean reacted 😀 to your message", "Liked a message", "A réagi 😀 à votre message").
// The reaction must be a single token without letters or digits, so that people's own sentences
// are never taken for one.
func isReactionLine(text, sender string) bool {
	t := strings.TrimSuffix(strings.TrimSpace(text), ".")
	switch strings.ToLower(t) {
	case "liked a message", "a aimé un message", "a aimé votre message":
		return true
	}
	if sender != "" && len(t) > len(sender) && strings.EqualFold(t[:len(sender)], sender) && t[len(sender)] == ' ' {
		t = t[len(sender)+1:]
	}
	f := strings.Fields(strings.ToLower(t))
	symbol := func(s string) bool {
		return !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
	}
	switch {
	case len(f) == 5 && f[0] == "reacted" && f[2] == "to" && f[3] == "your" && f[4] == "message":
		return symbol(f[1])
	case len(f) == 6 && f[0] == "a" && f[1] == "réagi" && f[3] == "à" && (f[4] == "votre" || f[4] == "ton") && f[5] == "message":
		return symbol(f[2])
	case len(f) == 7 && f[0] == "a" && f[1] == "réagi" && (f[2] == "avec" || f[2] == "par") && f[4] == "à" &&
		(f[5] == "votre" || f[5] == "ton") && f[6] == "message":
		return symbol(f[3])
	}
	return false
}

// finish finds the owner, sets directions and emits the drafts.
func (p *metaParser) finish() {
	owner := p.c.opts.Owner
	if owner == "" {
		owner = p.detectOwner()
		p.c.res.Owner = owner
	}
	for _, d := range p.drafts {
		p.c.pos = d.pos
		if sameName(d.sender, owner) {
			d.msg.Direction = backend.DirectionOut
		}
		p.c.emit(d.loc, d.msg)
	}
}

// detectOwner finds the account's name: the other participant of two-person threads titled
// after one of them, when all agree; else the one name taking part in every thread.
func (p *metaParser) detectOwner() string {
	candidate := ""
	agree := true
	for _, th := range p.threads {
		names := distinctNames(th.participants)
		if len(names) != 2 || th.title == "" {
			continue
		}
		other := ""
		switch {
		case sameName(names[0], th.title) && !sameName(names[1], th.title):
			other = names[1]
		case sameName(names[1], th.title) && !sameName(names[0], th.title):
			other = names[0]
		default:
			continue
		}
		if candidate == "" {
			candidate = other
		} else if !sameName(candidate, other) {
			agree = false
		}
	}
	if candidate != "" && agree {
		return candidate
	}
	keys := map[string]bool{}
	var common []string
	for _, th := range p.threads {
		if len(keys) > 0 && len(common) == 0 {
			break
		}
		if len(th.participants) == 0 || keys[th.key] {
			continue
		}
		names := distinctNames(th.participants)
		if len(keys) == 0 {
			common = names
		} else {
			common = slices.DeleteFunc(common, func(n string) bool {
				return !slices.ContainsFunc(names, func(m string) bool { return sameName(n, m) })
			})
		}
		keys[th.key] = true
	}
	if len(keys) >= 2 && len(common) == 1 {
		return common[0]
	}
	return ""
}

// distinctNames returns names without case-insensitive repeats, in order.
func distinctNames(names []string) []string {
	var out []string
	for _, n := range names {
		if !slices.ContainsFunc(out, func(m string) bool { return sameName(n, m) }) {
			out = append(out, n)
		}
	}
	return out
}
