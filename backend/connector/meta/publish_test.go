package meta_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/connector/graph"
	"tend/backend/connector/meta"
	"tend/backend/connector/meta/metatest"
)

// photoFile writes a small JPEG-named file and returns its path and size.
func photoFile(t *testing.T, name string) (string, int) {
	t.Helper()
	data := append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, []byte(strings.Repeat("tend", 300))...)
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, len(data)
}

// wantReason checks an error of CanPublishPost: EINVALID post_publish_unsupported with platform and
// reason; "" wants nil.
func wantReason(t *testing.T, err error, platform, reason string) {
	t.Helper()
	if reason == "" {
		if err != nil {
			t.Fatalf("want nil, got %v", err)
		}
		return
	}
	e := assertErr(t, err, backend.EINVALID, backend.KeyPublishUnsupported)
	if e.Params["platform"] != platform || e.Params["reason"] != reason {
		t.Fatalf("params %v, want platform %s reason %s", e.Params, platform, reason)
	}
	if e.Message == "" {
		t.Error("no English message")
	}
}

func wantRetryAfter(t *testing.T, err error, wait time.Duration) {
	t.Helper()
	var ra *backend.RetryAfterError
	if !errors.As(err, &ra) || ra.After != wait {
		t.Fatalf("want a RetryAfterError of %v, got %v", wait, err)
	}
	assertErr(t, err, backend.ERATELIMITED, graph.KeyRateLimited)
}

func at(t time.Time) *time.Time { return &t }

func TestFacebookCanPublishPost(t *testing.T) {
	_, fb, _ := newFacebook(t)
	tests := []struct {
		name   string
		req    backend.PublishRequest
		reason string
	}{
		{"Text", backend.PublishRequest{Caption: "Hello", Format: backend.FormatMicroArticle}, ""},
		{"Link", backend.PublishRequest{Caption: "Read", Link: "https://tend.example/a", Format: backend.FormatMicroArticle}, ""},
		{"LocalPhoto", backend.PublishRequest{Format: backend.FormatMicroArticle, Media: []string{"/photos/a.JPG"}}, ""},
		{"PhotoURL", backend.PublishRequest{Format: backend.FormatCarousel, Media: []string{"https://cdn.example.com/a.png"}}, ""},
		{"WindowsPath", backend.PublishRequest{Format: backend.FormatMicroArticle, Media: []string{`C:\photos\a.webp`}}, ""},
		{"Story", backend.PublishRequest{Format: backend.FormatStory, Media: []string{"/a.jpg"}}, backend.PublishReasonFormat},
		{"Live", backend.PublishRequest{Format: backend.FormatLive}, backend.PublishReasonFormat},
		{"DMTouchpoint", backend.PublishRequest{Format: backend.FormatDMTouchpoint, Caption: "Hi"}, backend.PublishReasonFormat},
		{"ShortVideo", backend.PublishRequest{Format: backend.FormatShortVideo, Media: []string{"/a.mp4"}}, backend.PublishReasonFormat},
		{"Video", backend.PublishRequest{Format: backend.FormatMicroArticle, Media: []string{"/a.mov"}}, backend.PublishReasonMediaType},
		{"UnknownType", backend.PublishRequest{Format: backend.FormatMicroArticle, Media: []string{"/a.heic"}}, backend.PublishReasonMediaType},
		{"NoExtension", backend.PublishRequest{Format: backend.FormatMicroArticle, Media: []string{"/photos/a"}}, backend.PublishReasonMediaType},
		{"TwoPhotos", backend.PublishRequest{Format: backend.FormatCarousel, Media: []string{"/a.jpg", "/b.jpg"}}, backend.PublishReasonMediaCount},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantReason(t, fb.CanPublishPost(tt.req), backend.PlatformFacebook, tt.reason)
		})
	}
	if lo, hi := fb.NativeWindow(); lo != 10*time.Minute || hi != 30*24*time.Hour {
		t.Errorf("NativeWindow = %v, %v", lo, hi)
	}
}

