package meta

import (
	"context"
	"net/url"
	"strconv"
	"time"

	"tend/backend"
	"tend/backend/connector/graph"
)

// Permissions the Instagram calls need, named in account_permission errors when Meta's message
// does not name one.
const (
	igMessagesPermission = "instagram_manage_messages"
	igCommentsPermission = "instagram_manage_comments"
	igBasicPermission    = "instagram_basic"
)

// Instagram is the connector of an Instagram professional account linked to a Facebook Page: its
// direct messages (through the Page's conversations) and the comments on its recent media, both
// in the account's "instagram" channel.
type Instagram struct {
	c    *conn
	poll igPolling // how publishing waits for containers (publish.go); zero means the defaults
}

var _ backend.Connector = (*Instagram)(nil)

// NewInstagram returns the connector of cfg's account, which needs the ids page_id and
// ig_user_id, the secret access_token (a Page access token) and an "instagram" channel; the
// secrets app_secret and verify_token serve webhooks. EINVALID names what is missing.
func NewInstagram(cfg backend.ConnectorConfig) (*Instagram, error) {
	c, err := newConn(cfg, "Instagram", []string{IDPageID, IDIGUserID}, []string{backend.PlatformInstagram}, false)
	if err != nil {
		return nil, err
	}
	return &Instagram{c: c}, nil
}

// Capabilities: everything, inbound by fetch and by webhook.
func (g *Instagram) Capabilities() backend.Capabilities {
	return backend.Capabilities{Fetch: true, Send: true, Hide: true, Delete: true, PrivateReply: true, Webhook: true}
}

// Idempotent is false: see conn.Idempotent.
func (g *Instagram) Idempotent() bool { return g.c.Idempotent() }

// Test reads the account's username and name: GET /{ig-user-id}?fields=id,username,name.
func (g *Instagram) Test(ctx context.Context) (backend.AccountInfo, error) {
	var out struct {
		ID       graph.ID `json:"id"`
		Username string   `json:"username"`
		Name     string   `json:"name"`
	}
	if err := g.c.api.Get(ctx, g.c.igUserID, fields("id,username,name"), &out); err != nil {
		return backend.AccountInfo{}, g.c.need(err, igBasicPermission)
	}
	name := out.Name
	if name == "" {
		name = out.Username
	}
	ids := map[string]string{IDIGUserID: string(out.ID)}
	if out.ID == "" {
		ids[IDIGUserID] = g.c.igUserID
	}
	if out.Username != "" {
		ids[IDIGUsername] = out.Username
	}
	return backend.AccountInfo{DisplayName: name, IDs: ids}, nil
}

// Fetch makes one step of a sync round: see the package comment.
func (g *Instagram) Fetch(ctx context.Context, cursor string) (backend.FetchResult, error) {
	return g.c.fetch(ctx, igSource{g.c}, cursor)
}

// Send answers a direct message through the Send API (see conn.sendDM for the 24-hour and 7-day
// windows), or a comment with POST /{comment-id}/replies, the comment being m.ReplyTo or else the
// thread's top-level comment. Live chats cannot be answered publicly: use PrivateReply.
func (g *Instagram) Send(ctx context.Context, m backend.OutboundMessage) (backend.SendReceipt, error) {
	if err := backend.ValidateReplyText(m.Text); err != nil {
		return backend.SendReceipt{}, err
	}
	switch m.Kind {
	case backend.ConversationDM:
		return g.c.sendDM(ctx, m, igMessagesPermission)
	case backend.ConversationCommentThread:
		return g.c.comment(ctx, m, "replies", igCommentsPermission)
	}
	return backend.SendReceipt{}, g.c.kindUnsupported(m.Kind)
}

// PrivateReply answers a comment (or a live comment, during the broadcast) with a direct message
// to its author: the Send API with recipient {comment_id}. Meta allows one per comment, within 7
// days.
func (g *Instagram) PrivateReply(ctx context.Context, commentID, text string) (backend.SendReceipt, error) {
	return g.c.privateReply(ctx, commentID, text, igMessagesPermission)
}

// Moderate hides or unhides a comment (POST /{comment-id}?hide=true|false) or deletes it
// (DELETE /{comment-id}).
func (g *Instagram) Moderate(ctx context.Context, a backend.ModerationAction) error {
	return g.c.moderate(ctx, a, "hide", igCommentsPermission)
}

// igSource reads Instagram direct messages and media comments.
type igSource struct{ c *conn }

func (s igSource) dmChannel() int64     { return s.c.channel(backend.PlatformInstagram) }
func (s igSource) dmPlatform() string   { return "instagram" }
func (s igSource) dmPermission() string { return igMessagesPermission }
func (s igSource) postChannel() int64   { return s.c.channel(backend.PlatformInstagram) }

