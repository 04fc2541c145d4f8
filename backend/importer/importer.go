// Package importer reads conversations from platforms' data exports and from CSV files and turns
// them into backend.IncomingMessage values for InboxService.Ingest.
//
// Parse never writes anything: it returns the messages it could read, the items it refused with
// their reasons, and counts of what it skipped or shortened. The caller picks or creates a channel
// of kind backend.ChannelImport for Result.Platform, sets ChannelID on every message and ingests
// them in batches of at most backend.MaxIngestBatch. Platform message ids are stable, so importing
// the same export again adds nothing.
//
// Every returned message passes backend.IncomingMessage.Validate once its ChannelID is set. Texts
// longer than backend.MaxMessageTextBytes are cut at a character boundary and more than
// backend.MaxAttachmentsPerMsg attachments are cut to that many (Result.Truncated counts such
// messages); the search highlight markers backend.SnippetStart and backend.SnippetEnd are removed
// from texts, as Ingest would; author names are cut to backend.MaxContactNameRunes characters.
// Messages are returned oldest first.
//
// # Telegram Desktop export (FormatTelegram)
//
// root is result.json or the folder holding it, from "Export chat history" (one chat) or
// "Export Telegram data" (every chat, under chats.list and left_chats.list), in machine-readable
// JSON. Both old and new exports are read: text as a string or as an array of strings and entity
// objects (text_entities is preferred when it is a non-empty array), from_id as an integer or as
// "user123", "channel123" or "chat123", date_unixtime when present.
//
//   - Ids: the platform message id is "<chat>:<message id>" and the thread key is "<chat>", where
//     <chat> is the chat id as the Bot API writes it: a personal or bot chat keeps its id (the
//     other person's user id), a basic group is "-<id>", a supergroup or channel "-100<id>". Ids
//     already negative are kept.
//   - Authors: the platform user id is from_id in the same Bot API form ("user123" and 123 become
//     "123", "channel123" becomes "-100123", "chat123" becomes "-123"); the display name is from.
//     In a bot chat the other side is marked IsBot. Exports carry no usernames.
//   - Kind: every chat is a DM conversation, groups included (one conversation per group).
//   - Time: date_unixtime when present, otherwise date read as wall-clock time in
//     Options.TimeZone (UTC when nil), because old exports wrote the exporting computer's local
//     time without a zone.
//   - Direction: a message is outbound when its sender is the exporting account: the sender
//     whose from_id is personal_information.user_id (full exports carry it), or the one
//     Options.Owner names (its from, case-insensitively, or its from_id), with every message of
//     the same from_id. When neither is available, in a personal or bot chat whose id is the other
//     person's user id (or, failing that, whose name is the other person's from), every other
//     sender is the account. Otherwise, as in groups of a single-chat export, all are inbound.
//   - Attachments: photo and file become attachments (image, sticker, video, audio or file from
//     media_type) with their file name and MIME type; the placeholder written when media were not
//     exported ("(File not included. …)") keeps the attachment without a name.
//   - Skipped: service messages (joins, pins, calls…), broadcast channels' posts and the
//     automatic chats (Saved Messages, Replies, Verification Codes). Polls, locations and contacts
//     carry nothing Tend keeps and are rejected. A reply to a message of another chat keeps no
//     reply-to.
//
// # Meta "Download your information" (FormatMeta)
//
// root is one message_N.json file (or one end-to-end-encrypted Messenger export file) or a
// folder. In a folder, Parse reads every **/messages/inbox/*/message_N.json,
// **/messages/e2ee_cutover/*/message_N.json and **/messages/e2ee_cutover/*.json file, which covers
// both Facebook (your_facebook_activity/messages/…) and Instagram
// (your_instagram_activity/messages/…) exports; when none is found, it reads the *.json files at
// the folder's top, which is how the separate end-to-end-encrypted Messenger download is laid out.
//
//   - Platform: Options.Platform when set ("instagram" or "messenger"); otherwise "instagram" for
//     files under a your_instagram_activity folder or a folder named instagram-… or instagram_…,
//     and "messenger" for the rest. A folder that mixes both is refused.
//   - Both layouts are read: snake_case (participants [{name}], messages newest first with
//     sender_name, timestamp_ms, content, photos, videos, audio_files, gifs, files, sticker, share)
//     and the newer camelCase end-to-end-encrypted one (participants as strings, threadName,
//     messages oldest first with senderName, timestamp, text, media). A timestamp below 10^11 is
//     read as seconds (the oldest exports), anything else as milliseconds.
//   - Text: Meta writes UTF-8 bytes as \u00XX escapes; see FixMojibake, applied to every string.
//     A message without content keeps its attachments and an empty text; a shared link becomes a
//     "link" attachment named after its share_text.
//   - Ids: DYI has no message ids, so the id is "dyi-" followed by a hash of the thread key, the
//     time in milliseconds, the sender's name and the text; identical messages in one thread are
//     told apart by a "-2", "-3"… suffix in file order. The thread key is the last element of
//     thread_path, else the thread's folder name, else threadName, else the file name.
//   - Authors: the platform user id is "name-" followed by a hash of the sender's name (exports
//     carry no user ids); the display name is the name.
//   - Direction: outbound when the sender is Options.Owner (case-insensitively). Without it, the
//     owner is detected: in a two-person thread whose title is the other person's name, the owner
//     is the remaining participant; when every such thread agrees, or else when exactly one name
//     takes part in every thread of a folder, that name is the owner. Otherwise all are inbound.
//   - Skipped: reactions (a field of the message they react to, never messages), unsent
//     messages, calls, joins and leaves, end-to-end-encrypted placeholders and the automatic
//     "reacted 😀 to your message" / "Liked a message" lines (English and French).
//
// # CSV (FormatCSV)
//
// root is a .csv file: UTF-8 (a byte-order mark is ignored; a field that is not valid UTF-8 is
// read as Windows-1252, as older Excel versions save), comma-separated as in RFC 4180 (a header
// with semicolons and no comma makes semicolons the separator, as French Excel saves). The first
// row names the columns, in any order, case-insensitively:
//
//	platform       required  instagram, facebook, messenger, tiktok, youtube, whatsapp, telegram,
//	                         linkedin or other; one platform per file
//	thread         required  the conversation: every row with the same thread is one conversation
//	message_id     required  unique within the file and stable across imports (re-importing skips it)
//	direction      required  in (from a contact) or out (from the brand)
//	author_id      required  the author's id on the platform; a value is required for "in" rows
//	author_name    required  the author's display name; may be empty
//	text           required  the message; may not be empty
//	sent_at        required  RFC 3339 with a zone (2024-05-01T14:03:00+02:00 or …Z) or unix seconds
//	kind           optional  dm (default), comment_thread or live_chat
//	reply_to       optional  the message_id this message answers
//	post_id        optional  the publication a comment thread or live chat belongs to
//	post_url       optional  its address
//	author_handle  optional  the author's @handle (the "@" is dropped)
//
// An unknown or duplicate column, or a missing required one, refuses the whole file; a bad row is
// rejected with its line number and the reason, and the other rows are imported.
package importer

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"tend/backend"
)

