package meta

import (
	"context"
	"net/url"
	"strconv"
	"time"

	"tend/backend"
	"tend/backend/connector/graph"
)

// Permissions the Facebook Page calls need, named in account_permission errors when Meta's
// message does not name one.
const (
	fbMessagingPermission  = "pages_messaging"
	fbEngagementPermission = "pages_manage_engagement"
	fbReadPermission       = "pages_read_engagement"
)

// Facebook is the connector of a Facebook Page: comments on its posts go to the account's
// "facebook" channel, its Messenger conversations to its "messenger" channel. Either channel may
// be left out.
type Facebook struct {
	c *conn
}

var _ backend.Connector = (*Facebook)(nil)

// NewFacebook returns the connector of cfg's account, which needs the id page_id, the secret
// access_token (a Page access token) and a "facebook" or "messenger" channel; the secrets
// app_secret and verify_token serve webhooks. EINVALID names what is missing.
func NewFacebook(cfg backend.ConnectorConfig) (*Facebook, error) {
	c, err := newConn(cfg, "Facebook", []string{IDPageID}, []string{backend.PlatformFacebook, backend.PlatformMessenger}, true)
	if err != nil {
		return nil, err
	}
	return &Facebook{c: c}, nil
}

// Capabilities: everything, inbound by fetch and by webhook.
func (f *Facebook) Capabilities() backend.Capabilities {
	return backend.Capabilities{Fetch: true, Send: true, Hide: true, Delete: true, PrivateReply: true, Webhook: true}
}

// Idempotent is false: see conn.Idempotent.
func (f *Facebook) Idempotent() bool { return f.c.Idempotent() }

// Test reads the Page's name: GET /{page-id}?fields=id,name.
func (f *Facebook) Test(ctx context.Context) (backend.AccountInfo, error) {
	var out struct {
		ID   graph.ID `json:"id"`
		Name string   `json:"name"`
	}
	if err := f.c.api.Get(ctx, f.c.pageID, fields("id,name"), &out); err != nil {
		return backend.AccountInfo{}, f.c.need(err, fbReadPermission)
	}
	id := string(out.ID)
	if id == "" {
		id = f.c.pageID
	}
	return backend.AccountInfo{DisplayName: out.Name, IDs: map[string]string{IDPageID: id}}, nil
}

// Fetch makes one step of a sync round: see the package comment.
func (f *Facebook) Fetch(ctx context.Context, cursor string) (backend.FetchResult, error) {
	return f.c.fetch(ctx, fbSource{f.c}, cursor)
}

// Send answers a Messenger conversation through the Send API (see conn.sendDM for the 24-hour and
// 7-day windows), or a comment with POST /{comment-id}/comments, the comment being m.ReplyTo or
// else the thread's top-level comment.
func (f *Facebook) Send(ctx context.Context, m backend.OutboundMessage) (backend.SendReceipt, error) {
	if err := backend.ValidateReplyText(m.Text); err != nil {
		return backend.SendReceipt{}, err
	}
	switch m.Kind {
	case backend.ConversationDM:
		return f.c.sendDM(ctx, m, fbMessagingPermission)
	case backend.ConversationCommentThread:
		return f.c.comment(ctx, m, "comments", fbEngagementPermission)
	}
	return backend.SendReceipt{}, f.c.kindUnsupported(m.Kind)
}

// PrivateReply answers a comment on a Page post with a Messenger message to its author: the Send
// API with recipient {comment_id}.
func (f *Facebook) PrivateReply(ctx context.Context, commentID, text string) (backend.SendReceipt, error) {
	return f.c.privateReply(ctx, commentID, text, fbMessagingPermission)
}

// Moderate hides or unhides a comment (POST /{comment-id}?is_hidden=true|false) or deletes it
// (DELETE /{comment-id}).
func (f *Facebook) Moderate(ctx context.Context, a backend.ModerationAction) error {
	return f.c.moderate(ctx, a, "is_hidden", fbEngagementPermission)
}

// fbSource reads Messenger conversations and Page post comments.
type fbSource struct{ c *conn }

func (s fbSource) dmChannel() int64     { return s.c.channel(backend.PlatformMessenger) }
func (s fbSource) dmPlatform() string   { return "messenger" }
func (s fbSource) dmPermission() string { return fbMessagingPermission }
func (s fbSource) postChannel() int64   { return s.c.channel(backend.PlatformFacebook) }

type fbPost struct {
	ID        graph.ID   `json:"id"`
	Message   string     `json:"message"`
	Permalink string     `json:"permalink_url"`
	Created   graph.Time `json:"created_time"`
	Updated   graph.Time `json:"updated_time"`
}

