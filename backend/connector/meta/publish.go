package meta

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"tend/backend"
	"tend/backend/connector/graph"
)

// Publishing posts (backend.Publishing).
//
// Facebook: a text or link post is POST /{page-id}/feed (message, link); a post with one photo is
// POST /{page-id}/photos, a multipart upload of the file in "source" (or "url" for an address)
// with its "caption" (the link, which a photo post cannot carry, goes on the caption's last
// line). Either may be held by Facebook for later: published=false and scheduled_publish_time
// (Unix seconds) between FacebookScheduleMin and FacebookScheduleMax ahead. A held post is
// cancelled with DELETE /{post-id}.
//
// Instagram: Instagram fetches every photo and video itself from a public https address. One
// JPEG photo is a container with image_url, one MP4 or MOV video a REELS container with
// video_url, a story a STORIES container (no caption: stories take none), 2 to
// InstagramCarouselMax items a CAROUSEL container over one child container per item
// (is_carousel_item). Tend then reads each container's status_code until FINISHED, publishes the
// top one with POST /{ig-user-id}/media_publish (creation_id) and reads the new media's
// permalink. Instagram makes no caption link clickable, so the post's link is not added there.
// Instagram holds nothing for later: NativeWindow is (0, 0).

// Permissions the publishing calls need, named in account_permission errors when Meta's message
// does not name one.
const (
	fbPublishPermission = "pages_manage_posts"
	igPublishPermission = "instagram_content_publish"
)

// Publishing limits, from Meta's documentation.
const (
	// FacebookScheduleMin and FacebookScheduleMax bound how far ahead Facebook holds a Page post:
	// the Pages API guide says "between 10 minutes and 30 days from the time of the API request"
	// (older feed references said 75 days, or 6 months: the narrowest window holds for all).
	FacebookScheduleMin = 10 * time.Minute
	FacebookScheduleMax = 30 * 24 * time.Hour
	// FacebookPhotoMaxBytes: a Page photo must be less than 10 MB.
	FacebookPhotoMaxBytes = 10 << 20
	// InstagramCarouselMax is the most photos and videos an Instagram carousel holds.
	InstagramCarouselMax = 10
	// DefaultPublishPoll and DefaultPublishWait are how often, and how long at most, Tend reads
	// an Instagram container's status while Instagram processes its media.
	DefaultPublishPoll = 2 * time.Second
	DefaultPublishWait = 2 * time.Minute
)

// Instagram container status codes.
const (
	igInProgress = "IN_PROGRESS"
	igFinished   = "FINISHED"
	igError      = "ERROR"
	igExpired    = "EXPIRED"
	igPublished  = "PUBLISHED"
)

// KeyPostIDInvalid (EINVALID): CancelScheduledPost got something that is not a Graph object id.
// Params "platform" ("Facebook") and "id".
const KeyPostIDInvalid = "post_id_invalid"

var (
	_ backend.Publishing = (*Facebook)(nil)
	_ backend.Publishing = (*Instagram)(nil)
)

// The file types each API takes, by extension. Facebook Page photos: JPEG, PNG, GIF, BMP, TIFF
// (and WebP); Instagram: JPEG photos, MP4 and MOV videos.
var (
	fbImageExts = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".bmp": true,
		".tif": true, ".tiff": true, ".webp": true}
	igImageExts = map[string]bool{".jpg": true, ".jpeg": true}
	igVideoExts = map[string]bool{".mp4": true, ".mov": true}
)

func unsupported(platform, reason, format string, args ...any) error {
	return backend.PublishUnsupported(platform, reason, fmt.Sprintf(format, args...))
}

// formatUnsupported refuses the formats no API publishes: a live and a DM touchpoint.
func formatUnsupported(platform string, f backend.PostFormat) error {
	switch f {
	case backend.FormatLive:
		return unsupported(platform, backend.PublishReasonFormat, "A live is broadcast, not published: %s cannot publish it from Tend.", backend.PlatformName(platform))
	case backend.FormatDMTouchpoint:
		return unsupported(platform, backend.PublishReasonFormat, "A planned DM touchpoint is a private message, not a post: send it from the inbox.")
	}
	return nil
}

// ---- Facebook ----

// NativeWindow is how far ahead Facebook holds a Page post: FacebookScheduleMin to
// FacebookScheduleMax.
func (f *Facebook) NativeWindow() (earliest, latest time.Duration) {
	return FacebookScheduleMin, FacebookScheduleMax
}