// Format names an input format.
type Format string

// Formats Parse reads.
const (
	FormatTelegram Format = "telegram" // Telegram Desktop's JSON export (result.json)
	FormatMeta     Format = "meta"     // Meta's "Download your information" JSON (Messenger, Instagram)
	FormatCSV      Format = "csv"      // Tend's CSV layout, described in the package comment
)

// Formats lists the formats in display order.
var Formats = []Format{FormatTelegram, FormatMeta, FormatCSV}

// Options tune Parse.
type Options struct {
	// Owner is the account's own display name on the platform (or, for Telegram, its user id):
	// messages it wrote are outbound. Empty means detect it where the format allows.
	Owner string `json:"owner"`
	// TimeZone reads Telegram dates written without a zone (old exports); nil means UTC.
	TimeZone *time.Location `json:"-"`
	// Platform, when set, is the platform the caller expects: Meta files are attributed to it
	// ("instagram" or "messenger") and CSV rows of another platform are rejected. Telegram only
	// accepts "telegram".
	Platform string `json:"platform"`
}

// Result is what Parse read.
type Result struct {
	// Platform is where the messages come from: telegram, instagram, messenger or, for CSV, the
	// rows' platform (other when the file has no rows).
	Platform string `json:"platform"`
	// Owner is the account's own name as used to tell outbound messages: Options.Owner or the
	// detected one; empty when unknown (every message is then inbound).
	Owner string `json:"owner"`
	// Messages are the messages read, oldest first, with ChannelID 0: the caller sets it.
	Messages []backend.IncomingMessage `json:"messages"`
	// Rejected lists the items refused, in file order; at most MaxRejections of them.
	Rejected []Rejection `json:"rejected"`
	// MoreRejected counts the items refused beyond MaxRejections.
	MoreRejected int `json:"more_rejected"`
	// Skipped counts the items deliberately left out: service messages and other automatic lines,
	// reactions shown as lines, unsent messages, broadcast channels, Saved Messages, and items
	// present twice in the input.
	Skipped int `json:"skipped"`
	// Truncated counts messages shortened to fit the limits (text length, attachment count).
	Truncated int `json:"truncated"`
}

