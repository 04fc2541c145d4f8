package youtube

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"tend/backend"
)

// Wire types of the Data API, with the fields the connector reads.
type (
	comment struct {
		ID      string `json:"id"`
		Snippet struct {
			AuthorDisplayName string `json:"authorDisplayName"`
			AuthorChannelID   struct {
				Value string `json:"value"`
			} `json:"authorChannelId"`
			ChannelID    string `json:"channelId"`
			VideoID      string `json:"videoId"`
			TextDisplay  string `json:"textDisplay"`
			TextOriginal string `json:"textOriginal"`
			ParentID     string `json:"parentId"`
			PublishedAt  string `json:"publishedAt"`
			UpdatedAt    string `json:"updatedAt"`
		} `json:"snippet"`
	}
	commentThread struct {
		ID      string `json:"id"`
		Snippet struct {
			ChannelID       string  `json:"channelId"`
			VideoID         string  `json:"videoId"`
			TopLevelComment comment `json:"topLevelComment"`
			TotalReplyCount int64   `json:"totalReplyCount"`
		} `json:"snippet"`
		Replies struct {
			Comments []comment `json:"comments"`
		} `json:"replies"`
	}
	liveMessage struct {
		ID      string `json:"id"`
		Snippet struct {
			Type               string `json:"type"`
			LiveChatID         string `json:"liveChatId"`
			AuthorChannelID    string `json:"authorChannelId"`
			PublishedAt        string `json:"publishedAt"`
			DisplayMessage     string `json:"displayMessage"`
			TextMessageDetails *struct {
				MessageText string `json:"messageText"`
			} `json:"textMessageDetails"`
			SuperChatDetails *struct {
				UserComment string `json:"userComment"`
			} `json:"superChatDetails"`
			MemberMilestoneChatDetails *struct {
				UserComment string `json:"userComment"`
			} `json:"memberMilestoneChatDetails"`
		} `json:"snippet"`
		AuthorDetails struct {
			ChannelID   string `json:"channelId"`
			DisplayName string `json:"displayName"`
			IsChatOwner bool   `json:"isChatOwner"`
		} `json:"authorDetails"`
	}
)

// cursor is where Fetch stands, saved by the sync engine between calls.
type cursor struct {
	V int `json:"v"`
	// Sources holds each comment source's progress: "channel:<id>" or "video:<id>".
	Sources map[string]*source `json:"sources,omitempty"`
	// Current is the source whose pass is in progress; "" between rounds.
	Current string `json:"current,omitempty"`
	// CommentsAt is when the last round of comment reads ended.
	CommentsAt time.Time  `json:"comments_at,omitzero"`
	Chat       *chatState `json:"chat,omitempty"`
}

// source is a comment source's progress. A pass walks its threads newest first, page by page, and
// ends at the first page with nothing newer than Watermark.
type source struct {
	// Watermark is the newest activity (publishedAt or updatedAt) seen by the finished passes.
	Watermark time.Time `json:"watermark,omitzero"`
	// Newest is the newest activity seen by the pass in progress.
	Newest    time.Time `json:"newest,omitzero"`
	PageToken string    `json:"page_token,omitempty"`
	// Replies is each recent thread's reply count when last read: a thread whose count changed
	// has its replies read in full.
	Replies map[string]int64 `json:"replies,omitempty"`
}

// chatState is the live chat's progress.
type chatState struct {
	ID        string `json:"id"`
	PageToken string `json:"page_token,omitempty"`
	Ended     bool   `json:"ended,omitempty"`
	// NextAt is when the chat may be read again, after its pollingIntervalMillis.
	NextAt time.Time `json:"next_at,omitzero"`
}

const (
	cursorVersion  = 1
	maxReplyPages  = 50   // 5,000 replies of one thread per fetch
	maxReplyCounts = 2000 // threads whose reply count a source remembers
)

