package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"tend/backend"
)

// Publishing posts to a channel (backend.Publishing).
//
// The account's optional id publish_chat names the chat the bot publishes to: a channel's
// "@username" or a chat id ("-100…" for a channel); the bot must be an administrator of the
// channel allowed to post messages. Text goes out with sendMessage (the post's link on a line of
// its own after the caption, unless the caption holds it); one photo with sendPhoto, one video
// with sendVideo, 2 to MaxMediaGroup photos and videos as an album with sendMediaGroup (the
// caption under the first). Local files are uploaded as multipart/form-data (an album's as
// attach://<name> parts); http and https addresses are passed as they are, for Telegram to fetch.
// Telegram publishes at once: NativeWindow is (0, 0).

// IDPublishChat is the account id naming the chat PublishPost posts to: "@channelusername" or a
// numeric chat id. Without it the account cannot publish (reason no_target).
const IDPublishChat = "publish_chat"

// Translation keys of the publishing errors, besides the backend's post_publish_* keys. Each
// carries "platform": "Telegram" and "chat": the publish_chat.
const (
	// KeyPublishChatInvalid (EINVALID, from New): publish_chat is neither "@username" nor a chat id.
	KeyPublishChatInvalid = "telegram_publish_chat_invalid"
	// KeyPublishNotAdmin (EFORBIDDEN): the bot is not an administrator of the channel allowed to
	// post (Telegram's 403 "bot is not a member of the channel chat", 400 "need administrator
	// rights in the channel chat").
	KeyPublishNotAdmin = "telegram_publish_not_admin"
	// KeyPublishChatNotFound (EINVALID): Telegram knows no such chat ("chat not found").
	KeyPublishChatNotFound = "telegram_publish_chat_not_found"
)

// Limits of the Bot API's publishing methods.
const (
	MaxCaptionRunes = backend.TelegramMediaCaptionLimit // a photo's or video's caption
	MaxMediaGroup   = 10                                // sendMediaGroup takes 2 to 10 items
	MaxPhotoBytes   = 10 << 20                          // a photo uploaded with sendPhoto
	MaxUploadBytes  = 50 << 20                          // any other file a bot uploads

	uploadTimeout = 10 * time.Minute
)

var _ backend.Publishing = (*Connector)(nil)

// usernameRE is a public username: 5 to 32 letters, digits and underscores, starting with a
// letter.
var usernameRE = regexp.MustCompile(`^@[A-Za-z][A-Za-z0-9_]{4,31}$`)

// parsePublishChat checks a publish_chat: "" (none), "@username" or a non-zero chat id.
func parsePublishChat(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", nil
	}
	if usernameRE.MatchString(s) {
		return s, nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n != 0 {
		return strconv.FormatInt(n, 10), nil
	}
	return "", backend.Errorf(backend.EINVALID, "%q is not a Telegram chat: write the channel's @username (5 to 32 letters, digits or _) or its numeric id (-100…).", s).
		Localized(KeyPublishChatInvalid, "platform", platformName, "chat", s)
}

// The file types the Bot API shows as photos and videos, by extension.
var (
	tgPhotoExts = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".webp": true}
	tgVideoExts = map[string]bool{".mp4": true}
)

type tgItem struct {
	media  string // a local path or an http(s) address
	video  bool
	remote bool
}

func unsupported(reason, format string, args ...any) error {
	return backend.PublishUnsupported(backend.PlatformTelegram, reason, fmt.Sprintf(format, args...))
}

// NativeWindow is (0, 0): Telegram publishes at once (a bot cannot schedule channel posts).
func (c *Connector) NativeWindow() (earliest, latest time.Duration) { return 0, 0 }

// CanPublishPost accepts text, one photo (JPEG, PNG, WebP) or MP4 video, or an album of 2 to
// MaxMediaGroup of them, local files or http(s) addresses. It refuses when the account has no
// publish_chat (no_target), stories, lives and DM touchpoints (format), more than MaxMediaGroup
// files (media_count) and other file types (media_type).
func (c *Connector) CanPublishPost(req backend.PublishRequest) error {
	_, err := c.plan(req)
	return err
}

func (c *Connector) plan(req backend.PublishRequest) ([]tgItem, error) {
	if c.publishChat == "" {
		return nil, unsupported(backend.PublishReasonNoTarget, "The Telegram account has no channel to publish to: set its publish chat (the channel's @username or id) in the account settings.")
	}
	switch req.Format {
	case backend.FormatLive:
		return nil, unsupported(backend.PublishReasonFormat, "A live is broadcast, not published: Telegram cannot publish it from Tend.")
	case backend.FormatDMTouchpoint:
		return nil, unsupported(backend.PublishReasonFormat, "A planned DM touchpoint is a private message, not a post: send it from the inbox.")
	case backend.FormatStory:
		return nil, unsupported(backend.PublishReasonFormat, "A bot cannot post Telegram stories: post the story by hand.")
	}
	if n := len(req.Media); n > MaxMediaGroup {
		return nil, unsupported(backend.PublishReasonMediaCount, "A Telegram album holds at most %d photos and videos; this post has %d: post it by hand.", MaxMediaGroup, n)
	}
	items := make([]tgItem, 0, len(req.Media))
	for _, m := range req.Media {
		m = strings.TrimSpace(m)
		ext := backend.MediaExt(m)
		it := tgItem{media: m, video: tgVideoExts[ext], remote: backend.IsMediaURL(m)}
		if !it.video && !tgPhotoExts[ext] {
			return nil, unsupported(backend.PublishReasonMediaType, "Telegram shows JPEG, PNG or WebP photos and MP4 videos; %s is none of these: post it by hand.", filepath.Base(m))
		}
		items = append(items, it)
	}
	return items, nil
}

