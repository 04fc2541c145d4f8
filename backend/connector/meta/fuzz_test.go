package meta_test

import (
	"testing"

	"tend/backend"
	"tend/backend/connector/meta"
	"tend/backend/connector/meta/metatest"
)

// FuzzParseWebhook feeds any body to ParseWebhook: it never panics, errors are EINVALID, and every
// message it returns validates and belongs to a channel of the account it is filed under.
func FuzzParseWebhook(f *testing.F) {
	ig, pg := metatest.IGUserID, metatest.PageID
	f.Add(`{"object":"instagram","entry":[{"id":"` + ig + `","time":1772445600123,"messaging":[{"sender":{"id":"1"},"recipient":{"id":"` + ig + `"},"timestamp":1772445599000,"message":{"mid":"m1","text":"hi"}}]}]}`)
	f.Add(`{"object":"instagram","entry":[{"id":"` + ig + `","time":1772445600,"changes":[{"field":"comments","value":{"comment_id":"c1","from":{"id":"2","username":"u"},"media":{"id":"m"},"parent_id":"c0","text":"t"}}]}]}`)
	f.Add(`{"object":"instagram","entry":[{"id":"` + ig + `","time":"1772445600","field":"live_comments","value":{"id":"c2","from":{"username":"u"},"media":{"id":"m"},"text":"t"}}]}`)
	f.Add(`{"object":"page","entry":[{"id":"` + pg + `","time":1772445600,"changes":[{"field":"feed","value":{"item":"comment","verb":"add","comment_id":"p_c","parent_id":"p","post_id":"p","from":{"id":"3","name":"n"},"message":"m","created_time":1772445590,"photo":"x"}}]}]}`)
	f.Add(`{"object":"page","entry":[{"id":"` + pg + `","messaging":[{"sender":{"id":"` + pg + `"},"recipient":{"id":"4"},"timestamp":"2026-03-02T10:00:00+0000","message":{"mid":"m2","is_echo":true,"attachments":[{"type":"file","payload":{"url":"u"}}]}}]}]}`)
	f.Add(`[{"object":"instagram","entry":[]}]`)
	f.Add(`{"object":"instagram","entry":[{"id":"` + ig + `","changes":[{"field":"comments","value":{"id":"\ud800","text":"\xff","from":{"id":"` + "\u0000" + `"}}}]}]}`)
	accts := webhookAccounts()
	channels := map[int64]map[int64]bool{}
	for _, a := range accts {
		channels[a.ID] = map[int64]bool{}
		for _, ch := range a.Channels {
			channels[a.ID][ch] = true
		}
	}
	f.Fuzz(func(t *testing.T, body string) {
		out, err := meta.ParseWebhookAt(accts, []byte(body), webhookNow)
		if err != nil {
			if backend.ErrorCode(err) != backend.EINVALID {
				t.Fatalf("error %v", err)
			}
			return
		}
		seen := map[string]bool{}
		for id, batch := range out {
			for _, m := range batch.Messages {
				if err := m.Validate(); err != nil {
					t.Fatalf("invalid message %+v: %v", m, err)
				}
				if !channels[id][m.ChannelID] {
					t.Fatalf("message in channel %d filed under account %d", m.ChannelID, id)
				}
				key := string(rune(m.ChannelID)) + m.PlatformMessageID
				if seen[key] {
					t.Fatalf("duplicate %s", m.PlatformMessageID)
				}
				seen[key] = true
			}
		}
	})
}
