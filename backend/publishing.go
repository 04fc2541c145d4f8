package backend

import (
	"mime"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
)

// Publishing posts through the platforms' APIs (see Publishing): the reasons a connector gives
// when a post must be published by hand, the errors every publishing connector shares, and the
// media helpers they use to decide.

// Translation keys of the publishing errors. Like the calendar's other keys (post_caption_too_long),
// every one carries the param "platform" as a Platform constant ("facebook", "instagram",
// "telegram"), besides those listed. Errors of the platforms' APIs keep the connectors' own keys
// (account_token_invalid, send_refused, ...), whose "platform" is the platform's name.
const (
	// KeyPublishUnsupported (EINVALID): the API cannot publish this post; a person must post it
	// by hand. Param "reason": one of the PublishReason constants.
	KeyPublishUnsupported = "post_publish_unsupported"
	// KeyPublishWindow (EINVALID): the time asked is outside the window in which the platform
	// holds a post to publish it itself. Params "earliest_minutes", "latest_days".
	KeyPublishWindow = "post_publish_window"
	// KeyPublishNoNative (EINVALID): the platform cannot hold a post for later, so there is
	// nothing to schedule there or to cancel.
	KeyPublishNoNative = "post_publish_no_native"
	// KeyPublishMediaFailed (EINVALID): the platform could not process the post's media. Params
	// "status" (the platform's status, e.g. ERROR or EXPIRED) and "reason" (its explanation, may
	// be "").
	KeyPublishMediaFailed = "post_publish_media_failed"
	// KeyPublishProcessing (EUNAVAILABLE): the platform was still processing the media when Tend
	// stopped waiting; nothing was published and Tend tries again. Param "seconds".
	KeyPublishProcessing = "post_publish_processing"
	// KeyPublishAlreadyOut (ECONFLICT): a post the platform held for later is already published,
	// so cancelling it would delete a live post; nothing was deleted.
	KeyPublishAlreadyOut = "post_publish_already_out"
	// KeyMediaUnreadable (EINVALID): a local media file cannot be read. Param "file" (its name).
	KeyMediaUnreadable = "post_media_unreadable"
	// KeyMediaTooLarge (EINVALID): a media file is over the platform's limit. Params "file" and
	// "limit_mb".
	KeyMediaTooLarge = "post_media_too_large"
)

// Reasons a post must be published by hand: the "reason" param of KeyPublishUnsupported.
const (
	// PublishReasonTextOnly: the platform publishes no post without a photo or a video
	// (Instagram).
	PublishReasonTextOnly = "text_only"
	// PublishReasonLocalMedia: the platform fetches media itself from a public https address, so
	// files on this computer cannot be sent (Instagram).
	PublishReasonLocalMedia = "local_media"
	// PublishReasonFormat: the API cannot publish this format (a story on Facebook or Telegram,
	// a live anywhere, a planned DM touchpoint anywhere, a short video on Facebook).
	PublishReasonFormat = "format"
	// PublishReasonMediaCount: too many media files for the API (more than one on Facebook, more
	// than 10 on Instagram or Telegram, more than one for a story).
	PublishReasonMediaCount = "media_count"
	// PublishReasonMediaType: a media file of a type the API does not take, or whose extension
	// says nothing Tend knows (a video on Facebook, a PNG on Instagram, a .heic anywhere).
	PublishReasonMediaType = "media_type"
	// PublishReasonNoTarget: the account has nowhere to publish (a Telegram bot without its
	// publish_chat).
	PublishReasonNoTarget = "no_target"
)

// PublishReasons lists the connectors' reasons, for the frontend's translations (calendar.go
// defines the publisher's own: no_account, account_inactive, platform).
var PublishReasons = []string{PublishReasonTextOnly, PublishReasonLocalMedia, PublishReasonFormat,
	PublishReasonMediaCount, PublishReasonMediaType, PublishReasonNoTarget}