// PublishPost posts req to the publish_chat now. ExternalID is "<chat_id>:<message_id>" (an
// album's first message), URL https://t.me/<username>/<message_id> for a public chat. Errors:
// CanPublishPost's; EINVALID post_publish_no_native when req.At is set, post_caption_too_long,
// reply_text_required, post_media_unreadable, post_media_too_large; EFORBIDDEN
// telegram_publish_not_admin; EINVALID telegram_publish_chat_not_found; and the connector's
// other errors (account_token_invalid, account_rate_limited in a *backend.RetryAfterError, …).
func (c *Connector) PublishPost(ctx context.Context, req backend.PublishRequest) (backend.Publication, error) {
	items, err := c.plan(req)
	if err != nil {
		return backend.Publication{}, err
	}
	if req.At != nil {
		return backend.Publication{}, backend.PublishNoNativeError(backend.PlatformTelegram)
	}
	text := backend.WithLink(req.Caption, req.Link)
	if err := backend.CheckCaption(backend.PlatformTelegram, text, len(items) > 0); err != nil {
		return backend.Publication{}, err
	}
	chatID := chatIDValue(c.publishChat)
	var first message
	switch len(items) {
	case 0:
		if strings.TrimSpace(text) == "" {
			return backend.Publication{}, backend.Errorf(backend.EINVALID, "The post is empty.").Localized(KeyTextRequired, "platform", platformName)
		}
		err = c.call(ctx, "sendMessage", sendMessageRequest{ChatID: chatID, Text: text}, requestTimeout, &first)
	case 1:
		first, err = c.sendOne(ctx, chatID, items[0], text)
	default:
		var msgs []message
		msgs, err = c.sendAlbum(ctx, chatID, items, text)
		if err == nil && len(msgs) > 0 {
			first = msgs[0]
		}
	}
	if err != nil {
		return backend.Publication{}, c.publishError(err)
	}
	if first.MessageID == 0 || first.Chat.ID == 0 {
		return backend.Publication{}, c.badResponse("publish", http.StatusOK, "the sent message has no id")
	}
	id := strconv.FormatInt(first.MessageID, 10)
	pub := backend.Publication{ExternalID: strconv.FormatInt(first.Chat.ID, 10) + ":" + id}
	username := first.Chat.Username
	if username == "" && strings.HasPrefix(c.publishChat, "@") {
		username = c.publishChat[1:]
	}
	if username != "" {
		pub.URL = "https://t.me/" + username + "/" + id
	}
	return pub, nil
}

// sendOne sends one photo (sendPhoto) or video (sendVideo): an address as JSON, a local file as
// an upload.
func (c *Connector) sendOne(ctx context.Context, chatID any, it tgItem, caption string) (message, error) {
	method, field := "sendPhoto", "photo"
	if it.video {
		method, field = "sendVideo", "video"
	}
	var m message
	if it.remote {
		payload := map[string]any{"chat_id": chatID, field: it.media}
		if caption != "" {
			payload["caption"] = caption
		}
		return m, c.call(ctx, method, payload, requestTimeout, &m)
	}
	fields := [][2]string{{"chat_id", fmt.Sprint(chatID)}}
	if caption != "" {
		fields = append(fields, [2]string{"caption", caption})
	}
	return m, c.upload(ctx, method, fields, []upload{{field: field, item: it}}, &m)
}

type inputMedia struct {
	Type    string `json:"type"` // photo or video
	Media   string `json:"media"`
	Caption string `json:"caption,omitempty"`
}

// sendAlbum sends 2 to MaxMediaGroup items with sendMediaGroup, the caption under the first.
func (c *Connector) sendAlbum(ctx context.Context, chatID any, items []tgItem, caption string) ([]message, error) {
	media := make([]inputMedia, len(items))
	var files []upload
	for i, it := range items {
		media[i] = inputMedia{Type: "photo", Media: it.media}
		if it.video {
			media[i].Type = "video"
		}
		if !it.remote {
			name := "file" + strconv.Itoa(i)
			media[i].Media = "attach://" + name
			files = append(files, upload{field: name, item: it})
		}
	}
	media[0].Caption = caption
	var msgs []message
	if len(files) == 0 {
		payload := map[string]any{"chat_id": chatID, "media": media}
		return msgs, c.call(ctx, "sendMediaGroup", payload, requestTimeout, &msgs)
	}
	raw, err := json.Marshal(media)
	if err != nil {
		return nil, backend.Wrap(backend.EINTERNAL, err, "Internal error.")
	}
	fields := [][2]string{{"chat_id", fmt.Sprint(chatID)}, {"media", string(raw)}}
	return msgs, c.upload(ctx, "sendMediaGroup", fields, files, &msgs)
}

