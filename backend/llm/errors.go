package llm

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"tend/backend"
)

// Translation keys of the errors StreamDraft returns. Every error also carries the English message
// and, except for KeyCancelled, the server address as the "url" parameter.
const (
	KeyCancelled    = "model_cancelled"      // ECONFLICT: the caller cancelled the draft
	KeyTimeout      = "model_timeout"        // EUNAVAILABLE, params seconds, url
	KeyKeyMissing   = "model_key_missing"    // EUNAUTHORIZED: 401 and no key was given
	KeyBadKey       = "model_bad_key"        // EUNAUTHORIZED: 401 with a key
	KeyForbidden    = "model_forbidden"      // EFORBIDDEN: 403, params model, url
	KeyQuota        = "model_quota_exceeded" // EFORBIDDEN: 429 insufficient_quota (billing, not a rate)
	KeyUnknownModel = "model_unknown"        // ENOTFOUND, params model, url
	KeyNotPulled    = "model_not_pulled"     // ENOTFOUND: Ollama does not have the model, params model, url
	KeyNotChat      = "model_not_chat"       // EINVALID: a legacy completion model, params model
	KeyBadURL       = "model_bad_url"        // EUNAVAILABLE: 404 not about a model, params url
	KeyRateLimited  = "model_rate_limited"   // ERATELIMITED, params url and, when the server said, seconds
	KeyServerError  = "model_server_error"   // EUNAVAILABLE: 5xx, params status, url
	KeyRejected     = "model_rejected"       // EUNAVAILABLE: another 4xx, params status, url
	KeyUnreachable  = "model_unreachable"    // EUNAVAILABLE, params url and, for a local preset, server
	KeyTLS          = "model_tls"            // EUNAVAILABLE: certificate or http/https mismatch, params url
	KeyStreamCut    = "model_stream_cut"     // EUNAVAILABLE: the answer stopped before its end
	KeyGarbage      = "model_garbage"        // EUNAVAILABLE: the answer is not the API's
	KeyStreamError  = "model_stream_error"   // EUNAVAILABLE: an error object inside a 200 answer
	KeyEmpty        = "model_empty"          // EUNAVAILABLE: the model wrote nothing, params model, url
	KeyFailed       = "model_failed"         // EUNAVAILABLE: anything else, params url
)

// redactedKeyLabel replaces the API key in the text of errors.
const redactedKeyLabel = "[redacted]"

// errTimeout is the cause of the draft's context when its own deadline passes, so that a timeout
// is told apart from a caller's cancellation or deadline.
var errTimeout = errors.New("llm: the draft's timeout passed")

// fail turns any failure of a draft into a *backend.Error. ctx is the caller's context, dctx the
// draft's (ctx with the timeout), x what the transport saw, and streaming whether the answer's
// body had started.
func (d *Drafter) fail(ctx, dctx context.Context, x *exchange, err error, streaming bool) *backend.Error {
	cause := d.redact(err)
	retryAfter, other, errorLine := x.snapshot()
	switch {
	case ctx.Err() != nil:
		return backend.Wrap(backend.ECONFLICT, ctx.Err(), "The draft was cancelled.").Localized(KeyCancelled)
	case errors.Is(context.Cause(dctx), errTimeout):
		return d.timeout(cause)
	}

	var reqErr *openai.RequestError
	var apiErr *openai.APIError
	hasReqErr, hasAPIErr := errors.As(err, &reqErr), errors.As(err, &apiErr)
	if hasReqErr || hasAPIErr {
		var status int
		var code, text string
		if hasReqErr {
			status = reqErr.HTTPStatusCode
			text = string(reqErr.Body[:min(len(reqErr.Body), 2048)])
		}
		if hasAPIErr {
			if status == 0 {
				status = apiErr.HTTPStatusCode
			}
			if s, ok := apiErr.Code.(string); ok {
				code = s
			}
			text = apiErr.Message
		}
		return d.apiError(cause, status, code, text, retryAfter)
	}

	switch {
	case errors.Is(err, openai.ErrChatCompletionInvalidModel):
		return backend.Wrap(backend.EINVALID, cause, "The model %q cannot chat: choose a chat model in Settings → AI model.", d.label).
			Localized(KeyNotChat, "model", d.label)
	case unreachable(err):
		return d.unreachable(cause)
	case badTLS(err):
		return backend.Wrap(backend.EUNAVAILABLE, cause, "Could not open a secure connection to %s: check whether the address starts with http or https, and the server's certificate.", d.url).
			Localized(KeyTLS, "url", d.url)
	case isNetTimeout(err):
		return d.timeout(cause)
	case !streaming:
		// The request failed before any answer: the connection was refused, reset or closed.
		if errors.As(err, new(*url.Error)) {
			return d.unreachable(cause)
		}
	case errors.Is(err, io.EOF):
		// The body ended without a finish_reason or [DONE].
		switch {
		case errorLine:
			return d.streamError(cause)
		case other:
			return d.garbage(cause)
		}
		return d.streamCut(cause)
	case errors.As(err, new(*json.SyntaxError)), errors.As(err, new(*json.UnmarshalTypeError)),
		errors.Is(err, openai.ErrTooManyEmptyStreamMessages):
		return d.garbage(cause)
	default:
		// A read error in the middle of the body: io.ErrUnexpectedEOF, a reset connection.
		return d.streamCut(cause)
	}
	return backend.Wrap(backend.EUNAVAILABLE, cause, "The model server at %s could not write a draft.", d.url).Localized(KeyFailed, "url", d.url)
}