// CanPublishPost accepts a text or link post and a post with one photo (a local file or an http
// or https address). It refuses stories, short videos, lives and DM touchpoints (reason format),
// more than one media file (media_count), videos and unknown file types (media_type).
func (f *Facebook) CanPublishPost(req backend.PublishRequest) error {
	_, err := fbPlan(req)
	return err
}

// fbPlan returns the photo to publish ("" for a text or link post), or why the API cannot.
func fbPlan(req backend.PublishRequest) (string, error) {
	const p = backend.PlatformFacebook
	if err := formatUnsupported(p, req.Format); err != nil {
		return "", err
	}
	switch req.Format {
	case backend.FormatStory:
		return "", unsupported(p, backend.PublishReasonFormat, "Facebook Page stories cannot be published through the API: post the story by hand.")
	case backend.FormatShortVideo:
		return "", unsupported(p, backend.PublishReasonFormat, "Tend cannot publish videos or reels on Facebook: post it by hand.")
	}
	switch len(req.Media) {
	case 0:
		return "", nil
	case 1:
	default:
		return "", unsupported(p, backend.PublishReasonMediaCount, "Tend publishes one photo per Facebook post; this one has %d media files: post it by hand.", len(req.Media))
	}
	m := strings.TrimSpace(req.Media[0])
	switch {
	case backend.MediaKind(m) == backend.MediaVideo:
		return "", unsupported(p, backend.PublishReasonMediaType, "Tend cannot publish videos on Facebook: post it by hand.")
	case !fbImageExts[backend.MediaExt(m)]:
		return "", unsupported(p, backend.PublishReasonMediaType, "Facebook takes JPEG, PNG, GIF, BMP, TIFF or WebP photos; %q is none of these: post it by hand.", filepath.Base(m))
	}
	return m, nil
}

// PublishPost publishes req on the Page now, or has Facebook hold it until req.At (which must be
// inside NativeWindow). ExternalID is the post's id ("<page-id>_<post-id>"), URL its address
// once it is out (none for a held post). Errors: CanPublishPost's; EINVALID post_publish_window
// for a time outside the window, post_caption_too_long, post_media_unreadable,
// post_media_too_large; and the Graph errors (account_permission names pages_manage_posts).
func (f *Facebook) PublishPost(ctx context.Context, req backend.PublishRequest) (backend.Publication, error) {
	photo, err := fbPlan(req)
	if err != nil {
		return backend.Publication{}, err
	}
	caption := req.Caption
	if photo != "" {
		caption = backend.WithLink(caption, req.Link)
	}
	if err := backend.CheckCaption(backend.PlatformFacebook, caption, photo != ""); err != nil {
		return backend.Publication{}, err
	}
	var at int64
	if req.At != nil {
		ahead := req.At.Sub(f.c.now())
		if ahead < FacebookScheduleMin || ahead > FacebookScheduleMax {
			return backend.Publication{}, backend.PublishWindowError(backend.PlatformFacebook, FacebookScheduleMin, FacebookScheduleMax)
		}
		at = req.At.Unix()
	}
	var out struct {
		ID     graph.ID `json:"id"`
		PostID graph.ID `json:"post_id"`
	}
	switch {
	case photo == "":
		body := map[string]any{}
		if req.Caption != "" {
			body["message"] = req.Caption
		}
		if req.Link != "" {
			body["link"] = req.Link
		}
		addSchedule(body, at)
		err = f.c.api.Post(ctx, f.c.pageID+"/feed", nil, body, &out)
	case backend.IsMediaURL(photo):
		body := map[string]any{"url": photo, "caption": caption}
		addSchedule(body, at)
		err = f.c.api.Post(ctx, f.c.pageID+"/photos", nil, body, &out)
	default:
		fields := [][2]string{{"caption", caption}}
		if at != 0 {
			fields = append(fields, [2]string{"published", "false"}, [2]string{"scheduled_publish_time", strconv.FormatInt(at, 10)})
		}
		err = f.c.upload(ctx, f.c.pageID+"/photos", fields, "source", photo, FacebookPhotoMaxBytes, backend.PlatformFacebook, &out)
	}
	if err != nil {
		return backend.Publication{}, f.c.need(err, fbPublishPermission)
	}
	id := string(out.PostID)
	if id == "" {
		id = string(out.ID)
	}
	if id == "" {
		return backend.Publication{}, f.c.noID()
	}
	pub := backend.Publication{ExternalID: id}
	if at == 0 {
		pub.URL = "https://www.facebook.com/" + id
	}
	return pub, nil
}

// addSchedule asks Facebook to hold the post until at (Unix seconds), when at is set.
func addSchedule(body map[string]any, at int64) {
	if at != 0 {
		body["published"] = false
		body["scheduled_publish_time"] = at
	}
}