// upload is one local file to send as the part field.
type upload struct {
	field string
	item  tgItem
	file  *os.File
}

// upload posts fields and files as multipart/form-data to method. Every file is opened and
// checked against its limit before anything is sent.
func (c *Connector) upload(ctx context.Context, method string, fields [][2]string, files []upload, result any) error {
	for i := range files {
		f, err := c.openMedia(files[i].item)
		if err != nil {
			for _, u := range files[:i] {
				_ = u.file.Close()
			}
			return err
		}
		files[i].file = f
	}
	defer func() {
		for _, u := range files {
			_ = u.file.Close()
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, uploadTimeout)
	defer cancel()
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() { pw.CloseWithError(writeParts(mw, fields, files)) }()
	hc := *c.client
	if hc.Timeout > 0 && hc.Timeout < uploadTimeout {
		hc.Timeout = uploadTimeout
	}
	err := c.exchange(ctx, &hc, method, pr, mw.FormDataContentType(), result)
	_ = pr.Close()
	return err
}

// openMedia opens a local file and checks its size: MaxPhotoBytes for a photo, MaxUploadBytes
// for a video.
func (c *Connector) openMedia(it tgItem) (*os.File, error) {
	name := filepath.Base(it.media)
	f, err := os.Open(it.media)
	var info os.FileInfo
	if err == nil {
		info, err = f.Stat()
		if err == nil && !info.Mode().IsRegular() {
			err = errors.New("not a regular file")
		}
	}
	if err != nil {
		if f != nil {
			_ = f.Close()
		}
		return nil, backend.Wrap(backend.EINVALID, err, "Tend cannot read the media file %s: check that it is still there.", name).
			Localized(backend.KeyMediaUnreadable, "platform", backend.PlatformTelegram, "file", name)
	}
	limit := int64(MaxPhotoBytes)
	if it.video {
		limit = MaxUploadBytes
	}
	if info.Size() > limit {
		_ = f.Close()
		return nil, backend.Errorf(backend.EINVALID, "%s is %.1f MB; a bot sends files of at most %d MB to Telegram.", name, float64(info.Size())/(1<<20), limit>>20).
			Localized(backend.KeyMediaTooLarge, "platform", backend.PlatformTelegram, "file", name, "limit_mb", strconv.FormatInt(limit>>20, 10))
	}
	return f, nil
}

var quoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"", "\r", "", "\n", "")

// writeParts writes the fields, then the files, and closes the form.
func writeParts(mw *multipart.Writer, fields [][2]string, files []upload) error {
	for _, f := range fields {
		if err := mw.WriteField(f[0], f[1]); err != nil {
			return err
		}
	}
	for _, u := range files {
		name := filepath.Base(u.item.media)
		ctype := backend.MediaContentType(name)
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, quoteEscaper.Replace(u.field), quoteEscaper.Replace(name)))
		h.Set("Content-Type", ctype)
		part, err := mw.CreatePart(h)
		if err != nil {
			return err
		}
		if _, err := io.Copy(part, u.file); err != nil {
			return err
		}
	}
	return mw.Close()
}

// publishError names the publish chat in Telegram's refusals of it: the bot is not an
// administrator allowed to post, or the chat does not exist.
func (c *Connector) publishError(err error) error {
	var e *backend.Error
	var f *apiFailure
	if !errors.As(err, &e) || !errors.As(e.Err, &f) {
		return err
	}
	desc := strings.ToLower(f.description)
	switch {
	case strings.Contains(desc, "blocked by the user"):
		return err
	case f.code == http.StatusForbidden || strings.Contains(desc, "administrator rights") || strings.Contains(desc, "not enough rights") ||
		strings.Contains(desc, "have no rights"):
		return backend.Wrap(backend.EFORBIDDEN, f, "Telegram refused to post in %s: add the bot as an administrator of the channel, allowed to post messages.", c.publishChat).
			Localized(KeyPublishNotAdmin, "platform", platformName, "chat", c.publishChat)
	case strings.Contains(desc, "chat not found"):
		return backend.Wrap(backend.EINVALID, f, "Telegram knows no chat %s: check the channel's @username or id, and that the bot was added to it.", c.publishChat).
			Localized(KeyPublishChatNotFound, "platform", platformName, "chat", c.publishChat)
	}
	return err
}

// CancelScheduledPost is EINVALID post_publish_no_native: Telegram holds no post for later.
func (c *Connector) CancelScheduledPost(context.Context, string) error {
	return backend.PublishNoNativeError(backend.PlatformTelegram)
}