// Fetch returns the next page of comments and live chat messages after cur.
//
// The cursor is JSON. Comments come from commentThreads.list (every video of the channel, or the
// account's video_ids one after the other), newest thread first, 100 per page; a thread whose
// reply count changed has all its replies read with comments.list. A pass stops at the first
// page with nothing newer than the newest activity seen before; More is set while a pass goes on.
// When live_chat_id is set, a call also reads the chat once when its polling interval has passed,
// Wait is what remains of pollingIntervalMillis, and comments are read only every few minutes
// (unless a pass is under way). Comments written by the
// account's own channel are outbound.
func (c *Connector) Fetch(ctx context.Context, cur string) (backend.FetchResult, error) {
	if c.account.Channels[backend.PlatformYouTube] <= 0 {
		return backend.FetchResult{}, backend.Errorf(backend.EINVALID, "The YouTube account %q has no inbox channel to fill.", c.account.Name).
			Localized(KeyChannelMissing, "platform", platformName, "account", c.account.Name)
	}
	var cs cursor
	if cur != "" && (json.Unmarshal([]byte(cur), &cs) != nil || cs.V != cursorVersion) {
		cs = cursor{} // an unreadable cursor starts over; ingest skips what it already has
	}
	cs.V = cursorVersion
	if cs.Sources == nil {
		cs.Sources = map[string]*source{}
	}
	var res backend.FetchResult
	now := c.now().UTC()

	chatActive := false
	if c.liveChatID != "" {
		if cs.Chat == nil || cs.Chat.ID != c.liveChatID {
			cs.Chat = &chatState{ID: c.liveChatID}
		}
		if !cs.Chat.Ended {
			chatActive = true
			if due := cs.Chat.NextAt; !due.IsZero() && now.Before(due) {
				// Too early for the chat (a backfill page asked for right away): comments only.
				res.Wait = due.Sub(now)
			} else {
				msgs, wait, err := c.chatPage(ctx, cs.Chat)
				if err != nil {
					return backend.FetchResult{}, err
				}
				res.Messages = append(res.Messages, msgs...)
				res.Wait = wait
				cs.Chat.NextAt = now.Add(wait)
			}
		}
	} else {
		cs.Chat = nil
	}

	if !chatActive || cs.Current != "" || cs.CommentsAt.IsZero() || now.Sub(cs.CommentsAt) >= c.commentInterval {
		msgs, more, err := c.commentRound(ctx, &cs, now)
		if err != nil && len(res.Messages) == 0 {
			return backend.FetchResult{}, err
		}
		if err == nil {
			res.Messages = append(res.Messages, msgs...)
			res.More = more
		}
	}

	b, err := json.Marshal(cs)
	if err != nil {
		return backend.FetchResult{}, backend.Wrap(backend.EINTERNAL, err, "Internal error.")
	}
	res.Cursor = string(b)
	return res, nil
}

// sources lists the comment sources in reading order.
func (c *Connector) sources() []string {
	if len(c.videoIDs) == 0 {
		return []string{"channel:" + c.channelID}
	}
	out := make([]string, len(c.videoIDs))
	for i, v := range c.videoIDs {
		out[i] = "video:" + v
	}
	return out
}