// apiError maps an error answer of the API: status is its HTTP status, 0 for an error object
// inside a 200 stream; code and text are the error's code and message (or raw body).
func (d *Drafter) apiError(cause error, status int, code, text, retryAfter string) *backend.Error {
	if status == 0 {
		switch code {
		case "invalid_api_key":
			status = http.StatusUnauthorized
		case "model_not_found":
			status = http.StatusNotFound
		case "rate_limit_exceeded", "insufficient_quota":
			status = http.StatusTooManyRequests
		default:
			return d.streamError(cause)
		}
	}
	// A model the server lacks: OpenAI's code, or a message about a model ("The model `x` does not
	// exist", Ollama's "model \"x\" not found, try pulling it first"); a 404 about anything else is
	// a path the server does not serve, so a wrong base URL.
	lower := strings.ToLower(text)
	aboutModel := code == "model_not_found" || strings.Contains(lower, "model") && (status == http.StatusNotFound ||
		strings.Contains(lower, "not found") || strings.Contains(lower, "does not exist") || strings.Contains(lower, "unknown"))
	switch {
	case status == http.StatusUnauthorized && !d.hasKey:
		return backend.Wrap(backend.EUNAUTHORIZED, cause, "This server needs an API key: add it in Settings → AI model.").
			Localized(KeyKeyMissing, "url", d.url)
	case status == http.StatusUnauthorized:
		return backend.Wrap(backend.EUNAUTHORIZED, cause, "The server refused the API key: check it in Settings → AI model.").
			Localized(KeyBadKey, "url", d.url)
	case status == http.StatusForbidden:
		return backend.Wrap(backend.EFORBIDDEN, cause, "The server at %s refused access to the model %q with this API key: check the key's permissions.", d.url, d.label).
			Localized(KeyForbidden, "model", d.label, "url", d.url)
	case status == http.StatusTooManyRequests && code == "insufficient_quota":
		return backend.Wrap(backend.EFORBIDDEN, cause, "The account of this API key has no quota left at %s: check its plan and billing.", d.url).
			Localized(KeyQuota, "url", d.url)
	case status == http.StatusTooManyRequests:
		if s, ok := retrySeconds(retryAfter, time.Now()); ok {
			return backend.Wrap(backend.ERATELIMITED, cause, "The model server at %s is limiting requests: try again in %s.", d.url, seconds(s)).
				Localized(KeyRateLimited, "seconds", strconv.Itoa(s), "url", d.url)
		}
		return backend.Wrap(backend.ERATELIMITED, cause, "The model server at %s is limiting requests: try again in a moment.", d.url).
			Localized(KeyRateLimited, "url", d.url)
	case status >= 500:
		return backend.Wrap(backend.EUNAVAILABLE, cause, "The model server at %s failed (HTTP %d): try again later.", d.url, status).
			Localized(KeyServerError, "status", strconv.Itoa(status), "url", d.url)
	case status >= 400 && aboutModel:
		if d.preset != nil && d.preset.ID == "ollama" {
			return backend.Wrap(backend.ENOTFOUND, cause, "Ollama has no model named %q: run \"ollama pull %s\" first, or choose another model.", d.label, d.label).
				Localized(KeyNotPulled, "model", d.label, "url", d.url)
		}
		return backend.Wrap(backend.ENOTFOUND, cause, "The server at %s has no model named %q: check the model name in Settings → AI model.", d.url, d.label).
			Localized(KeyUnknownModel, "model", d.label, "url", d.url)
	case status == http.StatusNotFound:
		return backend.Wrap(backend.EUNAVAILABLE, cause, "The server at %s does not offer the chat completions API: check the address (it usually ends in /v1).", d.url).
			Localized(KeyBadURL, "url", d.url)
	default:
		return backend.Wrap(backend.EUNAVAILABLE, cause, "The model server at %s refused the request (HTTP %d): check the model settings.", d.url, status).
			Localized(KeyRejected, "status", strconv.Itoa(status), "url", d.url)
	}
}