type igMedia struct {
	ID            graph.ID   `json:"id"`
	Caption       string     `json:"caption"`
	Permalink     string     `json:"permalink"`
	Timestamp     graph.Time `json:"timestamp"`
	CommentsCount int        `json:"comments_count"`
}

type igComment struct {
	ID        graph.ID              `json:"id"`
	Text      string                `json:"text"`
	Timestamp graph.Time            `json:"timestamp"`
	Username  string                `json:"username"`
	From      user                  `json:"from"`
	Hidden    bool                  `json:"hidden"`
	ParentID  graph.ID              `json:"parent_id"`
	Replies   graph.List[igComment] `json:"replies"`
}

// listPosts lists the RecentPosts newest media and queues those whose comment count changed.
func (s igSource) listPosts(ctx context.Context, seen map[string]postSeen) ([]postRef, map[string]postSeen, error) {
	q := url.Values{"fields": {igMediaFields}, "limit": {strconv.Itoa(RecentPosts)}}
	var page graph.List[igMedia]
	if err := s.c.api.Get(ctx, s.c.igUserID+"/media", q, &page); err != nil {
		return nil, nil, s.c.need(err, igBasicPermission)
	}
	var queue []postRef
	listed := map[string]postSeen{}
	for _, m := range page.Data {
		if m.ID == "" {
			continue
		}
		id := string(m.ID)
		prev := seen[id]
		listed[id] = prev
		switch {
		case m.CommentsCount > 0 && m.CommentsCount != prev.Count:
			queue = append(queue, postRef{ID: id, Title: excerpt(m.Caption), URL: m.Permalink, Count: m.CommentsCount})
		case m.CommentsCount == 0:
			prev.Count = 0
			listed[id] = prev
		}
	}
	return queue, listed, nil
}

// comments reads a page of a media's comments with their replies (GET /{media-id}/comments, then
// /{comment-id}/replies for long reply lists). Instagram does not document their order, so every
// page is read and only comments newer than floor are kept.
func (s igSource) comments(ctx context.Context, p postRef, after string, floor time.Time) ([]backend.IncomingMessage, time.Time, string, error) {
	q := url.Values{"fields": {igCommentsFields}, "limit": {strconv.Itoa(commentPage)}}
	if after != "" {
		q.Set("after", after)
	}
	var page graph.List[igComment]
	if err := s.c.api.Get(ctx, p.ID+"/comments", q, &page); err != nil {
		return nil, time.Time{}, "", s.c.need(err, igCommentsPermission)
	}
	var out []backend.IncomingMessage
	var newest time.Time
	now := s.c.now()
	add := func(cm igComment, top string) {
		t := cm.Timestamp.Time
		if t.After(newest) {
			newest = t
		}
		if !t.IsZero() && !t.After(floor) {
			return
		}
		out = collect(out, s.c.igComment(s.postChannel(), cm, top, p.post(), orTime(t, now)))
	}
	for _, cm := range page.Data {
		top := string(cm.ID)
		add(cm, "")
		replies := cm.Replies.Data
		paging := cm.Replies.Paging
		for pages := 0; pages < maxReplyPages && paging.NextAfter() != ""; pages++ {
			var more graph.List[igComment]
			rq := url.Values{"fields": {igCommentFields}, "limit": {strconv.Itoa(commentPage)}, "after": {paging.NextAfter()}}
			if err := s.c.api.Get(ctx, top+"/replies", rq, &more); err != nil {
				return nil, time.Time{}, "", s.c.need(err, igCommentsPermission)
			}
			replies = append(replies, more.Data...)
			paging = more.Paging
		}
		for _, r := range replies {
			add(r, top)
		}
	}
	return out, newest, page.Paging.NextAfter(), nil
}

// igComment maps a comment; top is its top-level comment's id, "" for a top-level comment.
func (c *conn) igComment(channel int64, cm igComment, top string, post *backend.Post, at time.Time) backend.IncomingMessage {
	username := cm.From.Username
	if username == "" {
		username = cm.Username
	}
	thread, replyTo := string(cm.ID), ""
	if top != "" {
		thread, replyTo = top, top
	} else if cm.ParentID != "" {
		thread, replyTo = string(cm.ParentID), string(cm.ParentID)
	}
	direction := backend.DirectionIn
	if c.isOwn(string(cm.From.ID), username) {
		direction = backend.DirectionOut
	}
	return backend.IncomingMessage{
		ChannelID: channel, Kind: backend.ConversationCommentThread, PlatformMessageID: string(cm.ID),
		ThreadKey: thread, Post: post, Direction: direction,
		Author: backend.Author{PlatformUserID: authorID(cm.From.ID, username), Handle: username},
		Text:   cm.Text, SentAt: at, ReplyTo: replyTo,
	}
}
