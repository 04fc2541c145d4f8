package whatsapp

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"tend/backend"
)

// platformName is how messages name the platform; it is also the "platform" parameter of errors.
const platformName = "WhatsApp"

// Translation keys of the connector's errors. Every error also carries the English message and
// the parameter "platform" ("WhatsApp").
const (
	KeyWebhookOnly           = "whatsapp_webhook_only"      // EINVALID: Fetch; params account
	KeyWindowClosed          = "whatsapp_window_closed"     // EINVALID: 131047, only a template may be sent
	KeyTemplateRequired      = "whatsapp_template_required" // EINVALID: SendTemplate without name or language
	KeyWebhookMalformed      = "whatsapp_webhook_malformed" // EINVALID: a webhook body that is not JSON
	KeyRateLimited           = "account_rate_limited"       // ERATELIMITED: params seconds when known
	KeyTokenInvalid          = "account_token_invalid"      // EUNAUTHORIZED: 190, expired or revoked token
	KeyPermission            = "account_permission"         // EFORBIDDEN: 10, 200–299; params permission
	KeyRecipientUnavailable  = "send_recipient_unavailable" // EINVALID: 131026, undeliverable
	KeyRefused               = "send_refused"               // EINVALID: any other refusal; params reason
	KeyUnreachable           = "account_unreachable"        // EUNAVAILABLE: network errors and 5xx
	KeyBadResponse           = "account_bad_response"       // EUNAVAILABLE: an answer that is not the API's
	KeyIDRequired            = "account_id_required"        // EINVALID: New; params id
	KeySecretRequired        = "account_secret_required"    // EINVALID: New; params secret
	KeyTargetMissing         = "send_target_missing"        // EINVALID: a send without a customer
	KeyKindUnsupported       = "send_kind_unsupported"      // EINVALID: a comment or live chat reply; params kind
	KeyModerationUnsupported = "moderation_unsupported"     // EINVALID: Moderate; params action
	KeyChannelMissing        = "account_channel_missing"    // EINVALID: ParseWebhook; params account
)

// Waits before retrying after the Cloud API's rate limits, which come without a Retry-After.
const (
	// ThroughputWait follows 130429: a phone number's throughput is counted per second (80
	// messages per second by default), so the next second is usually free again.
	ThroughputWait = time.Second
	// PairRateWait follows 131056: WhatsApp allows about one message every 6 seconds to the same
	// customer.
	PairRateWait = 6 * time.Second
)

// The Cloud API's error codes the connector tells apart.
const (
	codeAuth          = 0
	codeUnknown       = 1
	codeService       = 2
	codeCapability    = 3
	codeAppRate       = 4
	codePermission    = 10
	codeUserRate      = 17
	codeAppRate2      = 32
	codeToken         = 190
	codeAPIRate       = 613
	codeBizRate       = 80007
	codeWABARate      = 80008
	codeThroughput    = 130429
	codeServerError   = 131000
	codeUndeliverable = 131026
	codeWindow        = 131047
	codeSpamRate      = 131048
	codePairRate      = 131056
	codeUnavailable   = 131016
	codeServerBusy    = 133004
)

// apiError is the Graph API's error object, with WhatsApp's error_data.
type apiError struct {
	Message   string          `json:"message"`
	Type      string          `json:"type"`
	Code      flexInt         `json:"code"`
	Subcode   flexInt         `json:"error_subcode"`
	UserTitle string          `json:"error_user_title"`
	UserMsg   string          `json:"error_user_msg"`
	Title     string          `json:"title"`
	ErrorData json.RawMessage `json:"error_data"`
	FBTraceID string          `json:"fbtrace_id"`
}

// details returns error_data.details: WhatsApp's explanation, the one to build on and show.
func (e apiError) details() string {
	if len(e.ErrorData) == 0 {
		return ""
	}
	var obj struct {
		Details string `json:"details"`
	}
	if json.Unmarshal(e.ErrorData, &obj) == nil {
		return obj.Details
	}
	var s string
	if json.Unmarshal(e.ErrorData, &s) == nil {
		return s
	}
	return ""
}

