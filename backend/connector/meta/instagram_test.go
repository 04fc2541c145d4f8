package meta_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/connector/graph"
	"tend/backend/connector/meta"
	"tend/backend/connector/meta/metatest"
)

func TestNewInstagramConfig(t *testing.T) {
	clk := newClock()
	tests := []struct {
		name  string
		edit  func(c *backend.ConnectorConfig)
		key   string
		param map[string]string
	}{
		{"NoPage", func(c *backend.ConnectorConfig) { delete(c.Account.IDs, meta.IDPageID) }, meta.KeyIDRequired, map[string]string{"id": "page_id"}},
		{"NoIGUser", func(c *backend.ConnectorConfig) { c.Account.IDs[meta.IDIGUserID] = " " }, meta.KeyIDRequired, map[string]string{"id": "ig_user_id"}},
		{"PathInID", func(c *backend.ConnectorConfig) { c.Account.IDs[meta.IDPageID] = "1/../me" }, meta.KeyIDRequired, map[string]string{"id": "page_id"}},
		{"NoToken", func(c *backend.ConnectorConfig) { c.Secrets = nil }, meta.KeySecretRequired, map[string]string{"secret": "access_token"}},
		{"NoChannel", func(c *backend.ConnectorConfig) { c.Account.Channels = nil }, meta.KeyChannelMissing, map[string]string{"platform": "instagram"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := config(igAccount("http://127.0.0.1:1"), clk, metatest.Token)
			tt.edit(&cfg)
			_, err := meta.NewInstagram(cfg)
			e := assertErr(t, err, backend.EINVALID, tt.key)
			for k, v := range tt.param {
				if e.Params[k] != v {
					t.Errorf("param %s = %q", k, e.Params[k])
				}
			}
		})
	}
}