// CancelScheduledPost deletes a post Facebook holds (DELETE /{post-id}). A post Facebook no longer
// knows is already gone: nil. A post already published is not deleted: ECONFLICT
// post_publish_already_out.
func (f *Facebook) CancelScheduledPost(ctx context.Context, externalID string) error {
	id := strings.TrimSpace(externalID)
	if !validID(id) {
		return backend.Errorf(backend.EINVALID, "%q is not a Facebook post id.", externalID).
			Localized(KeyPostIDInvalid, "platform", f.c.name, "id", externalID)
	}
	var state struct {
		IsPublished *bool `json:"is_published"`
	}
	if err := f.c.api.Get(ctx, id, fields("id,is_published"), &state); err != nil {
		if gone(err) {
			return nil
		}
		return f.c.need(err, fbPublishPermission)
	}
	if state.IsPublished != nil && *state.IsPublished {
		return backend.Errorf(backend.ECONFLICT, "The post is already out on Facebook: Tend did not delete it. Delete it on Facebook if it must go.").
			Localized(backend.KeyPublishAlreadyOut, "platform", backend.PlatformFacebook)
	}
	var out struct {
		Success bool `json:"success"`
	}
	if err := f.c.api.Delete(ctx, id, nil, &out); err != nil {
		if gone(err) {
			return nil
		}
		return f.c.need(err, fbPublishPermission)
	}
	if !out.Success {
		return backend.Errorf(backend.EINVALID, "Facebook did not delete the scheduled post.").
			Localized(graph.KeyRefused, "platform", f.c.name, "reason", "success: false", "code", "0")
	}
	return nil
}

// gone reports whether err is Graph's "object does not exist" (error 100, subcode 33).
func gone(err error) bool {
	var api *graph.APIError
	if !errors.As(err, &api) || api.Code != 100 {
		return false
	}
	return api.Subcode == 33 || strings.Contains(strings.ToLower(api.Message), "does not exist")
}

func (c *conn) noID() error {
	return backend.Errorf(backend.EUNAVAILABLE, "%s accepted the post but did not say its id.", c.name).
		Localized(graph.KeyBadResponse, "platform", c.name, "status", "200")
}

// upload is a multipart POST to path (relative to the version) with fields and the local file
// path as the part fileField, decoded into out. platform ("facebook") names the platform in the
// file errors. The token travels in the Authorization header, as graph.Client sends it.
func (c *conn) upload(ctx context.Context, path string, fields [][2]string, fileField, file string, maxBytes int64, platform string, out any) error {
	fh, err := os.Open(file)
	if err != nil {
		return mediaUnreadable(platform, file, err)
	}
	defer fh.Close()
	info, err := fh.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return mediaUnreadable(platform, file, err)
	}
	if info.Size() >= maxBytes {
		return backend.Errorf(backend.EINVALID, "%s is %.1f MB; %s takes files under %d MB.", filepath.Base(file), float64(info.Size())/(1<<20), backend.PlatformName(platform), maxBytes>>20).
			Localized(backend.KeyMediaTooLarge, "platform", platform, "file", filepath.Base(file), "limit_mb", strconv.FormatInt(maxBytes>>20, 10))
	}
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	written := make(chan error, 1)
	go func() {
		err := writeForm(mw, fields, fileField, filepath.Base(file), fh)
		pw.CloseWithError(err)
		written <- err
	}()
	err = c.api.Send(ctx, http.MethodPost, path, nil, pr, mw.FormDataContentType(), out)
	// Unblocks the writer if the call ended before it read the whole form.
	_ = pr.Close()
	if werr := <-written; errors.Is(werr, errFileRead) {
		return mediaUnreadable(platform, file, werr)
	}
	return err
}

// errFileRead marks a failure to read the local file while it was being sent.
var errFileRead = errors.New("reading the media file failed")

// writeForm writes fields, then the file part, and closes the form.
func writeForm(mw *multipart.Writer, fields [][2]string, fileField, name string, r io.Reader) error {
	for _, f := range fields {
		if err := mw.WriteField(f[0], f[1]); err != nil {
			return err
		}
	}
	ctype := backend.MediaContentType(name)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, quoteEscaper.Replace(fileField), quoteEscaper.Replace(name)))
	h.Set("Content-Type", ctype)
	part, err := mw.CreatePart(h)
	if err != nil {
		return err
	}
	if _, err := io.Copy(part, r); err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return fmt.Errorf("%w: %v", errFileRead, err)
		}
		return err
	}
	return mw.Close()
}

var quoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"", "\r", "", "\n", "")