func TestFacebookPublish(t *testing.T) {
	tests := []struct {
		name  string
		req   func(t *testing.T, now time.Time) (backend.PublishRequest, string, int) // the request, its file and size
		check func(t *testing.T, srv *metatest.Server, pub backend.Publication, now time.Time, file string, size int)
	}{
		{
			name: "Text",
			req: func(*testing.T, time.Time) (backend.PublishRequest, string, int) {
				return backend.PublishRequest{Caption: "Soldes d'hiver 🌨️", Format: backend.FormatMicroArticle}, "", 0
			},
			check: func(t *testing.T, srv *metatest.Server, pub backend.Publication, _ time.Time, _ string, _ int) {
				p := onePagePost(t, srv)
				if p.Edge != "feed" || p.Message != "Soldes d'hiver 🌨️" || p.Link != "" || !p.Published || !p.ScheduledAt.IsZero() {
					t.Errorf("post %+v", p)
				}
				if pub.ExternalID != p.ID || pub.URL != "https://www.facebook.com/"+p.ID {
					t.Errorf("publication %+v", pub)
				}
				body := jsonBody(t, requestsTo(srv, "POST", "/"+metatest.PageID+"/feed")[0].Body)
				if _, ok := body["published"]; ok {
					t.Errorf("a post published now sends no published parameter: %v", body)
				}
			},
		},
		{
			name: "Link",
			req: func(*testing.T, time.Time) (backend.PublishRequest, string, int) {
				return backend.PublishRequest{Caption: "Le guide", Link: "https://tend.example/guide?utm_source=facebook", Format: backend.FormatMicroArticle}, "", 0
			},
			check: func(t *testing.T, srv *metatest.Server, _ backend.Publication, _ time.Time, _ string, _ int) {
				p := onePagePost(t, srv)
				if p.Message != "Le guide" || p.Link != "https://tend.example/guide?utm_source=facebook" {
					t.Errorf("post %+v", p)
				}
			},
		},
		{
			name: "NativeSchedule",
			req: func(_ *testing.T, now time.Time) (backend.PublishRequest, string, int) {
				return backend.PublishRequest{Caption: "Bientôt", Format: backend.FormatMicroArticle, At: at(now.Add(26 * time.Hour))}, "", 0
			},
			check: func(t *testing.T, srv *metatest.Server, pub backend.Publication, now time.Time, _ string, _ int) {
				want := now.Add(26 * time.Hour)
				sched := srv.ScheduledPosts()
				if len(sched) != 1 || !sched[0].ScheduledAt.Equal(want) || sched[0].Published {
					t.Fatalf("scheduled %+v", sched)
				}
				body := jsonBody(t, requestsTo(srv, "POST", "/"+metatest.PageID+"/feed")[0].Body)
				if body["published"] != false || body["scheduled_publish_time"] != float64(want.Unix()) {
					t.Errorf("body %v, want published false and scheduled_publish_time %d", body, want.Unix())
				}
				if pub.ExternalID != sched[0].ID || pub.URL != "" || pub.State != "" || !pub.At.IsZero() || pub.Channel != "" {
					t.Errorf("publication %+v", pub)
				}
			},
		},
		{
			name: "PhotoUpload",
			req: func(t *testing.T, _ time.Time) (backend.PublishRequest, string, int) {
				file, size := photoFile(t, "vitrine été.jpg")
				return backend.PublishRequest{Caption: "La vitrine", Link: "https://tend.example/v", Format: backend.FormatMicroArticle, Media: []string{file}}, file, size
			},
			check: func(t *testing.T, srv *metatest.Server, pub backend.Publication, _ time.Time, _ string, size int) {
				p := onePagePost(t, srv)
				if p.Edge != "photos" || p.FileName != "vitrine été.jpg" || p.FileSize != size || p.FileType != "image/jpeg" ||
					p.Message != "La vitrine\nhttps://tend.example/v" || !p.Published || p.PhotoID == "" {
					t.Errorf("photo post %+v", p)
				}
				if pub.ExternalID != p.ID || pub.URL != "https://www.facebook.com/"+p.ID {
					t.Errorf("publication %+v", pub)
				}
				r := requestsTo(srv, "POST", "/"+metatest.PageID+"/photos")[0]
				if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data; boundary=") ||
					r.Header.Get("Authorization") != "Bearer "+metatest.Token || r.Query.Get("access_token") != "" {
					t.Errorf("upload request %v %v", r.Header, r.Query)
				}
				if !strings.HasPrefix(r.Path, "/"+graph.Version+"/") {
					t.Errorf("path %s", r.Path)
				}
			},
		},
		{
			name: "PhotoUploadScheduled",
			req: func(t *testing.T, now time.Time) (backend.PublishRequest, string, int) {
				file, size := photoFile(t, "a.png")
				return backend.PublishRequest{Caption: "Demain", Format: backend.FormatCarousel, Media: []string{file}, At: at(now.Add(11 * time.Minute))}, file, size
			},
			check: func(t *testing.T, srv *metatest.Server, pub backend.Publication, now time.Time, _ string, _ int) {
				sched := srv.ScheduledPosts()
				if len(sched) != 1 || sched[0].Edge != "photos" || !sched[0].ScheduledAt.Equal(now.Add(11*time.Minute)) || sched[0].FileType != "image/png" {
					t.Fatalf("scheduled %+v", sched)
				}
				if pub.ExternalID != sched[0].ID || pub.URL != "" {
					t.Errorf("publication %+v", pub)
				}
			},
		},
		{
			name: "PhotoURL",
			req: func(*testing.T, time.Time) (backend.PublishRequest, string, int) {
				return backend.PublishRequest{Caption: "En ligne", Format: backend.FormatMicroArticle, Media: []string{metatest.ImageURL}}, "", 0
			},
			check: func(t *testing.T, srv *metatest.Server, _ backend.Publication, _ time.Time, _ string, _ int) {
				p := onePagePost(t, srv)
				if p.Edge != "photos" || p.PhotoURL != metatest.ImageURL || p.Message != "En ligne" || p.FileName != "" {
					t.Errorf("photo post %+v", p)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, fb, clk := newFacebook(t)
			now := clk.now()
			req, file, size := tt.req(t, now)
			if err := fb.CanPublishPost(req); err != nil {
				t.Fatalf("CanPublishPost: %v", err)
			}
			pub, err := fb.PublishPost(context.Background(), req)
			if err != nil {
				t.Fatalf("PublishPost: %v", err)
			}
			tt.check(t, srv, pub, now, file, size)
		})
	}
}

func onePagePost(t *testing.T, srv *metatest.Server) metatest.PagePost {
	t.Helper()
	posts := srv.PagePosts()
	if len(posts) != 1 {
		t.Fatalf("%d page posts, want 1: %+v", len(posts), posts)
	}
	return posts[0]
}

func jsonBody(t *testing.T, raw []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("body %q: %v", raw, err)
	}
	return m
}

