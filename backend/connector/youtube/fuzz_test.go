package youtube_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/connector/youtube"
)

// FuzzAnswers feeds any answer to every call of the connector (comment threads, replies, live
// chat, sends): messages always validate, the cursor stays JSON, errors are *backend.Error with
// one of the package's keys, and no secret ever shows.
func FuzzAnswers(f *testing.F) {
	const token, key = "ya29.fuzz-SECRET-token", "AIzaFuzzSECRETkey"
	var mu sync.Mutex
	var status int
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		st, b := status, body
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Retry-After", "3")
		w.WriteHeader(st)
		_, _ = w.Write(b)
	}))
	f.Cleanup(srv.Close)
	clock := &fakeClock{fixedNow}
	newConn := func(ids map[string]string) *youtube.Connector {
		acct := backend.Account{Name: "yt", BaseURL: srv.URL, IDs: map[string]string{youtube.IDChannel: "UCown"},
			Channels: map[string]int64{backend.PlatformYouTube: 1}}
		for k, v := range ids {
			acct.IDs[k] = v
		}
		c, err := youtube.New(backend.ConnectorConfig{Account: acct, HTTP: srv.Client(), Now: clock.Now,
			Secrets: map[string]string{youtube.SecretAccessToken: token, youtube.SecretAPIKey: key}})
		if err != nil {
			f.Fatal(err)
		}
		return c
	}
	comments := newConn(nil)
	chat := newConn(map[string]string{youtube.IDLiveChat: "chat1"})

	thread := `{"kind":"youtube#commentThreadListResponse","nextPageToken":"p2","items":[{"id":"T1","snippet":{"videoId":"v",` +
		`"topLevelComment":{"id":"T1","snippet":{"authorDisplayName":"@a","authorChannelId":{"value":"UCa"},"textOriginal":"hi",` +
		`"publishedAt":"2025-06-01T10:00:00Z","updatedAt":"2025-06-01T10:00:00Z"}},"totalReplyCount":3},` +
		`"replies":{"comments":[{"id":"T1.r1","snippet":{"parentId":"T1","authorChannelId":{"value":"UCown"},"textDisplay":"yo","publishedAt":"2025-06-01T11:00:00.5Z"}}]}}]}`
	f.Add(200, []byte(thread))
	f.Add(200, []byte(`{"items":[{"id":"c1","snippet":{"authorChannelId":{"value":""},"textOriginal":"x","publishedAt":"2025-06-01T10:00:00Z"}}]}`))
	f.Add(200, []byte(`{"pollingIntervalMillis":-5,"nextPageToken":"n","offlineAt":"x","items":[{"id":"m1","snippet":{"type":"textMessageEvent",`+
		`"liveChatId":"chat1","publishedAt":"2025-06-01T10:00:00Z","textMessageDetails":{"messageText":"hey"}},"authorDetails":{"channelId":"UCz","displayName":"Z"}}]}`))
	f.Add(403, []byte(`{"error":{"code":403,"message":"exceeded your <a href=\"/q\">quota</a> `+token+`","errors":[{"domain":"youtube.quota","reason":"quotaExceeded","message":"q"}]}}`))
	f.Add(403, []byte(`{"error":{"code":403,"errors":[{"reason":"liveChatEnded"}]}}`))
	f.Add(400, []byte(`{"error":{"code":"x","message":"`+key+`"}}`))
	f.Add(200, []byte(`{"error":{"code":200}}`))
	f.Add(500, []byte(`<html>`))
	f.Add(204, []byte(``))
	f.Add(200, []byte(`{"id":"new","snippet":{"publishedAt":"nope"}}`))

	keys := map[string]bool{youtube.KeyQuota: true, youtube.KeyRateLimited: true, youtube.KeyTokenInvalid: true,
		youtube.KeyPermission: true, youtube.KeyRefused: true, youtube.KeyUnreachable: true, youtube.KeyBadResponse: true}
	check := func(t *testing.T, err error) {
		t.Helper()
		var be *backend.Error
		if !errors.As(err, &be) || !keys[be.Key] {
			t.Fatalf("error = %v", err)
		}
		if s := err.Error() + be.Message + be.Params["reason"]; strings.Contains(s, token) || strings.Contains(s, key) {
			t.Fatalf("a secret leaked: %v", err)
		}
		if tmp, wait := backend.Temporary(err); wait < 0 || wait > 25*time.Hour || (wait > 0 && !tmp) {
			t.Fatalf("Temporary = %v, %v", tmp, wait)
		}
	}
	f.Fuzz(func(t *testing.T, st int, b []byte) {
		if st < 200 || st > 599 {
			st = 200 + (st%400+400)%400
		}
		mu.Lock()
		status, body = st, b
		mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		for _, c := range []*youtube.Connector{comments, chat} {
			res, err := c.Fetch(ctx, "")
			if err != nil {
				check(t, err)
				continue
			}
			if !json.Valid([]byte(res.Cursor)) || res.Wait < 0 {
				t.Fatalf("result = %+v", res)
			}
			for _, m := range res.Messages {
				if err := m.Validate(); err != nil {
					t.Fatalf("%+v: %v", m, err)
				}
			}
		}
		for _, kind := range []backend.ConversationKind{backend.ConversationCommentThread, backend.ConversationLiveChat} {
			rec, err := chat.Send(ctx, backend.OutboundMessage{Kind: kind, ThreadKey: "T1", Text: "Hello"})
			if err != nil {
				check(t, err)
			} else if rec.PlatformMessageID == "" || rec.SentAt.IsZero() {
				t.Fatalf("receipt = %+v", rec)
			}
		}
		if err := chat.Moderate(ctx, backend.ModerationAction{Kind: backend.ModerateHide, MessageID: "T1"}); err != nil {
			check(t, err)
		}
	})
}
