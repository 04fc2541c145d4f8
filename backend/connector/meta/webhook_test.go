package meta_test

import (
	"testing"
	"time"

	"tend/backend"
	"tend/backend/connector/meta"
	"tend/backend/connector/meta/metatest"
)

var webhookNow = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

func webhookAccounts() []backend.Account {
	ig := igAccount("")
	ig.IDs[meta.IDIGUsername] = metatest.IGUsername
	other := igAccount("")
	other.ID, other.IDs = 3, map[string]string{meta.IDPageID: "999", meta.IDIGUserID: "17841499999999999"}
	other.Channels = map[string]int64{backend.PlatformInstagram: 31}
	return []backend.Account{ig, fbAccount(""), other}
}

func parse(t *testing.T, body string) map[int64]backend.WebhookBatch {
	t.Helper()
	out, err := meta.ParseWebhookAt(webhookAccounts(), []byte(body), webhookNow)
	if err != nil {
		t.Fatalf("ParseWebhook: %v", err)
	}
	for _, b := range out {
		for _, m := range b.Messages {
			if err := m.Validate(); err != nil {
				t.Fatalf("invalid message %+v: %v", m, err)
			}
		}
	}
	return out
}

func TestParseWebhookInstagramMessaging(t *testing.T) {
	body := `{"object":"instagram","entry":[{"time":1772445600123,"id":"` + metatest.IGUserID + `","messaging":[
		{"sender":{"id":"` + metatest.Alice.ID + `"},"recipient":{"id":"` + metatest.IGUserID + `"},"timestamp":1772445599000,
		 "message":{"mid":"aWdfZAG1fmidW1","text":"Bonjour, ma commande ?","reply_to":{"mid":"aWdfZAG1fmid2"}}},
		{"sender":{"id":"` + metatest.IGUserID + `"},"recipient":{"id":"` + metatest.Alice.ID + `"},"timestamp":1772445601000,
		 "message":{"mid":"aWdfZAG1fmidW2","text":"Elle part demain.","is_echo":true}},
		{"sender":{"id":"` + metatest.Alice.ID + `"},"recipient":{"id":"` + metatest.IGUserID + `"},"timestamp":1772445602000,
		 "message":{"mid":"aWdfZAG1fmidW3","attachments":[{"type":"image","payload":{"url":"https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=9"}}]}},
		{"sender":{"id":"` + metatest.Alice.ID + `"},"recipient":{"id":"` + metatest.IGUserID + `"},"timestamp":1772445603000,
		 "message":{"mid":"aWdfZAG1fmidW4","is_deleted":true}},
		{"sender":{"id":"` + metatest.Alice.ID + `"},"recipient":{"id":"` + metatest.IGUserID + `"},"timestamp":1772445604000,
		 "read":{"mid":"aWdfZAG1fmidW2"}},
		{"sender":{"id":"` + metatest.Alice.ID + `"},"recipient":{"id":"` + metatest.IGUserID + `"},"timestamp":1772445605000,
		 "reaction":{"mid":"aWdfZAG1fmidW2","action":"react","reaction":"love"}}
	]}]}`
	out := parse(t, body)
	msgs := out[1].Messages
	if len(out) != 1 || len(msgs) != 3 {
		t.Fatalf("batches %+v", out)
	}
	in := msgs[0]
	if in.ChannelID != igChannel || in.Kind != backend.ConversationDM || in.ThreadKey != metatest.Alice.ID || in.Direction != backend.DirectionIn ||
		in.Author.PlatformUserID != metatest.Alice.ID || in.ReplyTo != "aWdfZAG1fmid2" || !in.SentAt.Equal(time.UnixMilli(1772445599000)) {
		t.Errorf("inbound %+v", in)
	}
	echo := msgs[1]
	if echo.Direction != backend.DirectionOut || echo.ThreadKey != metatest.Alice.ID || echo.PlatformMessageID != "aWdfZAG1fmidW2" {
		t.Errorf("echo %+v", echo)
	}
	if a := msgs[2].Attachments; len(a) != 1 || a[0].Kind != "image" || msgs[2].Text != "" {
		t.Errorf("attachment %+v", msgs[2])
	}
}