func TestFacebookPublishWindow(t *testing.T) {
	tests := []struct {
		name  string
		ahead time.Duration
		ok    bool
	}{
		{"Past", -time.Hour, false},
		{"TooSoon", 9 * time.Minute, false},
		{"Earliest", 10 * time.Minute, true},
		{"Latest", 30 * 24 * time.Hour, true},
		{"TooLate", 30*24*time.Hour + time.Minute, false},
		{"SeventyFiveDays", 75 * 24 * time.Hour, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, fb, clk := newFacebook(t)
			_, err := fb.PublishPost(context.Background(), backend.PublishRequest{Caption: "x", Format: backend.FormatMicroArticle, At: at(clk.now().Add(tt.ahead))})
			if tt.ok {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			e := assertErr(t, err, backend.EINVALID, backend.KeyPublishWindow)
			if e.Params["platform"] != backend.PlatformFacebook || e.Params["earliest_minutes"] != "10" || e.Params["latest_days"] != "30" {
				t.Errorf("params %v", e.Params)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("%d requests for a refused time", n)
			}
		})
	}
}

// TestFakeRefusesOutsideTheWindow checks the fake's own refusal, in Graph's error shape, as the
// connector never sends such a time.
func TestFakeRefusesOutsideTheWindow(t *testing.T) {
	srv, _, clk := newFacebook(t)
	// A connector with a clock 20 minutes behind the platform's sends a time Facebook finds too soon.
	behind := func() time.Time { return clk.now().Add(-20 * time.Minute) }
	cfg := config(fbAccount(srv.URL), clk, metatest.Token)
	cfg.Now = behind
	late, err := meta.NewFacebook(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = late.PublishPost(context.Background(), backend.PublishRequest{Caption: "x", At: at(clk.now().Add(5 * time.Minute))})
	e := assertErr(t, err, backend.EINVALID, graph.KeyRefused)
	if e.Params["code"] != "100" || !strings.Contains(e.Message, "scheduled publish time is invalid") {
		t.Errorf("error %v %v", e.Message, e.Params)
	}
	if len(srv.ScheduledPosts()) != 0 {
		t.Error("the fake kept a post outside the window")
	}
}

func TestFacebookPublishErrors(t *testing.T) {
	tests := []struct {
		name    string
		photo   bool
		token   string
		failure *metatest.Failure
		code    string
		key     string
		check   func(t *testing.T, err error)
	}{
		{name: "BadToken", token: "EAAGnotTheToken", code: backend.EUNAUTHORIZED, key: graph.KeyTokenInvalid},
		{name: "BadTokenUpload", photo: true, token: metatest.ExpiredTok, code: backend.EUNAUTHORIZED, key: graph.KeyTokenInvalid},
		{name: "RateLimited", failure: metatest.RateLimit(32, 7), code: backend.ERATELIMITED, key: graph.KeyRateLimited,
			check: func(t *testing.T, err error) { wantRetryAfter(t, err, 7*time.Minute) }},
		{name: "RateLimitedUpload", photo: true, failure: metatest.RateLimit(80001, 3), code: backend.ERATELIMITED, key: graph.KeyRateLimited,
			check: func(t *testing.T, err error) { wantRetryAfter(t, err, 3*time.Minute) }},
		{name: "Permission", failure: metatest.GraphError(403, 200, 0, "(#200) The user hasn't authorized the application to perform this action", ""),
			code: backend.EFORBIDDEN, key: graph.KeyPermission,
			check: func(t *testing.T, err error) {
				var e *backend.Error
				if errors.As(err, &e); e.Params["permission"] != "pages_manage_posts" {
					t.Errorf("permission %q", e.Params["permission"])
				}
			}},
		{name: "ServerError", photo: true, failure: metatest.ServerError(), code: backend.EUNAVAILABLE, key: graph.KeyUnreachable},
		{name: "Refused", failure: metatest.GraphError(400, 368, 0, "(#368) The action attempted has been deemed abusive or is otherwise disallowed", ""),
			code: backend.EINVALID, key: graph.KeyRefused},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := newClock()
			srv := metatest.New(t, clk.now)
			tok := tt.token
			if tok == "" {
				tok = metatest.Token
			}
			fb, err := meta.NewFacebook(config(fbAccount(srv.URL), clk, tok))
			if err != nil {
				t.Fatal(err)
			}
			if tt.failure != nil {
				srv.Fail(tt.failure)
			}
			req := backend.PublishRequest{Caption: "x", Format: backend.FormatMicroArticle}
			if tt.photo {
				file, _ := photoFile(t, "p.jpg")
				req.Media = []string{file}
			}
			_, err = fb.PublishPost(context.Background(), req)
			assertErr(t, err, tt.code, tt.key)
			if tt.check != nil {
				tt.check(t, err)
			}
			if len(srv.PagePosts()) != 0 {
				t.Error("a post was made")
			}
		})
	}
}

