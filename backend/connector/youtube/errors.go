package youtube

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"tend/backend"
)

// platformName is how messages name the platform; it is also the "platform" parameter of errors.
const platformName = "YouTube"

// Translation keys of the connector's errors. Every error also carries the English message and
// the parameter "platform" ("YouTube").
const (
	KeyQuota             = "youtube_quota"             // ERATELIMITED: the daily quota is used up; params reset_at, minutes
	KeyChannelNotFound   = "youtube_channel_not_found" // ENOTFOUND: Test; params channel
	KeyChannelMismatch   = "youtube_channel_mismatch"  // EINVALID: Test; params channel, token_channel
	KeyChannelMissing    = "account_channel_missing"   // EINVALID: Fetch without an inbox channel; params account
	KeyRateLimited       = "account_rate_limited"      // ERATELIMITED: params seconds
	KeyTokenInvalid      = "account_token_invalid"     // EUNAUTHORIZED: 401, expired or revoked token
	KeyPermission        = "account_permission"        // EFORBIDDEN: params permission
	KeyRefused           = "send_refused"              // EINVALID: params reason, code
	KeyUnreachable       = "account_unreachable"       // EUNAVAILABLE: network errors and 5xx
	KeyBadResponse       = "account_bad_response"      // EUNAVAILABLE: an answer that is not the API's
	KeyIDRequired        = "account_id_required"       // EINVALID: New; params id
	KeySecretRequired    = "account_secret_required"   // EINVALID: New; params secret
	KeyTargetMissing     = "send_target_missing"       // EINVALID: no comment or chat to answer
	KeyModerationTarget  = "moderation_target_missing" // EINVALID: Moderate without a comment id
	KeyKindUnsupported   = "send_kind_unsupported"     // EINVALID: a DM; params kind
	KeyModerationUnknown = "moderation_kind_unknown"   // EINVALID: neither hide, unhide nor delete; params kind
)

// RateLimitWait is the wait after rateLimitExceeded when no Retry-After says otherwise: these
// limits count requests over seconds (a live chat polled faster than its interval), not days.
const RateLimitWait = 10 * time.Second

// The reasons of Google's errors the connector tells apart.
var (
	quotaReasons = []string{"quotaExceeded", "dailyLimitExceeded", "dailyLimitExceededUnreg"}
	rateReasons  = []string{"rateLimitExceeded", "userRateLimitExceeded", "userRequestsExceedRateLimit", "rateLimitExceededUnreg"}
	authReasons  = []string{"authError", "invalidCredentials", "expired", "required", "unauthorized"}
	permReasons  = []string{"insufficientPermissions", "forbidden", "ineligibleAccount", "accountDelegationForbidden",
		"authenticatedUserAccountClosed", "authenticatedUserAccountSuspended", "authenticatedUserNotChannel",
		"channelClosed", "channelSuspended", "insufficientLivePermissions", "accessNotConfigured", "ipRefererBlocked",
		"keyInvalid", "keyExpired"}
	serverReasons = []string{"backendError", "internalError"}
)

// apiError is what call keeps of an error answer, as the cause of the *backend.Error it returns:
// Fetch reads its reasons (a live chat that ended, comments turned off).
type apiError struct {
	Status  int
	Reasons []string
	Text    string // redacted
}

func (e *apiError) Error() string {
	return fmt.Sprintf("youtube: HTTP %d %v: %s", e.Status, e.Reasons, e.Text)
}

// has reports whether the error has one of reasons.
func (e *apiError) has(reasons ...string) bool {
	for _, r := range e.Reasons {
		if slices.Contains(reasons, r) {
			return true
		}
	}
	return false
}

// reasonOf returns the *apiError in err's chain, if any.
func reasonOf(err error) (*apiError, bool) {
	var ae *apiError
	return ae, errors.As(err, &ae)
}