// responseError maps an answer of the API to a *backend.Error (nil for a 2xx answer without an
// error object).
func (c *Connector) responseError(status int, header http.Header, body []byte) error {
	var env struct {
		Error *apiError `json:"error"`
	}
	jsonErr := json.Unmarshal(body, &env)
	ok := status >= 200 && status < 300
	if jsonErr == nil && env.Error != nil && (env.Error.Code != 0 || env.Error.Message != "" || !ok) {
		e := *env.Error
		reason := e.details()
		if reason == "" {
			reason = e.Message
		}
		cause := fmt.Errorf("whatsapp: HTTP %d: code %d/%d: %s (fbtrace_id %s)", status, int(e.Code), int(e.Subcode), c.redact(e.Message), e.FBTraceID)
		be, wait := mapCode(int(e.Code), status, c.redact(reason), header, cause)
		if wait > 0 {
			return &backend.RetryAfterError{After: wait, Err: be}
		}
		return be
	}
	if ok {
		if jsonErr != nil {
			return c.badResponse(jsonErr)
		}
		return nil
	}
	cause := fmt.Errorf("whatsapp: HTTP %d: %s", status, c.redact(snippet(body)))
	switch {
	case status == http.StatusUnauthorized:
		return tokenInvalid(cause)
	case status == http.StatusForbidden:
		return permission(cause, "whatsapp_business_messaging")
	case status == http.StatusTooManyRequests:
		return rateLimited(cause, 0)
	case status >= 500:
		return unreachable(cause)
	}
	return c.badResponse(cause)
}

// ErrorFor maps a Cloud API error code with its details (or message) to the *backend.Error a
// person reads: what statuses[].errors[] of a webhook and synchronous errors both carry.
func ErrorFor(code int, details string) *backend.Error {
	be, _ := mapCode(code, http.StatusBadRequest, details, nil, fmt.Errorf("whatsapp: code %d: %s", code, details))
	return be
}

// mapCode maps an error code, with the answer's status and headers, to a *backend.Error and the
// wait to honour before retrying (0 when none is known).
func mapCode(code, status int, reason string, header http.Header, cause error) (*backend.Error, time.Duration) {
	reason = cleanReason(reason)
	switch {
	case code == codeWindow:
		return backend.Wrap(backend.EINVALID, cause, "More than 24 hours have passed since the customer last wrote: only an approved template message can be sent now.").
			Localized(KeyWindowClosed, "platform", platformName), 0
	case code == codeThroughput:
		return rateLimited(cause, ThroughputWait), ThroughputWait
	case code == codePairRate:
		return backend.Wrap(backend.ERATELIMITED, cause, "Too many messages were sent to this customer in a short time: the message will be sent again in %s.", seconds(PairRateWait)).
			Localized(KeyRateLimited, "platform", platformName, "seconds", itoa(int(PairRateWait/time.Second))), PairRateWait
	case code == codeAppRate || code == codeUserRate || code == codeAppRate2 || code == codeAPIRate ||
		code == codeBizRate || code == codeWABARate || code == codeSpamRate:
		wait := regainAccess(header)
		return rateLimited(cause, wait), wait
	case code == codeToken || code == codeAuth && status == http.StatusUnauthorized:
		return tokenInvalid(cause), 0
	case code == codePermission || code == codeCapability || code >= 200 && code <= 299:
		return permission(cause, "whatsapp_business_messaging"), 0
	case code == codeUndeliverable:
		return backend.Wrap(backend.EINVALID, cause, "WhatsApp could not deliver the message to this customer: their app may be out of date, or they may not receive messages from businesses.").
			Localized(KeyRecipientUnavailable, "platform", platformName), 0
	case code == codeUnknown || code == codeService || code == codeServerError || code == codeUnavailable ||
		code == codeServerBusy || status >= 500:
		return unreachable(cause), 0
	}
	if reason == "" {
		reason = "no reason given (error " + itoa(code) + ")"
	}
	return backend.Wrap(backend.EINVALID, cause, "WhatsApp refused the message: %s", reason).
		Localized(KeyRefused, "platform", platformName, "reason", reason, "code", itoa(code)), 0
}