func TestParseWebhookInstagramComments(t *testing.T) {
	body := `{"object":"instagram","entry":[
		{"id":"` + metatest.IGUserID + `","time":1772445600,"changes":[
			{"field":"comments","value":{"id":"17865799348089039","from":{"id":"` + metatest.Gus.ID + `","username":"gus.the.cat"},
			 "media":{"id":"` + metatest.MediaSpring + `","media_product_type":"FEED"},"text":"Dispo en L ?"}},
			{"field":"comments","value":{"comment_id":"17865799348089040","from":{"id":"` + metatest.Bob.ID + `","username":"bob_dupuis"},
			 "media":{"id":"` + metatest.MediaSpring + `"},"parent_id":"17865799348089039","text":"Moi aussi je veux savoir"}},
			{"field":"comments","value":{"id":"17865799348089041","from":{"id":"` + metatest.IGUserID + `","username":"maison.tend"},
			 "media":{"id":"` + metatest.MediaSpring + `"},"parent_id":"17865799348089039","text":"Oui !"}},
			{"field":"mentions","value":{"media_id":"1","comment_id":"2"}}
		]},
		{"id":"` + metatest.IGUserID + `","time":"1772445700","field":"comments",
		 "value":{"id":"17865799348089042","from":{"id":"` + metatest.Alice.ID + `","username":"alice.martin"},"media":{"id":"` + metatest.MediaQuiet + `"},"text":"Joli atelier"}},
		{"id":"` + metatest.IGUserID + `","time":1772445800000,"changes":[
			{"field":"live_comments","value":{"id":"17865799348089043","from":{"id":"` + metatest.Alice.ID + `","username":"alice.martin"},
			 "media":{"id":"17900000000000777","media_product_type":"LIVE"},"text":"Coucou le live"}}
		]},
		{"id":"` + metatest.IGUserID + `","changes":[
			{"field":"comments","value":{"id":"17865799348089044","text":"Sans auteur connu","from":{"username":"anon.user"}}}
		]}
	]}`
	out := parse(t, body)
	got := byID(out[1].Messages)
	if len(got) != 6 {
		t.Fatalf("%d messages: %+v", len(got), out[1].Messages)
	}
	top := got["17865799348089039"]
	if top.Kind != backend.ConversationCommentThread || top.ThreadKey != "17865799348089039" || top.Post == nil || top.Post.ID != metatest.MediaSpring ||
		top.Author.Handle != "gus.the.cat" || top.Direction != backend.DirectionIn || !top.SentAt.Equal(time.Unix(1772445600, 0)) {
		t.Errorf("top-level %+v", top)
	}
	reply := got["17865799348089040"]
	if reply.ThreadKey != "17865799348089039" || reply.ReplyTo != "17865799348089039" || reply.Author.PlatformUserID != metatest.Bob.ID {
		t.Errorf("reply (comment_id spelling) %+v", reply)
	}
	if own := got["17865799348089041"]; own.Direction != backend.DirectionOut {
		t.Errorf("own reply %+v", own)
	}
	if e := got["17865799348089042"]; e.ThreadKey != "17865799348089042" || e.Post.ID != metatest.MediaQuiet || !e.SentAt.Equal(time.Unix(1772445700, 0)) {
		t.Errorf("entry-level field/value with a string time %+v", e)
	}
	live := got["17865799348089043"]
	if live.Kind != backend.ConversationLiveChat || live.ThreadKey != "17900000000000777" || !live.SentAt.Equal(time.UnixMilli(1772445800000)) {
		t.Errorf("live comment (ms time) %+v", live)
	}
	anon := got["17865799348089044"]
	if anon.Author.PlatformUserID != "username:anon.user" || !anon.SentAt.Equal(webhookNow) || anon.Post != nil {
		t.Errorf("comment without an id or time %+v", anon)
	}
}

