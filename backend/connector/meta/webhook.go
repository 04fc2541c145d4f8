package meta

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"tend/backend"
	"tend/backend/connector/graph"
)

// ParseWebhook reads a verified webhook delivery of the "instagram" or "page" object and returns
// the messages it holds for each account, keyed by account id. See ParseWebhookAt.
func ParseWebhook(accts []backend.Account, body []byte) (map[int64]backend.WebhookBatch, error) {
	return ParseWebhookAt(accts, body, time.Now())
}

// ParseWebhookAt is ParseWebhook with the time used for events that carry none.
//
// An entry belongs to the account whose id it names: an Instagram account's ig_user_id (or
// page_id) for the "instagram" object, a Facebook account's page_id for "page". It reads:
//
//   - entry[].messaging[]: direct messages (Instagram) or Messenger messages (page); echoes
//     (is_echo) of the account's own messages are outbound; deleted messages, reads, reactions
//     and other events are skipped;
//   - entry[].changes[] with field "comments" (Instagram comments; the comment id is value.id or
//     value.comment_id), "live_comments" (an Instagram live broadcast's chat, keyed by the live
//     media's id) and "feed" (Page post comments, item "comment", verbs add and edited); the
//     variant with field and value directly in the entry is read too.
//
// Times may be seconds, milliseconds or text; an event without one takes the entry's time, else
// now. Other objects (WhatsApp's) give an empty result; a body that is not JSON is EINVALID.
// Messages that would not validate are skipped, and a message delivered twice in the body (Meta
// sends comments on boosted posts twice) is kept once.
func ParseWebhookAt(accts []backend.Account, body []byte, now time.Time) (map[int64]backend.WebhookBatch, error) {
	var deliveries []json.RawMessage
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		// Meta's documentation shows samples wrapped in an array.
		if err := json.Unmarshal(trimmed, &deliveries); err != nil {
			return nil, backend.Wrap(backend.EINVALID, err, "The webhook delivery is not valid JSON.")
		}
	} else {
		if !json.Valid(trimmed) {
			return nil, backend.Errorf(backend.EINVALID, "The webhook delivery is not valid JSON.")
		}
		deliveries = []json.RawMessage{trimmed}
	}
	p := &webhookParser{now: now, out: map[int64]backend.WebhookBatch{}, seen: map[string]bool{}}
	for _, d := range deliveries {
		var env struct {
			Object string            `json:"object"`
			Entry  []json.RawMessage `json:"entry"`
		}
		if json.Unmarshal(d, &env) != nil {
			continue
		}
		var platform string
		switch env.Object {
		case "instagram":
			platform = backend.PlatformInstagram
		case "page":
			platform = backend.PlatformFacebook
		default:
			continue
		}
		for _, raw := range env.Entry {
			var e entry
			if json.Unmarshal(raw, &e) != nil {
				continue
			}
			a := findAccount(accts, platform, string(e.ID))
			if a == nil {
				continue
			}
			p.entry(a, platform, e)
		}
	}
	return p.out, nil
}

type entry struct {
	ID        graph.ID          `json:"id"`
	Time      graph.Time        `json:"time"`
	Messaging []json.RawMessage `json:"messaging"`
	Changes   []json.RawMessage `json:"changes"`
	Field     string            `json:"field"`
	Value     json.RawMessage   `json:"value"`
}

type change struct {
	Field string          `json:"field"`
	Value json.RawMessage `json:"value"`
}

type messagingEvent struct {
	Sender    struct{ ID graph.ID } `json:"sender"`
	Recipient struct{ ID graph.ID } `json:"recipient"`
	Timestamp graph.Time            `json:"timestamp"`
	Message   *struct {
		Mid         graph.ID `json:"mid"`
		Text        string   `json:"text"`
		IsEcho      bool     `json:"is_echo"`
		IsDeleted   bool     `json:"is_deleted"`
		Attachments []struct {
			Type    string `json:"type"`
			Payload struct {
				URL   string `json:"url"`
				Title string `json:"title"`
			} `json:"payload"`
		} `json:"attachments"`
		ReplyTo struct {
			Mid graph.ID `json:"mid"`
		} `json:"reply_to"`
	} `json:"message"`
}