// googleError is Google's error envelope.
type googleError struct {
	Error *struct {
		Code    json.Number `json:"code"`
		Message string      `json:"message"`
		Status  string      `json:"status"`
		Errors  []struct {
			Domain  string `json:"domain"`
			Reason  string `json:"reason"`
			Message string `json:"message"`
		} `json:"errors"`
	} `json:"error"`
}

// responseError maps an answer to a *backend.Error, nil for a 2xx answer.
func (c *Connector) responseError(status int, header http.Header, body []byte) error {
	ok := status >= 200 && status < 300
	var env googleError
	if json.Unmarshal(body, &env) != nil || env.Error == nil {
		switch {
		case ok:
			return nil // a 204, or a body the caller decodes (and may find wrong)
		case status == http.StatusUnauthorized:
			return tokenInvalid(&apiError{Status: status, Text: c.redact(snippet(body))})
		case status == http.StatusForbidden:
			return permission(&apiError{Status: status, Text: c.redact(snippet(body))}, "youtube.force-ssl")
		case status == http.StatusTooManyRequests:
			wait := retryAfter(header, c.now())
			return withWait(rateLimited(&apiError{Status: status}, wait), wait)
		case status >= 500:
			return unreachable(&apiError{Status: status, Text: c.redact(snippet(body))})
		}
		return c.badResponse(fmt.Errorf("youtube: HTTP %d: %s", status, snippet(body)))
	}
	e := env.Error
	ae := &apiError{Status: status}
	if n, err := e.Code.Int64(); err == nil && ok && n >= 400 && n < 600 {
		ae.Status = int(n) // an error object in a 2xx answer: its code says what it is
	}
	reason := e.Message
	quota := false
	for _, d := range e.Errors {
		ae.Reasons = append(ae.Reasons, d.Reason)
		if d.Domain == "youtube.quota" || d.Domain == "usageLimits" && slices.Contains(quotaReasons, d.Reason) {
			quota = true
		}
		if reason == "" {
			reason = d.Message
		}
	}
	reason = cleanReason(c.redact(reason))
	ae.Text = reason
	switch {
	case quota || ae.has(quotaReasons...):
		reset := c.quotaReset()
		wait := reset.Sub(c.now())
		mins := int((wait + time.Minute - 1) / time.Minute)
		be := backend.Wrap(backend.ERATELIMITED, ae, "The YouTube API quota for today is used up: YouTube resets it at midnight Pacific time, in %s.", duration(wait)).
			Localized(KeyQuota, "platform", platformName, "reset_at", reset.UTC().Format(time.RFC3339), "minutes", itoa(mins))
		return withWait(be, wait)
	case ae.has(rateReasons...) || ae.Status == http.StatusTooManyRequests:
		wait := retryAfter(header, c.now())
		if wait == 0 {
			wait = RateLimitWait
		}
		return withWait(rateLimited(ae, wait), wait)
	case ae.Status == http.StatusUnauthorized || ae.has(authReasons...) && ae.Status < 500:
		return tokenInvalid(ae)
	case ae.Status == http.StatusForbidden && ae.has("accessNotConfigured"):
		return permission(ae, "YouTube Data API v3")
	case ae.Status == http.StatusForbidden && (ae.has(permReasons...) || len(ae.Reasons) == 0):
		return permission(ae, "youtube.force-ssl")
	case ae.Status >= 500 || ae.has(serverReasons...):
		return unreachable(ae)
	case ae.Status < 400:
		// An error object in a 2xx answer without an error code: not the API's way.
		return c.badResponse(ae)
	}
	if reason == "" {
		reason = "no reason given (HTTP " + itoa(ae.Status) + ")"
	}
	code := strings.Join(ae.Reasons, ",")
	if code == "" {
		code = itoa(ae.Status)
	}
	return backend.Wrap(backend.EINVALID, ae, "YouTube refused the request: %s", reason).
		Localized(KeyRefused, "platform", platformName, "reason", reason, "code", code)
}