func mediaUnreadable(platform, file string, cause error) error {
	return backend.Wrap(backend.EINVALID, cause, "Tend cannot read the media file %s: check that it is still there.", filepath.Base(file)).
		Localized(backend.KeyMediaUnreadable, "platform", platform, "file", filepath.Base(file))
}

// ---- Instagram ----

// igPolling is how PublishPost waits for Instagram to process a container.
type igPolling struct {
	interval, wait time.Duration
}

// SetPublishPolling sets how often, and how long at most, PublishPost reads a container's status
// (DefaultPublishPoll and DefaultPublishWait when 0). Call it before publishing, not during.
func (g *Instagram) SetPublishPolling(interval, maxWait time.Duration) {
	g.poll = igPolling{interval: interval, wait: maxWait}
}

func (p igPolling) values() (interval time.Duration, polls int) {
	interval, wait := p.interval, p.wait
	if interval <= 0 {
		interval = DefaultPublishPoll
	}
	if wait <= 0 {
		wait = DefaultPublishWait
	}
	polls = int((wait + interval - 1) / interval)
	return interval, max(polls, 1)
}

// NativeWindow is (0, 0): Instagram holds no post for later.
func (g *Instagram) NativeWindow() (earliest, latest time.Duration) { return 0, 0 }

// igItem is one photo or video of an Instagram post.
type igItem struct {
	url   string
	video bool
}

type igPost struct {
	story bool
	items []igItem
}

// CanPublishPost accepts one JPEG photo, one MP4 or MOV video (a reel), a story of one of them,
// or a carousel of 2 to InstagramCarouselMax, all public https addresses. It refuses a post
// without media (text_only), local files (local_media), other file types (media_type), too many
// files (media_count), lives and DM touchpoints (format).
func (g *Instagram) CanPublishPost(req backend.PublishRequest) error {
	_, err := igPlan(req)
	return err
}

func igPlan(req backend.PublishRequest) (igPost, error) {
	const p = backend.PlatformInstagram
	if err := formatUnsupported(p, req.Format); err != nil {
		return igPost{}, err
	}
	if len(req.Media) == 0 {
		return igPost{}, unsupported(p, backend.PublishReasonTextOnly, "Instagram publishes no post without a photo or a video: add one, or post it by hand.")
	}
	post := igPost{story: req.Format == backend.FormatStory}
	for _, m := range req.Media {
		m = strings.TrimSpace(m)
		if !backend.IsPublicMediaURL(m) {
			return igPost{}, unsupported(p, backend.PublishReasonLocalMedia, "Instagram fetches each photo and video itself from a public https address, so %s cannot be sent from this computer: put it online, or post it by hand.", filepath.Base(m))
		}
		ext := backend.MediaExt(m)
		switch {
		case igImageExts[ext]:
			post.items = append(post.items, igItem{url: m})
		case igVideoExts[ext]:
			post.items = append(post.items, igItem{url: m, video: true})
		default:
			return igPost{}, unsupported(p, backend.PublishReasonMediaType, "Instagram takes JPEG photos and MP4 or MOV videos; %s is none of these: post it by hand.", filepath.Base(m))
		}
	}
	switch n := len(post.items); {
	case post.story && n > 1:
		return igPost{}, unsupported(p, backend.PublishReasonMediaCount, "An Instagram story holds one photo or video; this one has %d: post it by hand.", n)
	case n > InstagramCarouselMax:
		return igPost{}, unsupported(p, backend.PublishReasonMediaCount, "An Instagram carousel holds at most %d photos and videos; this post has %d: post it by hand.", InstagramCarouselMax, n)
	}
	return post, nil
}