// MaxRejections bounds Result.Rejected; further rejections are only counted.
const MaxRejections = 1000

// Rejection is one item Parse refused.
type Rejection struct {
	// Location is "file:line" for CSV rows and "file#path" for JSON items, e.g.
	// "result.json#chats.list[2].messages[17]" (indexes from 0).
	Location string `json:"location"`
	// Reason says what is wrong, in English.
	Reason string `json:"reason"`
	// Key and Params let a frontend show the reason in the user's language, like backend.Error.
	Key    string            `json:"key"`
	Params map[string]string `json:"params,omitempty"`
}

// Error keys returned by Parse (with the code in the comment).
const (
	KeyFormatUnknown       = "import_format_unknown"        // EINVALID, params format
	KeyPlatformInvalid     = "import_platform_invalid"      // EINVALID, params platform, format
	KeyPathInvalid         = "import_path_invalid"          // EINVALID, params file
	KeyFileNotFound        = "import_file_not_found"        // ENOTFOUND, params file
	KeyReadFailed          = "import_read_failed"           // EUNAVAILABLE, params file
	KeyNotTelegram         = "import_not_telegram"          // EINVALID, params file
	KeyNotMeta             = "import_not_meta"              // EINVALID, params file
	KeyNotCSV              = "import_not_csv"               // EINVALID, params file
	KeyFileDamaged         = "import_file_damaged"          // EINVALID, params file, offset
	KeyMetaMixedPlatforms  = "import_meta_mixed_platforms"  // EINVALID, params file
	KeyCSVUnknownColumn    = "import_csv_unknown_column"    // EINVALID, params file, columns, allowed
	KeyCSVMissingColumn    = "import_csv_missing_column"    // EINVALID, params file, columns
	KeyCSVDuplicateColumn  = "import_csv_duplicate_column"  // EINVALID, params file, column
	KeyItemUnreadable      = "import_item_unreadable"       // rejection, params detail
	KeyItemUnknownType     = "import_item_unknown_type"     // rejection, params type
	KeyItemNoID            = "import_item_no_id"            // rejection
	KeyItemNoAuthor        = "import_item_no_author"        // rejection
	KeyItemBadDate         = "import_item_bad_date"         // rejection, params value
	KeyItemEmpty           = "import_item_empty"            // rejection
	KeyItemInvalid         = "import_item_invalid"          // rejection, params detail
	KeyChatNoID            = "import_chat_no_id"            // rejection, params name, count
	KeyFileUnreadable      = "import_file_unreadable"       // rejection (a file in a folder), params detail
	KeyFileNotMeta         = "import_file_not_meta"         // rejection (a file in a folder)
	KeyCSVSyntax           = "import_csv_syntax"            // rejection, params detail
	KeyCSVFieldCount       = "import_csv_field_count"       // rejection, params got, want
	KeyCSVRequired         = "import_csv_required"          // rejection, params column
	KeyCSVTooLong          = "import_csv_too_long"          // rejection, params column, limit
	KeyCSVBadPlatform      = "import_csv_bad_platform"      // rejection, params value
	KeyCSVOtherPlatform    = "import_csv_other_platform"    // rejection, params value, expected
	KeyCSVBadDirection     = "import_csv_bad_direction"     // rejection, params value
	KeyCSVBadKind          = "import_csv_bad_kind"          // rejection, params value
	KeyCSVBadTime          = "import_csv_bad_time"          // rejection, params value
	KeyCSVDuplicateMessage = "import_csv_duplicate_message" // rejection, params id, line
)

