package graph_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"tend/backend/connector/graph"
)

func TestVerifySignature(t *testing.T) {
	const secret = "app-secret"
	// Meta signs the bytes it sends, with non-ASCII escaped.
	body := []byte(`{"object":"instagram","entry":[{"id":"1","changes":[{"field":"comments","value":{"id":"2","text":"Tr\u00e8s beau \ud83c\udf38 \/ top"}}]}]}`)
	good := graph.Sign(secret, body)
	if !graph.VerifySignature(secret, body, good) {
		t.Errorf("a good signature does not verify")
	}
	if !graph.VerifySignature(secret, body, "sha256="+strings.ToUpper(strings.TrimPrefix(good, "sha256="))) {
		t.Errorf("an upper-case hex signature does not verify")
	}
	var v any
	_ = json.Unmarshal(body, &v)
	reserialised, _ := json.Marshal(v)
	if bytes.Equal(reserialised, body) {
		t.Fatal("the test body must not survive re-serialisation")
	}
	tests := []struct {
		name, secret, header string
		body                 []byte
	}{
		{"Reserialised", secret, good, reserialised},
		{"WrongSecret", "other", good, body},
		{"Tampered", secret, good, append(bytes.Clone(body), ' ')},
		{"Missing", secret, "", body},
		{"NoPrefix", secret, good[len("sha256="):], body},
		{"SHA1", secret, "sha1=" + good[len("sha256="):], body},
		{"NotHex", secret, "sha256=zz", body},
		{"Short", secret, good[:20], body},
		{"NoSecret", "", graph.Sign("", body), body},
	}
	for _, tt := range tests {
		if graph.VerifySignature(tt.secret, tt.body, tt.header) {
			t.Errorf("%s verifies", tt.name)
		}
	}
}

func TestVerifyChallenge(t *testing.T) {
	q := url.Values{"hub.mode": {"subscribe"}, "hub.verify_token": {"tok-123"}, "hub.challenge": {"1158201444"}}
	if c, ok := graph.VerifyChallenge(q, "tok-123"); !ok || c != "1158201444" {
		t.Errorf("VerifyChallenge = %q, %v", c, ok)
	}
	for name, edit := range map[string]func(url.Values){
		"WrongToken":   func(v url.Values) { v.Set("hub.verify_token", "nope") },
		"WrongMode":    func(v url.Values) { v.Set("hub.mode", "unsubscribe") },
		"NoChallenge":  func(v url.Values) { v.Del("hub.challenge") },
		"NoTokenGiven": func(v url.Values) { v.Del("hub.verify_token") },
	} {
		v := url.Values{}
		for k, x := range q {
			v[k] = x
		}
		edit(v)
		if _, ok := graph.VerifyChallenge(v, "tok-123"); ok {
			t.Errorf("%s passes", name)
		}
	}
	if _, ok := graph.VerifyChallenge(url.Values{"hub.mode": {"subscribe"}, "hub.challenge": {"1"}}, ""); ok {
		t.Errorf("an empty verify token passes")
	}
}
