package telegram

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"tend/backend"
)

// The Bot API objects the connector reads, with only the fields it uses: unknown fields are
// ignored by encoding/json, as the API asks.

type envelope struct {
	OK          bool                `json:"ok"`
	Result      json.RawMessage     `json:"result"`
	ErrorCode   int                 `json:"error_code"`
	Description string              `json:"description"`
	Parameters  *responseParameters `json:"parameters"`
}

type responseParameters struct {
	MigrateToChatID int64 `json:"migrate_to_chat_id"`
	RetryAfter      int   `json:"retry_after"`
}

type user struct {
	ID        int64  `json:"id"`
	IsBot     bool   `json:"is_bot"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Username  string `json:"username"`
}

type chat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"` // private, group, supergroup, channel
	Title     string `json:"title"`
	Username  string `json:"username"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
}

type file struct {
	FileID   string `json:"file_id"`
	FileName string `json:"file_name"`
	MIMEType string `json:"mime_type"`
	FileSize int64  `json:"file_size"`
}

type sticker struct {
	file
	Emoji      string `json:"emoji"`
	IsAnimated bool   `json:"is_animated"`
	IsVideo    bool   `json:"is_video"`
}

type message struct {
	MessageID  int64 `json:"message_id"`
	From       *user `json:"from"`
	SenderChat *chat `json:"sender_chat"`
	Date       int64 `json:"date"`
	Chat       chat  `json:"chat"`
	// Only the id of the message answered is read: the API never nests replies further, and not
	// decoding the rest keeps a hostile body from costing anything.
	ReplyToMessage *struct {
		MessageID int64 `json:"message_id"`
	} `json:"reply_to_message"`
	IsAutomaticForward bool     `json:"is_automatic_forward"`
	AuthorSignature    string   `json:"author_signature"`
	Text               string   `json:"text"`
	Caption            string   `json:"caption"`
	Photo              []file   `json:"photo"` // PhotoSize objects, smallest first
	Document           *file    `json:"document"`
	Video              *file    `json:"video"`
	Voice              *file    `json:"voice"`
	Audio              *file    `json:"audio"`
	VideoNote          *file    `json:"video_note"`
	Sticker            *sticker `json:"sticker"`
}

type update struct {
	UpdateID          int64    `json:"update_id"`
	Message           *message `json:"message"`
	EditedMessage     *message `json:"edited_message"`
	ChannelPost       *message `json:"channel_post"`
	EditedChannelPost *message `json:"edited_channel_post"`
}

// allowedUpdates are the update kinds the connector asks for and maps; any other kind is skipped.
var allowedUpdates = []string{"message", "edited_message", "channel_post", "edited_channel_post"}

// mapper turns updates into inbox messages for one account.
type mapper struct {
	channelID int64
	botID     int64 // 0 when unknown: no message is then taken for the bot's own
}

// message returns the inbox message of u, false when u carries none Tend keeps (an unknown
// update kind, a service message, a malformed message).
//
// Edits (edited_message, edited_channel_post) map to a message with the same PlatformMessageID as
// the original: ingest dedupes on it, so an edit of a message already stored is not applied yet,
// and an edit of one never seen is stored with its edited text.
func (m mapper) message(u update) (backend.IncomingMessage, bool) {
	msg := u.Message
	for _, alt := range []*message{u.EditedMessage, u.ChannelPost, u.EditedChannelPost} {
		if msg == nil {
			msg = alt
		}
	}
	if msg == nil || msg.Chat.ID == 0 || msg.Date <= 0 {
		return backend.IncomingMessage{}, false
	}
	chatID := strconv.FormatInt(msg.Chat.ID, 10)
	in := backend.IncomingMessage{
		ChannelID: m.channelID,
		// Tend has no group conversation kind: a group or supergroup is one conversation, like a
		// DM thread, keyed by its chat id, each message authored by its sender. Comments on a
		// channel's posts arrive from the channel's linked discussion group as group messages.
		Kind:              backend.ConversationDM,
		PlatformMessageID: chatID + ":" + strconv.FormatInt(msg.MessageID, 10),
		ThreadKey:         chatID,
		Direction:         backend.DirectionIn,
		Text:              msg.Text,
		SentAt:            time.Unix(msg.Date, 0).UTC(),
		Attachments:       attachments(msg),
	}
	if in.Text == "" {
		in.Text = msg.Caption
	}
	in.Text = truncate(in.Text, backend.MaxMessageTextBytes)
	if msg.ReplyToMessage != nil {
		in.ReplyTo = chatID + ":" + strconv.FormatInt(msg.ReplyToMessage.MessageID, 10)
	}

	switch {
	case msg.Chat.Type == "channel":
		// A channel's posts are the brand's own.
		in.Direction = backend.DirectionOut
		in.Author = chatAuthor(msg.Chat)
		if msg.AuthorSignature != "" {
			in.Author.DisplayName = msg.AuthorSignature
		}
	case msg.SenderChat != nil && msg.SenderChat.ID != 0:
		// Sent on behalf of a chat: the group itself (an anonymous administrator), the linked
		// channel's post copied into its discussion group, both the brand's own; or another
		// channel speaking in the group, a contact like any other.
		in.Author = chatAuthor(*msg.SenderChat)
		if msg.SenderChat.ID == msg.Chat.ID || msg.IsAutomaticForward {
			in.Direction = backend.DirectionOut
		}
	case msg.From != nil && msg.From.ID != 0:
		in.Author = backend.Author{
			PlatformUserID: strconv.FormatInt(msg.From.ID, 10),
			Handle:         msg.From.Username,
			DisplayName:    strings.TrimSpace(msg.From.FirstName + " " + msg.From.LastName),
			IsBot:          msg.From.IsBot,
		}
		if m.botID != 0 && msg.From.ID == m.botID {
			in.Direction = backend.DirectionOut
		}
	case msg.Chat.Type == "private":
		// A private chat's id is the other party's user id.
		in.Author = chatAuthor(msg.Chat)
	default:
		return backend.IncomingMessage{}, false
	}
	if in.Author.DisplayName == "" {
		in.Author.DisplayName = in.Author.Handle
	}
	// Service messages (members joining, titles changed, pins...) have neither text nor a file.
	if strings.TrimSpace(in.Text) == "" && len(in.Attachments) == 0 {
		return backend.IncomingMessage{}, false
	}
	if in.Validate() != nil {
		return backend.IncomingMessage{}, false
	}
	return in, true
}

func chatAuthor(c chat) backend.Author {
	name := c.Title
	if name == "" {
		name = strings.TrimSpace(c.FirstName + " " + c.LastName)
	}
	return backend.Author{
		PlatformUserID: strconv.FormatInt(c.ID, 10),
		Handle:         c.Username,
		DisplayName:    name,
	}
}

// attachments describes the files of msg. Their URL stays empty: a Bot API file URL holds the bot
// token, which must never be stored.
func attachments(msg *message) []backend.Attachment {
	var out []backend.Attachment
	add := func(kind string, f *file, defaultMIME string) {
		mime := f.MIMEType
		if mime == "" {
			mime = defaultMIME
		}
		out = append(out, backend.Attachment{Kind: kind, Name: f.FileName, MIME: mime, Size: max(f.FileSize, 0)})
	}
	if n := len(msg.Photo); n > 0 {
		add("image", &msg.Photo[n-1], "image/jpeg") // the largest size
	}
	if msg.Video != nil {
		add("video", msg.Video, "video/mp4")
	}
	if msg.VideoNote != nil {
		add("video", msg.VideoNote, "video/mp4")
	}
	if msg.Voice != nil {
		add("audio", msg.Voice, "audio/ogg")
	}
	if msg.Audio != nil {
		add("audio", msg.Audio, "audio/mpeg")
	}
	if msg.Document != nil {
		add("file", msg.Document, "application/octet-stream")
	}
	if s := msg.Sticker; s != nil {
		mime := "image/webp"
		switch {
		case s.IsAnimated:
			mime = "application/x-tgsticker"
		case s.IsVideo:
			mime = "video/webm"
		}
		f := s.file
		if f.FileName == "" {
			f.FileName = s.Emoji
		}
		add("sticker", &f, mime)
	}
	return out
}

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
