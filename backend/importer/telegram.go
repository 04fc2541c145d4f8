package importer

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"tend/backend"
)

// Telegram chat types, as the export names them.
const (
	tgPersonal      = "personal_chat"
	tgBot           = "bot_chat"
	tgSaved         = "saved_messages"
	tgGroup         = "private_group"
	tgSupergroup    = "private_supergroup"
	tgPublicGroup   = "public_supergroup"
	tgChannel       = "private_channel"
	tgPublicChannel = "public_channel"
	tgReplies       = "replies"            // copies of replies from other chats
	tgCodes         = "verification_codes" // login codes
)

// tgChat is one chat being read.
type tgChat struct {
	pos      int    // input position
	loc      string // "chats.list[2]", or "" for a single-chat export
	name     string
	typ      string
	id       string // decimal, as written; "" when missing or not an integer
	msgsSeen bool   // a "messages" array was read
	drafts   []tgDraft
}

// tgDraft is a message read from a chat, waiting for the chat's id and the owner.
type tgDraft struct {
	pos      int
	loc      string
	id       int64
	fromID   string // Bot API form, "" when missing
	fromName string
	sentAt   time.Time
	text     string
	replyTo  int64
	atts     []backend.Attachment
}

// tgMessage is a message as the export writes it.
type tgMessage struct {
	ID           json.Number     `json:"id"`
	Type         string          `json:"type"`
	Date         string          `json:"date"`
	DateUnix     json.RawMessage `json:"date_unixtime"`
	From         *string         `json:"from"`
	FromID       json.RawMessage `json:"from_id"`
	Text         json.RawMessage `json:"text"`
	TextEntities json.RawMessage `json:"text_entities"`
	ReplyTo      json.Number     `json:"reply_to_message_id"`
	ReplyToPeer  json.RawMessage `json:"reply_to_peer_id"` // set when the answered message is in another chat
	Photo        string          `json:"photo"`
	PhotoSize    int64           `json:"photo_file_size"`
	File         string          `json:"file"`
	FileName     string          `json:"file_name"`
	FileSize     int64           `json:"file_size"`
	MediaType    string          `json:"media_type"`
	MIME         string          `json:"mime_type"`
}

// errReader remembers the first read error other than io.EOF, to tell a failing disk from a
// damaged file.
type errReader struct {
	r   io.Reader
	err error
}

func (e *errReader) Read(b []byte) (int, error) {
	n, err := e.r.Read(b)
	if err != nil && err != io.EOF && e.err == nil {
		e.err = err
	}
	return n, err
}

type tgParser struct {
	c          *collector
	file       string
	rd         *errReader
	dec        *json.Decoder
	single     tgChat
	chats      []*tgChat
	sawChats   bool   // an "export all" chats or left_chats object was read
	selfID     string // personal_information.user_id
	selfName   string
	recognised bool // enough was read to call the file a Telegram export
}

func parseTelegram(c *collector, fsys fs.FS, root string, isDir bool) error {
	name := root
	if isDir {
		name = path.Join(root, "result.json")
		info, err := fs.Stat(fsys, name)
		if errors.Is(err, fs.ErrNotExist) || (err == nil && info.IsDir()) {
			return notFormat(FormatTelegram, root)
		} else if err != nil {
			return readError(name, err)
		}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return readError(name, err)
	}
	defer f.Close()
	c.res.Platform = backend.PlatformTelegram
	rd := &errReader{r: bufio.NewReaderSize(f, 1<<16)}
	p := &tgParser{c: c, file: name, rd: rd, dec: json.NewDecoder(rd)}
	if err := p.parse(); err != nil {
		return p.fail(err)
	}
	if !p.sawChats && (p.single.typ == "" || !p.single.msgsSeen) {
		return notFormat(FormatTelegram, name)
	}
	p.finish()
	return nil
}

// errNotTelegram stops parsing a JSON value that cannot be a Telegram export.
var errNotTelegram = errors.New("not a Telegram export")

// fail turns a parsing error into the error Parse returns.
func (p *tgParser) fail(err error) error {
	switch {
	case p.rd.err != nil:
		return readError(p.file, p.rd.err)
	case errors.Is(err, errNotTelegram) || !p.recognised:
		return notFormat(FormatTelegram, p.file)
	}
	return damaged(p.file, p.dec.InputOffset(), err)
}

