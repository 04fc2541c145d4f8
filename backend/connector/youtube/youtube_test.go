package youtube_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the quota reset is computed in America/Los_Angeles

	"tend/backend"
	"tend/backend/connector/youtube"
	"tend/backend/connector/youtube/youtubetest"
)

// 12:00 UTC on 10 June 2025 is 05:00 in Los Angeles (PDT, UTC−7).
var fixedNow = time.Date(2025, 6, 10, 12, 0, 0, 0, time.UTC)

type fakeClock struct{ t time.Time }

func (c *fakeClock) Now() time.Time { return c.t }

const ownChannel = youtubetest.DefaultChannelID

func newServer(t *testing.T, opts youtubetest.Options, clock *fakeClock) *youtubetest.Server {
	t.Helper()
	if opts.Now == nil {
		opts.Now = clock.Now
	}
	srv := youtubetest.NewServer(opts)
	t.Cleanup(srv.Close)
	return srv
}

func newConnector(t *testing.T, srv *youtubetest.Server, clock *fakeClock, ids map[string]string, secrets map[string]string) *youtube.Connector {
	t.Helper()
	acct := backend.Account{
		ID: 9, Name: "shop-youtube", Platform: backend.PlatformYouTube, BaseURL: srv.BaseURL(),
		IDs:      map[string]string{youtube.IDChannel: ownChannel},
		Channels: map[string]int64{backend.PlatformYouTube: 4},
	}
	for k, v := range ids {
		acct.IDs[k] = v
	}
	if secrets == nil {
		secrets = map[string]string{youtube.SecretAccessToken: srv.Options().Token}
	}
	c, err := youtube.New(backend.ConnectorConfig{Account: acct, Secrets: secrets, HTTP: srv.Client(), Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func wantError(t *testing.T, err error, code, key string) *backend.Error {
	t.Helper()
	var be *backend.Error
	if !errors.As(err, &be) {
		t.Fatalf("error %v (%T) is not a *backend.Error", err, err)
	}
	if be.Code != code || be.Key != key {
		t.Fatalf("error = %s / %s (%q), want %s / %s", be.Code, be.Key, be.Message, code, key)
	}
	return be
}

func TestNew(t *testing.T) {
	for name, tc := range map[string]struct {
		ids     map[string]string
		secrets map[string]string
		key     string
	}{
		"NoChannel": {map[string]string{}, map[string]string{youtube.SecretAccessToken: "ya29.x"}, youtube.KeyIDRequired},
		"NoSecret":  {map[string]string{youtube.IDChannel: "UC1"}, map[string]string{}, youtube.KeySecretRequired},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := youtube.New(backend.ConnectorConfig{Account: backend.Account{IDs: tc.ids}, Secrets: tc.secrets})
			be := wantError(t, err, backend.EINVALID, tc.key)
			if be.Params["platform"] != "YouTube" {
				t.Errorf("params = %v", be.Params)
			}
		})
	}
	c, err := youtube.New(backend.ConnectorConfig{Account: backend.Account{IDs: map[string]string{youtube.IDChannel: "UC1"}},
		Secrets: map[string]string{youtube.SecretAccessToken: "ya29.x"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Capabilities(), (backend.Capabilities{Fetch: true, Send: true, Hide: true, Delete: true}); got != want {
		t.Errorf("capabilities = %+v", got)
	}
	if c.Idempotent() {
		t.Error("Idempotent() = true")
	}
}

func TestTest(t *testing.T) {
	clock := &fakeClock{fixedNow}
	srv := newServer(t, youtubetest.Options{}, clock)

	t.Run("Token", func(t *testing.T) {
		c := newConnector(t, srv, clock, nil, nil)
		info, err := c.Test(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if info.DisplayName != youtubetest.DefaultChannelTitle || info.IDs[youtube.IDChannel] != ownChannel {
			t.Errorf("info = %+v", info)
		}
		r := srv.Requests()[len(srv.Requests())-1]
		if r.Path != "/channels" || r.Query["mine"][0] != "true" || r.Query["part"][0] != "snippet" ||
			r.Header.Get("Authorization") != "Bearer "+youtubetest.DefaultToken {
			t.Errorf("request = %+v", r)
		}
	})
	t.Run("APIKeyOnly", func(t *testing.T) {
		c := newConnector(t, srv, clock, nil, map[string]string{youtube.SecretAPIKey: youtubetest.DefaultAPIKey})
		if _, err := c.Test(context.Background()); err != nil {
			t.Fatal(err)
		}
		r := srv.Requests()[len(srv.Requests())-1]
		if r.Query["id"][0] != ownChannel || r.Query["key"][0] != youtubetest.DefaultAPIKey || r.Header.Get("Authorization") != "" {
			t.Errorf("request = %+v", r)
		}
		_, err := c.Send(context.Background(), backend.OutboundMessage{Kind: backend.ConversationCommentThread, ThreadKey: "x", Text: "Hi"})
		wantError(t, err, backend.EUNAUTHORIZED, youtube.KeyTokenInvalid)
	})
	t.Run("OtherChannel", func(t *testing.T) {
		c := newConnector(t, srv, clock, map[string]string{youtube.IDChannel: "UCsomeoneElse"}, nil)
		_, err := c.Test(context.Background())
		be := wantError(t, err, backend.EINVALID, youtube.KeyChannelMismatch)
		if be.Params["token_channel"] != ownChannel {
			t.Errorf("params = %v", be.Params)
		}
	})
	t.Run("UnknownChannel", func(t *testing.T) {
		c := newConnector(t, srv, clock, map[string]string{youtube.IDChannel: "UCnobody"}, map[string]string{youtube.SecretAPIKey: youtubetest.DefaultAPIKey})
		_, err := c.Test(context.Background())
		wantError(t, err, backend.ENOTFOUND, youtube.KeyChannelNotFound)
	})
}

// fetchAll fetches until More is false and returns the messages and the last cursor.
func fetchAll(t *testing.T, c *youtube.Connector, cur string) ([]backend.IncomingMessage, string, int) {
	t.Helper()
	var all []backend.IncomingMessage
	for calls := 1; ; calls++ {
		res, err := c.Fetch(context.Background(), cur)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range res.Messages {
			if err := m.Validate(); err != nil {
				t.Fatalf("%+v: %v", m, err)
			}
		}
		all = append(all, res.Messages...)
		cur = res.Cursor
		if !res.More {
			return all, cur, calls
		}
		if calls > 100 {
			t.Fatal("Fetch never ends")
		}
	}
}

func countPaths(reqs []youtubetest.Request) map[string]int {
	n := map[string]int{}
	for _, r := range reqs {
		n[r.Method+" "+r.Path]++
	}
	return n
}

func TestFetchPaging(t *testing.T) {
	clock := &fakeClock{fixedNow}
	srv := newServer(t, youtubetest.Options{}, clock)
	base := fixedNow.Add(-30 * 24 * time.Hour)
	srv.AddVideo("vidOther", "UCnotOurs")
	srv.AddComment(youtubetest.Comment{VideoID: "vidOther", AuthorChannelID: "UCx", Text: "not ours", PublishedAt: base})
	want := 0
	for i := range 250 {
		video := "vidA"
		if i%2 == 1 {
			video = "vidB"
		}
		top := srv.AddComment(youtubetest.Comment{VideoID: video, AuthorChannelID: fmt.Sprintf("UCviewer%03d", i),
			Text: fmt.Sprintf("comment %d", i), PublishedAt: base.Add(time.Duration(i) * time.Minute)})
		want++
		replies := 0
		switch {
		case i%50 == 0:
			replies = 130 // more than one page of comments.list
		case i%10 == 0:
			replies = 3 // more than the 2 embedded
		case i%7 == 0:
			replies = 1
		}
		for j := range replies {
			srv.AddComment(youtubetest.Comment{ParentID: top, AuthorChannelID: "UCreplier", Text: fmt.Sprintf("reply %d", j),
				PublishedAt: base.Add(time.Duration(i)*time.Minute + time.Duration(j+1)*time.Second)})
			want++
		}
	}
	c := newConnector(t, srv, clock, nil, nil)

	msgs, cur, calls := fetchAll(t, c, "")
	if calls != 3 {
		t.Errorf("%d fetches, want 3 pages", calls)
	}
	ids := map[string]bool{}
	for _, m := range msgs {
		if ids[m.PlatformMessageID] {
			t.Errorf("duplicate %s", m.PlatformMessageID)
		}
		ids[m.PlatformMessageID] = true
		if m.Text == "not ours" {
			t.Error("a comment of another channel's video")
		}
	}
	if len(msgs) != want {
		t.Errorf("%d messages, want %d", len(msgs), want)
	}

	var threadPages []string
	for _, r := range srv.Requests() {
		if r.Path != "/commentThreads" {
			continue
		}
		q := r.Query
		if q["part"][0] != "snippet,replies" || q["allThreadsRelatedToChannelId"][0] != ownChannel ||
			q["maxResults"][0] != "100" || q["textFormat"][0] != "plainText" {
			t.Errorf("commentThreads query = %v", q)
		}
		threadPages = append(threadPages, strings.Join(q["pageToken"], ""))
	}
	if len(threadPages) != 3 || threadPages[0] != "" || threadPages[1] == "" || threadPages[2] == "" {
		t.Errorf("pages = %q", threadPages)
	}
	// Threads with more replies than embedded: i%10 == 0 (25 threads), two pages for i%50 == 0.
	if n := countPaths(srv.Requests())["GET /comments"]; n != 25+5 {
		t.Errorf("%d comments.list calls, want 30", n)
	}
	for _, r := range srv.Requests() {
		if r.Path == "/comments" && (r.Query["parentId"][0] == "" || r.Query["textFormat"][0] != "plainText") {
			t.Errorf("comments query = %v", r.Query)
		}
	}

	// Nothing new: one call, one page, nothing.
	before := len(srv.Requests())
	res, err := c.Fetch(context.Background(), cur)
	if err != nil || len(res.Messages) != 0 || res.More {
		t.Fatalf("Fetch = %+v, %v", res, err)
	}
	if n := len(srv.Requests()) - before; n != 1 {
		t.Errorf("%d requests when nothing is new", n)
	}
}

func TestFetchIncremental(t *testing.T) {
	clock := &fakeClock{fixedNow}
	srv := newServer(t, youtubetest.Options{}, clock)
	old := srv.AddComment(youtubetest.Comment{VideoID: "v1", AuthorChannelID: "UCa", Text: "first", PublishedAt: fixedNow.Add(-time.Hour)})
	srv.AddComment(youtubetest.Comment{ParentID: old, AuthorChannelID: "UCb", Text: "r1", PublishedAt: fixedNow.Add(-50 * time.Minute)})
	srv.AddComment(youtubetest.Comment{ParentID: old, AuthorChannelID: "UCc", Text: "r2", PublishedAt: fixedNow.Add(-40 * time.Minute)})
	c := newConnector(t, srv, clock, nil, nil)
	msgs, cur, _ := fetchAll(t, c, "")
	if len(msgs) != 3 {
		t.Fatalf("%d messages", len(msgs))
	}

	clock.t = fixedNow.Add(time.Hour)
	srv.AddComment(youtubetest.Comment{ParentID: old, AuthorChannelID: "UCd", Text: "r3 (third reply, not embedded)", PublishedAt: fixedNow.Add(30 * time.Minute)})
	fresh := srv.AddComment(youtubetest.Comment{VideoID: "v1", AuthorChannelID: "UCe", Text: "new thread", PublishedAt: fixedNow.Add(45 * time.Minute)})
	msgs, _, _ = fetchAll(t, c, cur)
	var texts []string
	for _, m := range msgs {
		texts = append(texts, m.Text)
	}
	if len(msgs) != 2 || !strings.Contains(strings.Join(texts, "|"), "r3") || !strings.Contains(strings.Join(texts, "|"), "new thread") {
		t.Errorf("messages = %q", texts)
	}
	for _, m := range msgs {
		if m.Text == "new thread" && (m.ThreadKey != fresh || m.ReplyTo != "") {
			t.Errorf("new thread = %+v", m)
		}
		if strings.HasPrefix(m.Text, "r3") && (m.ThreadKey != old || m.ReplyTo != old) {
			t.Errorf("reply = %+v", m)
		}
	}
}

func TestFetchMapping(t *testing.T) {
	clock := &fakeClock{fixedNow}
	srv := newServer(t, youtubetest.Options{}, clock)
	at := time.Date(2025, 6, 9, 18, 30, 5, 0, time.UTC)
	top := srv.AddComment(youtubetest.Comment{VideoID: "dQw4w9WgXcQ", AuthorChannelID: "UCmarie", AuthorName: "@marie-d",
		Text: "Where can I buy <this> & that?\nThanks", PublishedAt: at})
	own := srv.AddComment(youtubetest.Comment{ParentID: top, AuthorChannelID: ownChannel, AuthorName: "@tendtest",
		Text: "On our site!", PublishedAt: at.Add(time.Hour)})
	srv.AddComment(youtubetest.Comment{ParentID: top, AuthorChannelID: "UCpaul", AuthorName: "Paul Martin",
		Text: "Thanks", PublishedAt: at.Add(2 * time.Hour), UpdatedAt: at.Add(3 * time.Hour)})
	c := newConnector(t, srv, clock, nil, nil)
	msgs, _, _ := fetchAll(t, c, "")
	if len(msgs) != 3 {
		t.Fatalf("%d messages", len(msgs))
	}
	post := backend.Post{ID: "dQw4w9WgXcQ", URL: "https://www.youtube.com/watch?v=dQw4w9WgXcQ"}
	m := msgs[0]
	if m.ChannelID != 4 || m.Kind != backend.ConversationCommentThread || m.PlatformMessageID != top || m.ThreadKey != top ||
		m.Post == nil || *m.Post != post || m.Direction != backend.DirectionIn || m.ReplyTo != "" ||
		m.Author != (backend.Author{PlatformUserID: "UCmarie", Handle: "marie-d", DisplayName: "@marie-d"}) ||
		m.Text != "Where can I buy <this> & that?\nThanks" || !m.SentAt.Equal(at) {
		t.Errorf("top-level = %+v", m)
	}
	r := msgs[1]
	if r.PlatformMessageID != own || r.Direction != backend.DirectionOut || r.ThreadKey != top || r.ReplyTo != top {
		t.Errorf("own reply = %+v", r)
	}
	if p := msgs[2]; p.Author.Handle != "" || p.Author.DisplayName != "Paul Martin" || !p.SentAt.Equal(at.Add(2*time.Hour)) {
		t.Errorf("reply = %+v", p)
	}
}

func TestFetchVideoIDs(t *testing.T) {
	clock := &fakeClock{fixedNow}
	srv := newServer(t, youtubetest.Options{}, clock)
	srv.AddComment(youtubetest.Comment{VideoID: "vid1", AuthorChannelID: "UCa", Text: "on 1", PublishedAt: fixedNow.Add(-time.Hour)})
	srv.AddComment(youtubetest.Comment{VideoID: "vid2", AuthorChannelID: "UCa", Text: "on 2", PublishedAt: fixedNow.Add(-time.Hour)})
	srv.AddComment(youtubetest.Comment{VideoID: "vid3", AuthorChannelID: "UCa", Text: "on 3", PublishedAt: fixedNow.Add(-time.Hour)})
	srv.AddVideo("quiet", "")
	srv.DisableComments("quiet")
	c := newConnector(t, srv, clock, map[string]string{youtube.IDVideos: "vid1, quiet,vid3,vid1"}, nil)
	msgs, _, calls := fetchAll(t, c, "")
	if len(msgs) != 2 || msgs[0].Text != "on 1" || msgs[1].Text != "on 3" || calls != 3 {
		t.Errorf("messages = %+v in %d calls", msgs, calls)
	}
	for _, r := range srv.Requests() {
		if r.Path == "/commentThreads" && (r.Query["videoId"] == nil || r.Query["allThreadsRelatedToChannelId"] != nil) {
			t.Errorf("query = %v", r.Query)
		}
	}
}

func TestLiveChat(t *testing.T) {
	clock := &fakeClock{fixedNow}
	srv := newServer(t, youtubetest.Options{PollingMillis: 4200}, clock)
	const chat = "Cg0KC2xpdmVjaGF0aWQ"
	srv.AddChatMessage(chat, youtubetest.ChatMessage{AuthorChannelID: "UCfan1", AuthorName: "@fan1", Text: "Hello from Lyon!", At: fixedNow.Add(-time.Minute)})
	srv.AddChatMessage(chat, youtubetest.ChatMessage{AuthorChannelID: ownChannel, AuthorName: "@tendtest", Text: "Welcome!", Owner: true, At: fixedNow.Add(-50 * time.Second)})
	srv.AddChatMessage(chat, youtubetest.ChatMessage{Type: "superChatEvent", AuthorChannelID: "UCfan2", AuthorName: "Big Fan", Text: "Love it", At: fixedNow.Add(-40 * time.Second)})
	srv.AddChatMessage(chat, youtubetest.ChatMessage{Type: "userBannedEvent", AuthorChannelID: ownChannel, At: fixedNow.Add(-30 * time.Second)})
	srv.AddComment(youtubetest.Comment{VideoID: "v", AuthorChannelID: "UCa", Text: "a comment", PublishedAt: fixedNow.Add(-time.Hour)})
	c := newConnector(t, srv, clock, map[string]string{youtube.IDLiveChat: chat}, nil)
	ctx := context.Background()

	res, err := c.Fetch(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Wait != 4200*time.Millisecond || res.More {
		t.Errorf("wait = %v, more = %v", res.Wait, res.More)
	}
	var chatMsgs []backend.IncomingMessage
	comments := 0
	for _, m := range res.Messages {
		if m.Kind == backend.ConversationLiveChat {
			chatMsgs = append(chatMsgs, m)
		} else {
			comments++
		}
	}
	if len(chatMsgs) != 3 || comments != 1 {
		t.Fatalf("chat = %+v, comments = %d", chatMsgs, comments)
	}
	m := chatMsgs[0]
	if m.ThreadKey != chat || m.Post == nil || m.Post.ID != chat || m.Direction != backend.DirectionIn ||
		m.Author.PlatformUserID != "UCfan1" || m.Author.Handle != "fan1" || m.Text != "Hello from Lyon!" || !m.SentAt.Equal(fixedNow.Add(-time.Minute)) {
		t.Errorf("chat message = %+v", m)
	}
	if chatMsgs[1].Direction != backend.DirectionOut || chatMsgs[2].Text != "Love it" {
		t.Errorf("chat = %+v", chatMsgs)
	}
	r := srv.Requests()[0]
	if r.Path != "/liveChat/messages" || r.Query["liveChatId"][0] != chat || r.Query["part"][0] != "snippet,authorDetails" || r.Query["pageToken"] != nil {
		t.Errorf("request = %+v", r)
	}

	// The next poll continues from nextPageToken and skips comments until the interval passes.
	srv.AddChatMessage(chat, youtubetest.ChatMessage{AuthorChannelID: "UCfan3", Text: "Next!"})
	before := len(srv.Requests())
	clock.t = fixedNow.Add(2 * time.Second) // too early: nothing is read
	early, err := c.Fetch(ctx, res.Cursor)
	if err != nil || len(early.Messages) != 0 || early.Wait != 2200*time.Millisecond || len(srv.Requests()) != before {
		t.Fatalf("early Fetch = %+v, %v (%d requests)", early, err, len(srv.Requests())-before)
	}
	clock.t = fixedNow.Add(5 * time.Second)
	res, err = c.Fetch(ctx, early.Cursor)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Messages) != 1 || res.Messages[0].Text != "Next!" {
		t.Errorf("messages = %+v", res.Messages)
	}
	reqs := srv.Requests()[before:]
	if len(reqs) != 1 || reqs[0].Query["pageToken"] == nil {
		t.Errorf("requests = %+v", reqs)
	}

	// The broadcast ends: offlineAt marks the chat over; later polls read comments only.
	clock.t = fixedNow.Add(10 * time.Minute)
	srv.EndChat(chat)
	res, err = c.Fetch(ctx, res.Cursor)
	if err != nil {
		t.Fatal(err)
	}
	if res.Wait != 4200*time.Millisecond {
		t.Errorf("wait = %v", res.Wait)
	}
	before = len(srv.Requests())
	res, err = c.Fetch(ctx, res.Cursor)
	if err != nil {
		t.Fatal(err)
	}
	if res.Wait != 0 || countPaths(srv.Requests()[before:])["GET /liveChat/messages"] != 0 {
		t.Errorf("the ended chat was polled again (wait %v)", res.Wait)
	}
}

func TestLiveChatEndedError(t *testing.T) {
	clock := &fakeClock{fixedNow}
	srv := newServer(t, youtubetest.Options{}, clock)
	c := newConnector(t, srv, clock, map[string]string{youtube.IDLiveChat: "unknown-chat"}, nil)
	res, err := c.Fetch(context.Background(), "")
	if err != nil {
		t.Fatalf("a missing chat failed the fetch: %v", err)
	}
	var cur struct {
		Chat struct {
			Ended bool `json:"ended"`
		} `json:"chat"`
	}
	if json.Unmarshal([]byte(res.Cursor), &cur) != nil || !cur.Chat.Ended {
		t.Errorf("cursor = %s", res.Cursor)
	}
}

func TestSendReply(t *testing.T) {
	clock := &fakeClock{fixedNow}
	srv := newServer(t, youtubetest.Options{}, clock)
	top := srv.AddComment(youtubetest.Comment{VideoID: "v", AuthorChannelID: "UCa", Text: "Question?"})
	c := newConnector(t, srv, clock, nil, nil)
	ctx := context.Background()

	rec, err := c.Send(ctx, backend.OutboundMessage{Kind: backend.ConversationCommentThread, ThreadKey: top, PostID: "v", Text: "Answer & more"})
	if err != nil {
		t.Fatal(err)
	}
	got, ok := srv.Comment(rec.PlatformMessageID)
	if !ok || got.ParentID != top || got.Text != "Answer & more" || got.AuthorChannelID != ownChannel || !rec.SentAt.Equal(fixedNow) {
		t.Errorf("receipt = %+v, comment = %+v", rec, got)
	}
	r := srv.Requests()[len(srv.Requests())-1]
	if r.Method != http.MethodPost || r.Path != "/comments" || r.Query["part"][0] != "snippet" || r.Query["key"] != nil {
		t.Errorf("request = %+v", r)
	}
	if string(r.Body) != `{"snippet":{"parentId":"`+top+`","textOriginal":"Answer \u0026 more"}}` {
		t.Errorf("body = %s", r.Body)
	}

	t.Run("ReplyToWhenNoThread", func(t *testing.T) {
		rec, err := c.Send(ctx, backend.OutboundMessage{Kind: backend.ConversationCommentThread, ReplyTo: top, Text: "Again"})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := srv.Comment(rec.PlatformMessageID); got.ParentID != top {
			t.Errorf("comment = %+v", got)
		}
	})
	t.Run("NoParent", func(t *testing.T) {
		_, err := c.Send(ctx, backend.OutboundMessage{Kind: backend.ConversationCommentThread, Text: "Hi"})
		wantError(t, err, backend.EINVALID, youtube.KeyTargetMissing)
	})
	t.Run("DM", func(t *testing.T) {
		_, err := c.Send(ctx, backend.OutboundMessage{Kind: backend.ConversationDM, ThreadKey: "x", Text: "Hi"})
		wantError(t, err, backend.EINVALID, youtube.KeyKindUnsupported)
	})
	t.Run("ParentGone", func(t *testing.T) {
		_, err := c.Send(ctx, backend.OutboundMessage{Kind: backend.ConversationCommentThread, ThreadKey: "Ugzgone", Text: "Hi"})
		be := wantError(t, err, backend.EINVALID, youtube.KeyRefused)
		if be.Params["code"] != "parentCommentNotFound" || be.Params["reason"] != "The parent comment could not be found." {
			t.Errorf("params = %v", be.Params)
		}
	})
}

func TestSendChat(t *testing.T) {
	clock := &fakeClock{fixedNow}
	srv := newServer(t, youtubetest.Options{}, clock)
	const chat = "Cg0KC2NoYXQ"
	srv.StartChat(chat)
	c := newConnector(t, srv, clock, map[string]string{youtube.IDLiveChat: chat}, nil)
	ctx := context.Background()
	rec, err := c.Send(ctx, backend.OutboundMessage{Kind: backend.ConversationLiveChat, ThreadKey: chat, Text: "Thanks for watching!"})
	if err != nil {
		t.Fatal(err)
	}
	msgs := srv.ChatMessages(chat)
	if len(msgs) != 1 || msgs[0].ID != rec.PlatformMessageID || msgs[0].Text != "Thanks for watching!" || !msgs[0].Owner {
		t.Errorf("chat = %+v, receipt = %+v", msgs, rec)
	}
	r := srv.Requests()[len(srv.Requests())-1]
	if r.Path != "/liveChat/messages" || r.Method != http.MethodPost ||
		string(r.Body) != `{"snippet":{"liveChatId":"`+chat+`","textMessageDetails":{"messageText":"Thanks for watching!"},"type":"textMessageEvent"}}` {
		t.Errorf("request = %s %s %s", r.Method, r.Path, r.Body)
	}
	_, err = c.Send(ctx, backend.OutboundMessage{Kind: backend.ConversationLiveChat, ThreadKey: chat, Text: strings.Repeat("a", 201)})
	if be := wantError(t, err, backend.EINVALID, "reply_text_too_long"); be.Params["limit"] != "200" {
		t.Errorf("params = %v", be.Params)
	}
	srv.EndChat(chat)
	_, err = c.Send(ctx, backend.OutboundMessage{Kind: backend.ConversationLiveChat, ThreadKey: chat, Text: "Late"})
	be := wantError(t, err, backend.EINVALID, youtube.KeyRefused)
	if be.Params["code"] != "liveChatEnded" {
		t.Errorf("params = %v", be.Params)
	}
}

func TestModerate(t *testing.T) {
	clock := &fakeClock{fixedNow}
	srv := newServer(t, youtubetest.Options{}, clock)
	id := srv.AddComment(youtubetest.Comment{VideoID: "v", AuthorChannelID: "UCspam", Text: "buy followers"})
	c := newConnector(t, srv, clock, nil, nil)
	ctx := context.Background()
	for _, tc := range []struct{ kind, status string }{
		{backend.ModerateHide, "heldForReview"},
		{backend.ModerateUnhide, "published"},
		{backend.ModerateDelete, "rejected"},
	} {
		if err := c.Moderate(ctx, backend.ModerationAction{Kind: tc.kind, MessageID: id, PostID: "v"}); err != nil {
			t.Fatalf("%s: %v", tc.kind, err)
		}
		r := srv.Requests()[len(srv.Requests())-1]
		if r.Method != http.MethodPost || r.Path != "/comments/setModerationStatus" || r.Query["id"][0] != id ||
			r.Query["moderationStatus"][0] != tc.status || len(r.Body) != 0 {
			t.Errorf("%s: request = %+v", tc.kind, r)
		}
		if got, _ := srv.Comment(id); got.Status != tc.status {
			t.Errorf("%s: status = %s", tc.kind, got.Status)
		}
	}
	wantError(t, c.Moderate(ctx, backend.ModerationAction{Kind: "pin", MessageID: id}), backend.EINVALID, youtube.KeyModerationUnknown)
	be := wantError(t, c.Moderate(ctx, backend.ModerationAction{Kind: backend.ModerateHide, MessageID: "nope"}), backend.EINVALID, youtube.KeyRefused)
	if be.Params["reason"] != "One or more of the comments identified by the id parameter could not be found." {
		t.Errorf("reason = %q", be.Params["reason"])
	}
	srv.AddVideo("theirs", "UCother")
	theirs := srv.AddComment(youtubetest.Comment{VideoID: "theirs", AuthorChannelID: "UCx", Text: "x"})
	wantError(t, c.Moderate(ctx, backend.ModerationAction{Kind: backend.ModerateDelete, MessageID: theirs}), backend.EFORBIDDEN, youtube.KeyPermission)
}

func TestErrors(t *testing.T) {
	// At 12:00 UTC on 10 June (05:00 PDT) the quota resets at 07:00 UTC on 11 June: 19 hours.
	quotaWait := 19 * time.Hour
	for name, tc := range map[string]struct {
		fail      youtubetest.Failure
		code, key string
		wait      time.Duration
		params    map[string]string
	}{
		"Quota": {youtubetest.QuotaExceeded, backend.ERATELIMITED, youtube.KeyQuota, quotaWait,
			map[string]string{"reset_at": "2025-06-11T07:00:00Z", "minutes": "1140"}},
		"DailyLimit": {youtubetest.Failure{Status: 403, Reason: "dailyLimitExceeded", Domain: "usageLimits", Message: "Daily Limit Exceeded"},
			backend.ERATELIMITED, youtube.KeyQuota, quotaWait, nil},
		"RateLimit":        {youtubetest.RateLimited, backend.ERATELIMITED, youtube.KeyRateLimited, youtube.RateLimitWait, map[string]string{"seconds": "10"}},
		"TooMany":          {youtubetest.TooManyRequests, backend.ERATELIMITED, youtube.KeyRateLimited, 30 * time.Second, map[string]string{"seconds": "30"}},
		"Bare429":          {youtubetest.Failure{Status: 429}, backend.ERATELIMITED, youtube.KeyRateLimited, 0, nil},
		"Unauthorized":     {youtubetest.Unauthorized, backend.EUNAUTHORIZED, youtube.KeyTokenInvalid, 0, nil},
		"Insufficient":     {youtubetest.InsufficientPermissions, backend.EFORBIDDEN, youtube.KeyPermission, 0, map[string]string{"permission": "youtube.force-ssl"}},
		"Forbidden":        {youtubetest.Forbidden, backend.EFORBIDDEN, youtube.KeyPermission, 0, nil},
		"NotConfigured":    {youtubetest.Failure{Status: 403, Reason: "accessNotConfigured", Domain: "usageLimits", Message: "Access Not Configured."}, backend.EFORBIDDEN, youtube.KeyPermission, 0, map[string]string{"permission": "YouTube Data API v3"}},
		"Processing":       {youtubetest.ProcessingFailure, backend.EINVALID, youtube.KeyRefused, 0, map[string]string{"code": "processingFailure", "reason": "The API server failed to successfully process the request. While this can be a transient error, it usually indicates that the request's input is invalid."}},
		"TooLong":          {youtubetest.Failure{Status: 400, Reason: "commentTextTooLong", Domain: "youtube.comment", Message: "The <code>snippet.textOriginal</code> property contains too many characters."}, backend.EINVALID, youtube.KeyRefused, 0, map[string]string{"reason": "The snippet.textOriginal property contains too many characters."}},
		"ServerError":      {youtubetest.ServerError, backend.EUNAVAILABLE, youtube.KeyUnreachable, 0, nil},
		"Unavailable":      {youtubetest.Unavailable, backend.EUNAVAILABLE, youtube.KeyUnreachable, 0, nil},
		"Malformed":        {youtubetest.Malformed, backend.EUNAVAILABLE, youtube.KeyBadResponse, 0, nil},
		"HTML400":          {youtubetest.Failure{Status: 400, Body: "<html>Bad Request</html>"}, backend.EUNAVAILABLE, youtube.KeyBadResponse, 0, nil},
		"ErrorIn200":       {youtubetest.Failure{Status: 200, ContentType: "application/json", Body: `{"error":{"code":403,"message":"quota","errors":[{"domain":"youtube.quota","reason":"quotaExceeded"}]}}`}, backend.ERATELIMITED, youtube.KeyQuota, quotaWait, nil},
		"Drop":             {youtubetest.Failure{Drop: true}, backend.EUNAVAILABLE, youtube.KeyUnreachable, 0, nil},
		"UnknownReason4xx": {youtubetest.Failure{Status: 404, Reason: "videoNotFound", Domain: "youtube.video", Message: "Video not found."}, backend.EINVALID, youtube.KeyRefused, 0, map[string]string{"code": "videoNotFound"}},
	} {
		t.Run(name, func(t *testing.T) {
			for _, op := range []string{"send", "fetch"} {
				clock := &fakeClock{fixedNow}
				srv := newServer(t, youtubetest.Options{}, clock)
				top := srv.AddComment(youtubetest.Comment{VideoID: "v", AuthorChannelID: "UCa", Text: "Hi"})
				c := newConnector(t, srv, clock, nil, nil)
				srv.Fail(tc.fail)
				var err error
				if op == "send" {
					_, err = c.Send(context.Background(), backend.OutboundMessage{Kind: backend.ConversationCommentThread, ThreadKey: top, Text: "Hello"})
				} else {
					_, err = c.Fetch(context.Background(), "")
				}
				be := wantError(t, err, tc.code, tc.key)
				var ra *backend.RetryAfterError
				if got := errors.As(err, &ra); got != (tc.wait > 0) || got && ra.After != tc.wait {
					t.Errorf("%s: RetryAfterError = %v, want wait %v", op, ra, tc.wait)
				}
				for k, v := range tc.params {
					if be.Params[k] != v {
						t.Errorf("%s: param %s = %q, want %q", op, k, be.Params[k], v)
					}
				}
				if be.Params["platform"] != "YouTube" || strings.Contains(be.Message, "<") {
					t.Errorf("%s: error = %q %v", op, be.Message, be.Params)
				}
			}
		})
	}
}

func TestQuotaResetWinter(t *testing.T) {
	// 20:00 UTC on 15 January is 12:00 PST (UTC−8): the reset is at 08:00 UTC the next day.
	clock := &fakeClock{time.Date(2025, 1, 15, 20, 0, 0, 0, time.UTC)}
	srv := newServer(t, youtubetest.Options{Quota: 2}, clock)
	c := newConnector(t, srv, clock, nil, nil)
	ctx := context.Background()
	for range 2 {
		if _, err := c.Test(ctx); err != nil {
			t.Fatal(err)
		}
	}
	_, err := c.Test(ctx)
	be := wantError(t, err, backend.ERATELIMITED, youtube.KeyQuota)
	if tmp, wait := backend.Temporary(err); !tmp || wait != 12*time.Hour {
		t.Errorf("Temporary = %v, %v", tmp, wait)
	}
	if be.Params["reset_at"] != "2025-01-16T08:00:00Z" || !strings.Contains(be.Message, "12 hours") {
		t.Errorf("error = %q %v", be.Message, be.Params)
	}
	if srv.QuotaUsed() != 2 {
		t.Errorf("quota used = %d", srv.QuotaUsed())
	}
}

func TestExpiredToken(t *testing.T) {
	clock := &fakeClock{fixedNow}
	srv := newServer(t, youtubetest.Options{}, clock)
	c := newConnector(t, srv, clock, nil, nil)
	srv.ExpireToken()
	_, err := c.Fetch(context.Background(), "")
	wantError(t, err, backend.EUNAUTHORIZED, youtube.KeyTokenInvalid)
	if tmp, _ := backend.Temporary(err); !tmp {
		t.Error("an expired token is not temporary for the outbox")
	}
}

// TestSecretsNeverLeak: neither the token nor the API key shows in any error, even when the server
// echoes them or the URL holding the key fails.
func TestSecretsNeverLeak(t *testing.T) {
	clock := &fakeClock{fixedNow}
	srv := newServer(t, youtubetest.Options{}, clock)
	token, key := youtubetest.DefaultToken, youtubetest.DefaultAPIKey
	c := newConnector(t, srv, clock, nil, map[string]string{youtube.SecretAccessToken: token, youtube.SecretAPIKey: key})
	check := func(t *testing.T, err error) {
		t.Helper()
		if err == nil {
			t.Fatal("no error")
		}
		pub := backend.Public(err)
		for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), pub.Message, fmt.Sprint(pub.Params)} {
			if strings.Contains(s, token) || strings.Contains(s, key) {
				t.Errorf("a secret leaked: %s", s)
			}
		}
		for e := err; e != nil; e = errors.Unwrap(e) {
			if strings.Contains(e.Error(), token) || strings.Contains(e.Error(), key) {
				t.Errorf("a secret leaked in the chain: %s", e.Error())
			}
		}
	}
	srv.Fail(youtubetest.Failure{Status: 400, Reason: "badRequest", Message: "bad token " + token + " and key " + key})
	_, err := c.Fetch(context.Background(), "")
	check(t, err)
	srv.Fail(youtubetest.Failure{Status: 401, Body: "token " + token})
	_, err = c.Test(context.Background())
	check(t, err)
	srv.Fail(youtubetest.Failure{Status: 200, Body: "key=" + key})
	_, err = c.Test(context.Background())
	check(t, err)
	srv.Close()
	_, err = c.Fetch(context.Background(), "")
	wantError(t, err, backend.EUNAVAILABLE, youtube.KeyUnreachable)
	check(t, err)
}

func TestStripHTML(t *testing.T) {
	for in, want := range map[string]string{
		`exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.`: "exceeded your quota.",
		"a<br>b &amp; c &#39;d&#39;": "a\nb & c 'd'",
		"plain":                      "plain",
	} {
		if got := youtube.StripHTML(in); got != want {
			t.Errorf("StripHTML(%q) = %q, want %q", in, got, want)
		}
	}
}
