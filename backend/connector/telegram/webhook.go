package telegram

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"strconv"

	"tend/backend"
)

// SecretHeader is the header in which Telegram sends a webhook's secret_token.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// ParseWebhook parses one webhook delivery (Telegram posts one Update per request) for acct, with
// the same mapping as Fetch: the inbox channel is acct.Channels["telegram"] and the bot's own
// messages are told by acct.IDs["bot_id"] (Test fills it). An update of a kind Tend skips gives an
// empty batch; a body that is not an Update is EINVALID. Check the secret with VerifySecret first.
func ParseWebhook(acct backend.Account, body []byte) (backend.WebhookBatch, error) {
	channelID := acct.Channels[backend.PlatformTelegram]
	if channelID <= 0 {
		return backend.WebhookBatch{}, channelMissing()
	}
	var u update
	if err := json.Unmarshal(body, &u); err != nil {
		return backend.WebhookBatch{}, backend.Wrap(backend.EINVALID, err, "The webhook delivery is not a Telegram update.").
			Localized(KeyWebhookInvalid, "platform", platformName)
	}
	botID, _ := strconv.ParseInt(acct.IDs["bot_id"], 10, 64)
	var batch backend.WebhookBatch
	if msg, ok := (mapper{channelID: channelID, botID: botID}).message(u); ok {
		batch.Messages = []backend.IncomingMessage{msg}
	}
	return batch, nil
}

// VerifySecret reports whether header, the X-Telegram-Bot-Api-Secret-Token of a delivery, is the
// expected secret, in constant time (lengths included). No expected secret verifies nothing: false.
func VerifySecret(expected, header string) bool {
	if expected == "" {
		return false
	}
	a, b := sha256.Sum256([]byte(expected)), sha256.Sum256([]byte(header))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}
