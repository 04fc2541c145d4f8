package telegramtest

import "encoding/json"

// The Bot API objects the fake server speaks, written from https://core.telegram.org/bots/api with
// the fields tests need. Optional fields are omitted when empty, as the API does.

// User is a Telegram user or bot.
type User struct {
	ID                      int64  `json:"id"`
	IsBot                   bool   `json:"is_bot"`
	FirstName               string `json:"first_name"`
	LastName                string `json:"last_name,omitempty"`
	Username                string `json:"username,omitempty"`
	LanguageCode            string `json:"language_code,omitempty"`
	CanJoinGroups           bool   `json:"can_join_groups,omitempty"`
	CanReadAllGroupMessages bool   `json:"can_read_all_group_messages,omitempty"`
	SupportsInlineQueries   bool   `json:"supports_inline_queries,omitempty"`
}

// Chat types.
const (
	Private    = "private"
	Group      = "group"
	Supergroup = "supergroup"
	Channel    = "channel"
)

// Chat is a private chat, a group, a supergroup or a channel.
type Chat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	Title     string `json:"title,omitempty"`
	Username  string `json:"username,omitempty"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
}

// PhotoSize is one size of a photo.
type PhotoSize struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	FileSize     int64  `json:"file_size,omitempty"`
}

// File is a Document, Video, Voice, Audio or VideoNote: the fields they share.
type File struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileName     string `json:"file_name,omitempty"`
	MIMEType     string `json:"mime_type,omitempty"`
	FileSize     int64  `json:"file_size,omitempty"`
	Duration     int    `json:"duration,omitempty"`
}

// Sticker is a sticker.
type Sticker struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Type         string `json:"type"` // regular, mask, custom_emoji
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	IsAnimated   bool   `json:"is_animated"`
	IsVideo      bool   `json:"is_video"`
	Emoji        string `json:"emoji,omitempty"`
	SetName      string `json:"set_name,omitempty"`
	FileSize     int64  `json:"file_size,omitempty"`
}

// Message is a message. Date is Unix time.
type Message struct {
	MessageID          int64       `json:"message_id"`
	MessageThreadID    int64       `json:"message_thread_id,omitempty"`
	From               *User       `json:"from,omitempty"`
	SenderChat         *Chat       `json:"sender_chat,omitempty"`
	Date               int64       `json:"date"`
	Chat               Chat        `json:"chat"`
	IsAutomaticForward bool        `json:"is_automatic_forward,omitempty"`
	ReplyToMessage     *Message    `json:"reply_to_message,omitempty"`
	EditDate           int64       `json:"edit_date,omitempty"`
	AuthorSignature    string      `json:"author_signature,omitempty"`
	Text               string      `json:"text,omitempty"`
	Caption            string      `json:"caption,omitempty"`
	Photo              []PhotoSize `json:"photo,omitempty"`
	Document           *File       `json:"document,omitempty"`
	Video              *File       `json:"video,omitempty"`
	Voice              *File       `json:"voice,omitempty"`
	Audio              *File       `json:"audio,omitempty"`
	VideoNote          *File       `json:"video_note,omitempty"`
	Sticker            *Sticker    `json:"sticker,omitempty"`
	MediaGroupID       string      `json:"media_group_id,omitempty"`
	NewChatMembers     []User      `json:"new_chat_members,omitempty"`
	NewChatTitle       string      `json:"new_chat_title,omitempty"`
}

// Update is one incoming update: exactly one of its optional fields is set. Kinds the struct does
// not name (callback_query, message_reaction, ...) go in Other, keyed by their field name.
type Update struct {
	UpdateID          int64                      `json:"update_id"`
	Message           *Message                   `json:"message,omitempty"`
	EditedMessage     *Message                   `json:"edited_message,omitempty"`
	ChannelPost       *Message                   `json:"channel_post,omitempty"`
	EditedChannelPost *Message                   `json:"edited_channel_post,omitempty"`
	Other             map[string]json.RawMessage `json:"-"`
}

// MarshalJSON writes the update with its Other kinds.
func (u Update) MarshalJSON() ([]byte, error) {
	type plain Update
	data, err := json.Marshal(plain(u))
	if err != nil || len(u.Other) == 0 {
		return data, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	for k, v := range u.Other {
		m[k] = v
	}
	return json.Marshal(m)
}

// ReplyParameters are sendMessage's reply_parameters.
type ReplyParameters struct {
	MessageID                int64           `json:"message_id"`
	ChatID                   json.RawMessage `json:"chat_id,omitempty"`
	AllowSendingWithoutReply bool            `json:"allow_sending_without_reply,omitempty"`
	Quote                    string          `json:"quote,omitempty"`
}

// ResponseParameters say why a request failed.
type ResponseParameters struct {
	MigrateToChatID int64 `json:"migrate_to_chat_id,omitempty"`
	RetryAfter      int   `json:"retry_after,omitempty"`
}

// Response is the envelope of every answer.
type Response struct {
	OK          bool                `json:"ok"`
	Result      any                 `json:"result,omitempty"`
	ErrorCode   int                 `json:"error_code,omitempty"`
	Description string              `json:"description,omitempty"`
	Parameters  *ResponseParameters `json:"parameters,omitempty"`
}

// WebhookInfo is what getWebhookInfo would tell.
type WebhookInfo struct {
	URL                string   `json:"url"`
	SecretToken        string   `json:"-"`
	AllowedUpdates     []string `json:"allowed_updates,omitempty"`
	PendingUpdateCount int      `json:"pending_update_count"`
}
