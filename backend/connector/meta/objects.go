package meta

import (
	"strings"
	"time"
	"unicode/utf8"

	"tend/backend"
	"tend/backend/connector/graph"
)

// Graph objects, as the API returns them (only the fields Tend reads).

// user is a message's or comment's author: Instagram gives id and username, Messenger id, name
// and email.
type user struct {
	ID       graph.ID `json:"id"`
	Username string   `json:"username"`
	Name     string   `json:"name"`
}

type attachment struct {
	ID        graph.ID `json:"id"`
	MIMEType  string   `json:"mime_type"`
	Name      string   `json:"name"`
	Size      int64    `json:"size"`
	FileURL   string   `json:"file_url"`
	ImageData struct {
		URL string `json:"url"`
	} `json:"image_data"`
	VideoData struct {
		URL string `json:"url"`
	} `json:"video_data"`
}

type message struct {
	ID          graph.ID               `json:"id"`
	Created     graph.Time             `json:"created_time"`
	From        user                   `json:"from"`
	To          graph.List[user]       `json:"to"`
	Message     string                 `json:"message"`
	Attachments graph.List[attachment] `json:"attachments"`
}

type conversation struct {
	ID           graph.ID            `json:"id"`
	Updated      graph.Time          `json:"updated_time"`
	Participants graph.List[user]    `json:"participants"`
	Messages     graph.List[message] `json:"messages"`
}

// Field lists of the calls.
const (
	messageFields      = "id,created_time,from,to,message,attachments"
	conversationFields = "id,updated_time,participants,messages.limit(25){" + messageFields + "}"
	igCommentFields    = "id,text,timestamp,username,from,hidden,parent_id"
	igCommentsFields   = igCommentFields + ",replies{" + igCommentFields + "}"
	igMediaFields      = "id,caption,permalink,timestamp,comments_count,media_product_type"
	fbPostFields       = "id,message,permalink_url,created_time,updated_time"
	fbCommentFields    = "id,message,created_time,from,parent{id},is_hidden,attachment"
)

// contact returns the id of the conversation's other party: a participant, or a message's author
// or recipient, that is not the account.
func (c *conn) contact(conv conversation, msgs []message) string {
	for _, p := range conv.Participants.Data {
		if p.ID != "" && !c.isOwn(string(p.ID), p.Username) {
			return string(p.ID)
		}
	}
	for _, m := range msgs {
		if m.From.ID != "" && !c.isOwn(string(m.From.ID), m.From.Username) {
			return string(m.From.ID)
		}
		for _, to := range m.To.Data {
			if to.ID != "" && !c.isOwn(string(to.ID), to.Username) {
				return string(to.ID)
			}
		}
	}
	return string(conv.ID)
}

// dm maps a fetched direct message; fallback is its time when it has none.
func (c *conn) dm(channel int64, thread string, m message, fallback time.Time) backend.IncomingMessage {
	direction := backend.DirectionIn
	if c.isOwn(string(m.From.ID), m.From.Username) {
		direction = backend.DirectionOut
	}
	var atts []backend.Attachment
	for _, a := range m.Attachments.Data {
		atts = append(atts, apiAttachment(a))
	}
	return backend.IncomingMessage{
		ChannelID: channel, Kind: backend.ConversationDM, PlatformMessageID: string(m.ID), ThreadKey: thread,
		Direction: direction,
		Author:    backend.Author{PlatformUserID: string(m.From.ID), Handle: m.From.Username, DisplayName: m.From.Name},
		Text:      m.Message, SentAt: orTime(m.Created.Time, fallback), Attachments: atts,
	}
}

func apiAttachment(a attachment) backend.Attachment {
	out := backend.Attachment{Name: a.Name, MIME: a.MIMEType, Size: max(a.Size, 0)}
	switch {
	case a.ImageData.URL != "":
		out.Kind, out.URL = "image", a.ImageData.URL
	case a.VideoData.URL != "":
		out.Kind, out.URL = "video", a.VideoData.URL
	default:
		out.Kind, out.URL = "file", a.FileURL
		switch {
		case strings.HasPrefix(a.MIMEType, "image/"):
			out.Kind = "image"
		case strings.HasPrefix(a.MIMEType, "video/"):
			out.Kind = "video"
		case strings.HasPrefix(a.MIMEType, "audio/"):
			out.Kind = "audio"
		}
	}
	return out
}

// author returns an author's platform user id: the scoped id, or when Meta left it out, the
// username marked as such (a person can merge the two contacts later), or "".
func authorID(id graph.ID, username string) string {
	if id != "" {
		return string(id)
	}
	if username != "" {
		return "username:" + username
	}
	return ""
}

func orTime(t, fallback time.Time) time.Time {
	if t.IsZero() {
		return fallback
	}
	return t
}

// keep tidies a mapped message so that it validates, or reports that it cannot: the text is cut
// to the inbox's limit, attachments past the limit are dropped.
func keep(m *backend.IncomingMessage) bool {
	if !utf8.ValidString(m.Text) {
		m.Text = strings.ToValidUTF8(m.Text, "\uFFFD")
	}
	if len(m.Text) > backend.MaxMessageTextBytes {
		cut := backend.MaxMessageTextBytes
		for cut > 0 && !utf8.RuneStart(m.Text[cut]) {
			cut--
		}
		m.Text = m.Text[:cut]
	}
	if len(m.Attachments) > backend.MaxAttachmentsPerMsg {
		m.Attachments = m.Attachments[:backend.MaxAttachmentsPerMsg]
	}
	m.Author.Handle = strings.ToValidUTF8(m.Author.Handle, "\uFFFD")
	m.Author.DisplayName = strings.ToValidUTF8(m.Author.DisplayName, "\uFFFD")
	m.ReplyTo = strings.ToValidUTF8(m.ReplyTo, "\uFFFD")
	if m.Post != nil {
		m.Post.Title = strings.ToValidUTF8(m.Post.Title, "\uFFFD")
		m.Post.URL = strings.ToValidUTF8(m.Post.URL, "\uFFFD")
	}
	return m.Validate() == nil
}

// collect appends m to out when it validates.
func collect(out []backend.IncomingMessage, m backend.IncomingMessage) []backend.IncomingMessage {
	if keep(&m) {
		return append(out, m)
	}
	return out
}