// commentRound reads one page of the current source and moves the round on; more is set while
// the round goes on.
func (c *Connector) commentRound(ctx context.Context, cs *cursor, now time.Time) ([]backend.IncomingMessage, bool, error) {
	srcs := c.sources()
	if !containsString(srcs, cs.Current) {
		cs.Current = srcs[0]
	}
	for key := range cs.Sources {
		if !containsString(srcs, key) {
			delete(cs.Sources, key)
		}
	}
	st := cs.Sources[cs.Current]
	if st == nil {
		st = &source{}
		cs.Sources[cs.Current] = st
	}
	msgs, done, err := c.commentPage(ctx, cs.Current, st)
	if err != nil {
		return nil, false, err
	}
	if done {
		if st.Newest.After(st.Watermark) {
			st.Watermark = st.Newest
		}
		st.Newest, st.PageToken = time.Time{}, ""
		i := indexOf(srcs, cs.Current)
		if i+1 < len(srcs) {
			cs.Current = srcs[i+1]
			return msgs, true, nil
		}
		cs.Current, cs.CommentsAt = "", now
		return msgs, false, nil
	}
	return msgs, true, nil
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// commentPage reads one page of a source's threads; done is set when its pass is over.
func (c *Connector) commentPage(ctx context.Context, src string, st *source) ([]backend.IncomingMessage, bool, error) {
	kind, id, _ := strings.Cut(src, ":")
	q := url.Values{
		"part":       {"snippet,replies"},
		"maxResults": {"100"},
		"textFormat": {"plainText"},
		"order":      {"time"},
	}
	if kind == "video" {
		q.Set("videoId", id)
	} else {
		q.Set("allThreadsRelatedToChannelId", id)
	}
	if st.PageToken != "" {
		q.Set("pageToken", st.PageToken)
	}
	var page struct {
		NextPageToken string          `json:"nextPageToken"`
		Items         []commentThread `json:"items"`
	}
	if err := c.call(ctx, http.MethodGet, "/commentThreads", q, nil, &page); err != nil {
		if ae, ok := reasonOf(err); ok && kind == "video" &&
			(ae.has("commentsDisabled", "videoNotFound") || ae.Status == http.StatusNotFound) {
			return nil, true, nil // a video without comments has nothing to read
		}
		if ae, ok := reasonOf(err); ok && st.PageToken != "" && ae.has("invalidPageToken") {
			st.PageToken = "" // a stale token: the pass starts over
			return nil, false, nil
		}
		return nil, false, err
	}

	var out []backend.IncomingMessage
	seen := map[string]bool{}
	emit := func(m backend.IncomingMessage, at time.Time) {
		if !at.After(st.Watermark) || seen[m.PlatformMessageID] {
			return
		}
		seen[m.PlatformMessageID] = true
		out = append(out, m)
	}
	anyNew := false
	counts := map[string]int64{}
	for _, th := range page.Items {
		threadID := firstNonEmpty(th.ID, th.Snippet.TopLevelComment.ID)
		if threadID == "" {
			continue
		}
		post := c.post(th.Snippet.VideoID, th.Snippet.ChannelID)
		newest := time.Time{}
		if m, at, ok := c.commentMessage(th.Snippet.TopLevelComment, threadID, post); ok {
			emit(m, at)
			newest = at
		}
		for _, r := range th.Replies.Comments {
			if m, at, ok := c.commentMessage(r, threadID, post); ok {
				emit(m, at)
				newest = later(newest, at)
			}
		}
		total := th.Snippet.TotalReplyCount
		counts[threadID] = total
		if total > int64(len(th.Replies.Comments)) && (newest.After(st.Watermark) || st.Replies[threadID] != total) {
			replies, err := c.replies(ctx, threadID, post)
			if err != nil {
				return nil, false, err
			}
			for _, r := range replies {
				emit(r.m, r.at)
				newest = later(newest, r.at)
			}
		}
		if newest.After(st.Watermark) {
			anyNew = true
		}
		st.Newest = later(st.Newest, newest)
	}
	if st.Replies == nil || len(st.Replies)+len(counts) > maxReplyCounts {
		st.Replies = map[string]int64{}
	}
	for id, n := range counts {
		st.Replies[id] = n
	}
	if page.NextPageToken == "" || (!anyNew && !st.Watermark.IsZero()) {
		return out, true, nil
	}
	st.PageToken = page.NextPageToken
	return out, false, nil
}

type dated struct {
	m  backend.IncomingMessage
	at time.Time
}

// replies reads every reply of a thread with comments.list.
func (c *Connector) replies(ctx context.Context, threadID string, post *backend.Post) ([]dated, error) {
	var out []dated
	token := ""
	for range maxReplyPages {
		q := url.Values{"part": {"snippet"}, "parentId": {threadID}, "maxResults": {"100"}, "textFormat": {"plainText"}}
		if token != "" {
			q.Set("pageToken", token)
		}
		var page struct {
			NextPageToken string    `json:"nextPageToken"`
			Items         []comment `json:"items"`
		}
		if err := c.call(ctx, http.MethodGet, "/comments", q, nil, &page); err != nil {
			return nil, err
		}
		for _, cm := range page.Items {
			if m, at, ok := c.commentMessage(cm, threadID, post); ok {
				out = append(out, dated{m, at})
			}
		}
		if page.NextPageToken == "" || page.NextPageToken == token {
			break
		}
		token = page.NextPageToken
	}
	return out, nil
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// post is the publication of a thread: its video, or the channel for a channel discussion.
func (c *Connector) post(videoID, channelID string) *backend.Post {
	videoID, channelID = strings.TrimSpace(videoID), strings.TrimSpace(channelID)
	switch {
	case videoID != "":
		return &backend.Post{ID: videoID, URL: "https://www.youtube.com/watch?v=" + url.QueryEscape(videoID)}
	case channelID != "":
		return &backend.Post{ID: channelID, URL: "https://www.youtube.com/channel/" + url.PathEscape(channelID)}
	}
	return nil
}

// commentMessage maps a comment of a thread to a message and its activity time; false when it
// cannot be a valid message (no id, no time, no author for an inbound one).
func (c *Connector) commentMessage(cm comment, threadID string, post *backend.Post) (backend.IncomingMessage, time.Time, bool) {
	s := cm.Snippet
	published, okP := parseTime(s.PublishedAt)
	updated, okU := parseTime(s.UpdatedAt)
	if !okP {
		published, okP = updated, okU
	}
	if !okP {
		return backend.IncomingMessage{}, time.Time{}, false
	}
	text := s.TextOriginal
	if text == "" {
		text = s.TextDisplay
	}
	author := strings.TrimSpace(s.AuthorChannelID.Value)
	m := backend.IncomingMessage{
		ChannelID:         c.account.Channels[backend.PlatformYouTube],
		Kind:              backend.ConversationCommentThread,
		PlatformMessageID: strings.TrimSpace(cm.ID),
		ThreadKey:         threadID,
		Post:              post,
		Direction:         backend.DirectionIn,
		Author:            authorOf(author, s.AuthorDisplayName),
		Text:              clean(text),
		SentAt:            published,
	}
	if author != "" && author == c.channelID {
		m.Direction = backend.DirectionOut
	}
	if m.PlatformMessageID != threadID {
		m.ReplyTo = firstNonEmpty(s.ParentID, threadID)
	}
	if m.Validate() != nil {
		return backend.IncomingMessage{}, time.Time{}, false
	}
	return m, later(published, updated), true
}

// authorOf names an author: YouTube now gives the handle ("@name") as the display name.
func authorOf(channelID, name string) backend.Author {
	name = strings.TrimSpace(strings.ToValidUTF8(name, ""))
	a := backend.Author{PlatformUserID: channelID, DisplayName: name}
	if h, ok := strings.CutPrefix(name, "@"); ok && h != "" && !strings.ContainsAny(h, " \t\n") {
		a.Handle = h
	}
	if len(a.PlatformUserID) > backend.MaxPlatformIDBytes {
		a.PlatformUserID = ""
	}
	return a
}

// clean makes text valid UTF-8 within the ingest limit.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) <= backend.MaxMessageTextBytes {
		return s
	}
	s = s[:backend.MaxMessageTextBytes]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}

