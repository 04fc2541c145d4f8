package graph

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/url"
	"strings"
)

// Meta's webhooks (Instagram, Facebook Pages, Messenger, WhatsApp) are authenticated alike: a
// subscription check answered with its challenge, and every delivery signed by the app secret.

// SignatureHeader is the header of a webhook delivery's signature: "sha256=<hex HMAC-SHA256 of the
// raw body keyed by the app secret>".
const SignatureHeader = "X-Hub-Signature-256"

// Sign returns the SignatureHeader value Meta sends for body: for tests and tools.
func Sign(appSecret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(appSecret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// VerifySignature reports whether header is the signature of body by appSecret. body must be the
// exact bytes received: Meta signs its own (escaped) serialisation, which re-encoded JSON does not
// reproduce. An empty secret or header never verifies.
func VerifySignature(appSecret string, body []byte, header string) bool {
	if appSecret == "" {
		return false
	}
	hexSum, ok := strings.CutPrefix(strings.TrimSpace(header), "sha256=")
	if !ok {
		return false
	}
	got, err := hex.DecodeString(hexSum)
	if err != nil || len(got) != sha256.Size {
		return false
	}
	m := hmac.New(sha256.New, []byte(appSecret))
	m.Write(body)
	return hmac.Equal(got, m.Sum(nil))
}

// VerifyChallenge answers Meta's subscription check (GET ?hub.mode=subscribe&hub.verify_token=…
// &hub.challenge=…): it returns the challenge to echo when the mode is subscribe and the token is
// verifyToken (which must not be empty).
func VerifyChallenge(query url.Values, verifyToken string) (challenge string, ok bool) {
	challenge = query.Get("hub.challenge")
	if verifyToken == "" || query.Get("hub.mode") != "subscribe" || challenge == "" {
		return "", false
	}
	if subtle.ConstantTimeCompare([]byte(query.Get("hub.verify_token")), []byte(verifyToken)) != 1 {
		return "", false
	}
	return challenge, true
}
