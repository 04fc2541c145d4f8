// Package whatsapp is the connector of the WhatsApp Business Cloud API: it sends text and template
// messages from a business phone number and reads what the platform delivers by webhook (incoming
// messages and the delivery statuses of sent ones). Inbound messages arrive only by webhook, so an
// account needs `tend serve` reachable from Meta.
package whatsapp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"tend/backend/connector/jsonapi"
	"time"
	"unicode/utf8"

	"tend/backend"
)

// APIVersion is the Graph API version the connector speaks.
const APIVersion = "v23.0"

// DefaultBaseURL is where the Cloud API lives; Account.BaseURL overrides it (proxies, tests) and
// must then include the version path.
const DefaultBaseURL = "https://graph.facebook.com/" + APIVersion

// Names of the account's ids and secrets.
const (
	IDPhoneNumber = "phone_number_id" // required: the business phone number's id
	IDBusiness    = "waba_id"         // optional: the WhatsApp Business Account id

	SecretAccessToken = "access_token" // required: a system-user or user access token
	SecretAppSecret   = "app_secret"   // webhooks: signs every delivery
	SecretVerifyToken = "verify_token" // webhooks: echoed when Meta checks the subscription
)

// MaxTextRunes is the longest text message the Cloud API accepts.
const MaxTextRunes = 4096

// maxResponseBytes bounds what the connector reads of an answer.
const maxResponseBytes = 4 << 20

// Connector speaks the Cloud API for one business phone number. It is safe for concurrent use.
type Connector struct {
	account       backend.Account
	phoneNumberID string
	token         string
	appSecret     string
	verifyToken   string
	base          string
	http          *http.Client
	now           func() time.Time
}

var _ backend.Connector = (*Connector)(nil)

// New returns the connector of cfg's account. EINVALID when the phone number id or the access
// token is missing.
func New(cfg backend.ConnectorConfig) (*Connector, error) {
	c := &Connector{
		account:       cfg.Account,
		phoneNumberID: strings.TrimSpace(cfg.Account.IDs[IDPhoneNumber]),
		token:         strings.TrimSpace(cfg.Secrets[SecretAccessToken]),
		appSecret:     cfg.Secrets[SecretAppSecret],
		verifyToken:   cfg.Secrets[SecretVerifyToken],
		base:          strings.TrimRight(strings.TrimSpace(cfg.Account.BaseURL), "/"),
		http:          cfg.HTTP,
		now:           cfg.Now,
	}
	switch {
	case c.phoneNumberID == "":
		return nil, backend.Errorf(backend.EINVALID, "A WhatsApp account needs its phone number id (%s), shown in the Meta app's WhatsApp settings.", IDPhoneNumber).
			Localized(KeyIDRequired, "platform", platformName, "id", IDPhoneNumber)
	case strings.ContainsAny(c.phoneNumberID, "/?#% "):
		return nil, backend.Errorf(backend.EINVALID, "The WhatsApp phone number id %q is not valid: it is a number such as 106540352242922.", c.phoneNumberID).
			Localized(KeyIDRequired, "platform", platformName, "id", IDPhoneNumber)
	case c.token == "":
		return nil, backend.Errorf(backend.EINVALID, "A WhatsApp account needs an access token.").
			Localized(KeySecretRequired, "platform", platformName, "secret", SecretAccessToken)
	}
	if c.base == "" {
		c.base = DefaultBaseURL
	}
	if c.http == nil {
		c.http = &http.Client{Timeout: 30 * time.Second}
	}
	if c.now == nil {
		c.now = time.Now
	}
	return c, nil
}

// Capabilities: WhatsApp sends and receives by webhook; it has nothing to fetch nor moderate.
func (c *Connector) Capabilities() backend.Capabilities {
	return backend.Capabilities{Fetch: false, Send: true, Webhook: true}
}

// Idempotent is false: the Cloud API has no idempotency key, so a repeated send delivers twice.
func (c *Connector) Idempotent() bool { return false }

