// Package graph speaks Meta's Graph API (graph.facebook.com) for the connectors of Meta's platforms:
// a small client that authenticates every call, reads the rate-limit usage headers and turns
// Graph error objects into *backend.Error values the rest of Tend understands.
//
// The access token travels in the "Authorization: Bearer" header, never in a URL, so that it
// cannot end up in logs, in the text of network errors or in a saved paging cursor; the text of
// every error the client returns is scrubbed of it as well.
package graph

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"tend/backend"
)

// Version is the Graph API version every call names in its path.
const Version = "v21.0"

// DefaultBaseURL is the Graph API's address; an account's BaseURL replaces it (tests, proxies).
const DefaultBaseURL = "https://graph.facebook.com"

// MaxResponseBytes bounds the answers the client reads; a longer one is a bad response.
const MaxResponseBytes = 8 << 20

// Client calls the Graph API for one access token. Its zero value is not usable: set Token, and
// BaseURL, Version, HTTP and Now when the defaults do not fit. A Client is safe for concurrent use.
//
// After each answer the client reads the usage headers (see UsageWait). When Meta says the calls
// are throttled, later calls fail at once with ERATELIMITED until the wait is over, without
// reaching Meta; when usage is merely high, Wait reports how long the caller should pause.
type Client struct {
	BaseURL string // "" means DefaultBaseURL
	Version string // "" means Version
	Token   string
	// AppSecret, when set, adds the appsecret_proof parameter Meta documents for apps that
	// require it (HMAC-SHA256 of the token keyed by the app secret).
	AppSecret string
	HTTP      *http.Client     // nil means http.DefaultClient
	Now       func() time.Time // nil means time.Now
	// Platform names the platform in error messages and their "platform" parameter
	// ("Instagram", "Facebook"); "" means DefaultPlatform.
	Platform string

	mu           sync.Mutex
	blockedUntil time.Time // calls fail fast before this time (Meta throttles them)
	slowUntil    time.Time // calls are allowed, but the caller should pause until this time
}

func (c *Client) platform() string {
	if c.Platform == "" {
		return DefaultPlatform
	}
	return c.Platform
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// Wait returns how long the caller should wait before its next calls, as the last answers'
// usage headers or a rate-limit error asked; 0 when nothing asks to wait.
func (c *Client) Wait() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	until := c.blockedUntil
	if c.slowUntil.After(until) {
		until = c.slowUntil
	}
	if until.After(now) {
		return until.Sub(now)
	}
	return 0
}

// Get calls GET path (relative to the version, e.g. "1234/conversations") with query and decodes
// the JSON answer into out (which may be nil).
func (c *Client) Get(ctx context.Context, path string, query url.Values, out any) error {
	return c.Do(ctx, http.MethodGet, path, query, nil, out)
}

// Post calls POST path with query and body sent as JSON (no body when nil).
func (c *Client) Post(ctx context.Context, path string, query url.Values, body, out any) error {
	return c.Do(ctx, http.MethodPost, path, query, body, out)
}

// Delete calls DELETE path.
func (c *Client) Delete(ctx context.Context, path string, query url.Values, out any) error {
	return c.Do(ctx, http.MethodDelete, path, query, nil, out)
}

// Do makes one call with body sent as JSON (none when nil). Errors are *backend.Error (see
// ParseError), wrapped in a *backend.RetryAfterError for rate limits, or ctx's error when ctx
// ends first.
func (c *Client) Do(ctx context.Context, method, path string, query url.Values, body, out any) error {
	if body == nil {
		return c.Send(ctx, method, path, query, nil, "", out)
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return backend.Wrap(backend.EINTERNAL, err, "Internal error.")
	}
	return c.Send(ctx, method, path, query, bytes.NewReader(raw), "application/json", out)
}

// Send makes one call with a body already encoded as contentType (a multipart upload), with Do's
// errors, throttling and usage bookkeeping.
func (c *Client) Send(ctx context.Context, method, path string, query url.Values, body io.Reader, contentType string, out any) error {
	if wait := c.blockedFor(); wait > 0 {
		return rateLimited(c.platform(), wait, errors.New("graph: calls are throttled until Meta's wait is over"))
	}
	u, err := c.url(path, query)
	if err != nil {
		return c.badURL(err)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return c.badURL(err)
	}
	req.Header.Set("Authorization", "Bearer "+c.Token)
	req.Header.Set("Accept", "application/json")
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return unreachable(c.platform(), c.redact(err))
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBytes+1))
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return unreachable(c.platform(), c.redact(err))
	}
	now := c.now()
	c.noteUsage(resp.Header, now)
	if len(raw) > MaxResponseBytes {
		return badResponse(c.platform(), resp.StatusCode, errors.New("graph: the answer is too long"))
	}
	if err := ParseErrorFor(resp, raw, now, c.platform()); err != nil {
		err = c.scrub(err)
		var ra *backend.RetryAfterError
		if errors.As(err, &ra) {
			c.block(now.Add(ra.After))
		}
		return err
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return badResponse(c.platform(), resp.StatusCode, err)
	}
	return nil
}