// Parse reads root, a file or a folder inside fsys (a slash-separated fs.FS path, "." for fsys's
// top), in the given format.
//
// It returns EINVALID when the format or Options.Platform is unknown, when root is not the format
// at all (import_not_<format>), when a JSON file is damaged, and for the CSV header errors;
// ENOTFOUND when root does not exist and EUNAVAILABLE when it cannot be read. Bad items inside a
// readable input are not errors: they are listed in Result.Rejected and the rest is imported.
func Parse(format Format, fsys fs.FS, root string, opts Options) (Result, error) {
	if !slices.Contains(Formats, format) {
		return Result{}, backend.Errorf(backend.EINVALID, "Unknown import format %q: use telegram, meta or csv.", string(format)).
			Localized(KeyFormatUnknown, "format", string(format))
	}
	if opts.TimeZone == nil {
		opts.TimeZone = time.UTC
	}
	opts.Owner = strings.TrimSpace(opts.Owner)
	if !validPlatformOption(format, opts.Platform) {
		return Result{}, backend.Errorf(backend.EINVALID, "%q is not a platform a %s import can hold.", opts.Platform, format).
			Localized(KeyPlatformInvalid, "platform", opts.Platform, "format", string(format))
	}
	if !fs.ValidPath(root) {
		return Result{}, backend.Errorf(backend.EINVALID, "%q is not a valid path.", root).Localized(KeyPathInvalid, "file", root)
	}
	info, err := fs.Stat(fsys, root)
	if err != nil {
		return Result{}, readError(root, err)
	}
	c := newCollector(opts)
	switch format {
	case FormatTelegram:
		err = parseTelegram(c, fsys, root, info.IsDir())
	case FormatMeta:
		err = parseMeta(c, fsys, root, info.IsDir())
	case FormatCSV:
		if info.IsDir() {
			return Result{}, notFormat(FormatCSV, root)
		}
		err = parseCSV(c, fsys, root)
	}
	if err != nil {
		return Result{}, err
	}
	return c.result(), nil
}

func validPlatformOption(format Format, platform string) bool {
	switch {
	case platform == "":
		return true
	case format == FormatTelegram:
		return platform == backend.PlatformTelegram
	case format == FormatMeta:
		return platform == backend.PlatformInstagram || platform == backend.PlatformMessenger
	}
	return slices.Contains(backend.Platforms, platform)
}

// readError maps a file system error on name to a backend error.
func readError(name string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return backend.Wrap(backend.ENOTFOUND, err, "%q does not exist.", name).Localized(KeyFileNotFound, "file", name)
	}
	return backend.Wrap(backend.EUNAVAILABLE, err, "Could not read %q.", name).Localized(KeyReadFailed, "file", name)
}

// notFormat is the error for an input that is not format at all.
func notFormat(format Format, name string) error {
	var e *backend.Error
	switch format {
	case FormatTelegram:
		e = backend.Errorf(backend.EINVALID, "%q is not a Telegram Desktop export: export from Telegram Desktop in machine-readable JSON and choose result.json or its folder.", name).
			Localized(KeyNotTelegram)
	case FormatMeta:
		e = backend.Errorf(backend.EINVALID, "%q is not a Meta message export: download your information in JSON format and choose a message_1.json file or the unzipped folder.", name).
			Localized(KeyNotMeta)
	default:
		e = backend.Errorf(backend.EINVALID, "%q is not a CSV file with a header row.", name).Localized(KeyNotCSV)
	}
	e.Params = map[string]string{"file": name}
	return e
}

// damaged is the error for a JSON file that breaks off or is corrupt at offset.
func damaged(name string, offset int64, cause error) error {
	return backend.Wrap(backend.EINVALID, cause, "%q is damaged near byte %d; nothing was imported.", name, offset).
		Localized(KeyFileDamaged, "file", name, "offset", strconv.FormatInt(offset, 10))
}

// collector gathers messages and rejections.
type collector struct {
	opts Options
	res  Result
	seen map[string]bool // platform message ids emitted
	// pos is the input position of the item being handled: rejections are reported in input
	// order even when a parser decides on some items after reading them all.
	pos, last  int
	rejectedAt []int
}

// next returns a new input position, after every one returned before.
func (c *collector) next() int {
	c.last++
	return c.last
}