type commentValue struct {
	ID        graph.ID   `json:"id"`
	CommentID graph.ID   `json:"comment_id"`
	Text      string     `json:"text"`
	From      user       `json:"from"`
	ParentID  graph.ID   `json:"parent_id"`
	Timestamp graph.Time `json:"timestamp"`
	Created   graph.Time `json:"created_time"`
	Media     struct {
		ID graph.ID `json:"id"`
	} `json:"media"`
}

type feedValue struct {
	Item      string     `json:"item"`
	Verb      string     `json:"verb"`
	CommentID graph.ID   `json:"comment_id"`
	ParentID  graph.ID   `json:"parent_id"`
	PostID    graph.ID   `json:"post_id"`
	From      user       `json:"from"`
	Message   string     `json:"message"`
	Created   graph.Time `json:"created_time"`
	Photo     string     `json:"photo"`
	Video     string     `json:"video"`
	Post      struct {
		PermalinkURL string `json:"permalink_url"`
	} `json:"post"`
}

type webhookParser struct {
	now  time.Time
	out  map[int64]backend.WebhookBatch
	seen map[string]bool
}

// findAccount returns the account of platform an entry id names.
func findAccount(accts []backend.Account, platform, id string) *backend.Account {
	if id == "" {
		return nil
	}
	for _, key := range []string{IDIGUserID, IDPageID} {
		if platform != backend.PlatformInstagram && key == IDIGUserID {
			continue
		}
		for i := range accts {
			if accts[i].Platform == platform && accts[i].IDs[key] == id {
				return &accts[i]
			}
		}
	}
	return nil
}

func (p *webhookParser) add(a *backend.Account, m backend.IncomingMessage) {
	if !keep(&m) {
		return
	}
	dedupe := strconv.FormatInt(m.ChannelID, 10) + "\x00" + m.PlatformMessageID
	if p.seen[dedupe] {
		return
	}
	p.seen[dedupe] = true
	b := p.out[a.ID]
	b.Messages = append(b.Messages, m)
	p.out[a.ID] = b
}

func (p *webhookParser) entry(a *backend.Account, platform string, e entry) {
	own := ownIDs(a, string(e.ID))
	at := orTime(e.Time.Time, p.now)
	for _, raw := range e.Messaging {
		var ev messagingEvent
		if json.Unmarshal(raw, &ev) == nil {
			p.messaging(a, platform, own, ev, at)
		}
	}
	changes := make([]change, 0, len(e.Changes)+1)
	for _, raw := range e.Changes {
		var c change
		if json.Unmarshal(raw, &c) == nil {
			changes = append(changes, c)
		}
	}
	if e.Field != "" && len(e.Value) > 0 {
		changes = append(changes, change{Field: e.Field, Value: e.Value})
	}
	for _, c := range changes {
		switch {
		case platform == backend.PlatformInstagram && (c.Field == "comments" || c.Field == "live_comments"):
			var v commentValue
			if json.Unmarshal(c.Value, &v) == nil {
				p.igComment(a, own, c.Field == "live_comments", v, at)
			}
		case platform == backend.PlatformFacebook && c.Field == "feed":
			var v feedValue
			if json.Unmarshal(c.Value, &v) == nil {
				p.feed(a, own, v, at)
			}
		}
	}
}

// ownIDs are the ids (and the "@username") of the account itself.
func ownIDs(a *backend.Account, entryID string) map[string]bool {
	own := map[string]bool{entryID: true}
	for _, k := range []string{IDPageID, IDIGUserID} {
		if id := a.IDs[k]; id != "" {
			own[id] = true
		}
	}
	if u := a.IDs[IDIGUsername]; u != "" {
		own["@"+strings.ToLower(u)] = true
	}
	return own
}

func isOwnIn(own map[string]bool, id, username string) bool {
	return id != "" && own[id] || username != "" && own["@"+strings.ToLower(username)]
}