func (c *Client) badURL(err error) error {
	return backend.Wrap(backend.EUNAVAILABLE, c.redact(err), "The address of %s's API is not valid: check the account's base URL.", c.platform()).
		Localized(KeyUnreachable, "platform", c.platform())
}

// url builds the address of path: the base, the version, then path's segments escaped.
func (c *Client) url(path string, query url.Values) (string, error) {
	base := c.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	bu, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil {
		return "", err
	}
	if bu.Scheme != "http" && bu.Scheme != "https" || bu.Host == "" {
		return "", errors.New("graph: the base URL needs http or https and a host")
	}
	version := c.Version
	if version == "" {
		version = Version
	}
	segments := []string{url.PathEscape(version)}
	for _, s := range strings.Split(strings.Trim(path, "/"), "/") {
		if s != "" {
			segments = append(segments, url.PathEscape(s))
		}
	}
	bu.Path = strings.TrimRight(bu.Path, "/") + "/" + strings.Join(segments, "/")
	bu.RawPath = ""
	q := url.Values{}
	for k, v := range query {
		q[k] = v
	}
	q.Del("access_token") // the token goes in a header, never in a URL
	if c.AppSecret != "" {
		q.Set("appsecret_proof", AppSecretProof(c.Token, c.AppSecret))
	}
	bu.RawQuery = q.Encode()
	return bu.String(), nil
}

// AppSecretProof is the appsecret_proof Meta asks for when an app requires it: the hex HMAC-SHA256
// of the access token keyed by the app secret.
func AppSecretProof(token, appSecret string) string {
	m := hmac.New(sha256.New, []byte(appSecret))
	m.Write([]byte(token))
	return hex.EncodeToString(m.Sum(nil))
}

func (c *Client) blockedFor() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	if now := c.now(); c.blockedUntil.After(now) {
		return c.blockedUntil.Sub(now)
	}
	return 0
}

func (c *Client) block(until time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if until.After(c.blockedUntil) {
		c.blockedUntil = until
	}
}

// noteUsage records what the usage headers ask: a hard stop when Meta throttles, a pause when the
// usage is high.
func (c *Client) noteUsage(h http.Header, now time.Time) {
	wait, throttled := usage(h)
	if wait <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	until := now.Add(wait)
	if throttled && until.After(c.blockedUntil) {
		c.blockedUntil = until
	}
	if until.After(c.slowUntil) {
		c.slowUntil = until
	}
}

// redact removes the token from err's text.
func (c *Client) redact(err error) error {
	if err == nil || c.Token == "" || !strings.Contains(err.Error(), c.Token) {
		return err
	}
	return &redactedError{text: strings.ReplaceAll(err.Error(), c.Token, "[redacted]"), err: err}
}

// scrub removes the token from a *backend.Error's message, parameters and cause, should Meta ever
// echo it.
func (c *Client) scrub(err error) error {
	if c.Token == "" {
		return err
	}
	var e *backend.Error
	if !errors.As(err, &e) {
		return c.redact(err)
	}
	e.Message = strings.ReplaceAll(e.Message, c.Token, "[redacted]")
	for k, v := range e.Params {
		e.Params[k] = strings.ReplaceAll(v, c.Token, "[redacted]")
	}
	if e.Err != nil {
		var api *APIError
		if errors.As(e.Err, &api) {
			api.Message = strings.ReplaceAll(api.Message, c.Token, "[redacted]")
			api.UserMsg = strings.ReplaceAll(api.UserMsg, c.Token, "[redacted]")
			api.UserTitle = strings.ReplaceAll(api.UserTitle, c.Token, "[redacted]")
		}
		e.Err = c.redact(e.Err)
	}
	return err
}

// redactedError is an error whose text had the token removed; it keeps the cause for errors.Is,
// but only its own text is ever printed.
type redactedError struct {
	text string
	err  error
}

func (e *redactedError) Error() string { return e.text }
func (e *redactedError) Unwrap() error { return e.err }
