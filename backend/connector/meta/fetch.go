package meta

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"time"

	"tend/backend"
	"tend/backend/connector/graph"
)

// Stages of a fetch round.
const (
	stageDM       = "dm"       // pages of conversations, with their new messages
	stagePosts    = "posts"    // the list of recent posts or media
	stageComments = "comments" // pages of the comments of each changed post
	stageDone     = "done"
)

// cursorState is a Fetch cursor, encoded as JSON. It never holds a URL or a token.
type cursorState struct {
	V int `json:"v"`
	// Start is where the first sync began reading (now minus BackfillWindow at the first Fetch).
	Start time.Time  `json:"start"`
	Stage string     `json:"stage,omitempty"` // the current round's stage, "" between rounds
	DM    dmState    `json:"dm"`
	Posts postsState `json:"posts"`
}

// dmState is where the conversations stand.
type dmState struct {
	// Since: every conversation updated at or before it was read in an earlier round.
	Since time.Time `json:"since,omitzero"`
	// After is the paging cursor of the current round's next page of conversations.
	After string `json:"after,omitempty"`
	// RoundMax is the newest update time seen in the current round; Since becomes it at the end.
	RoundMax time.Time `json:"round_max,omitzero"`
}

// postsState is where the comments stand.
type postsState struct {
	// Seen is what was read of each recent post, by post or media id.
	Seen map[string]postSeen `json:"seen,omitempty"`
	// Queue is the posts whose comments the current round still has to read; the first one's
	// paging cursor is After, and Pages its pages read so far, Max the newest comment read.
	Queue []postRef `json:"queue,omitempty"`
	After string    `json:"after,omitempty"`
	Pages int       `json:"pages,omitempty"`
	Max   time.Time `json:"max,omitzero"`
}

// postSeen is what an earlier round read of a post.
type postSeen struct {
	Count   int       `json:"count,omitempty"`  // Instagram: comments_count when read
	Updated time.Time `json:"updated,omitzero"` // Facebook: updated_time when read
	Newest  time.Time `json:"newest,omitzero"`  // the newest comment read
}

// postRef is a post queued for reading, with what its comments' Post says.
type postRef struct {
	ID      string    `json:"id"`
	Title   string    `json:"title,omitempty"`
	URL     string    `json:"url,omitempty"`
	Count   int       `json:"count,omitempty"`
	Updated time.Time `json:"updated,omitzero"`
}

func (p postRef) post() *backend.Post { return &backend.Post{ID: p.ID, Title: p.Title, URL: p.URL} }

// source is what a connector brings to a fetch round.
type source interface {
	// dmChannel is the channel of direct messages (0: none) and dmPlatform the conversations'
	// platform parameter (instagram or messenger).
	dmChannel() int64
	dmPlatform() string
	dmPermission() string
	// postChannel is the channel of comments (0: none).
	postChannel() int64
	// listPosts lists the recent posts and returns those whose comments changed since seen.
	listPosts(ctx context.Context, seen map[string]postSeen) (queue []postRef, listed map[string]postSeen, err error)
	// comments reads one page of a post's comments after the paging cursor after, keeping those
	// newer than floor; next is the following page's cursor ("" when done).
	comments(ctx context.Context, p postRef, after string, floor time.Time) (msgs []backend.IncomingMessage, newest time.Time, next string, err error)
}

func decodeCursor(s string) cursorState {
	var st cursorState
	if s == "" || json.Unmarshal([]byte(s), &st) != nil || st.V != 1 {
		// A cursor Tend cannot read starts over: the inbox drops what it already has.
		return cursorState{V: 1}
	}
	return st
}

func encodeCursor(st cursorState) string {
	b, err := json.Marshal(st)
	if err != nil {
		return ""
	}
	return string(b)
}