func TestFacebookPublishFiles(t *testing.T) {
	_, fb, _ := newFacebook(t)
	missing := filepath.Join(t.TempDir(), "gone.jpg")
	_, err := fb.PublishPost(context.Background(), backend.PublishRequest{Caption: "x", Media: []string{missing}})
	e := assertErr(t, err, backend.EINVALID, backend.KeyMediaUnreadable)
	if e.Params["file"] != "gone.jpg" || e.Params["platform"] != backend.PlatformFacebook {
		t.Errorf("params %v", e.Params)
	}
	big := filepath.Join(t.TempDir(), "big.jpg")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(meta.FacebookPhotoMaxBytes); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	_, err = fb.PublishPost(context.Background(), backend.PublishRequest{Caption: "x", Media: []string{big}})
	e = assertErr(t, err, backend.EINVALID, backend.KeyMediaTooLarge)
	if e.Params["limit_mb"] != "10" {
		t.Errorf("params %v", e.Params)
	}
	_, err = fb.PublishPost(context.Background(), backend.PublishRequest{Caption: strings.Repeat("a", 63207)})
	assertErr(t, err, backend.EINVALID, "post_caption_too_long")
}

func TestFacebookUploadSendsAppSecretProof(t *testing.T) {
	clk := newClock()
	srv := metatest.New(t, clk.now)
	srv.Do(func(st *metatest.State) { st.RequireProof = true })
	cfg := config(fbAccount(srv.URL), clk, metatest.Token)
	cfg.Secrets[meta.SecretAppSecret] = metatest.AppSecret
	fb, err := meta.NewFacebook(cfg)
	if err != nil {
		t.Fatal(err)
	}
	file, _ := photoFile(t, "p.jpeg")
	if _, err := fb.PublishPost(context.Background(), backend.PublishRequest{Caption: "x", Media: []string{file}}); err != nil {
		t.Fatal(err)
	}
	if r := requestsTo(srv, "POST", "/photos")[0]; r.Query.Get("appsecret_proof") != graph.AppSecretProof(metatest.Token, metatest.AppSecret) {
		t.Errorf("query %v", r.Query)
	}
}

