package meta_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/connector/graph"
	"tend/backend/connector/meta"
	"tend/backend/connector/meta/metatest"
)

func TestNewFacebookConfig(t *testing.T) {
	clk := newClock()
	cfg := config(fbAccount("http://127.0.0.1:1"), clk, metatest.Token)
	cfg.Account.Channels = map[string]int64{backend.PlatformMessenger: messengerChannel}
	if _, err := meta.NewFacebook(cfg); err != nil {
		t.Errorf("a Messenger-only Page: %v", err)
	}
	cfg.Account.Channels = nil
	_, err := meta.NewFacebook(cfg)
	assertErr(t, err, backend.EINVALID, meta.KeyChannelMissing)
	cfg = config(fbAccount("http://127.0.0.1:1"), clk, metatest.Token)
	cfg.Account.IDs = nil
	_, err = meta.NewFacebook(cfg)
	assertErr(t, err, backend.EINVALID, meta.KeyIDRequired)
}

func TestFacebookTest(t *testing.T) {
	_, fb, _ := newFacebook(t)
	info, err := fb.Test(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if info.DisplayName != metatest.PageName || info.IDs[meta.IDPageID] != metatest.PageID {
		t.Errorf("AccountInfo = %+v", info)
	}
}

func TestFacebookFetchMapsEverything(t *testing.T) {
	srv, fb, clk := newFacebook(t)
	msgs, cursor, _ := syncRound(t, fb, "")
	got := byID(msgs)
	now := clk.now()

	dm := got["m_mid.1001"]
	if dm.ChannelID != messengerChannel || dm.Kind != backend.ConversationDM || dm.ThreadKey != metatest.Dan.ID ||
		dm.Direction != backend.DirectionIn || dm.Author.DisplayName != "Dan Dupont" || !dm.SentAt.Equal(now.Add(-45*time.Minute)) {
		t.Errorf("Messenger message %+v", dm)
	}
	if own := got["m_mid.1002"]; own.Direction != backend.DirectionOut || own.ThreadKey != metatest.Dan.ID {
		t.Errorf("own Messenger message %+v", own)
	}
	top := got["5001_7001"]
	if top.ChannelID != fbChannel || top.Kind != backend.ConversationCommentThread || top.ThreadKey != "5001_7001" ||
		top.Author.PlatformUserID != metatest.Eve.ID || top.Author.DisplayName != "Eve Durand" || top.ReplyTo != "" {
		t.Errorf("comment %+v", top)
	}
	if top.Post == nil || top.Post.ID != metatest.PostSale || top.Post.Title != "Soldes d'été : -30 % sur tout le site jusqu'à dimanche !" ||
		!strings.HasSuffix(top.Post.URL, "/posts/5001") {
		t.Errorf("post %+v", top.Post)
	}
	if own := got["5001_7002"]; own.Direction != backend.DirectionOut || own.ThreadKey != "5001_7001" || own.ReplyTo != "5001_7001" {
		t.Errorf("Page reply %+v", own)
	}
	if r := got["5001_7003"]; r.ThreadKey != "5001_7001" || r.Direction != backend.DirectionIn {
		t.Errorf("reply %+v", r)
	}
	if c := got["5001_7004"]; c.ThreadKey != "5001_7004" {
		t.Errorf("second comment %+v", c)
	}
	if len(msgs) != 6 {
		t.Errorf("%d messages, want 2 Messenger messages and 4 comments", len(msgs))
	}
	for _, m := range msgs {
		if m.Kind == backend.ConversationDM && m.ChannelID != messengerChannel || m.Kind != backend.ConversationDM && m.ChannelID != fbChannel {
			t.Errorf("message %s in channel %d", m.PlatformMessageID, m.ChannelID)
		}
	}
	conv := requestsTo(srv, "GET", "/conversations")
	if len(conv) == 0 || conv[0].Query.Get("platform") != "messenger" {
		t.Errorf("conversations %+v", conv)
	}
	comments := requestsTo(srv, "GET", "/"+metatest.PostSale+"/comments")
	if len(comments) == 0 || comments[0].Query.Get("filter") != "stream" || comments[0].Query.Get("order") != "reverse_chronological" {
		t.Errorf("comments %+v", comments)
	}

	// Nothing changed: the next round reads the conversations and the feed, no comments.
	before := len(requestsTo(srv, "GET", "/comments"))
	clk.add(10 * time.Minute)
	syncRound(t, fb, cursor)
	if after := len(requestsTo(srv, "GET", "/comments")); after != before {
		t.Errorf("an unchanged post's comments were read again")
	}
	// A new comment updates the post: only it is read, and reading stops at what was seen.
	srv.Do(func(st *metatest.State) {
		st.Posts[0].Comments[0].Replies = append(st.Posts[0].Comments[0].Replies,
			&metatest.Comment{ID: "5001_7010", From: metatest.Frank, Text: "Et le dimanche ?", Created: clk.now()})
	})
	clk.add(time.Minute)
	msgs3, _, _ := syncRound(t, fb, cursor)
	got3 := byID(msgs3)
	if r := got3["5001_7010"]; r.ThreadKey != "5001_7001" || r.ReplyTo != "5001_7001" {
		t.Errorf("new reply %+v", r)
	}
	if _, ok := got3["5001_7001"]; ok {
		t.Errorf("an old comment was read again")
	}
}

func TestFacebookFetchPagesComments(t *testing.T) {
	srv, fb, clk := newFacebook(t)
	now := clk.now()
	srv.Do(func(st *metatest.State) {
		p := &metatest.Post{ID: metatest.PageID + "_6001", Message: "Concours !", Created: now.Add(-2 * 24 * time.Hour)}
		for i := range 140 {
			p.Comments = append(p.Comments, &metatest.Comment{ID: fmt.Sprintf("6001_%d", i), From: metatest.Eve, Text: fmt.Sprintf("Je participe %d", i), Created: now.Add(-time.Duration(300-i) * time.Minute)})
		}
		st.Posts = append(st.Posts, p)
	})
	msgs, _, _ := syncRound(t, fb, "")
	got := byID(msgs)
	for i := range 140 {
		if _, ok := got[fmt.Sprintf("6001_%d", i)]; !ok {
			t.Errorf("comment %d missing", i)
		}
	}
	if n := len(requestsTo(srv, "GET", "_6001/comments")); n != 3 {
		t.Errorf("%d pages of comments, want 3", n)
	}
}

func TestFacebookSend(t *testing.T) {
	srv, fb, clk := newFacebook(t)
	ctx := context.Background()
	if _, err := fb.PrivateReply(ctx, "5001_7004", "Je vous écris en privé"); err != nil {
		t.Errorf("private reply: %v", err)
	}
	srv.Do(func(st *metatest.State) { st.Sent = nil })
	r, err := fb.Send(ctx, backend.OutboundMessage{Kind: backend.ConversationDM, Recipient: metatest.Dan.ID, Text: "Your order ships today."})
	if err != nil {
		t.Fatal(err)
	}
	if sent := srv.Sent(); len(sent) != 1 || sent[0].RecipientID != metatest.Dan.ID || sent[0].MessagingType != "RESPONSE" || sent[0].MessageID != r.PlatformMessageID {
		t.Errorf("sent %+v", sent)
	}
	// Two days later the window is closed; a person's reply goes with HUMAN_AGENT.
	clk.add(48 * time.Hour)
	_, err = fb.Send(ctx, backend.OutboundMessage{Kind: backend.ConversationDM, Recipient: metatest.Dan.ID, Text: "Automated follow-up"})
	assertErr(t, err, backend.EINVALID, graph.KeyOutsideWindow)
	if _, err := fb.Send(ctx, backend.OutboundMessage{Kind: backend.ConversationDM, Recipient: metatest.Dan.ID, Text: "Léa here, sorry for the wait.", HumanAgent: true}); err != nil {
		t.Fatal(err)
	}
	if sent := srv.Sent(); len(sent) != 2 || sent[1].MessagingType != "MESSAGE_TAG" || sent[1].Tag != "HUMAN_AGENT" {
		t.Errorf("sent %+v", sent)
	}
	clk.add(8 * 24 * time.Hour)
	_, err = fb.Send(ctx, backend.OutboundMessage{Kind: backend.ConversationDM, Recipient: metatest.Dan.ID, Text: "Still there?", HumanAgent: true})
	e := assertErr(t, err, backend.EINVALID, graph.KeyOutsideWindow)
	if !strings.Contains(e.Message, "7 days") {
		t.Errorf("message %q", e.Message)
	}

	// Comment replies go to /{comment-id}/comments.
	if _, err := fb.Send(ctx, backend.OutboundMessage{Kind: backend.ConversationCommentThread, ThreadKey: "5001_7004", Text: "Oui, dès 50 €."}); err != nil {
		t.Fatal(err)
	}
	reqs := requestsTo(srv, "POST", "/5001_7004/comments")
	if len(reqs) != 1 || !strings.Contains(string(reqs[0].Body), `"message":"Oui, dès 50 €."`) {
		t.Errorf("requests %+v", reqs)
	}
	// Past 7 days, a comment can no longer get a private reply.
	_, err = fb.PrivateReply(ctx, "5001_7003", "Je vous écris en privé")
	assertErr(t, err, backend.EINVALID, graph.KeyOutsideWindow)
}

func TestFacebookModerate(t *testing.T) {
	srv, fb, _ := newFacebook(t)
	ctx := context.Background()
	if err := fb.Moderate(ctx, backend.ModerationAction{Kind: backend.ModerateHide, MessageID: "5001_7004", PostID: metatest.PostSale}); err != nil {
		t.Fatal(err)
	}
	reqs := requestsTo(srv, "POST", "/5001_7004")
	if len(reqs) != 1 || reqs[0].Query.Get("is_hidden") != "true" {
		t.Errorf("hide %+v", reqs)
	}
	if err := fb.Moderate(ctx, backend.ModerationAction{Kind: backend.ModerateUnhide, MessageID: "5001_7004"}); err != nil {
		t.Fatal(err)
	}
	if err := fb.Moderate(ctx, backend.ModerationAction{Kind: backend.ModerateDelete, MessageID: "5001_7004"}); err != nil {
		t.Fatal(err)
	}
	srv.Do(func(st *metatest.State) {
		if len(st.Posts[0].Comments) != 1 {
			t.Errorf("not deleted")
		}
	})
	// A missing permission names the one moderation needs.
	srv.Fail(metatest.GraphError(403, 200, 0, "(#200) Permissions error", ""))
	err := fb.Moderate(ctx, backend.ModerationAction{Kind: backend.ModerateHide, MessageID: "5001_7001"})
	e := assertErr(t, err, backend.EFORBIDDEN, graph.KeyPermission)
	if e.Params["permission"] != "pages_manage_engagement" || !strings.Contains(e.Message, "pages_manage_engagement") {
		t.Errorf("permission %+v", e)
	}
}
