package telegram

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"tend/backend"
)

// Translation keys of the errors the connector returns. Every error is a *backend.Error (a rate
// limit is one wrapped in a *backend.RetryAfterError) whose Message is the English text; besides
// the params listed, every one carries "platform": "Telegram", as the other connectors' do, so that
// the keys they share read right for each platform.
const (
	KeySecretMissing    = "account_secret_missing"      // EINVALID: a required secret is absent, params name
	KeyChannelMissing   = "account_channel_missing"     // EINVALID: no inbox channel for the platform, params platform
	KeyTokenInvalid     = "account_token_invalid"       // EUNAUTHORIZED: 401, or 404 (a malformed token)
	KeyRateLimited      = "account_rate_limited"        // ERATELIMITED: 429, params seconds
	KeyUnreachable      = "account_unreachable"         // EUNAVAILABLE: network errors, timeouts and 5xx
	KeyBadResponse      = "account_bad_response"        // EUNAVAILABLE: an answer that is not the Bot API's
	KeyConflict         = "telegram_conflict"           // ECONFLICT: 409, another poller or a webhook is set
	KeyChatMigrated     = "telegram_chat_migrated"      // EINVALID: the group became a supergroup, params chat_id
	KeyRefused          = "send_refused"                // EINVALID (400) or EFORBIDDEN (403): params reason
	KeyTooLong          = "send_too_long"               // EINVALID: text over 4096 characters, params limit, length
	KeyTextRequired     = "reply_text_required"         // EINVALID: empty text (the backend's key)
	KeyModeration       = "moderation_unsupported"      // EINVALID: hide and unhide, params action
	KeyMessageIDInvalid = "telegram_message_id_invalid" // EINVALID: not "<chat_id>:<message_id>", params id
	KeyWebhookInvalid   = "webhook_invalid"             // EINVALID: a webhook body that is not an Update
)

const (
	redactedTokenLabel    = "[redacted]"
	maxReasonBytes        = 500
	defaultRetryAfterSecs = 5
)

// platformName is the "platform" param of every error.
const platformName = "Telegram"

// DefaultRetryAfter is the wait a 429 asks for when neither its body nor its Retry-After header
// says how long (Telegram always says; a proxy may not).
const DefaultRetryAfter = defaultRetryAfterSecs * time.Second

// retryAfterText finds the wait in "Too Many Requests: retry after 17".
var retryAfterText = regexp.MustCompile(`(?i)retry after (\d{1,7})`)

// apiFailure is the cause kept for logs: what Telegram answered, never the token.
type apiFailure struct {
	method      string
	status      int
	code        int
	description string
}

func (f *apiFailure) Error() string {
	if f.description == "" {
		return fmt.Sprintf("telegram %s: HTTP %d", f.method, f.status)
	}
	return fmt.Sprintf("telegram %s: HTTP %d: error %d: %s", f.method, f.status, f.code, f.description)
}

// redactedError is an error whose text had the token in it; the chain is dropped because its
// links would still hold the token.
type redactedError struct{ msg string }

func (e *redactedError) Error() string { return e.msg }

// redact removes the bot token, in every form a URL may carry it, from s.
func (c *Connector) redact(s string) string {
	return redactToken(s, c.token)
}

func redactToken(s, token string) string {
	if token == "" {
		return s
	}
	forms := []string{token, url.PathEscape(token), url.QueryEscape(token)}
	// "<bot id>:<secret>": the secret half alone is as bad a leak (the bot id is public).
	if _, secret, ok := strings.Cut(token, ":"); ok && len(secret) >= 8 {
		forms = append(forms, secret, url.PathEscape(secret), url.QueryEscape(secret))
	}
	for _, t := range forms {
		s = strings.ReplaceAll(s, t, redactedTokenLabel)
	}
	return s
}

func (c *Connector) leaks(s string) bool {
	return c.redact(s) != s
}

// redactErr returns err, or an error with the same text minus the token. A *url.Error (its text
// holds the request URL, hence the token) keeps its type and inner error when that one is clean, so
// that errors.Is(err, context.Canceled) and net.Error checks still work.
func (c *Connector) redactErr(err error) error {
	if err == nil || !c.leaks(err.Error()) {
		return err
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		inner := ue.Err
		if inner != nil && c.leaks(inner.Error()) {
			inner = &redactedError{msg: c.redact(inner.Error())}
		}
		clean := &url.Error{Op: ue.Op, URL: c.redact(ue.URL), Err: inner}
		if !c.leaks(clean.Error()) {
			return clean
		}
	}
	return &redactedError{msg: c.redact(err.Error())}
}