func TestFacebookCancelScheduledPost(t *testing.T) {
	srv, fb, clk := newFacebook(t)
	ctx := context.Background()
	pub, err := fb.PublishPost(ctx, backend.PublishRequest{Caption: "Plus tard", At: at(clk.now().Add(3 * time.Hour))})
	if err != nil {
		t.Fatal(err)
	}
	if err := fb.CancelScheduledPost(ctx, pub.ExternalID); err != nil {
		t.Fatal(err)
	}
	if len(srv.ScheduledPosts()) != 0 || !srv.PagePosts()[0].Deleted {
		t.Errorf("posts %+v", srv.PagePosts())
	}
	if del := requestsTo(srv, "DELETE", "/"+pub.ExternalID); len(del) != 1 {
		t.Errorf("%d DELETE requests", len(del))
	}
	// Already gone: nothing to do.
	if err := fb.CancelScheduledPost(ctx, pub.ExternalID); err != nil {
		t.Errorf("cancelling again: %v", err)
	}

	// A post whose time came is out: it is not deleted.
	pub2, err := fb.PublishPost(ctx, backend.PublishRequest{Caption: "Bientôt", At: at(clk.now().Add(20 * time.Minute))})
	if err != nil {
		t.Fatal(err)
	}
	clk.add(21 * time.Minute)
	assertErr(t, fb.CancelScheduledPost(ctx, pub2.ExternalID), backend.ECONFLICT, backend.KeyPublishAlreadyOut)
	if p := srv.PagePosts()[1]; p.Deleted || !p.Published {
		t.Errorf("post %+v", p)
	}

	assertErr(t, fb.CancelScheduledPost(ctx, "../me"), backend.EINVALID, meta.KeyPostIDInvalid)
	srv.Fail(metatest.RateLimit(32, 2))
	wantRetryAfter(t, fb.CancelScheduledPost(ctx, metatest.PageID+"_77"), 2*time.Minute)
}

func newPublishingInstagram(t *testing.T, polls int) (*metatest.Server, *meta.Instagram) {
	t.Helper()
	srv, ig, _ := newInstagram(t)
	srv.Do(func(st *metatest.State) { st.ContainerPolls = polls })
	ig.SetPublishPolling(time.Millisecond, time.Second)
	return srv, ig
}

func TestInstagramCanPublishPost(t *testing.T) {
	_, ig, _ := newInstagram(t)
	many := make([]string, 11)
	for i := range many {
		many[i] = "https://cdn.example.com/" + strconv.Itoa(i) + ".jpg"
	}
	tests := []struct {
		name   string
		req    backend.PublishRequest
		reason string
	}{
		{"Image", backend.PublishRequest{Format: backend.FormatMicroArticle, Media: []string{metatest.ImageURL}}, ""},
		{"Reel", backend.PublishRequest{Format: backend.FormatShortVideo, Media: []string{"https://cdn.example.com/a.MOV"}}, ""},
		{"Story", backend.PublishRequest{Format: backend.FormatStory, Media: []string{metatest.VideoURL}}, ""},
		{"Carousel", backend.PublishRequest{Format: backend.FormatCarousel, Media: many[:10]}, ""},
		{"TextOnly", backend.PublishRequest{Format: backend.FormatMicroArticle, Caption: "Hello"}, backend.PublishReasonTextOnly},
		{"LocalFile", backend.PublishRequest{Format: backend.FormatMicroArticle, Media: []string{"/home/me/a.jpg"}}, backend.PublishReasonLocalMedia},
		{"PlainHTTP", backend.PublishRequest{Format: backend.FormatMicroArticle, Media: []string{"http://cdn.example.com/a.jpg"}}, backend.PublishReasonLocalMedia},
		{"OneLocalInCarousel", backend.PublishRequest{Format: backend.FormatCarousel, Media: []string{metatest.ImageURL, "C:\\a.jpg"}}, backend.PublishReasonLocalMedia},
		{"PNG", backend.PublishRequest{Format: backend.FormatMicroArticle, Media: []string{"https://cdn.example.com/a.png"}}, backend.PublishReasonMediaType},
		{"NoExtension", backend.PublishRequest{Format: backend.FormatMicroArticle, Media: []string{"https://cdn.example.com/media?id=4"}}, backend.PublishReasonMediaType},
		{"TooMany", backend.PublishRequest{Format: backend.FormatCarousel, Media: many}, backend.PublishReasonMediaCount},
		{"StoryOfTwo", backend.PublishRequest{Format: backend.FormatStory, Media: many[:2]}, backend.PublishReasonMediaCount},
		{"Live", backend.PublishRequest{Format: backend.FormatLive, Media: []string{metatest.VideoURL}}, backend.PublishReasonFormat},
		{"DMTouchpoint", backend.PublishRequest{Format: backend.FormatDMTouchpoint, Media: []string{metatest.ImageURL}}, backend.PublishReasonFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantReason(t, ig.CanPublishPost(tt.req), backend.PlatformInstagram, tt.reason)
		})
	}
	if lo, hi := ig.NativeWindow(); lo != 0 || hi != 0 {
		t.Errorf("NativeWindow = %v, %v", lo, hi)
	}
}

