package graph

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"tend/backend"
)

// Translation keys of the errors ParseError and Client return.
const (
	// KeyTokenInvalid (EUNAUTHORIZED): error 190 (or 102, 104). Param "reason": expired,
	// password_changed, app_removed, checkpoint, unconfirmed, missing or invalid.
	KeyTokenInvalid = "account_token_invalid"
	// KeyPermission (EFORBIDDEN): errors 3, 10, 200–299. Param "permission": the permission's name
	// when the message names it, else "" (connectors fill in the one their call needs).
	KeyPermission = "account_permission"
	// KeyRateLimited (ERATELIMITED, inside a *backend.RetryAfterError): errors 4, 17, 32, 613,
	// 80001–80008, 130429, 131056. Params "seconds" (the exact wait) and "minutes" (rounded up).
	KeyRateLimited = "account_rate_limited"
	// KeyOutsideWindow (EINVALID): error 10 with subcode 2018278 or 2534022, the messaging window
	// is closed.
	KeyOutsideWindow = "send_outside_window"
	// KeyRecipientUnavailable (EINVALID): 10/2018108 and 551 (1545041), the person cannot receive
	// messages.
	KeyRecipientUnavailable = "send_recipient_unavailable"
	// KeyUnreachable (EUNAVAILABLE): network failures, 5xx answers, errors 1 and 2, transient errors.
	KeyUnreachable = "account_unreachable"
	// KeyBadResponse (EUNAVAILABLE): an answer that is not the Graph API's JSON. Param "status".
	KeyBadResponse = "account_bad_response"
	// KeyRefused (EINVALID): any other Graph error. Param "reason": Meta's message for the user
	// (error_user_msg), else its message.
	KeyRefused = "send_refused"
)

// Waits used when Meta does not say how long to wait.
const (
	// DefaultRateLimitWait is the wait after a rate-limit error that names no wait: the
	// X-App-Usage header gives percentages only, and Meta documents no Retry-After.
	DefaultRateLimitWait = 60 * time.Second
	// ThrottledWait is the wait UsageWait asks when a usage header reaches 100% without an
	// estimated_time_to_regain_access.
	ThrottledWait = 60 * time.Second
	// SlowDownAt is the usage percentage from which UsageWait asks for SlowDownWait, so that the
	// limit is not reached.
	SlowDownAt = 90
	// SlowDownWait is the pause UsageWait asks when usage is at SlowDownAt or more.
	SlowDownWait = 10 * time.Second
)

// Graph error codes and subcodes with a meaning of their own.
const (
	CodeTokenInvalid         = 190     // the access token is invalid or expired
	CodePermissionDenied     = 10      // a permission is missing (or, with a subcode below, a messaging rule)
	CodeRecipientUnavailable = 551     // the person is not available (subcode 1545041)
	SubcodeOutsideWindow     = 2018278 // the 24-hour (or 7-day HUMAN_AGENT) window is closed
	SubcodeOutsideWindowIG   = 2534022 // Instagram's variant of SubcodeOutsideWindow
	SubcodeNotReceiving      = 2018108 // the person is not receiving messages from the Page
	SubcodeUnavailable       = 1545041 // with 551: the person is not available
)

const (
	maxReasonRunes            = 500
	minPermissionCode         = 200
	maxPermissionCode         = 299
	minBusinessRateLimitCode  = 80001
	maxBusinessRateLimitCode  = 80008
	whatsAppThroughputLimit   = 130429
	whatsAppPairRateLimit     = 131056
	apiUnknownCode            = 1
	apiServiceCode            = 2
	apiMethodCode             = 3
	apiSessionCode            = 102
	accessTokenRequiredCode   = 104
	subcodeAppNotInstalled    = 458
	subcodeUserCheckpointed   = 459
	subcodePasswordChanged    = 460
	subcodeExpired            = 463
	subcodeUnconfirmedUser    = 464
	subcodeInvalidAccessToken = 467
)

// APIError is a Graph API error object as Meta sends it, with the HTTP status. The *backend.Error
// values ParseError returns keep it as their cause: errors.As finds it for the code and subcode.
type APIError struct {
	Status    int    `json:"-"`
	Message   string `json:"message"`
	Type      string `json:"type"`
	Code      int    `json:"code"`
	Subcode   int    `json:"error_subcode"`
	UserTitle string `json:"error_user_title"`
	UserMsg   string `json:"error_user_msg"`
	TraceID   string `json:"fbtrace_id"`
	Transient bool   `json:"is_transient"`
}