func (d *Drafter) timeout(cause error) *backend.Error {
	s := int((d.limit + time.Second - 1) / time.Second)
	return backend.Wrap(backend.EUNAVAILABLE, cause, "The model server at %s did not finish the draft within %s.", d.url, seconds(s)).
		Localized(KeyTimeout, "seconds", strconv.Itoa(s), "url", d.url)
}

func (d *Drafter) unreachable(cause error) *backend.Error {
	if d.preset != nil {
		return backend.Wrap(backend.EUNAVAILABLE, cause, "Is %s running at %s?", d.preset.Name, d.url).
			Localized(KeyUnreachable, "server", d.preset.Name, "url", d.url)
	}
	return backend.Wrap(backend.EUNAVAILABLE, cause, "Could not reach the model server at %s.", d.url).Localized(KeyUnreachable, "url", d.url)
}

func (d *Drafter) streamCut(cause error) *backend.Error {
	return backend.Wrap(backend.EUNAVAILABLE, cause, "The connection to the model server at %s was cut before the draft was finished: try again.", d.url).
		Localized(KeyStreamCut, "url", d.url)
}

func (d *Drafter) streamError(cause error) *backend.Error {
	return backend.Wrap(backend.EUNAVAILABLE, cause, "The model server at %s reported an error while writing the draft: try again.", d.url).
		Localized(KeyStreamError, "url", d.url)
}

func (d *Drafter) garbage(cause error) *backend.Error {
	return backend.Wrap(backend.EUNAVAILABLE, cause, "The server at %s did not answer like an OpenAI-compatible API: check the address.", d.url).
		Localized(KeyGarbage, "url", d.url)
}

func (d *Drafter) empty() *backend.Error {
	return backend.Errorf(backend.EUNAVAILABLE, "The model %q returned an empty answer: try again or choose another model.", d.label).
		Localized(KeyEmpty, "model", d.label, "url", d.url)
}

// seconds writes "1 second", "20 seconds".
func seconds(n int) string {
	if n == 1 {
		return "1 second"
	}
	return strconv.Itoa(n) + " seconds"
}

// unreachable reports a failure to connect: refused, no route, unknown host.
func unreachable(err error) bool {
	var dnsErr *net.DNSError
	var opErr *net.OpError
	return errors.As(err, &dnsErr) || errors.As(err, &opErr) && opErr.Op == "dial" && !opErr.Timeout() ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH)
}

// badTLS reports a certificate the client does not trust, or TLS spoken to a plain HTTP server.
func badTLS(err error) bool {
	var verify *tls.CertificateVerificationError
	var record tls.RecordHeaderError
	var authority x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	return errors.As(err, &verify) || errors.As(err, &record) || errors.As(err, &authority) || errors.As(err, &hostname) ||
		errors.As(err, &invalid) || strings.Contains(err.Error(), "server gave HTTP response to HTTPS client")
}

func isNetTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// retrySeconds reads a Retry-After header: delay seconds or an HTTP date. Headers of error answers
// are not exposed by go-openai; the Drafter's transport records them.
func retrySeconds(h string, now time.Time) (int, bool) {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(h); err == nil {
		return max(s, 0), s >= 0
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(int((t.Sub(now)+time.Second-1)/time.Second), 0), true
	}
	return 0, false
}

// redact returns err, or an error with the same text minus the API key when the text holds it (a
// server may echo the key it refused). The redacted error drops the chain: its links would still
// hold the key.
func (d *Drafter) redact(err error) error {
	if err == nil || d.apiKey == "" || !strings.Contains(err.Error(), d.apiKey) {
		return err
	}
	return &redactedError{msg: strings.ReplaceAll(err.Error(), d.apiKey, redactedKeyLabel)}
}

type redactedError struct{ msg string }

func (e *redactedError) Error() string { return e.msg }

// redactString removes the API key from s.
func redactString(s, key string) string {
	if key == "" {
		return s
	}
	return strings.ReplaceAll(s, key, redactedKeyLabel)
}