// networkError is the error of a request that got no answer.
func (c *Connector) networkError(method string, err error) error {
	cause := fmt.Errorf("telegram %s: %w", method, c.redactErr(err))
	return backend.Wrap(backend.EUNAVAILABLE, cause, "Telegram cannot be reached right now; Tend will try again.").
		Localized(KeyUnreachable, "platform", platformName)
}

func (c *Connector) badResponse(method string, status int, detail string) error {
	cause := fmt.Errorf("telegram %s: HTTP %d: %s", method, status, c.redact(detail))
	return backend.Wrap(backend.EUNAVAILABLE, cause,
		"The server answered with something other than the Telegram Bot API; check the server address.").
		Localized(KeyBadResponse, "platform", platformName)
}

// apiError maps an unsuccessful answer to a *backend.Error. env is nil when the body was not the
// Bot API's JSON envelope.
func (c *Connector) apiError(method string, status int, header http.Header, env *envelope) error {
	code := status
	desc := ""
	var params responseParameters
	if env != nil {
		if env.ErrorCode != 0 {
			code = env.ErrorCode
		}
		desc = c.redact(env.Description)
		if env.Parameters != nil {
			params = *env.Parameters
		}
	}
	cause := &apiFailure{method: method, status: status, code: code, description: desc}

	switch {
	case code == http.StatusTooManyRequests || status == http.StatusTooManyRequests:
		after := retryAfter(params.RetryAfter, header, desc)
		secs := strconv.FormatInt(int64(after/time.Second), 10)
		e := backend.Wrap(backend.ERATELIMITED, cause, "Telegram asks to wait %s seconds before the next request.", secs).
			Localized(KeyRateLimited, "platform", platformName, "seconds", secs)
		return &backend.RetryAfterError{After: after, Err: e}
	case status >= 500 || (env == nil && code >= 500):
		return backend.Wrap(backend.EUNAVAILABLE, cause, "Telegram cannot be reached right now; Tend will try again.").
			Localized(KeyUnreachable, "platform", platformName)
	case env == nil:
		return c.badResponse(method, status, "the body is not the Bot API's JSON")
	case params.MigrateToChatID != 0:
		id := strconv.FormatInt(params.MigrateToChatID, 10)
		return backend.Wrap(backend.EINVALID, cause,
			"This group became a supergroup (new id %s); its messages now arrive in a new conversation.", id).
			Localized(KeyChatMigrated, "platform", platformName, "chat_id", id)
	case code == http.StatusUnauthorized || code == http.StatusNotFound:
		return backend.Wrap(backend.EUNAUTHORIZED, cause,
			"Telegram refused the bot token: it is wrong or was revoked. Paste the current token from @BotFather.").
			Localized(KeyTokenInvalid, "platform", platformName)
	case code == http.StatusConflict:
		return backend.Wrap(backend.ECONFLICT, cause,
			"Another program is reading this bot's updates, or a webhook is set: stop the other poller, or delete the webhook.").
			Localized(KeyConflict, "platform", platformName)
	case code >= 500:
		return backend.Wrap(backend.EUNAVAILABLE, cause, "Telegram cannot be reached right now; Tend will try again.").
			Localized(KeyUnreachable, "platform", platformName)
	case code == http.StatusForbidden:
		return refused(backend.EFORBIDDEN, cause, desc)
	case code >= 400:
		return refused(backend.EINVALID, cause, desc)
	}
	return c.badResponse(method, status, fmt.Sprintf("ok is false with error code %d", code))
}

// refused is Telegram's refusal of a request, with its reason as the user should read it.
func refused(code string, cause error, desc string) error {
	reason := strings.TrimSpace(desc)
	if reason == "" {
		reason = "no reason given"
	}
	if len(reason) > maxReasonBytes {
		reason = truncate(reason, maxReasonBytes) + "…"
	}
	return backend.Wrap(code, cause, "Telegram refused: %s", reason).Localized(KeyRefused, "platform", platformName, "reason", reason)
}

// retryAfter is the wait a 429 asks for: the body's parameter, else the Retry-After header (seconds
// or an HTTP date), else the number in the description, else DefaultRetryAfter.
func retryAfter(param int, header http.Header, desc string) time.Duration {
	if param > 0 {
		return time.Duration(param) * time.Second
	}
	if v := strings.TrimSpace(header.Get("Retry-After")); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n > 0 {
			return time.Duration(n) * time.Second
		}
		if t, err := http.ParseTime(v); err == nil {
			if d := time.Until(t).Round(time.Second); d > 0 {
				return d
			}
		}
	}
	if m := retryAfterText.FindStringSubmatch(desc); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil && n > 0 {
			return time.Duration(n) * time.Second
		}
	}
	return DefaultRetryAfter
}