// chatPage reads the live chat once; an ended or missing chat is marked ended without error.
func (c *Connector) chatPage(ctx context.Context, st *chatState) ([]backend.IncomingMessage, time.Duration, error) {
	q := url.Values{"liveChatId": {st.ID}, "part": {"snippet,authorDetails"}}
	if st.PageToken != "" {
		q.Set("pageToken", st.PageToken)
	}
	var page struct {
		NextPageToken         string        `json:"nextPageToken"`
		PollingIntervalMillis int64         `json:"pollingIntervalMillis"`
		OfflineAt             string        `json:"offlineAt"`
		Items                 []liveMessage `json:"items"`
	}
	if err := c.call(ctx, http.MethodGet, "/liveChat/messages", q, nil, &page); err != nil {
		if ae, ok := reasonOf(err); ok && (ae.has("liveChatEnded", "liveChatNotFound", "liveChatDisabled") || ae.Status == http.StatusNotFound) {
			st.Ended, st.PageToken = true, ""
			return nil, 0, nil
		}
		if ae, ok := reasonOf(err); ok && st.PageToken != "" && ae.has("invalidPageToken") {
			st.PageToken = ""
			return nil, 0, nil
		}
		return nil, 0, err
	}
	var out []backend.IncomingMessage
	for _, lm := range page.Items {
		if m, ok := c.chatMessage(lm, st.ID); ok {
			out = append(out, m)
		}
	}
	if page.NextPageToken != "" {
		st.PageToken = page.NextPageToken
	}
	if page.OfflineAt != "" {
		st.Ended = true
	}
	wait := time.Duration(0)
	if ms := page.PollingIntervalMillis; ms > 0 {
		wait = time.Duration(min(ms, int64(time.Hour/time.Millisecond))) * time.Millisecond
	}
	return out, wait, nil
}

// chatMessage maps a chat message; false for events without a person's words (bans, deletions,
// polls, the chat's end).
func (c *Connector) chatMessage(lm liveMessage, chatID string) (backend.IncomingMessage, bool) {
	s := lm.Snippet
	var text string
	switch s.Type {
	case "textMessageEvent":
		if s.TextMessageDetails != nil {
			text = s.TextMessageDetails.MessageText
		}
	case "superChatEvent":
		if s.SuperChatDetails != nil {
			text = s.SuperChatDetails.UserComment
		}
	case "memberMilestoneChatEvent":
		if s.MemberMilestoneChatDetails != nil {
			text = s.MemberMilestoneChatDetails.UserComment
		}
	default:
		return backend.IncomingMessage{}, false
	}
	if strings.TrimSpace(text) == "" {
		text = s.DisplayMessage
	}
	at, ok := parseTime(s.PublishedAt)
	if !ok {
		return backend.IncomingMessage{}, false
	}
	author := firstNonEmpty(lm.AuthorDetails.ChannelID, s.AuthorChannelID)
	chat := firstNonEmpty(s.LiveChatID, chatID)
	m := backend.IncomingMessage{
		ChannelID:         c.account.Channels[backend.PlatformYouTube],
		Kind:              backend.ConversationLiveChat,
		PlatformMessageID: strings.TrimSpace(lm.ID),
		ThreadKey:         chat,
		Post:              &backend.Post{ID: chat},
		Direction:         backend.DirectionIn,
		Author:            authorOf(author, lm.AuthorDetails.DisplayName),
		Text:              clean(text),
		SentAt:            at,
	}
	if lm.AuthorDetails.IsChatOwner || author != "" && author == c.channelID {
		m.Direction = backend.DirectionOut
	}
	if m.Validate() != nil {
		return backend.IncomingMessage{}, false
	}
	return m, true
}