// quotaReset is the next midnight in Pacific time, when YouTube resets daily quotas.
func (c *Connector) quotaReset() time.Time {
	t := c.now().In(c.pacific)
	return time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, c.pacific)
}

func withWait(be *backend.Error, wait time.Duration) error {
	if wait <= 0 {
		return be
	}
	return &backend.RetryAfterError{After: wait, Err: be}
}

// retryAfter reads a Retry-After header: seconds or an HTTP date; 0 when absent.
func retryAfter(header http.Header, now time.Time) time.Duration {
	h := strings.TrimSpace(header.Get("Retry-After"))
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(h); err == nil && s > 0 {
		return time.Duration(min(s, 86400)) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil && t.After(now) {
		return min(t.Sub(now), 24*time.Hour)
	}
	return 0
}

func rateLimited(cause error, wait time.Duration) *backend.Error {
	if wait > 0 {
		return backend.Wrap(backend.ERATELIMITED, cause, "YouTube asks to slow down: trying again in %s.", duration(wait)).
			Localized(KeyRateLimited, "platform", platformName, "seconds", itoa(int((wait+time.Second-1)/time.Second)))
	}
	return backend.Wrap(backend.ERATELIMITED, cause, "YouTube asks to slow down: trying again later.").
		Localized(KeyRateLimited, "platform", platformName)
}

func tokenInvalid(cause error) *backend.Error {
	return backend.Wrap(backend.EUNAUTHORIZED, cause, "The YouTube access token is invalid or has expired: reconnect the account.").
		Localized(KeyTokenInvalid, "platform", platformName)
}

func permission(cause error, perm string) *backend.Error {
	return backend.Wrap(backend.EFORBIDDEN, cause, "YouTube refused access (%s needed): reconnect the account with the channel's owner, or enable it in the Google Cloud project.", perm).
		Localized(KeyPermission, "platform", platformName, "permission", perm)
}

func unreachable(cause error) *backend.Error {
	return backend.Wrap(backend.EUNAVAILABLE, cause, "Could not reach YouTube: it will be tried again later.").
		Localized(KeyUnreachable, "platform", platformName)
}

func (c *Connector) badResponse(cause error) *backend.Error {
	return backend.Wrap(backend.EUNAVAILABLE, errors.New(c.redact(cause.Error())), "YouTube's answer could not be read: check the account's API address, or try again later.").
		Localized(KeyBadResponse, "platform", platformName)
}

var tags = regexp.MustCompile(`<[^>]*>`)

// StripHTML turns the HTML of an error message or a comment's textDisplay into plain text.
func StripHTML(s string) string {
	s = strings.NewReplacer("<br>", "\n", "<br/>", "\n", "<br />", "\n").Replace(s)
	return html.UnescapeString(tags.ReplaceAllString(s, ""))
}

// cleanReason makes a platform's reason one short plain-text line.
func cleanReason(s string) string {
	s = strings.Join(strings.Fields(StripHTML(strings.ToValidUTF8(s, "?"))), " ")
	if utf8.RuneCountInString(s) > 300 {
		s = string([]rune(s)[:300]) + "…"
	}
	return s
}

func snippet(b []byte) string {
	s := strings.ToValidUTF8(string(b[:min(len(b), 200)]), "?")
	return strings.Join(strings.Fields(s), " ")
}

// duration writes a wait in words: "10 seconds", "5 minutes", "7 hours 30 minutes".
func duration(d time.Duration) string {
	s := int((d + time.Second - 1) / time.Second)
	switch {
	case s < 120:
		return plural(s, "second")
	case s < 3600:
		return plural((s+59)/60, "minute")
	}
	m := (s + 59) / 60
	if m%60 == 0 {
		return plural(m/60, "hour")
	}
	return plural(m/60, "hour") + " " + plural(m%60, "minute")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

func itoa(n int) string { return strconv.Itoa(n) }