// PublishUnsupported is the EINVALID error of CanPublishPost: message is the English text and
// reason one of the PublishReason constants. platform is a Platform constant ("facebook").
func PublishUnsupported(platform, reason, message string) *Error {
	return Errorf(EINVALID, "%s", message).Localized(KeyPublishUnsupported, "platform", platform, "reason", reason)
}

// PublishWindowError is the EINVALID error of a time outside [earliest, latest] from now, the
// window in which platform holds a post to publish it itself.
func PublishWindowError(platform string, earliest, latest time.Duration) *Error {
	mins := int(earliest / time.Minute)
	days := int(latest / (24 * time.Hour))
	return Errorf(EINVALID, "%s publishes a post at a chosen time only between %d minutes and %d days ahead.", PlatformName(platform), mins, days).
		Localized(KeyPublishWindow, "platform", platform, "earliest_minutes", strconv.Itoa(mins), "latest_days", strconv.Itoa(days))
}

// PublishNoNativeError is the EINVALID error of asking platform, which cannot hold a post for
// later, to schedule or cancel one.
func PublishNoNativeError(platform string) *Error {
	return Errorf(EINVALID, "%s cannot hold a post to publish it later: Tend publishes it at its time.", PlatformName(platform)).
		Localized(KeyPublishNoNative, "platform", platform)
}

// Media kinds MediaKind returns.
const (
	MediaImage = "image"
	MediaVideo = "video"
)

// mediaKinds maps file extensions to media kinds.
var mediaKinds = map[string]string{
	".jpg": MediaImage, ".jpeg": MediaImage, ".png": MediaImage, ".gif": MediaImage, ".webp": MediaImage,
	".bmp": MediaImage, ".tif": MediaImage, ".tiff": MediaImage, ".heic": MediaImage,
	".mp4": MediaVideo, ".mov": MediaVideo, ".m4v": MediaVideo, ".webm": MediaVideo,
}

// MediaExt returns the lower-case extension (".jpg") of a local path or of an address's path,
// "" when it has none.
func MediaExt(media string) string {
	p := media
	if IsMediaURL(media) {
		if u, err := url.Parse(media); err == nil {
			p = u.Path
		}
	} else {
		p = strings.ReplaceAll(p, "\\", "/")
	}
	return strings.ToLower(path.Ext(p))
}

// MediaKind returns MediaImage or MediaVideo from a media file's extension (a local path or an
// http(s) address), "" when the extension is unknown.
func MediaKind(media string) string { return mediaKinds[MediaExt(media)] }

// mediaTypes are the content types of the media extensions, so that an upload does not depend on
// the system's MIME tables.
var mediaTypes = map[string]string{
	".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif", ".webp": "image/webp",
	".bmp": "image/bmp", ".tif": "image/tiff", ".tiff": "image/tiff", ".heic": "image/heic",
	".mp4": "video/mp4", ".m4v": "video/x-m4v", ".mov": "video/quicktime", ".webm": "video/webm",
}

// MediaContentType returns the content type of a media file from its extension,
// application/octet-stream when it is unknown.
func MediaContentType(media string) string {
	ext := MediaExt(media)
	if t := mediaTypes[ext]; t != "" {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// IsMediaURL reports whether media is an http or https address (with a host) rather than a
// local path.
func IsMediaURL(media string) bool {
	u, err := url.Parse(strings.TrimSpace(media))
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// IsPublicMediaURL reports whether media is an https address, one a platform can fetch itself.
func IsPublicMediaURL(media string) bool {
	u, err := url.Parse(strings.TrimSpace(media))
	return err == nil && u.Scheme == "https" && u.Host != ""
}

// WithLink returns caption with link on a line of its own after it, unless link is "" or the
// caption already holds it.
func WithLink(caption, link string) string {
	link = strings.TrimSpace(link)
	switch {
	case link == "" || strings.Contains(caption, link):
		return caption
	case strings.TrimSpace(caption) == "":
		return link
	}
	return strings.TrimRight(caption, " \t\r\n") + "\n" + link
}
