package telegram_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/connector/telegram"
	"tend/backend/connector/telegram/telegramtest"
)

const (
	channelChat     = -1001234567890
	channelUsername = "maison_tend"
	privateChannel  = -1009876543210
)

// newPublisher starts a server with the public channel @maison_tend (the bot's role given) and a
// private channel, and a connector publishing to chat ("" for none).
func newPublisher(t *testing.T, role telegramtest.BotRole, chat string) (*telegramtest.Server, *telegram.Connector) {
	t.Helper()
	s := newServer(t)
	s.AddChannel(telegramtest.Chat{ID: channelChat, Title: "Maison Tend", Username: channelUsername}, role)
	s.AddChannel(telegramtest.Chat{ID: privateChannel, Title: "Maison Tend VIP"}, telegramtest.BotAdministrator)
	cfg := config(s.URL)
	if chat != "" {
		cfg.Account.IDs = map[string]string{telegram.IDPublishChat: chat}
	}
	c, err := telegram.New(cfg, telegram.WithLongPoll(0))
	if err != nil {
		t.Fatal(err)
	}
	return s, c
}

// mediaFile writes a small file named name and returns its path and size.
func mediaFile(t *testing.T, name string) (string, int64) {
	t.Helper()
	data := []byte(strings.Repeat("tend-media ", 200))
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p, int64(len(data))
}

// wantPublishError checks one of the backend's post_* errors: code, key, platform "telegram" and
// the params given.
func wantPublishError(t *testing.T, err error, code, key string, params map[string]string) {
	t.Helper()
	assertNoLeak(t, err, token)
	var e *backend.Error
	if !errors.As(err, &e) || e.Code != code || e.Key != key {
		t.Fatalf("err = %v, want %s %s", err, code, key)
	}
	if e.Params["platform"] != backend.PlatformTelegram {
		t.Errorf("platform %q", e.Params["platform"])
	}
	for k, v := range params {
		if e.Params[k] != v {
			t.Errorf("param %s = %q, want %q", k, e.Params[k], v)
		}
	}
	if e.Message == "" {
		t.Error("no English message")
	}
}

func TestNewPublishChat(t *testing.T) {
	for _, chat := range []string{"", "@maison_tend", "@Maison_Tend_2026", "-1001234567890", " 42 "} {
		cfg := config("http://127.0.0.1:1")
		cfg.Account.IDs = map[string]string{telegram.IDPublishChat: chat}
		if _, err := telegram.New(cfg); err != nil {
			t.Errorf("%q: %v", chat, err)
		}
	}
	for _, chat := range []string{"maison_tend", "@abc", "@1maison", "@maison-tend", "@" + strings.Repeat("a", 33), "0", "https://t.me/maison_tend", "-100abc"} {
		cfg := config("http://127.0.0.1:1")
		cfg.Account.IDs = map[string]string{telegram.IDPublishChat: chat}
		_, err := telegram.New(cfg)
		wantError(t, err, backend.EINVALID, telegram.KeyPublishChatInvalid, map[string]string{"chat": strings.TrimSpace(chat)})
	}
}

func TestTelegramCanPublishPost(t *testing.T) {
	_, c := newPublisher(t, telegramtest.BotAdministrator, "@"+channelUsername)
	_, none := newPublisher(t, telegramtest.BotAdministrator, "")
	many := make([]string, 11)
	for i := range many {
		many[i] = "/photos/" + strconv.Itoa(i) + ".jpg"
	}
	tests := []struct {
		name   string
		c      *telegram.Connector
		req    backend.PublishRequest
		reason string
	}{
		{"Text", c, backend.PublishRequest{Caption: "Bonjour", Format: backend.FormatMicroArticle}, ""},
		{"Photo", c, backend.PublishRequest{Format: backend.FormatMicroArticle, Media: []string{"/photos/a.PNG"}}, ""},
		{"Video", c, backend.PublishRequest{Format: backend.FormatShortVideo, Media: []string{"/videos/a.mp4"}}, ""},
		{"PhotoURL", c, backend.PublishRequest{Format: backend.FormatMicroArticle, Media: []string{"https://cdn.example.com/a.webp"}}, ""},
		{"Album", c, backend.PublishRequest{Format: backend.FormatCarousel, Media: many[:10]}, ""},
		{"NoTarget", none, backend.PublishRequest{Caption: "Bonjour"}, backend.PublishReasonNoTarget},
		{"Story", c, backend.PublishRequest{Format: backend.FormatStory, Media: []string{"/a.jpg"}}, backend.PublishReasonFormat},
		{"Live", c, backend.PublishRequest{Format: backend.FormatLive}, backend.PublishReasonFormat},
		{"DMTouchpoint", c, backend.PublishRequest{Format: backend.FormatDMTouchpoint, Caption: "Coucou"}, backend.PublishReasonFormat},
		{"TooMany", c, backend.PublishRequest{Format: backend.FormatCarousel, Media: many}, backend.PublishReasonMediaCount},
		{"GIF", c, backend.PublishRequest{Media: []string{"/a.gif"}}, backend.PublishReasonMediaType},
		{"MOV", c, backend.PublishRequest{Media: []string{"/a.mov"}}, backend.PublishReasonMediaType},
		{"NoExtension", c, backend.PublishRequest{Media: []string{"/photos/a"}}, backend.PublishReasonMediaType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.c.CanPublishPost(tt.req)
			if tt.reason == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantPublishError(t, err, backend.EINVALID, backend.KeyPublishUnsupported, map[string]string{"reason": tt.reason})
		})
	}
	if lo, hi := c.NativeWindow(); lo != 0 || hi != 0 {
		t.Errorf("NativeWindow = %v, %v", lo, hi)
	}
}

