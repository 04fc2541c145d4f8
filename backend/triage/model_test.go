package triage_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"

	"tend/assets"
	"tend/backend"
	"tend/backend/triage"
)

func gzipBytes(t testing.TB, payload []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(payload); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gunzipBytes(t testing.TB, data []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	payload, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return payload
}

func TestModelRoundTrip(t *testing.T) {
	model, err := triage.LoadModel(assets.TriageModel)
	if err != nil {
		t.Fatal(err)
	}
	if len(assets.TriageModel) >= 2<<20 {
		t.Errorf("committed model is %d bytes, want under 2 MiB", len(assets.TriageModel))
	}
	data, err := model.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	again, err := triage.LoadModel(data)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(gunzipBytes(t, data), gunzipBytes(t, assets.TriageModel)) {
		t.Error("re-encoding the committed model changes its payload")
	}
	a, _ := triage.NewEngine(model, nil, backend.DefaultSLAPolicy())
	b, _ := triage.NewEngine(again, nil, backend.DefaultSLAPolicy())
	for _, text := range []string{"c'est combien ?", "I want a refund", "you idiot", "😍"} {
		ra, rb := a.Triage(backend.TriageInput{Text: text}), b.Triage(backend.TriageInput{Text: text})
		if ra.Intent != rb.Intent || ra.SentimentScore != rb.SentimentScore || ra.IntentScores[ra.Intent] != rb.IntentScores[rb.Intent] {
			t.Errorf("%q: %v / %v after round trip, want %v / %v", text, rb.Intent, rb.SentimentScore, ra.Intent, ra.SentimentScore)
		}
	}
}

func TestModelCorrupt(t *testing.T) {
	payload := gunzipBytes(t, assets.TriageModel)
	tests := []struct {
		name, data, wantInMessage string
	}{
		{"empty", "", "not a gzip stream"},
		{"not gzip", "hello", "not a gzip stream"},
		{"truncated gzip", string(assets.TriageModel[:len(assets.TriageModel)/2]), "truncated"},
		{"bad magic", string(gzipBytes(t, []byte("NOTAMODEL and more"))), "bad magic"},
		{"bad version", string(gzipBytes(t, []byte("TENDTRIG\x07"))), "version 7"},
		{"truncated header", string(gzipBytes(t, payload[:10])), "truncated or corrupt in its header"},
		{"truncated counts", string(gzipBytes(t, payload[:len(payload)/3])), "truncated or corrupt in its"},
		{"truncated lexicon", string(gzipBytes(t, payload[:len(payload)-2])), "lexicon"},
		{"trailing bytes", string(gzipBytes(t, append(bytes.Clone(payload), 1, 2))), "unexpected bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := triage.LoadModel([]byte(tt.data))
			if backend.ErrorCode(err) != backend.EINVALID {
				t.Fatalf("LoadModel = %v, want EINVALID", err)
			}
			if !strings.Contains(err.Error(), tt.wantInMessage) {
				t.Errorf("error %q does not say %q", err, tt.wantInMessage)
			}
		})
	}
}

func FuzzLoadModel(f *testing.F) {
	payload := gunzipBytes(f, assets.TriageModel)
	f.Add(assets.TriageModel)
	f.Add(gzipBytes(f, payload[:200]))
	f.Add(gzipBytes(f, []byte("TENDTRIG\x01\x0a")))
	f.Add([]byte("garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		model, err := triage.LoadModel(data)
		if err != nil {
			if backend.ErrorCode(err) != backend.EINVALID {
				t.Fatalf("error without EINVALID: %v", err)
			}
			return
		}
		engine, err := triage.NewEngine(model, nil, backend.DefaultSLAPolicy())
		if err != nil {
			t.Fatal(err)
		}
		engine.Triage(backend.TriageInput{Text: "Bonjour, c'est combien ? 😍"})
	})
}