// fetch makes one step of the round the cursor is in.
func (c *conn) fetch(ctx context.Context, src source, cursor string) (backend.FetchResult, error) {
	st := decodeCursor(cursor)
	now := c.now()
	if st.Start.IsZero() {
		st.Start = now.Add(-BackfillWindow)
	}
	stage := st.Stage
	if stage == "" {
		stage = stageDM
	}
	var msgs []backend.IncomingMessage
	worked := false
	for !worked && stage != stageDone {
		switch stage {
		case stageDM:
			if src.dmChannel() == 0 {
				stage = stagePosts
				continue
			}
			page, done, err := c.dmPage(ctx, src, &st, now)
			if err != nil {
				return backend.FetchResult{}, c.need(err, src.dmPermission())
			}
			msgs, worked = page, true
			if done {
				stage = stagePosts
			}
		case stagePosts:
			if src.postChannel() == 0 {
				stage = stageDone
				continue
			}
			queue, listed, err := src.listPosts(ctx, st.Posts.Seen)
			if err != nil {
				return backend.FetchResult{}, err
			}
			worked = true
			st.Posts = postsState{Seen: listed, Queue: queue}
			stage = stageComments
			if len(queue) == 0 {
				stage = stageDone
			}
		case stageComments:
			ps := &st.Posts
			if len(ps.Queue) == 0 {
				stage = stageDone
				continue
			}
			head := ps.Queue[0]
			seen := ps.Seen[head.ID]
			floor := st.Start
			if !seen.Newest.IsZero() {
				floor = seen.Newest.Add(-Slack)
			}
			page, newest, next, err := src.comments(ctx, head, ps.After, floor)
			if err != nil {
				return backend.FetchResult{}, err
			}
			msgs, worked = page, true
			if newest.After(ps.Max) {
				ps.Max = newest
			}
			ps.Pages++
			if next != "" && ps.Pages < maxCommentPages {
				ps.After = next
				continue
			}
			if ps.Max.After(seen.Newest) {
				seen.Newest = ps.Max
			}
			seen.Count, seen.Updated = head.Count, head.Updated
			if ps.Seen == nil {
				ps.Seen = map[string]postSeen{}
			}
			ps.Seen[head.ID] = seen
			ps.Queue, ps.After, ps.Pages, ps.Max = ps.Queue[1:], "", 0, time.Time{}
			if len(ps.Queue) == 0 {
				stage = stageDone
			}
		default:
			stage = stageDM
		}
	}
	more := stage != stageDone
	if more {
		st.Stage = stage
	} else {
		st.Stage = ""
	}
	return backend.FetchResult{Messages: msgs, Cursor: encodeCursor(st), More: more, Wait: c.api.Wait()}, nil
}

// dmPage reads one page of conversations, newest first, with their messages newer than what
// earlier rounds read. done is set when the round has read every updated conversation.
func (c *conn) dmPage(ctx context.Context, src source, st *cursorState, now time.Time) (out []backend.IncomingMessage, done bool, err error) {
	s := &st.DM
	since := s.Since
	if since.IsZero() {
		since = st.Start
	}
	floor := since.Add(-Slack)
	q := url.Values{
		"platform": {src.dmPlatform()},
		"fields":   {conversationFields},
		"limit":    {strconv.Itoa(conversationPage)},
	}
	if s.After != "" {
		q.Set("after", s.After)
	}
	var page graph.List[conversation]
	if err := c.api.Get(ctx, c.pageID+"/conversations", q, &page); err != nil {
		return nil, false, err
	}
	stop := false
	for _, conv := range page.Data {
		updated := conv.Updated.Time
		if !updated.IsZero() && !updated.After(floor) {
			stop = true // conversations come newest first: the rest were read before
			break
		}
		if updated.After(s.RoundMax) {
			s.RoundMax = updated
		}
		msgs := conv.Messages.Data
		paging := conv.Messages.Paging
		for pages := 0; pages < maxMessagePages && paging.NextAfter() != "" && len(msgs) > 0 && msgs[len(msgs)-1].Created.After(floor); pages++ {
			var more graph.List[message]
			mq := url.Values{"fields": {messageFields}, "limit": {strconv.Itoa(messagePage)}, "after": {paging.NextAfter()}}
			if err := c.api.Get(ctx, string(conv.ID)+"/messages", mq, &more); err != nil {
				return nil, false, err
			}
			msgs = append(msgs, more.Data...)
			paging = more.Paging
		}
		thread := c.contact(conv, msgs)
		for _, m := range msgs {
			if !m.Created.IsZero() && !m.Created.After(floor) {
				continue
			}
			out = collect(out, c.dm(src.dmChannel(), thread, m, orTime(updated, now)))
		}
	}
	next := page.Paging.NextAfter()
	if stop || next == "" || len(page.Data) == 0 {
		if s.RoundMax.After(since) {
			s.Since = s.RoundMax
		} else {
			s.Since = since
		}
		s.After, s.RoundMax = "", time.Time{}
		return out, true, nil
	}
	s.After = next
	return out, false, nil
}