// Test reads the phone number's display number and verified name.
func (c *Connector) Test(ctx context.Context) (backend.AccountInfo, error) {
	var phone struct {
		ID                 flexString `json:"id"`
		DisplayPhoneNumber string     `json:"display_phone_number"`
		VerifiedName       string     `json:"verified_name"`
	}
	q := url.Values{"fields": {"display_phone_number,verified_name"}}
	if err := c.call(ctx, http.MethodGet, "/"+url.PathEscape(c.phoneNumberID), q, nil, &phone); err != nil {
		return backend.AccountInfo{}, err
	}
	name := strings.TrimSpace(phone.VerifiedName)
	if num := strings.TrimSpace(phone.DisplayPhoneNumber); num != "" {
		if name == "" {
			name = num
		} else {
			name += " (" + num + ")"
		}
	}
	id := string(phone.ID)
	if id == "" {
		id = c.phoneNumberID
	}
	return backend.AccountInfo{DisplayName: name, IDs: map[string]string{IDPhoneNumber: id}}, nil
}

// Fetch always fails: the Cloud API has no way to list messages; they arrive by webhook only.
func (c *Connector) Fetch(context.Context, string) (backend.FetchResult, error) {
	return backend.FetchResult{}, backend.Errorf(backend.EINVALID,
		"WhatsApp delivers messages only by webhook: run `tend serve` where Meta can reach it and set the account's webhook URL in the Meta app's WhatsApp configuration.").
		Localized(KeyWebhookOnly, "platform", platformName, "account", c.account.Name)
}

// Moderate fails: WhatsApp messages cannot be hidden or deleted by the business.
func (c *Connector) Moderate(_ context.Context, a backend.ModerationAction) error {
	return backend.Errorf(backend.EINVALID, "WhatsApp messages cannot be hidden or deleted.").
		Localized(KeyModerationUnsupported, "platform", platformName, "action", a.Kind)
}

// Send delivers m as a free-form text message to the customer (m.Recipient, else the
// conversation's ThreadKey), quoting m.ReplyTo when set. Only possible within 24 hours of the
// customer's last message: after that the error has the key whatsapp_window_closed.
func (c *Connector) Send(ctx context.Context, m backend.OutboundMessage) (backend.SendReceipt, error) {
	to := strings.TrimSpace(m.Recipient)
	if to == "" {
		to = strings.TrimSpace(m.ThreadKey)
	}
	if to == "" {
		return backend.SendReceipt{}, backend.Errorf(backend.EINVALID, "This conversation has no WhatsApp customer to write to.").
			Localized(KeyTargetMissing, "platform", platformName)
	}
	if m.Kind != "" && m.Kind != backend.ConversationDM {
		return backend.SendReceipt{}, backend.Errorf(backend.EINVALID, "WhatsApp has only direct conversations.").
			Localized(KeyKindUnsupported, "platform", platformName, "kind", string(m.Kind))
	}
	if err := backend.ValidateReplyText(m.Text); err != nil {
		return backend.SendReceipt{}, err
	}
	if n := utf8.RuneCountInString(m.Text); n > MaxTextRunes {
		return backend.SendReceipt{}, backend.Errorf(backend.EINVALID, "The reply is %d characters long; WhatsApp accepts at most %d.", n, MaxTextRunes).
			Localized("reply_text_too_long", "length", itoa(n), "limit", itoa(MaxTextRunes))
	}
	msg := outMessage{MessagingProduct: "whatsapp", RecipientType: "individual", Type: "text",
		Text: &outText{Body: m.Text, PreviewURL: false}}
	setRecipient(&msg, to)
	if m.ReplyTo != "" {
		msg.Context = &outContext{MessageID: m.ReplyTo}
	}
	return c.send(ctx, msg)
}

// SendTemplate sends the approved template name in language (such as "en_US" or "fr") to the
// customer to, filling the body's {{1}}, {{2}}… with params. Templates are what a business may send
// outside the 24-hour window.
func (c *Connector) SendTemplate(ctx context.Context, to, name, language string, params []string) (backend.SendReceipt, error) {
	to, name, language = strings.TrimSpace(to), strings.TrimSpace(name), strings.TrimSpace(language)
	switch {
	case to == "":
		return backend.SendReceipt{}, backend.Errorf(backend.EINVALID, "This conversation has no WhatsApp customer to write to.").
			Localized(KeyTargetMissing, "platform", platformName)
	case name == "" || language == "":
		return backend.SendReceipt{}, backend.Errorf(backend.EINVALID, "A WhatsApp template message needs the template's name and language.").
			Localized(KeyTemplateRequired)
	}
	tpl := &outTemplate{Name: name, Language: outLanguage{Code: language}}
	if len(params) > 0 {
		body := outComponent{Type: "body"}
		for _, p := range params {
			body.Parameters = append(body.Parameters, outParameter{Type: "text", Text: p})
		}
		tpl.Components = []outComponent{body}
	}
	msg := outMessage{MessagingProduct: "whatsapp", RecipientType: "individual", Type: "template", Template: tpl}
	setRecipient(&msg, to)
	return c.send(ctx, msg)
}