func TestInstagramTest(t *testing.T) {
	srv, ig, _ := newInstagram(t)
	info, err := ig.Test(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if info.DisplayName != metatest.IGName || info.IDs[meta.IDIGUserID] != metatest.IGUserID || info.IDs[meta.IDIGUsername] != metatest.IGUsername {
		t.Errorf("AccountInfo = %+v", info)
	}
	reqs := requestsTo(srv, "GET", "/"+metatest.IGUserID)
	if len(reqs) != 1 || !strings.Contains(reqs[0].Query.Get("fields"), "username") || reqs[0].Path != "/"+graph.Version+"/"+metatest.IGUserID {
		t.Errorf("requests %+v", reqs)
	}
	caps := ig.Capabilities()
	if !caps.Fetch || !caps.Send || !caps.Hide || !caps.Delete || !caps.PrivateReply || !caps.Webhook || ig.Idempotent() {
		t.Errorf("capabilities %+v, idempotent %v", caps, ig.Idempotent())
	}
}

func TestInstagramFetchMapsEverything(t *testing.T) {
	srv, ig, clk := newInstagram(t)
	msgs, cursor, calls := syncRound(t, ig, "")
	if calls < 3 {
		t.Errorf("a round of DMs, media and comments took %d calls", calls)
	}
	got := byID(msgs)
	now := clk.now()

	// Direct messages: the thread is the person, the account's messages are outbound.
	dm := got["aWdfZAG1fmid1"]
	if dm.Kind != backend.ConversationDM || dm.ThreadKey != metatest.Alice.ID || dm.Direction != backend.DirectionIn ||
		dm.Author.PlatformUserID != metatest.Alice.ID || dm.Author.Handle != "alice.martin" || dm.ChannelID != igChannel ||
		dm.Text != "Bonjour ! Vous livrez en Belgique ?" || !dm.SentAt.Equal(now.Add(-2*time.Hour)) {
		t.Errorf("inbound DM %+v", dm)
	}
	out := got["aWdfZAG1fmid2"]
	if out.Direction != backend.DirectionOut || out.ThreadKey != metatest.Alice.ID || out.Author.PlatformUserID != metatest.IGUserID {
		t.Errorf("own DM %+v", out)
	}
	photo := got["aWdfZAG1fmid3"]
	if len(photo.Attachments) != 1 || photo.Attachments[0].Kind != "image" || !strings.HasPrefix(photo.Attachments[0].URL, "https://lookaside") {
		t.Errorf("attachment %+v", photo.Attachments)
	}
	for _, id := range []string{"aWdfZAG1fmid4", "aWdfZAG1fmid5"} {
		if _, ok := got[id]; !ok {
			t.Errorf("DM %s (within the backfill window) missing", id)
		}
	}

	// Comments: the thread is the top-level comment, replies join it.
	top := got["17850000000000001"]
	if top.Kind != backend.ConversationCommentThread || top.ThreadKey != "17850000000000001" || top.ReplyTo != "" ||
		top.Direction != backend.DirectionIn || top.Author.PlatformUserID != metatest.Alice.ID || top.Author.Handle != "alice.martin" {
		t.Errorf("top-level comment %+v", top)
	}
	if top.Post == nil || top.Post.ID != metatest.MediaSpring || top.Post.URL != "https://www.instagram.com/p/C5spring/" ||
		top.Post.Title != "Nouvelle collection printemps 🌸" {
		t.Errorf("post %+v", top.Post)
	}
	own := got["17850000000000002"]
	if own.ThreadKey != "17850000000000001" || own.ReplyTo != "17850000000000001" || own.Direction != backend.DirectionOut {
		t.Errorf("own reply %+v", own)
	}
	reply := got["17850000000000003"]
	if reply.ThreadKey != "17850000000000001" || reply.Direction != backend.DirectionIn || reply.Author.PlatformUserID != metatest.Bob.ID {
		t.Errorf("reply %+v", reply)
	}
	if c := got["17850000000000004"]; c.ThreadKey != "17850000000000004" || c.Author.Handle != "gus.the.cat" {
		t.Errorf("second comment %+v", c)
	}
	if len(msgs) != 9 {
		t.Errorf("%d messages, want 5 DMs and 4 comments", len(msgs))
	}

	// Every call carries the token in its header, none in its URL, and names the version.
	for _, r := range srv.Requests() {
		if r.Header.Get("Authorization") != "Bearer "+metatest.Token || r.Query.Has("access_token") {
			t.Errorf("request %s %s: auth %q query %v", r.Method, r.Path, r.Header.Get("Authorization"), r.Query)
		}
		if !strings.HasPrefix(r.Path, "/"+graph.Version+"/") {
			t.Errorf("unversioned path %s", r.Path)
		}
	}
	conv := requestsTo(srv, "GET", "/conversations")
	if len(conv) == 0 || conv[0].Query.Get("platform") != "instagram" || !strings.Contains(conv[0].Query.Get("fields"), "messages") {
		t.Errorf("conversations request %+v", conv)
	}

	// The next round reads only what changed.
	before := len(srv.Requests())
	srv.Do(func(st *metatest.State) {
		st.Conversations[1].Messages = append(st.Conversations[1].Messages,
			&metatest.Message{ID: "aWdfZAG1fmidNEW", From: metatest.Bob, Text: "Still there?", Created: now.Add(time.Minute)})
		st.Media[0].Comments = append(st.Media[0].Comments,
			&metatest.Comment{ID: "17850000000000099", From: metatest.Gus, Text: "Et en L ?", Created: now.Add(2 * time.Minute)})
	})
	clk.add(5 * time.Minute)
	msgs2, _, _ := syncRound(t, ig, cursor)
	got2 := byID(msgs2)
	if m := got2["aWdfZAG1fmidNEW"]; m.ThreadKey != metatest.Bob.ID || m.Direction != backend.DirectionIn {
		t.Errorf("new DM %+v", m)
	}
	if m := got2["17850000000000099"]; m.ThreadKey != "17850000000000099" || m.Post == nil || m.Post.ID != metatest.MediaSpring {
		t.Errorf("new comment %+v", m)
	}
	// Only messages within Slack of the newest one read are read again (the inbox drops them).
	newest := map[backend.ConversationKind]time.Time{}
	for _, m := range msgs {
		if m.SentAt.After(newest[m.Kind]) {
			newest[m.Kind] = m.SentAt
		}
	}
	for id := range got2 {
		if old, ok := got[id]; ok && old.SentAt.Before(newest[old.Kind].Add(-meta.Slack)) {
			t.Errorf("the second round brought back old message %s", id)
		}
	}
	for _, r := range srv.Requests()[before:] {
		if strings.HasSuffix(r.Path, "/"+metatest.MediaQuiet+"/comments") {
			t.Errorf("a media without comments was read")
		}
	}
}

func TestInstagramFetchPaging(t *testing.T) {
	srv, ig, clk := newInstagram(t)
	now := clk.now()
	srv.Do(func(st *metatest.State) {
		// 23 more conversations (3 pages of 10 with the fixture's), one with 120 messages.
		for i := range 23 {
			u := metatest.User{ID: fmt.Sprintf("61550000000%05d", i), Username: fmt.Sprintf("fan%d", i)}
			c := &metatest.Conversation{ID: fmt.Sprintf("aWdfconvP%d", i), Platform: "instagram", With: u}
			n := 1
			if i == 0 {
				n = 120
			}
			for j := range n {
				c.Messages = append(c.Messages, &metatest.Message{ID: fmt.Sprintf("mid_p%d_%d", i, j), From: u,
					Text: fmt.Sprintf("message %d", j), Created: now.Add(-time.Duration(3*60+i*10) * time.Minute).Add(time.Duration(j) * time.Second)})
			}
			st.Conversations = append(st.Conversations, c)
		}
		// 130 comments on a media (3 pages of 50), one of them with 60 replies.
		m := st.Media[1]
		for i := range 130 {
			c := &metatest.Comment{ID: fmt.Sprintf("1786%011d", i), From: metatest.Gus, Text: fmt.Sprintf("comment %d", i), Created: now.Add(-time.Duration(200-i) * time.Minute)}
			if i == 7 {
				for j := range 60 {
					c.Replies = append(c.Replies, &metatest.Comment{ID: fmt.Sprintf("1787%011d", j), From: metatest.Bob, Text: fmt.Sprintf("reply %d", j), Created: c.Created.Add(time.Duration(j+1) * time.Second)})
				}
			}
			m.Comments = append(m.Comments, c)
		}
	})
	msgs, _, calls := syncRound(t, ig, "")
	got := byID(msgs)
	for i := range 23 {
		if _, ok := got[fmt.Sprintf("mid_p%d_0", i)]; !ok {
			t.Errorf("conversation %d missing", i)
		}
	}
	for j := range 120 {
		if _, ok := got[fmt.Sprintf("mid_p0_%d", j)]; !ok {
			t.Errorf("message %d of the long conversation missing", j)
		}
	}
	for i := range 130 {
		if _, ok := got[fmt.Sprintf("1786%011d", i)]; !ok {
			t.Errorf("comment %d missing", i)
		}
	}
	for j := range 60 {
		r, ok := got[fmt.Sprintf("1787%011d", j)]
		if !ok || r.ThreadKey != fmt.Sprintf("1786%011d", 7) {
			t.Errorf("reply %d: %+v", j, r)
		}
	}
	if calls < 3+1+1+3 {
		t.Errorf("only %d calls: the round was not paged", calls)
	}
	if n := len(requestsTo(srv, "GET", "/messages")); n == 0 {
		t.Errorf("the long conversation's further pages were not read")
	}
	if n := len(requestsTo(srv, "GET", "/replies")); n == 0 {
		t.Errorf("the long reply list's further pages were not read")
	}
	var afters int
	for _, r := range requestsTo(srv, "GET", "/comments") {
		if r.Query.Get("after") != "" {
			afters++
		}
	}
	if afters < 2 {
		t.Errorf("comment pages read with a cursor: %d", afters)
	}
}

func TestInstagramFirstSyncStopsAtBackfillWindow(t *testing.T) {
	srv, ig, clk := newInstagram(t)
	srv.Do(func(st *metatest.State) {
		st.Conversations[2].Messages[0].Created = clk.now().Add(-40 * 24 * time.Hour)
	})
	msgs, _, _ := syncRound(t, ig, "")
	if _, ok := byID(msgs)["aWdfZAG1fmid5"]; ok {
		t.Errorf("a message older than the backfill window was fetched")
	}
}

func TestInstagramCorruptCursorStartsOver(t *testing.T) {
	_, ig, _ := newInstagram(t)
	res, err := ig.Fetch(context.Background(), "{not json")
	if err != nil || len(res.Messages) == 0 {
		t.Fatalf("Fetch with a corrupt cursor: %v, %d messages", err, len(res.Messages))
	}
}

func TestInstagramSendDM(t *testing.T) {
	tests := []struct {
		name       string
		recipient  string
		thread     string
		human      bool
		wantType   string // the accepted send's messaging_type, "" when refused
		wantKey    string
		wantInText string
		attempts   int
	}{
		{name: "InWindow", recipient: metatest.Alice.ID, wantType: "RESPONSE", attempts: 1},
		{name: "ThreadKeyAsRecipient", thread: metatest.Alice.ID, wantType: "RESPONSE", attempts: 1},
		{name: "HumanAgentFallback", recipient: metatest.Bob.ID, human: true, wantType: "MESSAGE_TAG", attempts: 2},
		{name: "AutomatedOutsideWindow", recipient: metatest.Bob.ID, wantKey: graph.KeyOutsideWindow, wantInText: "24-hour", attempts: 1},
		{name: "PastSevenDays", recipient: metatest.Carla.ID, human: true, wantKey: graph.KeyOutsideWindow, wantInText: "7 days", attempts: 2},
		{name: "Unavailable", recipient: "unavailable", wantKey: graph.KeyRecipientUnavailable, attempts: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, ig, clk := newInstagram(t)
			srv.Do(func(st *metatest.State) {
				st.LastInbound["unavailable"] = clk.now()
				st.Unavailable["unavailable"] = true
			})
			r, err := ig.Send(context.Background(), backend.OutboundMessage{
				IdempotencyKey: "k1", Kind: backend.ConversationDM, Recipient: tt.recipient, ThreadKey: tt.thread,
				Text: "Bonjour, c'est Léa du service client.", HumanAgent: tt.human,
			})
			sends := requestsTo(srv, "POST", "/"+metatest.PageID+"/messages")
			if len(sends) != tt.attempts {
				t.Errorf("%d Send API calls, want %d", len(sends), tt.attempts)
			}
			if tt.wantKey != "" {
				e := assertErr(t, err, backend.EINVALID, tt.wantKey)
				if !strings.Contains(e.Message, tt.wantInText) {
					t.Errorf("message %q lacks %q", e.Message, tt.wantInText)
				}
				if temp, _ := backend.Temporary(err); temp {
					t.Errorf("a closed window is permanent")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			sent := srv.Sent()
			if len(sent) != 1 || sent[0].MessagingType != tt.wantType || r.PlatformMessageID != sent[0].MessageID || !r.SentAt.Equal(clk.now()) {
				t.Fatalf("sent %+v, receipt %+v", sent, r)
			}
			if tt.wantType == "MESSAGE_TAG" && sent[0].Tag != "HUMAN_AGENT" {
				t.Errorf("tag %q", sent[0].Tag)
			}
			if !strings.Contains(string(sends[0].Body), `"recipient":{"id":"`) || !strings.Contains(string(sends[0].Body), `"messaging_type":"RESPONSE"`) {
				t.Errorf("body %s", sends[0].Body)
			}
		})
	}
}

func TestInstagramSendCommentReply(t *testing.T) {
	srv, ig, _ := newInstagram(t)
	r, err := ig.Send(context.Background(), backend.OutboundMessage{
		Kind: backend.ConversationCommentThread, ThreadKey: "17850000000000004", Text: "Oui, en M aussi !",
	})
	if err != nil {
		t.Fatal(err)
	}
	reqs := requestsTo(srv, "POST", "/17850000000000004/replies")
	if len(reqs) != 1 || !strings.Contains(string(reqs[0].Body), `"message":"Oui, en M aussi !"`) {
		t.Fatalf("requests %+v", reqs)
	}
	var found bool
	srv.Do(func(st *metatest.State) {
		for _, rep := range st.Media[0].Comments[1].Replies {
			found = found || rep.ID == r.PlatformMessageID && rep.From.ID == metatest.IGUserID
		}
	})
	if !found {
		t.Errorf("the reply %q is not on the comment", r.PlatformMessageID)
	}
	// ReplyTo wins over the thread.
	if _, err := ig.Send(context.Background(), backend.OutboundMessage{
		Kind: backend.ConversationCommentThread, ThreadKey: "17850000000000001", ReplyTo: "17850000000000003", Text: "Merci Bob",
	}); err != nil {
		t.Fatal(err)
	}
	if len(requestsTo(srv, "POST", "/17850000000000003/replies")) != 1 {
		t.Errorf("ReplyTo was not answered")
	}
	_, err = ig.Send(context.Background(), backend.OutboundMessage{Kind: backend.ConversationLiveChat, ThreadKey: "x", Text: "hi"})
	assertErr(t, err, backend.EINVALID, meta.KeyKindUnsupported)
	_, err = ig.Send(context.Background(), backend.OutboundMessage{Kind: backend.ConversationCommentThread, Text: "hi"})
	assertErr(t, err, backend.EINVALID, meta.KeyTargetMissing)
	_, err = ig.Send(context.Background(), backend.OutboundMessage{Kind: backend.ConversationDM, Text: "hi"})
	assertErr(t, err, backend.EINVALID, meta.KeyTargetMissing)
	for _, bad := range []string{"../" + metatest.PageID, "1/comments", "1?fields=x", "..", "a b"} {
		_, err = ig.Send(context.Background(), backend.OutboundMessage{Kind: backend.ConversationCommentThread, ThreadKey: bad, Text: "hi"})
		assertErr(t, err, backend.EINVALID, meta.KeyTargetMissing)
	}
	_, err = ig.Send(context.Background(), backend.OutboundMessage{Kind: backend.ConversationDM, Recipient: "1", Text: "  "})
	assertErr(t, err, backend.EINVALID, "reply_text_required")
}

func TestInstagramPrivateReply(t *testing.T) {
	srv, ig, clk := newInstagram(t)
	r, err := ig.PrivateReply(context.Background(), "17850000000000004", "Bonjour ! Je vous écris en privé.")
	if err != nil {
		t.Fatal(err)
	}
	sent := srv.Sent()
	if len(sent) != 1 || sent[0].CommentID != "17850000000000004" || r.PlatformMessageID != sent[0].MessageID {
		t.Fatalf("sent %+v", sent)
	}
	reqs := requestsTo(srv, "POST", "/"+metatest.PageID+"/messages")
	if !strings.Contains(string(reqs[0].Body), `"recipient":{"comment_id":"17850000000000004"}`) {
		t.Errorf("body %s", reqs[0].Body)
	}
	// One private reply per comment.
	_, err = ig.PrivateReply(context.Background(), "17850000000000004", "Encore moi")
	assertErr(t, err, backend.EINVALID, graph.KeyRefused)
	// Seven days at most.
	clk.add(8 * 24 * time.Hour)
	_, err = ig.PrivateReply(context.Background(), "17850000000000001", "Trop tard")
	assertErr(t, err, backend.EINVALID, graph.KeyOutsideWindow)
	_, err = ig.PrivateReply(context.Background(), "", "x")
	assertErr(t, err, backend.EINVALID, meta.KeyTargetMissing)
}

func TestInstagramModerate(t *testing.T) {
	srv, ig, _ := newInstagram(t)
	ctx := context.Background()
	hidden := func() bool {
		var h bool
		srv.Do(func(st *metatest.State) { h = st.Media[0].Comments[1].Hidden })
		return h
	}
	if err := ig.Moderate(ctx, backend.ModerationAction{Kind: backend.ModerateHide, MessageID: "17850000000000004"}); err != nil {
		t.Fatal(err)
	}
	if !hidden() {
		t.Errorf("not hidden")
	}
	reqs := requestsTo(srv, "POST", "/17850000000000004")
	if len(reqs) != 1 || reqs[0].Query.Get("hide") != "true" {
		t.Errorf("hide request %+v", reqs)
	}
	if err := ig.Moderate(ctx, backend.ModerationAction{Kind: backend.ModerateUnhide, MessageID: "17850000000000004"}); err != nil {
		t.Fatal(err)
	}
	if hidden() {
		t.Errorf("still hidden")
	}
	if err := ig.Moderate(ctx, backend.ModerationAction{Kind: backend.ModerateDelete, MessageID: "17850000000000003"}); err != nil {
		t.Fatal(err)
	}
	srv.Do(func(st *metatest.State) {
		if len(st.Media[0].Comments[0].Replies) != 1 {
			t.Errorf("the reply was not deleted")
		}
	})
	err := ig.Moderate(ctx, backend.ModerationAction{Kind: "ban", MessageID: "1"})
	assertErr(t, err, backend.EINVALID, meta.KeyModerationUnknown)
	err = ig.Moderate(ctx, backend.ModerationAction{Kind: backend.ModerateHide, MessageID: "../me"})
	assertErr(t, err, backend.EINVALID, meta.KeyModerationTarget)
	err = ig.Moderate(ctx, backend.ModerationAction{Kind: backend.ModerateDelete, MessageID: "404"})
	assertErr(t, err, backend.EINVALID, graph.KeyRefused)
}

func TestInstagramErrors(t *testing.T) {
	tests := []struct {
		name    string
		token   string
		failure *metatest.Failure
		code    string
		key     string
		wait    time.Duration
		params  map[string]string
	}{
		{name: "Expired", token: metatest.ExpiredTok, code: backend.EUNAUTHORIZED, key: graph.KeyTokenInvalid, params: map[string]string{"reason": "expired"}},
		{name: "PasswordChanged", token: metatest.ChangedTok, code: backend.EUNAUTHORIZED, key: graph.KeyTokenInvalid, params: map[string]string{"reason": "password_changed"}},
		{name: "WrongToken", token: "EAAGnope", code: backend.EUNAUTHORIZED, key: graph.KeyTokenInvalid, params: map[string]string{"reason": "invalid"}},
		{name: "Permission", failure: metatest.GraphError(403, 10, 0, "(#10) Application does not have permission for this action", ""),
			code: backend.EFORBIDDEN, key: graph.KeyPermission, params: map[string]string{"permission": "instagram_manage_messages"}},
		{name: "PermissionNamed", failure: metatest.GraphError(403, 200, 0, "(#200) Requires instagram_basic permission", ""),
			code: backend.EFORBIDDEN, key: graph.KeyPermission, params: map[string]string{"permission": "instagram_basic"}},
		{name: "AppRateLimit", failure: metatest.RateLimit(4, 0), code: backend.ERATELIMITED, key: graph.KeyRateLimited, wait: graph.ThrottledWait},
		{name: "UserRateLimit", failure: metatest.RateLimit(17, 0), code: backend.ERATELIMITED, key: graph.KeyRateLimited, wait: graph.ThrottledWait},
		{name: "PageRateLimit", failure: metatest.RateLimit(32, 12), code: backend.ERATELIMITED, key: graph.KeyRateLimited, wait: 12 * time.Minute,
			params: map[string]string{"minutes": "12", "seconds": "720"}},
		{name: "CustomRateLimit", failure: metatest.RateLimit(613, 3), code: backend.ERATELIMITED, key: graph.KeyRateLimited, wait: 3 * time.Minute},
		{name: "InstagramRateLimit", failure: metatest.RateLimit(80002, 45), code: backend.ERATELIMITED, key: graph.KeyRateLimited, wait: 45 * time.Minute},
		{name: "ServerError", failure: metatest.ServerError(), code: backend.EUNAVAILABLE, key: graph.KeyUnreachable},
		{name: "BadGateway", failure: metatest.BadGateway(), code: backend.EUNAVAILABLE, key: graph.KeyUnreachable},
		{name: "Malformed", failure: metatest.Malformed(), code: backend.EUNAVAILABLE, key: graph.KeyBadResponse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := newClock()
			srv := metatest.New(t, clk.now)
			token := tt.token
			if token == "" {
				token = metatest.Token
			}
			ig, err := meta.NewInstagram(config(igAccount(srv.URL), clk, token))
			if err != nil {
				t.Fatal(err)
			}
			if tt.failure != nil {
				srv.Fail(tt.failure)
			}
			_, err = ig.Fetch(context.Background(), "")
			e := assertErr(t, err, tt.code, tt.key)
			if e.Params["platform"] != "Instagram" {
				t.Errorf("platform param %q", e.Params["platform"])
			}
			for k, v := range tt.params {
				if e.Params[k] != v {
					t.Errorf("param %s = %q, want %q", k, e.Params[k], v)
				}
			}
			temporary, wait := backend.Temporary(err)
			if tt.wait > 0 {
				var ra *backend.RetryAfterError
				if !errors.As(err, &ra) || ra.After != tt.wait || wait != tt.wait || !temporary {
					t.Errorf("wait %v (temporary %v), want %v: %v", wait, temporary, tt.wait, err)
				}
			}
			if tt.code == backend.ERATELIMITED {
				// Until the wait is over the connector does not call Meta again.
				before := len(srv.Requests())
				_, err = ig.Fetch(context.Background(), "")
				assertErr(t, err, backend.ERATELIMITED, graph.KeyRateLimited)
				if len(srv.Requests()) != before {
					t.Errorf("a rate-limited connector called Meta")
				}
				clk.add(tt.wait + time.Second)
				if _, err := ig.Fetch(context.Background(), ""); err != nil {
					t.Errorf("after the wait: %v", err)
				}
			}
			// The same mapping on a send.
			if tt.failure != nil && tt.code != backend.EFORBIDDEN {
				clk.add(time.Hour)
				srv.Fail(tt.failure)
				_, err = ig.Send(context.Background(), backend.OutboundMessage{Kind: backend.ConversationDM, Recipient: metatest.Alice.ID, Text: "hi"})
				assertErr(t, err, tt.code, tt.key)
			}
		})
	}
}

func TestFetchReportsUsageWait(t *testing.T) {
	srv, ig, _ := newInstagram(t)
	srv.Do(func(st *metatest.State) {
		st.BusinessUsage = `{"1010":[{"type":"instagram","call_count":93,"total_cputime":10,"total_time":10,"estimated_time_to_regain_access":0}]}`
	})
	res, err := ig.Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Wait != graph.SlowDownWait {
		t.Errorf("Wait = %v, want the slow-down pause", res.Wait)
	}
}