func (p *tgParser) parse() error {
	tok, err := p.dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		return errNotTelegram
	}
	for p.dec.More() {
		key, err := p.key()
		if err != nil {
			return err
		}
		switch key {
		case "name", "type", "id":
			if err := p.chatField(&p.single, key); err != nil {
				return err
			}
			p.recognised = p.recognised || (p.single.typ != "" && p.single.id != "")
		case "messages":
			if err := p.messages(&p.single); err != nil {
				return err
			}
		case "personal_information":
			raw, err := p.raw()
			if err != nil {
				return err
			}
			var info struct {
				UserID    json.Number `json:"user_id"`
				FirstName string      `json:"first_name"`
				LastName  string      `json:"last_name"`
			}
			if json.Unmarshal(raw, &info) == nil {
				if id, err := strconv.ParseInt(info.UserID.String(), 10, 64); err == nil && id > 0 {
					p.selfID = strconv.FormatInt(id, 10)
				}
				p.selfName = strings.TrimSpace(info.FirstName + " " + info.LastName)
			}
		case "chats", "left_chats":
			p.sawChats, p.recognised = true, true
			if err := p.chatList(key); err != nil {
				return err
			}
		default:
			if err := p.skip(); err != nil {
				return err
			}
		}
	}
	_, err = p.dec.Token() // the closing brace
	return err
}

// key reads an object key.
func (p *tgParser) key() (string, error) {
	tok, err := p.dec.Token()
	if err != nil {
		return "", err
	}
	key, ok := tok.(string)
	if !ok {
		return "", errNotTelegram
	}
	return key, nil
}

// raw reads the next value whole.
func (p *tgParser) raw() (json.RawMessage, error) {
	var raw json.RawMessage
	err := p.dec.Decode(&raw)
	return raw, err
}

// skip reads past the next value without keeping it.
func (p *tgParser) skip() error {
	tok, err := p.dec.Token()
	if err != nil {
		return err
	}
	return p.skipRest(tok)
}

// skipRest reads past the rest of a value whose first token was tok.
func (p *tgParser) skipRest(tok json.Token) error {
	depth := 0
	for {
		if d, ok := tok.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
		if depth == 0 {
			return nil
		}
		var err error
		if tok, err = p.dec.Token(); err != nil {
			return err
		}
	}
}

// chatField reads a chat's name, type or id; a value of the wrong type is ignored.
func (p *tgParser) chatField(ch *tgChat, key string) error {
	raw, err := p.raw()
	if err != nil {
		return err
	}
	switch key {
	case "name":
		_ = json.Unmarshal(raw, &ch.name)
	case "type":
		_ = json.Unmarshal(raw, &ch.typ)
	case "id":
		var n json.Number
		if json.Unmarshal(raw, &n) == nil {
			if id, err := strconv.ParseInt(n.String(), 10, 64); err == nil && id != 0 {
				ch.id = strconv.FormatInt(id, 10)
			}
		}
	}
	return nil
}

// chatList reads "chats" or "left_chats": {"about": …, "list": [chat, …]}.
func (p *tgParser) chatList(key string) error {
	tok, err := p.dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		return p.skipRest(tok)
	}
	for p.dec.More() {
		k, err := p.key()
		if err != nil {
			return err
		}
		if k != "list" {
			if err := p.skip(); err != nil {
				return err
			}
			continue
		}
		tok, err := p.dec.Token()
		if err != nil {
			return err
		}
		if tok != json.Delim('[') {
			if err := p.skipRest(tok); err != nil {
				return err
			}
			continue
		}
		for i := 0; p.dec.More(); i++ {
			loc := fmt.Sprintf("%s.list[%d]", key, i)
			p.c.pos = p.c.next()
			tok, err := p.dec.Token()
			if err != nil {
				return err
			}
			if tok != json.Delim('{') {
				p.c.reject(p.file+"#"+loc, KeyItemUnreadable, "Unreadable item: this is not a chat.", "detail", "this is not a chat")
				if err := p.skipRest(tok); err != nil {
					return err
				}
				continue
			}
			if err := p.chat(loc); err != nil {
				return err
			}
		}
		if _, err := p.dec.Token(); err != nil { // ]
			return err
		}
	}
	_, err = p.dec.Token() // }
	return err
}

// chat reads one chat object of a list, its opening brace already read.
func (p *tgParser) chat(loc string) error {
	ch := &tgChat{loc: loc, pos: p.c.pos}
	for p.dec.More() {
		key, err := p.key()
		if err != nil {
			return err
		}
		switch key {
		case "name", "type", "id":
			err = p.chatField(ch, key)
		case "messages":
			err = p.messages(ch)
		default:
			err = p.skip()
		}
		if err != nil {
			return err
		}
	}
	if _, err := p.dec.Token(); err != nil { // }
		return err
	}
	p.chats = append(p.chats, ch)
	return nil
}