type fbComment struct {
	ID      graph.ID   `json:"id"`
	Message string     `json:"message"`
	Created graph.Time `json:"created_time"`
	From    user       `json:"from"`
	Parent  struct {
		ID graph.ID `json:"id"`
	} `json:"parent"`
	IsHidden   bool `json:"is_hidden"`
	Attachment *struct {
		Type  string `json:"type"`
		URL   string `json:"url"`
		Media struct {
			Image struct {
				Src string `json:"src"`
			} `json:"image"`
		} `json:"media"`
	} `json:"attachment"`
}

// listPosts lists the RecentPosts newest posts of the Page's feed and queues those updated (a
// post's updated_time moves with each comment) since they were read.
func (s fbSource) listPosts(ctx context.Context, seen map[string]postSeen) ([]postRef, map[string]postSeen, error) {
	q := url.Values{"fields": {fbPostFields}, "limit": {strconv.Itoa(RecentPosts)}}
	var page graph.List[fbPost]
	if err := s.c.api.Get(ctx, s.c.pageID+"/feed", q, &page); err != nil {
		return nil, nil, s.c.need(err, fbReadPermission)
	}
	var queue []postRef
	listed := map[string]postSeen{}
	for _, p := range page.Data {
		if p.ID == "" {
			continue
		}
		id := string(p.ID)
		prev := seen[id]
		listed[id] = prev
		updated := orTime(p.Updated.Time, p.Created.Time)
		if updated.IsZero() || updated.After(prev.Updated) {
			queue = append(queue, postRef{ID: id, Title: excerpt(p.Message), URL: p.Permalink, Updated: updated})
		}
	}
	return queue, listed, nil
}

// comments reads a page of a post's comments and replies, newest first (GET /{post-id}/comments
// with filter=stream and order=reverse_chronological), stopping at the first one not newer than
// floor.
func (s fbSource) comments(ctx context.Context, p postRef, after string, floor time.Time) ([]backend.IncomingMessage, time.Time, string, error) {
	q := url.Values{
		"fields": {fbCommentFields}, "filter": {"stream"}, "order": {"reverse_chronological"},
		"limit": {strconv.Itoa(commentPage)},
	}
	if after != "" {
		q.Set("after", after)
	}
	var page graph.List[fbComment]
	if err := s.c.api.Get(ctx, p.ID+"/comments", q, &page); err != nil {
		return nil, time.Time{}, "", s.c.need(err, fbReadPermission)
	}
	var out []backend.IncomingMessage
	var newest time.Time
	now := s.c.now()
	for _, cm := range page.Data {
		t := cm.Created.Time
		if !t.IsZero() && !t.After(floor) {
			return out, newest, "", nil
		}
		if t.After(newest) {
			newest = t
		}
		out = collect(out, s.c.fbComment(s.postChannel(), cm, p.post(), orTime(t, now)))
	}
	return out, newest, page.Paging.NextAfter(), nil
}

func (c *conn) fbComment(channel int64, cm fbComment, post *backend.Post, at time.Time) backend.IncomingMessage {
	thread, replyTo := string(cm.ID), ""
	if cm.Parent.ID != "" {
		thread, replyTo = string(cm.Parent.ID), string(cm.Parent.ID)
	}
	direction := backend.DirectionIn
	if c.isOwn(string(cm.From.ID), "") {
		direction = backend.DirectionOut
	}
	var atts []backend.Attachment
	if a := cm.Attachment; a != nil {
		u := a.Media.Image.Src
		if u == "" {
			u = a.URL
		}
		if u != "" {
			atts = append(atts, backend.Attachment{Kind: attachmentKind(a.Type), URL: u})
		}
	}
	return backend.IncomingMessage{
		ChannelID: channel, Kind: backend.ConversationCommentThread, PlatformMessageID: string(cm.ID),
		ThreadKey: thread, Post: post, Direction: direction,
		Author: backend.Author{PlatformUserID: string(cm.From.ID), DisplayName: cm.From.Name},
		Text:   cm.Message, SentAt: at, ReplyTo: replyTo, Attachments: atts,
	}
}

// attachmentKind maps Meta's attachment types to the inbox's kinds.
func attachmentKind(t string) string {
	switch t {
	case "sticker":
		return "sticker"
	case "image", "photo", "animated_image_share":
		return "image"
	case "video", "video_inline", "animated_image_video", "ig_reel", "reel":
		return "video"
	case "audio":
		return "audio"
	case "file":
		return "file"
	}
	return "link"
}