func newCollector(opts Options) *collector {
	return &collector{opts: opts, seen: map[string]bool{}, res: Result{
		Owner: opts.Owner, Messages: []backend.IncomingMessage{}, Rejected: []Rejection{},
	}}
}

// reject records a refused item; params are name, value pairs.
func (c *collector) reject(location, key, reason string, params ...string) {
	if len(c.res.Rejected) >= MaxRejections {
		c.res.MoreRejected++
		return
	}
	r := Rejection{Location: location, Reason: reason, Key: key}
	if len(params) > 0 {
		r.Params = make(map[string]string, len(params)/2)
		for i := 0; i+1 < len(params); i += 2 {
			r.Params[params[i]] = params[i+1]
		}
	}
	c.res.Rejected = append(c.res.Rejected, r)
	c.rejectedAt = append(c.rejectedAt, c.pos)
}

// snippetMarkers are removed from texts, as Ingest does, so that validation here matches it.
var snippetMarkers = strings.NewReplacer(backend.SnippetStart, "", backend.SnippetEnd, "")

// emit fits m to the limits, validates it and keeps it, or rejects it. A message whose id was
// already emitted is skipped.
func (c *collector) emit(location string, m backend.IncomingMessage) {
	m.Text = snippetMarkers.Replace(m.Text)
	truncated := false
	if len(m.Text) > backend.MaxMessageTextBytes {
		m.Text, truncated = truncateUTF8(m.Text, backend.MaxMessageTextBytes), true
	}
	if len(m.Attachments) > backend.MaxAttachmentsPerMsg {
		m.Attachments, truncated = m.Attachments[:backend.MaxAttachmentsPerMsg:backend.MaxAttachmentsPerMsg], true
	}
	m.Author.DisplayName = capRunes(strings.TrimSpace(m.Author.DisplayName), backend.MaxContactNameRunes)
	if strings.TrimSpace(m.Text) == "" && len(m.Attachments) == 0 {
		c.reject(location, KeyItemEmpty, "Nothing to import: no text and no attachment Tend keeps (a poll or a location, for example).")
		return
	}
	if c.seen[m.PlatformMessageID] {
		c.res.Skipped++
		return
	}
	check := m
	check.ChannelID = 1
	if err := check.Validate(); err != nil {
		detail := backend.ErrorMessage(err)
		c.reject(location, KeyItemInvalid, "Invalid message: "+detail+".", "detail", detail)
		return
	}
	if truncated {
		c.res.Truncated++
	}
	c.seen[m.PlatformMessageID] = true
	c.res.Messages = append(c.res.Messages, m)
}

// result returns the messages oldest first (ties keep input order).
func (c *collector) result() Result {
	slices.SortStableFunc(c.res.Messages, func(a, b backend.IncomingMessage) int { return a.SentAt.Compare(b.SentAt) })
	order := make([]int, len(c.res.Rejected))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(c.rejectedAt[a], c.rejectedAt[b]) })
	rejected := make([]Rejection, len(order))
	for i, j := range order {
		rejected[i] = c.res.Rejected[j]
	}
	c.res.Rejected = rejected
	if c.res.Platform == "" {
		c.res.Platform = backend.PlatformOther
	}
	return c.res
}

// truncateUTF8 cuts valid UTF-8 s to at most n bytes at a character boundary.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// capRunes cuts s to at most n characters.
func capRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// fitID returns s, or a hash of it when it is longer than an id may be.
func fitID(s string) string {
	if len(s) <= backend.MaxPlatformIDBytes {
		return s
	}
	return "h-" + hashHex(s)
}

// hashHex returns the first 128 bits of the SHA-256 of parts joined by NUL bytes, in hex.
func hashHex(parts ...string) string {
	h := sha256.New()
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Plausible message times: the Unix epoch to the year 3000.
var (
	minTime = time.Unix(1, 0).UTC()
	maxTime = time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)
)

func plausible(t time.Time) bool { return !t.Before(minTime) && t.Before(maxTime) }

// sameName reports whether two display names are the same person's, ignoring case and spaces at
// the ends.
func sameName(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	return a != "" && strings.EqualFold(a, b)
}

// baseName returns the last element of a slash path without its extension.
func baseName(p string) string {
	b := path.Base(p)
	return strings.TrimSuffix(b, path.Ext(b))
}