func TestTelegramPublish(t *testing.T) {
	photo, photoSize := mediaFile(t, "vitrine.jpg")
	photo2, _ := mediaFile(t, "atelier.png")
	video, videoSize := mediaFile(t, "coulisses.mp4")
	tests := []struct {
		name  string
		chat  string
		req   backend.PublishRequest
		id    string
		url   string
		check func(t *testing.T, s *telegramtest.Server, posts []telegramtest.ChannelPost)
	}{
		{
			name: "Text", chat: "@" + channelUsername,
			req: backend.PublishRequest{Caption: "Nouvelle collection", Link: "https://tend.example/c?utm_source=telegram", Format: backend.FormatMicroArticle},
			id:  "-1001234567890:1", url: "https://t.me/maison_tend/1",
			check: func(t *testing.T, s *telegramtest.Server, posts []telegramtest.ChannelPost) {
				if len(posts) != 1 || posts[0].Method != "sendMessage" || posts[0].Text != "Nouvelle collection\nhttps://tend.example/c?utm_source=telegram" {
					t.Fatalf("posts %+v", posts)
				}
				if r := s.Requests("sendMessage")[0]; r.ContentType != "application/json" || string(r.JSON["chat_id"]) != `"@maison_tend"` {
					t.Errorf("request %s %s", r.ContentType, r.JSON["chat_id"])
				}
			},
		},
		{
			name: "LinkAlreadyInCaption", chat: strconv.Itoa(channelChat),
			req: backend.PublishRequest{Caption: "Lire https://tend.example/c ici", Link: "https://tend.example/c"},
			id:  "-1001234567890:1", url: "https://t.me/maison_tend/1",
			check: func(t *testing.T, s *telegramtest.Server, posts []telegramtest.ChannelPost) {
				if posts[0].Text != "Lire https://tend.example/c ici" {
					t.Errorf("text %q", posts[0].Text)
				}
				if r := s.Requests("sendMessage")[0]; string(r.JSON["chat_id"]) != strconv.Itoa(channelChat) {
					t.Errorf("chat_id %s", r.JSON["chat_id"])
				}
			},
		},
		{
			name: "PrivateChannel", chat: strconv.Itoa(privateChannel),
			req: backend.PublishRequest{Caption: "Pour les VIP"},
			id:  "-1009876543210:1", url: "",
		},
		{
			name: "Photo", chat: "@" + channelUsername,
			req: backend.PublishRequest{Caption: "La vitrine", Link: "https://tend.example/v", Media: []string{photo}},
			id:  "-1001234567890:1", url: "https://t.me/maison_tend/1",
			check: func(t *testing.T, s *telegramtest.Server, posts []telegramtest.ChannelPost) {
				p := posts[0]
				if p.Method != "sendPhoto" || p.Kind != "photo" || p.Caption != "La vitrine\nhttps://tend.example/v" || p.Upload == nil ||
					p.Upload.FileName != "vitrine.jpg" || p.Upload.Size != photoSize || p.Upload.ContentType != "image/jpeg" || len(p.Message.Photo) == 0 {
					t.Fatalf("post %+v", p)
				}
				r := s.Requests("sendPhoto")[0]
				if r.ContentType != "multipart/form-data" || r.Params["chat_id"] != "@maison_tend" || r.Uploads["photo"].FileName != "vitrine.jpg" {
					t.Errorf("request %+v", r)
				}
			},
		},
		{
			name: "Video", chat: "@" + channelUsername,
			req: backend.PublishRequest{Caption: "Les coulisses", Format: backend.FormatShortVideo, Media: []string{video}},
			id:  "-1001234567890:1", url: "https://t.me/maison_tend/1",
			check: func(t *testing.T, s *telegramtest.Server, posts []telegramtest.ChannelPost) {
				p := posts[0]
				if p.Method != "sendVideo" || p.Kind != "video" || p.Upload == nil || p.Upload.Size != videoSize ||
					p.Upload.ContentType != "video/mp4" || p.Message.Video == nil {
					t.Fatalf("post %+v", p)
				}
			},
		},
		{
			name: "PhotoURL", chat: "@" + channelUsername,
			req: backend.PublishRequest{Caption: "En ligne", Media: []string{"https://cdn.example.com/a.jpg"}},
			id:  "-1001234567890:1", url: "https://t.me/maison_tend/1",
			check: func(t *testing.T, s *telegramtest.Server, posts []telegramtest.ChannelPost) {
				if p := posts[0]; p.URL != "https://cdn.example.com/a.jpg" || p.Upload != nil {
					t.Fatalf("post %+v", p)
				}
				if r := s.Requests("sendPhoto")[0]; r.ContentType != "application/json" {
					t.Errorf("content type %s", r.ContentType)
				}
			},
		},
		{
			name: "Album", chat: "@" + channelUsername,
			req: backend.PublishRequest{Caption: "Trois looks", Format: backend.FormatCarousel,
				Media: []string{photo, "https://cdn.example.com/b.mp4", photo2}},
			id: "-1001234567890:1", url: "https://t.me/maison_tend/1",
			check: func(t *testing.T, s *telegramtest.Server, posts []telegramtest.ChannelPost) {
				if len(posts) != 3 {
					t.Fatalf("%d posts", len(posts))
				}
				group := posts[0].MediaGroupID
				for i, p := range posts {
					if p.Method != "sendMediaGroup" || p.MediaGroupID != group || group == "" || p.Message.MessageID != int64(i+1) {
						t.Errorf("post %d %+v", i, p)
					}
				}
				if posts[0].Caption != "Trois looks" || posts[1].Caption != "" || posts[0].Upload.FileName != "vitrine.jpg" ||
					posts[1].Kind != "video" || posts[1].URL != "https://cdn.example.com/b.mp4" || posts[2].Upload.ContentType != "image/png" {
					t.Errorf("posts %+v", posts)
				}
				r := s.Requests("sendMediaGroup")[0]
				var media []map[string]string
				if err := json.Unmarshal([]byte(r.Params["media"]), &media); err != nil {
					t.Fatal(err)
				}
				if media[0]["media"] != "attach://file0" || media[1]["media"] != "https://cdn.example.com/b.mp4" || media[2]["media"] != "attach://file2" ||
					media[1]["type"] != "video" || r.Uploads["file2"].FileName != "atelier.png" {
					t.Errorf("media %v uploads %v", media, r.Uploads)
				}
			},
		},
		{
			name: "AlbumOfAddresses", chat: "@" + channelUsername,
			req: backend.PublishRequest{Caption: "Deux", Media: []string{"https://cdn.example.com/a.jpg", "https://cdn.example.com/b.jpg"}},
			id:  "-1001234567890:1", url: "https://t.me/maison_tend/1",
			check: func(t *testing.T, s *telegramtest.Server, posts []telegramtest.ChannelPost) {
				if r := s.Requests("sendMediaGroup")[0]; r.ContentType != "application/json" || len(posts) != 2 {
					t.Errorf("%s, %d posts", r.ContentType, len(posts))
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, c := newPublisher(t, telegramtest.BotAdministrator, tt.chat)
			if err := c.CanPublishPost(tt.req); err != nil {
				t.Fatal(err)
			}
			pub, err := c.PublishPost(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if pub.ExternalID != tt.id || pub.URL != tt.url || pub.State != "" || pub.Channel != "" || !pub.At.IsZero() {
				t.Errorf("publication %+v, want id %s url %q", pub, tt.id, tt.url)
			}
			if tt.check != nil {
				tt.check(t, s, s.ChannelPosts())
			}
		})
	}
}

func TestTelegramPublishRefusals(t *testing.T) {
	photo, _ := mediaFile(t, "a.jpg")
	big := filepath.Join(t.TempDir(), "big.jpg")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(telegram.MaxPhotoBytes + 1); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	text := backend.PublishRequest{Caption: "Bonjour"}
	tests := []struct {
		name    string
		role    telegramtest.BotRole
		chat    string
		token   string
		failure *telegramtest.Failure
		req     backend.PublishRequest
		check   func(t *testing.T, err error)
	}{
		{name: "BotNotMember", role: telegramtest.BotLeft, req: text, check: func(t *testing.T, err error) {
			e := wantError(t, err, backend.EFORBIDDEN, telegram.KeyPublishNotAdmin, map[string]string{"chat": "@maison_tend"})
			if !strings.Contains(e.Message, "add the bot as an administrator of the channel") {
				t.Errorf("message %q", e.Message)
			}
		}},
		{name: "BotWithoutRights", role: telegramtest.BotMember, req: backend.PublishRequest{Caption: "x", Media: []string{photo}}, check: func(t *testing.T, err error) {
			wantError(t, err, backend.EFORBIDDEN, telegram.KeyPublishNotAdmin, map[string]string{"chat": "@maison_tend"})
		}},
		{name: "UnknownChat", chat: "@nowhere_channel", req: text, check: func(t *testing.T, err error) {
			wantError(t, err, backend.EINVALID, telegram.KeyPublishChatNotFound, map[string]string{"chat": "@nowhere_channel"})
		}},
		{name: "RateLimited", failure: ptr(telegramtest.RateLimited(17)), req: backend.PublishRequest{Caption: "x", Media: []string{photo}}, check: func(t *testing.T, err error) {
			var ra *backend.RetryAfterError
			if !errors.As(err, &ra) || ra.After != 17*time.Second {
				t.Fatalf("err = %v", err)
			}
			wantError(t, err, backend.ERATELIMITED, telegram.KeyRateLimited, map[string]string{"seconds": "17"})
		}},
		{name: "BadToken", token: "123456789:AAF-wrong", req: text, check: func(t *testing.T, err error) {
			wantError(t, err, backend.EUNAUTHORIZED, telegram.KeyTokenInvalid, nil)
		}},
		{name: "BadTokenUpload", token: "123456789:AAF-wrong", req: backend.PublishRequest{Media: []string{photo}}, check: func(t *testing.T, err error) {
			wantError(t, err, backend.EUNAUTHORIZED, telegram.KeyTokenInvalid, nil)
		}},
		{name: "ServerError", failure: ptr(telegramtest.ServerError(502)), req: text, check: func(t *testing.T, err error) {
			wantError(t, err, backend.EUNAVAILABLE, telegram.KeyUnreachable, nil)
		}},
		{name: "CaptionTooLong", req: backend.PublishRequest{Caption: strings.Repeat("é", 1025), Media: []string{photo}}, check: func(t *testing.T, err error) {
			wantPublishError(t, err, backend.EINVALID, "post_caption_too_long", map[string]string{"limit": "1024", "length": "1025"})
		}},
		{name: "TextTooLong", req: backend.PublishRequest{Caption: strings.Repeat("a", 4090), Link: "https://tend.example/x"}, check: func(t *testing.T, err error) {
			wantPublishError(t, err, backend.EINVALID, "post_caption_too_long", map[string]string{"limit": "4096"})
		}},
		{name: "Empty", req: backend.PublishRequest{Caption: "  "}, check: func(t *testing.T, err error) {
			wantError(t, err, backend.EINVALID, telegram.KeyTextRequired, nil)
		}},
		{name: "NativeSchedule", req: backend.PublishRequest{Caption: "x", At: &fixedNow}, check: func(t *testing.T, err error) {
			wantPublishError(t, err, backend.EINVALID, backend.KeyPublishNoNative, nil)
		}},
		{name: "MissingFile", req: backend.PublishRequest{Media: []string{filepath.Join(t.TempDir(), "gone.jpg")}}, check: func(t *testing.T, err error) {
			wantPublishError(t, err, backend.EINVALID, backend.KeyMediaUnreadable, map[string]string{"file": "gone.jpg"})
		}},
		{name: "PhotoTooLarge", req: backend.PublishRequest{Media: []string{photo, big}}, check: func(t *testing.T, err error) {
			wantPublishError(t, err, backend.EINVALID, backend.KeyMediaTooLarge, map[string]string{"file": "big.jpg", "limit_mb": "10"})
		}},
		{name: "NoTarget", chat: "-", req: text, check: func(t *testing.T, err error) {
			wantPublishError(t, err, backend.EINVALID, backend.KeyPublishUnsupported, map[string]string{"reason": backend.PublishReasonNoTarget})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			role := tt.role
			if role == "" {
				role = telegramtest.BotAdministrator
			}
			chat := tt.chat
			switch chat {
			case "":
				chat = "@" + channelUsername
			case "-":
				chat = ""
			}
			s, c := newPublisher(t, role, chat)
			if tt.token != "" {
				cfg := config(s.URL)
				cfg.Secrets[telegram.SecretBotToken] = tt.token
				cfg.Account.IDs = map[string]string{telegram.IDPublishChat: chat}
				var err error
				if c, err = telegram.New(cfg); err != nil {
					t.Fatal(err)
				}
			}
			if tt.failure != nil {
				s.Fail(*tt.failure)
			}
			_, err := c.PublishPost(context.Background(), tt.req)
			assertNoLeak(t, err, token)
			tt.check(t, err)
			if n := len(s.ChannelPosts()); n != 0 {
				t.Errorf("%d channel posts", n)
			}
		})
	}
}

func TestTelegramCancelScheduledPost(t *testing.T) {
	_, c := newPublisher(t, telegramtest.BotAdministrator, "@"+channelUsername)
	wantPublishError(t, c.CancelScheduledPost(context.Background(), "-1001234567890:1"), backend.EINVALID, backend.KeyPublishNoNative, nil)
}

// TestFakeChannelWire pins the fake's answers to publishing requests the connector does not make,
// in the Bot API's envelope.
func TestFakeChannelWire(t *testing.T) {
	s, _ := newPublisher(t, telegramtest.BotAdministrator, "")
	endpoint := s.URL + "/bot" + token + "/"
	form := func(method string, fields map[string]string, files map[string]string) (int, map[string]any) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for k, v := range fields {
			_ = mw.WriteField(k, v)
		}
		for field, name := range files {
			w, _ := mw.CreateFormFile(field, name)
			_, _ = w.Write([]byte("data"))
		}
		_ = mw.Close()
		resp, err := http.Post(endpoint+method, mw.FormDataContentType(), &buf)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&m)
		return resp.StatusCode, m
	}
	chat := map[string]string{"chat_id": "@" + channelUsername}
	with := func(extra map[string]string) map[string]string {
		out := map[string]string{"chat_id": "@" + channelUsername}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}
	tests := []struct {
		name   string
		method string
		fields map[string]string
		files  map[string]string
		status int
		desc   string
	}{
		{"NoPhoto", "sendPhoto", chat, nil, 400, telegramtest.DescNoPhoto},
		{"CaptionTooLong", "sendPhoto", with(map[string]string{"caption": strings.Repeat("a", 1025)}), map[string]string{"photo": "a.jpg"}, 400, telegramtest.DescCaptionTooLong},
		{"UnknownFileID", "sendVideo", with(map[string]string{"video": "nope"}), nil, 400, telegramtest.DescWrongFile},
		{"AlbumOfOne", "sendMediaGroup", with(map[string]string{"media": `[{"type":"photo","media":"attach://a"}]`}), map[string]string{"a": "a.jpg"}, 400, telegramtest.DescMediaCount},
		{"MissingAttachment", "sendMediaGroup", with(map[string]string{"media": `[{"type":"photo","media":"attach://a"},{"type":"photo","media":"attach://b"}]`}), map[string]string{"a": "a.jpg"}, 400, telegramtest.DescWrongFile},
		{"Photo", "sendPhoto", chat, map[string]string{"photo": "a.jpg"}, 200, ""},
	}
	for _, tt := range tests {
		status, body := form(tt.method, tt.fields, tt.files)
		if status != tt.status || (tt.desc != "" && (body["description"] != tt.desc || body["ok"] != false || body["error_code"] != float64(tt.status))) {
			t.Errorf("%s: %d %v", tt.name, status, body)
		}
	}
	// A file_id the server issued can be sent again.
	posts := s.ChannelPosts()
	fileID := posts[len(posts)-1].Message.Photo[1].FileID
	if status, body := form("sendPhoto", with(map[string]string{"photo": fileID}), nil); status != 200 {
		t.Errorf("resending a file_id: %d %v", status, body)
	}
	s.SetBotRole(channelChat, telegramtest.BotLeft)
	if status, body := form("sendPhoto", chat, map[string]string{"photo": "a.jpg"}); status != 403 || body["description"] != telegramtest.DescNotMember {
		t.Errorf("not a member: %d %v", status, body)
	}
}