// setRecipient addresses msg: a phone number goes in "to", a business-scoped user id (such as
// "US.13491208655302741918", for customers who hide their number behind a username) in
// "recipient".
func setRecipient(msg *outMessage, key string) {
	if isBSUID(key) {
		msg.Recipient = key
		return
	}
	msg.To = key
}

// isBSUID tells a business-scoped user id (two letters, a dot, then letters and digits) from a
// phone number (digits, maybe with "+").
func isBSUID(key string) bool {
	return len(key) > 3 && key[2] == '.' && isUpper(key[0]) && isUpper(key[1])
}

func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }

func (c *Connector) send(ctx context.Context, msg outMessage) (backend.SendReceipt, error) {
	var res struct {
		Messages []struct {
			ID string `json:"id"`
		} `json:"messages"`
	}
	if err := c.call(ctx, http.MethodPost, "/"+url.PathEscape(c.phoneNumberID)+"/messages", nil, msg, &res); err != nil {
		return backend.SendReceipt{}, err
	}
	if len(res.Messages) == 0 || strings.TrimSpace(res.Messages[0].ID) == "" {
		return backend.SendReceipt{}, c.badResponse(errors.New("whatsapp: the answer has no message id"))
	}
	return backend.SendReceipt{PlatformMessageID: res.Messages[0].ID, SentAt: c.now().UTC()}, nil
}

// The body of a send, in the Cloud API's field names.
type (
	outMessage struct {
		MessagingProduct string       `json:"messaging_product"`
		RecipientType    string       `json:"recipient_type"`
		To               string       `json:"to,omitempty"`
		Recipient        string       `json:"recipient,omitempty"`
		Type             string       `json:"type"`
		Context          *outContext  `json:"context,omitempty"`
		Text             *outText     `json:"text,omitempty"`
		Template         *outTemplate `json:"template,omitempty"`
	}
	outContext struct {
		MessageID string `json:"message_id"`
	}
	outText struct {
		Body       string `json:"body"`
		PreviewURL bool   `json:"preview_url"`
	}
	outTemplate struct {
		Name       string         `json:"name"`
		Language   outLanguage    `json:"language"`
		Components []outComponent `json:"components,omitempty"`
	}
	outLanguage struct {
		Code string `json:"code"`
	}
	outComponent struct {
		Type       string         `json:"type"`
		Parameters []outParameter `json:"parameters"`
	}
	outParameter struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
)

// call sends one request and decodes a 2xx JSON answer into out; any failure is a *backend.Error.
func (c *Connector) call(ctx context.Context, method, path string, query url.Values, body, out any) error {
	u := c.base + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	resp, err := jsonapi.Exchange(ctx, c.http, method, u, c.token, body, maxResponseBytes)
	switch {
	case jsonapi.Internal(err):
		return err
	case err != nil && ctx.Err() != nil:
		return unreachable(err) // the context's own error: no secret in it
	case err != nil:
		return unreachable(c.redactErr(err))
	}
	if e := c.responseError(resp.Status, resp.Header, resp.Body); e != nil {
		return e
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		return c.badResponse(err)
	}
	return nil
}

// redactErr returns err's text without the account's secrets, as a new error: the original's chain
// might still hold them.
func (c *Connector) redactErr(err error) error {
	return errors.New(c.redact(err.Error()))
}

// redact removes the account's secrets from s.
func (c *Connector) redact(s string) string {
	for _, secret := range []string{c.token, c.appSecret, c.verifyToken} {
		if len(secret) >= 4 {
			s = strings.ReplaceAll(s, secret, "[redacted]")
		}
	}
	return s
}

// flexString decodes a JSON string or number as a string: some proxies send ids as numbers.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		*f = ""
		return nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*f = flexString(n.String())
	return nil
}