func TestInstagramPublish(t *testing.T) {
	tests := []struct {
		name       string
		polls      int
		req        backend.PublishRequest
		containers []metatest.Container // fields checked: MediaType, ImageURL, VideoURL, Caption, IsCarouselItem
		urlPrefix  string
	}{
		{
			name: "Image", polls: 2,
			req:        backend.PublishRequest{Caption: "Printemps 🌸", Link: "https://tend.example/p", Format: backend.FormatMicroArticle, Media: []string{metatest.ImageURL}},
			containers: []metatest.Container{{ImageURL: metatest.ImageURL, Caption: "Printemps 🌸"}},
			urlPrefix:  "https://www.instagram.com/p/",
		},
		{
			name: "Reel", polls: 3,
			req:        backend.PublishRequest{Caption: "Les coulisses", Format: backend.FormatShortVideo, Media: []string{metatest.VideoURL}},
			containers: []metatest.Container{{MediaType: "REELS", VideoURL: metatest.VideoURL, Caption: "Les coulisses"}},
			urlPrefix:  "https://www.instagram.com/reel/",
		},
		{
			name:       "Story",
			req:        backend.PublishRequest{Caption: "ignored", Format: backend.FormatStory, Media: []string{metatest.ImageURL}},
			containers: []metatest.Container{{MediaType: "STORIES", ImageURL: metatest.ImageURL}},
			urlPrefix:  "https://www.instagram.com/stories/" + metatest.IGUsername + "/",
		},
		{
			name: "Carousel", polls: 1,
			req: backend.PublishRequest{Caption: "Trois looks", Format: backend.FormatCarousel,
				Media: []string{metatest.ImageURL, metatest.VideoURL, metatest.ImageURL2}},
			containers: []metatest.Container{
				{ImageURL: metatest.ImageURL, IsCarouselItem: true},
				{MediaType: "VIDEO", VideoURL: metatest.VideoURL, IsCarouselItem: true},
				{ImageURL: metatest.ImageURL2, IsCarouselItem: true},
				{MediaType: "CAROUSEL", Caption: "Trois looks"},
			},
			urlPrefix: "https://www.instagram.com/p/",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, ig := newPublishingInstagram(t, tt.polls)
			pub, err := ig.PublishPost(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			got := srv.Containers()
			if len(got) != len(tt.containers) {
				t.Fatalf("%d containers, want %d: %+v", len(got), len(tt.containers), got)
			}
			for i, want := range tt.containers {
				c := got[i]
				if c.MediaType != want.MediaType || c.ImageURL != want.ImageURL || c.VideoURL != want.VideoURL ||
					c.Caption != want.Caption || c.IsCarouselItem != want.IsCarouselItem {
					t.Errorf("container %d = %+v, want %+v", i, c, want)
				}
			}
			top := got[len(got)-1]
			if tt.name == "Carousel" && strings.Join(top.Children, ",") != got[0].ID+","+got[1].ID+","+got[2].ID {
				t.Errorf("children %v", top.Children)
			}
			// Every container was read until FINISHED: polls IN_PROGRESS answers, then one more.
			if reads := len(requestsTo(srv, "GET", "/"+top.ID)); reads != tt.polls+1 {
				t.Errorf("%d status reads of the top container, want %d", reads, tt.polls+1)
			}
			published := srv.IGPublished()
			if len(published) != 1 || published[0].ContainerID != top.ID || top.StatusCode != metatest.StatusPublished {
				t.Fatalf("published %+v, top %+v", published, top)
			}
			if pub.ExternalID != published[0].MediaID || pub.URL != published[0].Permalink || !strings.HasPrefix(pub.URL, tt.urlPrefix) {
				t.Errorf("publication %+v, want %+v", pub, published[0])
			}
			if pub.State != "" || pub.Channel != "" || !pub.At.IsZero() {
				t.Errorf("State, Channel and At are the caller's: %+v", pub)
			}
			body := jsonBody(t, requestsTo(srv, "POST", "/media_publish")[0].Body)
			if body["creation_id"] != top.ID {
				t.Errorf("media_publish body %v", body)
			}
		})
	}
}