func (e *APIError) Error() string {
	code := strconv.Itoa(e.Code)
	if e.Subcode != 0 {
		code += "/" + strconv.Itoa(e.Subcode)
	}
	s := fmt.Sprintf("graph: HTTP %d: error %s", e.Status, code)
	if e.Type != "" {
		s += " " + e.Type
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.TraceID != "" {
		s += " (fbtrace_id " + e.TraceID + ")"
	}
	return s
}

// UnmarshalJSON reads an error object leniently: codes may come as numbers or strings.
func (e *APIError) UnmarshalJSON(b []byte) error {
	var raw struct {
		Message   json.RawMessage `json:"message"`
		Type      json.RawMessage `json:"type"`
		Code      json.RawMessage `json:"code"`
		Subcode   json.RawMessage `json:"error_subcode"`
		UserTitle json.RawMessage `json:"error_user_title"`
		UserMsg   json.RawMessage `json:"error_user_msg"`
		TraceID   json.RawMessage `json:"fbtrace_id"`
		Transient json.RawMessage `json:"is_transient"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	e.Message, e.Type = text(raw.Message), text(raw.Type)
	e.Code, e.Subcode = number(raw.Code), number(raw.Subcode)
	e.UserTitle, e.UserMsg, e.TraceID = text(raw.UserTitle), text(raw.UserMsg), text(raw.TraceID)
	e.Transient = string(raw.Transient) == "true"
	return nil
}

// text returns a JSON string's value, or a scalar's literal text.
func text(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// number returns a JSON number's (or numeric string's) integer value, 0 when there is none.
func number(raw json.RawMessage) int {
	s := text(raw)
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f >= math.MinInt32 && f <= math.MaxInt32 {
		return int(f)
	}
	return 0
}

// DefaultPlatform is the name errors give the platform when the caller does not say which of
// Meta's it is.
const DefaultPlatform = "Meta"

// ParseError turns a Graph API answer into an error: nil for a success (a 2xx answer whose body
// is JSON without an "error" object), else a *backend.Error whose cause is the *APIError (when
// the body had one). Every error carries the parameter "platform" (DefaultPlatform here; see
// ParseErrorFor) besides those listed:
//
//   - 190 (and 102, 104): EUNAUTHORIZED account_token_invalid, saying why from the subcode
//     (458 app removed, 459 checkpoint, 460 password changed, 463 expired, 464 unconfirmed,
//     467 invalid);
//   - 10 with subcode 2018278 or 2534022: EINVALID send_outside_window;
//   - 10/2018108 and 551: EINVALID send_recipient_unavailable;
//   - 4, 17, 32, 613, 80001–80008 (and WhatsApp's 130429, 131056): ERATELIMITED
//     account_rate_limited, wrapped in a *backend.RetryAfterError whose wait is the largest
//     estimated_time_to_regain_access of X-Business-Use-Case-Usage (minutes), else a Retry-After
//     header (seconds or an HTTP date, read against now), else UsageWait, else
//     DefaultRateLimitWait;
//   - 3, 10, 200–299: EFORBIDDEN account_permission, naming the permission when the message does;
//   - 1, 2, transient errors and 5xx answers: EUNAVAILABLE account_unreachable;
//   - a body that is not JSON: EUNAVAILABLE account_bad_response (a 429 without an error object
//     is a rate limit);
//   - any other error: EINVALID send_refused with Meta's reason and code.
func ParseError(resp *http.Response, body []byte, now time.Time) error {
	return ParseErrorFor(resp, body, now, DefaultPlatform)
}

// ParseErrorFor is ParseError naming the platform ("Instagram", "Facebook", "WhatsApp") in the
// messages and the "platform" parameter.
func ParseErrorFor(resp *http.Response, body []byte, now time.Time, platform string) error {
	if platform == "" {
		platform = DefaultPlatform
	}
	status := 0
	header := http.Header{}
	if resp != nil {
		status = resp.StatusCode
		if resp.Header != nil {
			header = resp.Header
		}
	}
	var env struct {
		Error json.RawMessage `json:"error"`
	}
	valid := json.Valid(body)
	var api *APIError
	if valid && json.Unmarshal(body, &env) == nil && len(env.Error) > 0 && env.Error[0] == '{' {
		api = &APIError{}
		if json.Unmarshal(env.Error, api) != nil {
			api = nil
		}
	}
	if api == nil {
		switch {
		case status == http.StatusTooManyRequests:
			return rateLimited(platform, retryWait(header, now), fmt.Errorf("graph: HTTP %d without an error object", status))
		case status >= 500:
			return unreachableStatus(platform, status, fmt.Errorf("graph: HTTP %d", status))
		case !valid:
			return badResponse(platform, status, fmt.Errorf("graph: HTTP %d with a body that is not JSON", status))
		case status >= 200 && status < 300:
			return nil
		default:
			return badResponse(platform, status, fmt.Errorf("graph: HTTP %d without an error object", status))
		}
	}
	api.Status = status
	return FromAPIError(api, header, now, platform)
}

// FromAPIError maps a Graph error object as ParseErrorFor does; header holds the answer's usage
// headers (for the rate-limit wait) and may be nil. The result is a *backend.Error, or for a rate
// limit a *backend.RetryAfterError around one.
func FromAPIError(api *APIError, header http.Header, now time.Time, platform string) error {
	if header == nil {
		header = http.Header{}
	}
	if platform == "" {
		platform = DefaultPlatform
	}
	code, sub := api.Code, api.Subcode
	switch {
	case code == CodeTokenInvalid || code == apiSessionCode || code == accessTokenRequiredCode:
		return tokenInvalid(platform, api)
	case code == CodePermissionDenied && (sub == SubcodeOutsideWindow || sub == SubcodeOutsideWindowIG):
		return backend.Wrap(backend.EINVALID, api, "The reply window of this conversation is closed: %s accepts replies within 24 hours of the person's last message, or 7 days for a reply written by a person. It can be sent once they write again.", platform).
			Localized(KeyOutsideWindow, "platform", platform)
	case code == CodePermissionDenied && sub == SubcodeNotReceiving || code == CodeRecipientUnavailable:
		return backend.Wrap(backend.EINVALID, api, "This person cannot receive messages from the account on %s right now: they may have blocked it or turned off its messages.", platform).
			Localized(KeyRecipientUnavailable, "platform", platform)
	case isRateLimit(code):
		return rateLimited(platform, retryWait(header, now), api)
	case code == apiMethodCode || code == CodePermissionDenied || code >= minPermissionCode && code <= maxPermissionCode:
		return permission(platform, api)
	case code == apiUnknownCode || code == apiServiceCode || api.Transient || api.Status >= 500:
		return unreachableStatus(platform, api.Status, api)
	}
	reason := api.UserMsg
	if strings.TrimSpace(reason) == "" {
		reason = api.Message
	}
	reason = clip(strings.TrimSpace(reason), maxReasonRunes)
	if reason == "" {
		reason = fmt.Sprintf("error %d", code)
	}
	return backend.Wrap(backend.EINVALID, api, "%s refused the request: %s", platform, reason).
		Localized(KeyRefused, "platform", platform, "reason", reason, "code", strconv.Itoa(code))
}

// IsRateLimitCode reports whether a Graph error code is one of the rate-limit codes.
func IsRateLimitCode(code int) bool { return isRateLimit(code) }

func isRateLimit(code int) bool {
	switch code {
	case 4, 17, 32, 613, whatsAppThroughputLimit, whatsAppPairRateLimit:
		return true
	}
	return code >= minBusinessRateLimitCode && code <= maxBusinessRateLimitCode
}

func tokenInvalid(platform string, api *APIError) *backend.Error {
	reason, why := "invalid", "it is not valid"
	switch {
	case api.Code == accessTokenRequiredCode:
		reason, why = "missing", "no access token was given"
	case api.Subcode == subcodeExpired:
		reason, why = "expired", "it has expired"
	case api.Subcode == subcodePasswordChanged:
		reason, why = "password_changed", "the password of the Facebook account that granted it was changed"
	case api.Subcode == subcodeAppNotInstalled:
		reason, why = "app_removed", "the app was removed from the account"
	case api.Subcode == subcodeUserCheckpointed:
		reason, why = "checkpoint", "Facebook asks the person who granted it to log in to facebook.com first"
	case api.Subcode == subcodeUnconfirmedUser:
		reason, why = "unconfirmed", "the person who granted it has not confirmed their Facebook account"
	case api.Subcode == subcodeInvalidAccessToken:
		reason, why = "invalid", "it is not valid"
	case strings.Contains(strings.ToLower(api.Message), "expired"):
		reason, why = "expired", "it has expired"
	}
	return backend.Wrap(backend.EUNAUTHORIZED, api, "%s no longer accepts this account's access token: %s. Reconnect the account.", platform, why).
		Localized(KeyTokenInvalid, "platform", platform, "reason", reason)
}

// permissionName finds a permission's name in Meta's message ("Requires pages_messaging
// permission", "the 'instagram_manage_comments' permission").
var permissionName = regexp.MustCompile(`\b(pages_[a-z_]+|instagram_[a-z_]+|business_management|whatsapp_business_[a-z_]+|read_insights|ads_management|ads_read|public_profile|email)\b`)

func permission(platform string, api *APIError) *backend.Error {
	name := permissionName.FindString(api.Message + " " + api.UserMsg)
	if name == "" {
		return backend.Wrap(backend.EFORBIDDEN, api, "%s refused the request: the app lacks a permission on this account. Reconnect the account and grant every permission asked.", platform).
			Localized(KeyPermission, "platform", platform, "permission", "")
	}
	return PermissionError(api, platform, name)
}

// PermissionError is the EFORBIDDEN account_permission error naming the permission a call needs.
func PermissionError(cause error, platform, name string) *backend.Error {
	if platform == "" {
		platform = DefaultPlatform
	}
	return backend.Wrap(backend.EFORBIDDEN, cause, "%s refused the request: the app lacks the %s permission on this account. Reconnect the account and grant it.", platform, name).
		Localized(KeyPermission, "platform", platform, "permission", name)
}

// retryWait is how long a rate-limited caller must wait.
func retryWait(h http.Header, now time.Time) time.Duration {
	if d := regainWait(h); d > 0 {
		return d
	}
	if d := retryAfter(h.Get("Retry-After"), now); d > 0 {
		return d
	}
	if d := UsageWait(h); d > 0 {
		return d
	}
	return DefaultRateLimitWait
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s > 0 && s < 7*24*3600 {
			return time.Duration(s) * time.Second
		}
		return 0
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) && t.Sub(now) < 7*24*time.Hour {
		return t.Sub(now)
	}
	return 0
}

// rateLimited is the ERATELIMITED error of a wait, in a *backend.RetryAfterError.
func rateLimited(platform string, wait time.Duration, cause error) error {
	if wait <= 0 {
		wait = DefaultRateLimitWait
	}
	seconds := int(math.Ceil(wait.Seconds()))
	minutes := (seconds + 59) / 60
	e := backend.Wrap(backend.ERATELIMITED, cause, "%s is limiting requests for this account: Tend will try again in %s.", platform, humanWait(seconds)).
		Localized(KeyRateLimited, "platform", platform, "seconds", strconv.Itoa(seconds), "minutes", strconv.Itoa(minutes))
	return &backend.RetryAfterError{After: wait, Err: e}
}

// humanWait says a wait in English: "45 seconds", "1 minute", "12 minutes".
func humanWait(seconds int) string {
	switch {
	case seconds == 1:
		return "1 second"
	case seconds < 60:
		return strconv.Itoa(seconds) + " seconds"
	case seconds <= 60:
		return "1 minute"
	default:
		return strconv.Itoa((seconds+59)/60) + " minutes"
	}
}

func unreachable(platform string, cause error) error {
	return backend.Wrap(backend.EUNAVAILABLE, cause, "Could not reach %s's servers: Tend will try again.", platform).
		Localized(KeyUnreachable, "platform", platform)
}

func unreachableStatus(platform string, status int, cause error) *backend.Error {
	if status >= 500 {
		return backend.Wrap(backend.EUNAVAILABLE, cause, "%s's servers failed (HTTP %d): Tend will try again.", platform, status).
			Localized(KeyUnreachable, "platform", platform)
	}
	return backend.Wrap(backend.EUNAVAILABLE, cause, "%s's servers could not handle the request right now: Tend will try again.", platform).
		Localized(KeyUnreachable, "platform", platform)
}

func badResponse(platform string, status int, cause error) error {
	return backend.Wrap(backend.EUNAVAILABLE, cause, "%s sent an answer Tend cannot read (HTTP %d): Tend will try again.", platform, status).
		Localized(KeyBadResponse, "platform", platform, "status", strconv.Itoa(status))
}

// clip cuts s to at most n runes, on a rune boundary, marking the cut with "…".
func clip(s string, n int) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