// messages reads a chat's message array, one message at a time.
func (p *tgParser) messages(ch *tgChat) error {
	tok, err := p.dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('[') {
		return p.skipRest(tok)
	}
	ch.msgsSeen = true
	prefix := p.file + "#"
	if ch.loc != "" {
		prefix += ch.loc + "."
	}
	for i := 0; p.dec.More(); i++ {
		raw, err := p.raw()
		if err != nil {
			return err
		}
		p.message(ch, raw, fmt.Sprintf("%smessages[%d]", prefix, i))
	}
	_, err = p.dec.Token() // ]
	return err
}

// message reads one message into a draft, or skips or rejects it.
func (p *tgParser) message(ch *tgChat, raw json.RawMessage, loc string) {
	p.c.pos = p.c.next()
	var m tgMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		p.c.reject(loc, KeyItemUnreadable, "Unreadable item: "+err.Error()+".", "detail", err.Error())
		return
	}
	switch m.Type {
	case "service":
		p.c.res.Skipped++
		return
	case "message", "":
	default:
		t := truncateUTF8(m.Type, 64)
		p.c.reject(loc, KeyItemUnknownType, fmt.Sprintf("Unknown message type %q.", t), "type", t)
		return
	}
	id, err := strconv.ParseInt(m.ID.String(), 10, 64)
	if err != nil || id <= 0 {
		p.c.reject(loc, KeyItemNoID, "The message has no id.")
		return
	}
	sentAt, ok := p.sentAt(m)
	if !ok {
		v := truncateUTF8(m.Date, 64)
		p.c.reject(loc, KeyItemBadDate, fmt.Sprintf("The date %q cannot be read.", v), "value", v)
		return
	}
	d := tgDraft{pos: p.c.pos, loc: loc, id: id, sentAt: sentAt, fromID: tgPeerID(m.FromID), text: tgText(m.Text, m.TextEntities)}
	if m.From != nil {
		d.fromName = *m.From
	}
	if r, err := strconv.ParseInt(m.ReplyTo.String(), 10, 64); err == nil && r > 0 && len(m.ReplyToPeer) == 0 {
		d.replyTo = r
	}
	if m.Photo != "" {
		d.atts = append(d.atts, backend.Attachment{Kind: "image", Name: attachmentName(m.Photo, ""), Size: max(m.PhotoSize, 0)})
	}
	if m.File != "" {
		d.atts = append(d.atts, backend.Attachment{Kind: tgMediaKind(m.MediaType), Name: attachmentName(m.File, m.FileName),
			MIME: truncateUTF8(m.MIME, 255), Size: max(m.FileSize, 0)})
	}
	ch.drafts = append(ch.drafts, d)
}

// sentAt reads date_unixtime, else date in the configured time zone.
func (p *tgParser) sentAt(m tgMessage) (time.Time, bool) {
	if len(m.DateUnix) > 0 && string(m.DateUnix) != "null" {
		var s string
		if json.Unmarshal(m.DateUnix, &s) != nil {
			s = string(m.DateUnix) // a number in some variants
		}
		if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
			t := time.Unix(n, 0).UTC()
			return t, plausible(t)
		}
	}
	t, err := time.ParseInLocation("2006-01-02T15:04:05", m.Date, p.c.opts.TimeZone)
	if err != nil {
		if t, err = time.Parse(time.RFC3339, m.Date); err != nil {
			return time.Time{}, false
		}
	}
	t = t.UTC()
	return t, plausible(t)
}

// tgText flattens a message's text: text_entities when it is a non-empty array, else text as a
// string or an array of strings and entity objects.
func tgText(text, entities json.RawMessage) string {
	var parts []json.RawMessage
	if json.Unmarshal(entities, &parts) != nil || len(parts) == 0 {
		var s string
		if json.Unmarshal(text, &s) == nil {
			return s
		}
		parts = nil
		if json.Unmarshal(text, &parts) != nil {
			return ""
		}
	}
	var b strings.Builder
	for _, part := range parts {
		var s string
		if json.Unmarshal(part, &s) == nil {
			b.WriteString(s)
			continue
		}
		var entity struct {
			Text json.RawMessage `json:"text"`
		}
		if json.Unmarshal(part, &entity) == nil && json.Unmarshal(entity.Text, &s) == nil {
			b.WriteString(s)
		}
	}
	return b.String()
}

// tgPeerID returns a from_id in the Bot API's form: "user123" and 123 give "123", "channel123"
// gives "-100123", "chat123" gives "-123". Anything else is kept as written; "" when missing.
func tgPeerID(raw json.RawMessage) string {
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		if id, err := strconv.ParseInt(n.String(), 10, 64); err == nil {
			return strconv.FormatInt(id, 10)
		}
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	s = strings.TrimSpace(s)
	for _, pair := range [][2]string{{"user", ""}, {"channel", "-100"}, {"chat", "-"}} {
		if rest, ok := strings.CutPrefix(s, pair[0]); ok && isDigits(rest) {
			return pair[1] + rest
		}
	}
	return truncateUTF8(s, backend.MaxPlatformIDBytes)
}