func TestInstagramPublishRefusals(t *testing.T) {
	tests := []struct {
		name    string
		polls   int
		fail    map[string]string
		failure *metatest.Failure
		token   string
		req     backend.PublishRequest
		code    string
		key     string
		params  map[string]string
		check   func(t *testing.T, err error)
	}{
		{name: "ContainerError", fail: map[string]string{metatest.ImageURL: metatest.StatusError},
			req:  backend.PublishRequest{Caption: "x", Media: []string{metatest.ImageURL}},
			code: backend.EINVALID, key: backend.KeyPublishMediaFailed,
			params: map[string]string{"status": "ERROR", "reason": "Error: The media could not be processed (2207026)"}},
		{name: "ContainerExpired", polls: 1, fail: map[string]string{metatest.VideoURL: metatest.StatusExpired},
			req:  backend.PublishRequest{Caption: "x", Media: []string{metatest.VideoURL}},
			code: backend.EINVALID, key: backend.KeyPublishMediaFailed, params: map[string]string{"status": "EXPIRED", "reason": "Expired"}},
		{name: "CarouselChildError", fail: map[string]string{metatest.ImageURL2: metatest.StatusError},
			req:  backend.PublishRequest{Caption: "x", Format: backend.FormatCarousel, Media: []string{metatest.ImageURL, metatest.ImageURL2}},
			code: backend.EINVALID, key: backend.KeyPublishMediaFailed},
		{name: "StillProcessing", polls: 10_000,
			req:  backend.PublishRequest{Caption: "x", Media: []string{metatest.VideoURL}},
			code: backend.EUNAVAILABLE, key: backend.KeyPublishProcessing},
		{name: "NativeSchedule",
			req:  backend.PublishRequest{Caption: "x", Media: []string{metatest.ImageURL}, At: at(time.Now().Add(time.Hour))},
			code: backend.EINVALID, key: backend.KeyPublishNoNative},
		{name: "Unsupported", req: backend.PublishRequest{Caption: "x"}, code: backend.EINVALID, key: backend.KeyPublishUnsupported,
			params: map[string]string{"reason": backend.PublishReasonTextOnly}},
		{name: "CaptionTooLong", req: backend.PublishRequest{Caption: strings.Repeat("é", 2201), Media: []string{metatest.ImageURL}},
			code: backend.EINVALID, key: "post_caption_too_long"},
		{name: "BadToken", token: metatest.ChangedTok,
			req:  backend.PublishRequest{Caption: "x", Media: []string{metatest.ImageURL}},
			code: backend.EUNAUTHORIZED, key: graph.KeyTokenInvalid},
		{name: "PublishLimit", failure: &metatest.Failure{Method: "POST", PathContains: "/media_publish", Status: 400, Code: 80002, Type: "OAuthException",
			Message: "(#80002) There have been too many calls to this Instagram account."},
			req:  backend.PublishRequest{Caption: "x", Media: []string{metatest.ImageURL}},
			code: backend.ERATELIMITED, key: graph.KeyRateLimited,
			check: func(t *testing.T, err error) { wantRetryAfter(t, err, graph.DefaultRateLimitWait) }},
		{name: "Permission", failure: &metatest.Failure{Method: "POST", PathContains: "/media", Status: 403, Code: 10, Type: "OAuthException",
			Message: "(#10) Application does not have permission for this action"},
			req:  backend.PublishRequest{Caption: "x", Media: []string{metatest.ImageURL}},
			code: backend.EFORBIDDEN, key: graph.KeyPermission, params: map[string]string{"permission": "instagram_content_publish"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := newClock()
			srv := metatest.New(t, clk.now)
			tok := tt.token
			if tok == "" {
				tok = metatest.Token
			}
			ig, err := meta.NewInstagram(config(igAccount(srv.URL), clk, tok))
			if err != nil {
				t.Fatal(err)
			}
			ig.SetPublishPolling(time.Millisecond, 5*time.Millisecond)
			srv.Do(func(st *metatest.State) {
				st.ContainerPolls = tt.polls
				for k, v := range tt.fail {
					st.ContainerFailures[k] = v
				}
			})
			if tt.failure != nil {
				srv.Fail(tt.failure)
			}
			_, err = ig.PublishPost(context.Background(), tt.req)
			e := assertErr(t, err, tt.code, tt.key)
			for k, v := range tt.params {
				if e.Params[k] != v {
					t.Errorf("param %s = %q, want %q (%v)", k, e.Params[k], v, e.Params)
				}
			}
			if tt.check != nil {
				tt.check(t, err)
			}
			if n := len(srv.IGPublished()); n != 0 {
				t.Errorf("%d media published", n)
			}
			if tt.key != graph.KeyRateLimited && len(requestsTo(srv, "POST", "/media_publish")) != 0 {
				t.Error("media_publish was called")
			}
		})
	}
}