func rateLimited(cause error, wait time.Duration) *backend.Error {
	if wait > 0 {
		return backend.Wrap(backend.ERATELIMITED, cause, "WhatsApp is limiting how fast this account may send: the message will be sent again in %s.", seconds(wait)).
			Localized(KeyRateLimited, "platform", platformName, "seconds", itoa(int((wait+time.Second-1)/time.Second)))
	}
	return backend.Wrap(backend.ERATELIMITED, cause, "WhatsApp is limiting how fast this account may send: the message will be sent again later.").
		Localized(KeyRateLimited, "platform", platformName)
}

func tokenInvalid(cause error) *backend.Error {
	return backend.Wrap(backend.EUNAUTHORIZED, cause, "The WhatsApp access token is invalid or has expired: reconnect the account with a new token.").
		Localized(KeyTokenInvalid, "platform", platformName)
}

func permission(cause error, perm string) *backend.Error {
	return backend.Wrap(backend.EFORBIDDEN, cause, "The WhatsApp access token lacks the permission %s: grant it to the app and reconnect the account.", perm).
		Localized(KeyPermission, "platform", platformName, "permission", perm)
}

func unreachable(cause error) *backend.Error {
	return backend.Wrap(backend.EUNAVAILABLE, cause, "Could not reach WhatsApp: it will be tried again later.").
		Localized(KeyUnreachable, "platform", platformName)
}

func (c *Connector) badResponse(cause error) *backend.Error {
	return backend.Wrap(backend.EUNAVAILABLE, errors.New(c.redact(cause.Error())), "WhatsApp's answer could not be read: check the account's API address, or try again later.").
		Localized(KeyBadResponse, "platform", platformName)
}

// regainAccess reads X-Business-Use-Case-Usage, whose estimated_time_to_regain_access is in
// minutes, and returns the longest wait it gives (0 when none).
func regainAccess(header http.Header) time.Duration {
	if header == nil {
		return 0
	}
	raw := header.Get("X-Business-Use-Case-Usage")
	if raw == "" {
		return 0
	}
	var usage map[string][]struct {
		Minutes flexInt `json:"estimated_time_to_regain_access"`
	}
	if json.Unmarshal([]byte(raw), &usage) != nil {
		return 0
	}
	var most int
	for _, list := range usage {
		for _, u := range list {
			most = max(most, int(u.Minutes))
		}
	}
	if most <= 0 {
		return 0
	}
	return time.Duration(min(most, 24*60)) * time.Minute
}

// cleanReason makes a platform's reason one short line.
func cleanReason(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 300 {
		r := []rune(s)
		s = string(r[:300]) + "…"
	}
	return s
}

// snippet is the start of a body, for logs.
func snippet(b []byte) string {
	s := strings.ToValidUTF8(string(b[:min(len(b), 200)]), "?")
	return strings.Join(strings.Fields(s), " ")
}

// seconds writes "1 second", "6 seconds", "5 minutes".
func seconds(d time.Duration) string {
	switch s := int((d + time.Second - 1) / time.Second); {
	case s == 1:
		return "1 second"
	case s < 120:
		return strconv.Itoa(s) + " seconds"
	default:
		return strconv.Itoa((s+59)/60) + " minutes"
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// flexInt decodes a JSON number or a string holding one ("131056"), as some proxies send codes.
type flexInt int

func (f *flexInt) UnmarshalJSON(b []byte) error {
	s := strings.Trim(strings.TrimSpace(string(b)), `"`)
	if s == "" || s == "null" {
		*f = 0
		return nil
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return err
	}
	if n > 1<<31 || n < -(1<<31) {
		n = 0
	}
	*f = flexInt(n)
	return nil
}