func TestParseWebhookPage(t *testing.T) {
	body := `{"object":"page","entry":[
		{"id":"` + metatest.PageID + `","time":1772445600,"changes":[
			{"field":"feed","value":{"from":{"id":"` + metatest.Eve.ID + `","name":"Eve Durand"},
			 "post":{"status_type":"added_photos","is_published":true,"updated_time":"2026-03-02T09:59:59+0000","permalink_url":"https://www.facebook.com/maison/posts/5001","promotion_status":"inactive","id":"` + metatest.PostSale + `"},
			 "message":"C'est valable en ligne ?","post_id":"` + metatest.PostSale + `","comment_id":"5001_8001","created_time":1772445590,"item":"comment","parent_id":"` + metatest.PostSale + `","verb":"add"}},
			{"field":"feed","value":{"from":{"id":"` + metatest.PageID + `","name":"Maison Tend"},"message":"Oui !","post_id":"` + metatest.PostSale + `",
			 "comment_id":"5001_8002","created_time":1772445595,"item":"comment","parent_id":"5001_8001","verb":"add"}},
			{"field":"feed","value":{"from":{"id":"` + metatest.Frank.ID + `","name":"Frank Leroy"},"post_id":"` + metatest.PostSale + `",
			 "comment_id":"5001_8003","created_time":"2026-03-02T09:59:58+0000","item":"comment","parent_id":"5001_8001","verb":"add","photo":"https://scontent.xx.fbcdn.net/p.jpg"}},
			{"field":"feed","value":{"from":{"id":"` + metatest.Eve.ID + `","name":"Eve Durand"},"message":"C'est valable en ligne et en boutique ?","post_id":"` + metatest.PostSale + `",
			 "comment_id":"5001_8001","created_time":1772445599,"item":"comment","parent_id":"` + metatest.PostSale + `","verb":"edited"}},
			{"field":"feed","value":{"post_id":"` + metatest.PostSale + `","comment_id":"5001_8009","item":"comment","verb":"remove","from":{"id":"1"}}},
			{"field":"feed","value":{"item":"status","verb":"add","post_id":"` + metatest.PageID + `_5002","message":"New post","from":{"id":"` + metatest.PageID + `"}}},
			{"field":"feed","value":{"item":"reaction","verb":"add","reaction_type":"like","post_id":"` + metatest.PostSale + `","from":{"id":"1"}}}
		]},
		{"id":"` + metatest.PageID + `","time":1772445600500,"messaging":[
			{"sender":{"id":"` + metatest.Dan.ID + `"},"recipient":{"id":"` + metatest.PageID + `"},"timestamp":1772445600400,"message":{"mid":"m_mid.W1","text":"Any news?"}},
			{"sender":{"id":"` + metatest.PageID + `"},"recipient":{"id":"` + metatest.Dan.ID + `"},"timestamp":1772445600450,"message":{"mid":"m_mid.W2","text":"Yes: shipped!","is_echo":true,"app_id":1}}
		]}
	]}`
	out := parse(t, body)
	if len(out) != 1 {
		t.Fatalf("batches for %d accounts", len(out))
	}
	msgs := out[2].Messages
	got := byID(msgs)
	if len(msgs) != 5 {
		t.Fatalf("%d messages: %+v", len(msgs), msgs)
	}
	top := got["5001_8001"]
	if top.ChannelID != fbChannel || top.ThreadKey != "5001_8001" || top.ReplyTo != "" || top.Post == nil || top.Post.ID != metatest.PostSale ||
		top.Post.URL != "https://www.facebook.com/maison/posts/5001" || top.Author.DisplayName != "Eve Durand" || top.Text != "C'est valable en ligne ?" {
		t.Errorf("top-level comment (the first delivery wins over the edit) %+v", top)
	}
	if own := got["5001_8002"]; own.Direction != backend.DirectionOut || own.ThreadKey != "5001_8001" || own.ReplyTo != "5001_8001" {
		t.Errorf("Page reply %+v", own)
	}
	photo := got["5001_8003"]
	if len(photo.Attachments) != 1 || photo.Attachments[0].Kind != "image" || !photo.SentAt.Equal(time.Date(2026, 3, 2, 9, 59, 58, 0, time.UTC)) {
		t.Errorf("photo comment %+v", photo)
	}
	if dm := got["m_mid.W1"]; dm.ChannelID != messengerChannel || dm.ThreadKey != metatest.Dan.ID || dm.Direction != backend.DirectionIn {
		t.Errorf("Messenger message %+v", dm)
	}
	if echo := got["m_mid.W2"]; echo.Direction != backend.DirectionOut || echo.ThreadKey != metatest.Dan.ID {
		t.Errorf("Messenger echo %+v", echo)
	}
}