func TestInstagramPublishStopsWithItsContext(t *testing.T) {
	srv, ig, _ := newInstagram(t)
	srv.Do(func(st *metatest.State) { st.ContainerPolls = 1000 })
	ig.SetPublishPolling(time.Hour, 10*time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := ig.PublishPost(ctx, backend.PublishRequest{Caption: "x", Media: []string{metatest.ImageURL}})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
}

func TestInstagramCancelScheduledPost(t *testing.T) {
	_, ig, _ := newInstagram(t)
	assertErr(t, ig.CancelScheduledPost(context.Background(), "17900000000000101"), backend.EINVALID, backend.KeyPublishNoNative)
}

// TestFakePublishingWire pins the fake's answers to requests the connector does not make, in
// Graph's error shape.
func TestFakePublishingWire(t *testing.T) {
	srv, _, clk := newFacebook(t)
	srv.Do(func(st *metatest.State) { st.ContainerPolls = 5 })
	base := srv.URL + "/" + metatest.Version + "/"
	post := func(path, body string) (int, map[string]any) {
		req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+metatest.Token)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&m)
		return resp.StatusCode, m
	}
	code := func(m map[string]any) (float64, float64) {
		e, _ := m["error"].(map[string]any)
		c, _ := e["code"].(float64)
		s, _ := e["error_subcode"].(float64)
		return c, s
	}
	soon := strconv.FormatInt(clk.now().Add(time.Hour).Unix(), 10)
	_, created := post(metatest.IGUserID+"/media", "image_url="+metatest.ImageURL)
	tests := []struct {
		name, path, body string
		status           int
		code, sub        float64
	}{
		{"ScheduledButPublished", metatest.PageID + "/feed", "message=x&scheduled_publish_time=" + soon, 400, 100, 0},
		{"ScheduledISO8601", metatest.PageID + "/feed", "message=x&published=false&scheduled_publish_time=" + clk.now().Add(time.Hour).Format(time.RFC3339), 200, 0, 0},
		{"Empty", metatest.PageID + "/feed", "published=true", 400, 100, 0},
		{"PhotoWithoutFile", metatest.PageID + "/photos", "caption=x", 400, 324, 0},
		{"NotReady", metatest.IGUserID + "/media_publish", "creation_id=" + str(created["id"]), 400, 9007, 2207027},
		{"ReelWithoutVideo", metatest.IGUserID + "/media", "media_type=REELS&image_url=" + metatest.ImageURL, 400, 100, 0},
		{"SingleVideo", metatest.IGUserID + "/media", "media_type=VIDEO&video_url=" + metatest.VideoURL, 400, 100, 0},
		{"BadAddress", metatest.IGUserID + "/media", "image_url=file:///etc/passwd", 400, 9004, 2207052},
		{"CarouselOfOne", metatest.IGUserID + "/media", "media_type=CAROUSEL&children=" + str(created["id"]), 400, 100, 0},
	}
	for _, tt := range tests {
		status, body := post(tt.path, tt.body)
		if c, s := code(body); status != tt.status || c != tt.code || s != tt.sub {
			t.Errorf("%s: %d %v/%v %v", tt.name, status, c, s, body)
		}
	}
}

func str(v any) string { s, _ := v.(string); return s }

// After Meta asked to wait, an upload waits too: it goes through the same request path as every
// other call (it once had its own, which skipped the throttle).
func TestFacebookUploadHonoursTheThrottle(t *testing.T) {
	clk := newClock()
	srv := metatest.New(t, clk.now)
	fb, err := meta.NewFacebook(config(fbAccount(srv.URL), clk, metatest.Token))
	if err != nil {
		t.Fatal(err)
	}
	srv.Fail(metatest.RateLimit(32, 5))
	_, err = fb.PublishPost(context.Background(), backend.PublishRequest{Caption: "x", Format: backend.FormatMicroArticle})
	assertErr(t, err, backend.ERATELIMITED, graph.KeyRateLimited)
	before := len(srv.Requests())
	file, _ := photoFile(t, "p.jpg")
	_, err = fb.PublishPost(context.Background(), backend.PublishRequest{Caption: "x", Media: []string{file}})
	assertErr(t, err, backend.ERATELIMITED, graph.KeyRateLimited)
	if after := len(srv.Requests()); after != before || len(srv.PagePosts()) != 0 {
		t.Fatalf("the upload reached Meta during the wait: %d requests before, %d after", before, after)
	}
}