// tgThreadKey returns a chat's id in the Bot API's form, from its type and bare id.
func tgThreadKey(typ, id string) string {
	if strings.HasPrefix(id, "-") {
		return id
	}
	switch typ {
	case tgGroup:
		return "-" + id
	case tgSupergroup, tgPublicGroup, tgChannel, tgPublicChannel:
		return "-100" + id
	}
	return id
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// tgMediaKind maps an export's media_type to an attachment kind.
func tgMediaKind(mediaType string) string {
	switch mediaType {
	case "sticker":
		return "sticker"
	case "animation", "video_file", "video_message":
		return "video"
	case "voice_message", "audio_file":
		return "audio"
	}
	return "file"
}

// attachmentName returns name, else the file name of a media path; "" for the placeholder an
// export writes when media were not exported.
func attachmentName(p, name string) string {
	if name == "" && !strings.HasPrefix(p, "(") {
		name = path.Base(strings.ReplaceAll(p, `\`, "/"))
	}
	return truncateUTF8(name, 255)
}

// finish resolves chat ids and directions and emits the drafts.
func (p *tgParser) finish() {
	chats := p.chats
	if !p.sawChats {
		chats = []*tgChat{&p.single}
	}
	owner := p.c.opts.Owner
	ownerIDs := map[string]bool{}
	if p.selfID != "" {
		ownerIDs[p.selfID] = true
		if owner == "" {
			p.c.res.Owner = p.selfName
		}
	}
	if owner != "" {
		if id := tgPeerID(json.RawMessage(strconv.Quote(owner))); isDigits(strings.TrimPrefix(id, "-")) {
			ownerIDs[id] = true
		}
		for _, ch := range chats {
			for _, d := range ch.drafts {
				if d.fromID != "" && sameName(d.fromName, owner) {
					ownerIDs[d.fromID] = true
				}
			}
		}
	}
	for _, ch := range chats {
		if ch.id == "" {
			p.c.pos = ch.pos
			if len(ch.drafts) > 0 {
				loc := p.file
				if ch.loc != "" {
					loc += "#" + ch.loc
				}
				p.c.reject(loc, KeyChatNoID, fmt.Sprintf("The chat %q has no id; its %d messages were not imported.", ch.name, len(ch.drafts)),
					"name", ch.name, "count", strconv.Itoa(len(ch.drafts)))
			}
			continue
		}
		switch ch.typ {
		case tgSaved, tgChannel, tgPublicChannel, tgReplies, tgCodes:
			p.c.res.Skipped += len(ch.drafts)
			continue
		}
		// Without any other clue, the other side of a personal chat is its id (or its name).
		peer := ""
		if len(ownerIDs) == 0 && owner == "" && (ch.typ == tgPersonal || ch.typ == tgBot) {
			peer = ch.peer()
		}
		thread := tgThreadKey(ch.typ, ch.id)
		for _, d := range ch.drafts {
			p.c.pos = d.pos
			out := ownerIDs[d.fromID] || (d.fromID == "" && sameName(d.fromName, owner)) || (peer != "" && d.fromID != "" && d.fromID != peer)
			if peer != "" && out && p.c.res.Owner == "" {
				p.c.res.Owner = strings.TrimSpace(d.fromName)
			}
			if !out && d.fromID == "" {
				p.c.reject(d.loc, KeyItemNoAuthor, "The message does not say who wrote it.")
				continue
			}
			m := backend.IncomingMessage{
				Kind:              backend.ConversationDM,
				PlatformMessageID: fitID(thread + ":" + strconv.FormatInt(d.id, 10)),
				ThreadKey:         thread,
				Direction:         backend.DirectionIn,
				Author:            backend.Author{PlatformUserID: d.fromID, DisplayName: d.fromName, IsBot: ch.typ == tgBot && !out},
				Text:              d.text,
				SentAt:            d.sentAt,
				Attachments:       d.atts,
			}
			if out {
				m.Direction = backend.DirectionOut
			}
			if d.replyTo > 0 {
				m.ReplyTo = thread + ":" + strconv.FormatInt(d.replyTo, 10)
			}
			p.c.emit(d.loc, m)
		}
	}
}

// peer returns the from_id of the other person in a personal chat: the one equal to the chat's
// id, else the one whose name is the chat's name; "" when neither is found.
func (ch *tgChat) peer() string {
	for _, d := range ch.drafts {
		if d.fromID == ch.id {
			return d.fromID
		}
	}
	for _, d := range ch.drafts {
		if d.fromID != "" && sameName(d.fromName, ch.name) {
			return d.fromID
		}
	}
	return ""
}