func TestParseWebhookDuplicatesAndRouting(t *testing.T) {
	comment := `{"field":"comments","value":{"id":"17865799348089050","from":{"id":"` + metatest.Gus.ID + `","username":"gus.the.cat"},"media":{"id":"` + metatest.MediaSpring + `"},"text":"Boosted!"}}`
	// A comment on a boosted post delivered twice, in one body and in two.
	body := `{"object":"instagram","entry":[{"id":"` + metatest.IGUserID + `","time":1772445600,"changes":[` + comment + `]},
		{"id":"` + metatest.IGUserID + `","time":1772445601,"changes":[` + comment + `]}]}`
	out := parse(t, body)
	if n := len(out[1].Messages); n != 1 {
		t.Errorf("a duplicate in one body gave %d messages", n)
	}
	again := parse(t, `{"object":"instagram","entry":[{"id":"`+metatest.IGUserID+`","time":1772445700,"changes":[`+comment+`]}]}`)
	if again[1].Messages[0].PlatformMessageID != out[1].Messages[0].PlatformMessageID {
		t.Errorf("the second delivery has another id")
	}

	// Entries go to the account they name; unknown ones are dropped.
	routed := parse(t, `{"object":"instagram","entry":[
		{"id":"17841499999999999","time":1772445600,"changes":[`+comment+`]},
		{"id":"123","time":1772445600,"changes":[`+comment+`]}]}`)
	if len(routed) != 1 || len(routed[3].Messages) != 1 || routed[3].Messages[0].ChannelID != 31 {
		t.Errorf("routing %+v", routed)
	}
	// Meta's documented samples are wrapped in an array.
	if wrapped := parse(t, `[`+body+`]`); len(wrapped[1].Messages) != 1 {
		t.Errorf("array-wrapped body %+v", wrapped)
	}
	// Another object is someone else's.
	if other := parse(t, `{"object":"whatsapp_business_account","entry":[{"id":"`+metatest.PageID+`","changes":[]}]}`); len(other) != 0 {
		t.Errorf("WhatsApp delivery %+v", other)
	}
	// A Page entry is not an Instagram account's, nor the reverse.
	if cross := parse(t, `{"object":"page","entry":[{"id":"`+metatest.IGUserID+`","changes":[`+comment+`]}]}`); len(cross) != 0 {
		t.Errorf("cross-object routing %+v", cross)
	}
	for _, bad := range []string{``, `{`, `not json`, `{"object":"instagram","entry":[`} {
		if _, err := meta.ParseWebhookAt(webhookAccounts(), []byte(bad), webhookNow); backend.ErrorCode(err) != backend.EINVALID {
			t.Errorf("%q: %v", bad, err)
		}
	}
	// Odd shapes are skipped, not fatal.
	odd := parse(t, `{"object":"instagram","entry":[1,"x",{"id":{"a":1}},{"id":"`+metatest.IGUserID+`","changes":[1,{"field":"comments","value":"x"}],"messaging":[null,{"message":{"mid":5,"text":7}}]}]}`)
	if len(odd) != 0 {
		t.Errorf("odd shapes %+v", odd)
	}
}