func (p *webhookParser) messaging(a *backend.Account, platform string, own map[string]bool, ev messagingEvent, at time.Time) {
	msg := ev.Message
	if msg == nil || msg.IsDeleted || msg.Mid == "" {
		return
	}
	channel := a.Channels[backend.PlatformInstagram]
	if platform == backend.PlatformFacebook {
		channel = a.Channels[backend.PlatformMessenger]
	}
	sender, recipient := string(ev.Sender.ID), string(ev.Recipient.ID)
	direction, thread := backend.DirectionIn, sender
	if msg.IsEcho || isOwnIn(own, sender, "") {
		direction, thread = backend.DirectionOut, recipient
	}
	var atts []backend.Attachment
	for _, at := range msg.Attachments {
		if at.Type == "" && at.Payload.URL == "" {
			continue
		}
		atts = append(atts, backend.Attachment{Kind: attachmentKind(at.Type), URL: at.Payload.URL, Name: at.Payload.Title})
	}
	p.add(a, backend.IncomingMessage{
		ChannelID: channel, Kind: backend.ConversationDM, PlatformMessageID: string(msg.Mid), ThreadKey: thread,
		Direction: direction, Author: backend.Author{PlatformUserID: sender},
		Text: msg.Text, SentAt: orTime(ev.Timestamp.Time, at), ReplyTo: string(msg.ReplyTo.Mid), Attachments: atts,
	})
}

func (p *webhookParser) igComment(a *backend.Account, own map[string]bool, live bool, v commentValue, at time.Time) {
	id := v.ID
	if id == "" {
		id = v.CommentID
	}
	if id == "" {
		return
	}
	media := string(v.Media.ID)
	var post *backend.Post
	if media != "" {
		post = &backend.Post{ID: media}
	}
	kind, thread, replyTo := backend.ConversationCommentThread, string(id), ""
	if v.ParentID != "" && v.ParentID != id {
		thread, replyTo = string(v.ParentID), string(v.ParentID)
	}
	if live {
		kind = backend.ConversationLiveChat
		if media != "" {
			thread = media
		}
	}
	direction := backend.DirectionIn
	if isOwnIn(own, string(v.From.ID), v.From.Username) {
		direction = backend.DirectionOut
	}
	p.add(a, backend.IncomingMessage{
		ChannelID: a.Channels[backend.PlatformInstagram], Kind: kind, PlatformMessageID: string(id), ThreadKey: thread,
		Post: post, Direction: direction,
		Author: backend.Author{PlatformUserID: authorID(v.From.ID, v.From.Username), Handle: v.From.Username},
		Text:   v.Text, SentAt: orTime(orTime(v.Timestamp.Time, v.Created.Time), at), ReplyTo: replyTo,
	})
}

func (p *webhookParser) feed(a *backend.Account, own map[string]bool, v feedValue, at time.Time) {
	if v.Item != "comment" || v.Verb != "add" && v.Verb != "edited" || v.CommentID == "" {
		return
	}
	thread, replyTo := string(v.CommentID), ""
	// A top-level comment's parent is the post; a reply's is its top-level comment.
	if v.ParentID != "" && v.ParentID != v.PostID && v.ParentID != v.CommentID {
		thread, replyTo = string(v.ParentID), string(v.ParentID)
	}
	var post *backend.Post
	if v.PostID != "" {
		post = &backend.Post{ID: string(v.PostID), URL: v.Post.PermalinkURL}
	}
	direction := backend.DirectionIn
	if isOwnIn(own, string(v.From.ID), "") {
		direction = backend.DirectionOut
	}
	var atts []backend.Attachment
	if v.Photo != "" {
		atts = append(atts, backend.Attachment{Kind: "image", URL: v.Photo})
	}
	if v.Video != "" {
		atts = append(atts, backend.Attachment{Kind: "video", URL: v.Video})
	}
	p.add(a, backend.IncomingMessage{
		ChannelID: a.Channels[backend.PlatformFacebook], Kind: backend.ConversationCommentThread,
		PlatformMessageID: string(v.CommentID), ThreadKey: thread, Post: post, Direction: direction,
		Author: backend.Author{PlatformUserID: string(v.From.ID), DisplayName: v.From.Name},
		Text:   v.Message, SentAt: orTime(v.Created.Time, at), ReplyTo: replyTo, Attachments: atts,
	})
}