// PublishPost creates the containers, waits until Instagram has processed them, publishes and
// returns the media's id and permalink (the permalink is best effort). Errors: CanPublishPost's;
// EINVALID post_publish_no_native when req.At is set; post_caption_too_long; EINVALID
// post_publish_media_failed when a container ends in ERROR or EXPIRED; EUNAVAILABLE
// post_publish_processing when processing outlasts the wait (nothing was published); and the
// Graph errors (account_permission names instagram_content_publish).
func (g *Instagram) PublishPost(ctx context.Context, req backend.PublishRequest) (backend.Publication, error) {
	post, err := igPlan(req)
	if err != nil {
		return backend.Publication{}, err
	}
	if req.At != nil {
		return backend.Publication{}, backend.PublishNoNativeError(backend.PlatformInstagram)
	}
	if !post.story {
		if err := backend.CheckCaption(backend.PlatformInstagram, req.Caption, true); err != nil {
			return backend.Publication{}, err
		}
	}
	var top string
	switch {
	case post.story:
		body := map[string]any{"media_type": "STORIES"}
		setMedia(body, post.items[0])
		top, err = g.container(ctx, body)
	case len(post.items) == 1 && post.items[0].video:
		top, err = g.container(ctx, withCaption(map[string]any{"media_type": "REELS", "video_url": post.items[0].url}, req.Caption))
	case len(post.items) == 1:
		top, err = g.container(ctx, withCaption(map[string]any{"image_url": post.items[0].url}, req.Caption))
	default:
		children := make([]string, 0, len(post.items))
		for _, it := range post.items {
			body := map[string]any{"is_carousel_item": true}
			if it.video {
				body["media_type"] = "VIDEO"
			}
			setMedia(body, it)
			id, err := g.container(ctx, body)
			if err != nil {
				return backend.Publication{}, err
			}
			children = append(children, id)
		}
		top, err = g.container(ctx, withCaption(map[string]any{"media_type": "CAROUSEL", "children": strings.Join(children, ",")}, req.Caption))
	}
	if err != nil {
		return backend.Publication{}, err
	}
	var out struct {
		ID graph.ID `json:"id"`
	}
	if err := g.c.api.Post(ctx, g.c.igUserID+"/media_publish", nil, map[string]any{"creation_id": top}, &out); err != nil {
		return backend.Publication{}, g.c.need(err, igPublishPermission)
	}
	if out.ID == "" {
		return backend.Publication{}, g.c.noID()
	}
	pub := backend.Publication{ExternalID: string(out.ID)}
	var media struct {
		Permalink string `json:"permalink"`
	}
	if err := g.c.api.Get(ctx, string(out.ID), fields("permalink"), &media); err == nil && strings.HasPrefix(media.Permalink, "https://") {
		pub.URL = media.Permalink
	}
	return pub, nil
}

// withCaption adds caption to a container's body, unless it is empty.
func withCaption(body map[string]any, caption string) map[string]any {
	if caption != "" {
		body["caption"] = caption
	}
	return body
}

func setMedia(body map[string]any, it igItem) {
	if it.video {
		body["video_url"] = it.url
	} else {
		body["image_url"] = it.url
	}
}

// container creates a container (POST /{ig-user-id}/media) and waits until it is FINISHED.
func (g *Instagram) container(ctx context.Context, body map[string]any) (string, error) {
	var out struct {
		ID graph.ID `json:"id"`
	}
	if err := g.c.api.Post(ctx, g.c.igUserID+"/media", nil, body, &out); err != nil {
		return "", g.c.need(err, igPublishPermission)
	}
	if out.ID == "" || !validID(string(out.ID)) {
		return "", g.c.noID()
	}
	return string(out.ID), g.await(ctx, string(out.ID))
}

// await reads a container's status (GET /{container-id}?fields=status_code,status) until it is
// FINISHED, at most the polling's wait.
func (g *Instagram) await(ctx context.Context, id string) error {
	interval, polls := g.poll.values()
	for i := 0; ; i++ {
		var st struct {
			StatusCode string `json:"status_code"`
			Status     string `json:"status"`
		}
		if err := g.c.api.Get(ctx, id, fields("status_code,status"), &st); err != nil {
			return g.c.need(err, igPublishPermission)
		}
		switch code := strings.ToUpper(strings.TrimSpace(st.StatusCode)); code {
		case igFinished, igPublished:
			return nil
		case igError, igExpired:
			reason := clip(strings.TrimSpace(st.Status), 300)
			msg := fmt.Sprintf("Instagram could not process the media (%s)", code)
			if reason != "" {
				msg += ": " + reason
			}
			return backend.Errorf(backend.EINVALID, "%s. Check the photo or video (format, size, address), or post it by hand.", msg).
				Localized(backend.KeyPublishMediaFailed, "platform", backend.PlatformInstagram, "status", code, "reason", reason)
		}
		if i+1 >= polls {
			secs := int((time.Duration(polls) * interval).Seconds())
			return backend.Errorf(backend.EUNAVAILABLE, "Instagram was still processing the media after %d seconds; nothing was published and Tend will try again.", secs).
				Localized(backend.KeyPublishProcessing, "platform", backend.PlatformInstagram, "seconds", strconv.Itoa(secs))
		}
		t := time.NewTimer(interval)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// CancelScheduledPost is EINVALID post_publish_no_native: Instagram never holds a post for later.
func (g *Instagram) CancelScheduledPost(context.Context, string) error {
	return backend.PublishNoNativeError(backend.PlatformInstagram)
}

// clip cuts s to n runes.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
