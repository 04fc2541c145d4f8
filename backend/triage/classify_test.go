package triage_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"tend/backend"
	"tend/backend/triage"
)

func TestClassifyLines(t *testing.T) {
	engine := newEngine(t, backend.DefaultSLAPolicy())
	input := strings.Join([]string{
		`{"id": 1, "text": "Bonjour, c'est combien la robe ?"}`,
		``,
		`I want a refund, it never arrived`,
		`{"id": "x", "text": `,
		`{"id": {"nested": true}, "text": "WINNER!! claim your free prize now"}`,
		`{"id": 5}`,
		`{"id": 6, "text": 42}`,
		`   `,
		`{"text": "sans id"}`,
	}, "\n")
	var out strings.Builder
	failed, err := triage.ClassifyLines(context.Background(), engine, strings.NewReader(input), &out)
	if err != nil {
		t.Fatal(err)
	}
	if failed != 3 {
		t.Errorf("failed = %d, want 3", failed)
	}
	var lines []map[string]json.RawMessage
	sc := bufio.NewScanner(strings.NewReader(out.String()))
	for sc.Scan() {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("output line %q is not JSON: %v", sc.Text(), err)
		}
		lines = append(lines, m)
	}
	if len(lines) != 7 {
		t.Fatalf("got %d output lines, want 7:\n%s", len(lines), out.String())
	}
	want := []struct{ id, intent, errorPrefix string }{
		{id: `1`, intent: `"sale"`},
		{id: `null`, intent: `"support"`},
		{errorPrefix: `"line 4: `},
		{id: `{"nested":true}`, intent: `"spam"`},
		{errorPrefix: `"line 6: `},
		{errorPrefix: `"line 7: `},
		{id: `null`},
	}
	for i, w := range want {
		got := lines[i]
		if w.errorPrefix != "" {
			if !strings.HasPrefix(string(got["error"]), w.errorPrefix) || len(got) != 1 {
				t.Errorf("line %d = %v, want only an error starting %s", i+1, got, w.errorPrefix)
			}
			continue
		}
		for _, field := range []string{"id", "intent", "intent_scores", "sentiment", "sentiment_score", "language", "priority", "escalate", "reasons"} {
			if _, ok := got[field]; !ok {
				t.Errorf("line %d lacks %q: %v", i+1, field, got)
			}
		}
		if string(got["id"]) != w.id {
			t.Errorf("line %d id = %s, want %s", i+1, got["id"], w.id)
		}
		if w.intent != "" && string(got["intent"]) != w.intent {
			t.Errorf("line %d intent = %s, want %s", i+1, got["intent"], w.intent)
		}
	}
}

func TestClassifyLinesLimits(t *testing.T) {
	engine := newEngine(t, backend.DefaultSLAPolicy())
	long := strings.Repeat("a", triage.MaxLineBytes-1)
	var out strings.Builder
	if _, err := triage.ClassifyLines(context.Background(), engine, strings.NewReader(long+"\n"), &out); err != nil {
		t.Errorf("line just under 1 MiB: %v", err)
	}
	tooLong := strings.Repeat("a", triage.MaxLineBytes+1)
	if _, err := triage.ClassifyLines(context.Background(), engine, strings.NewReader(tooLong), &out); backend.ErrorCode(err) != backend.EINVALID {
		t.Errorf("line over 1 MiB: %v, want EINVALID", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := triage.ClassifyLines(ctx, engine, strings.NewReader("a\nb\n"), &out); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v, want context.Canceled", err)
	}
}

func FuzzClassifyLines(f *testing.F) {
	engine := newEngine(f, backend.DefaultSLAPolicy())
	f.Add(`{"id": 1, "text": "Bonjour"}` + "\nplain text\n{bad")
	f.Add(`{"text": "\u00e9\ud83d\ude00"}`)
	f.Add("\xff\xfe\n{\"id\":[1,2],\"text\":\"x\"}")
	f.Fuzz(func(t *testing.T, input string) {
		var out strings.Builder
		failed, err := triage.ClassifyLines(context.Background(), engine, strings.NewReader(input), &out)
		if err != nil {
			t.Fatalf("ClassifyLines: %v", err)
		}
		lines := 0
		for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
			if line == "" {
				continue
			}
			lines++
			if !json.Valid([]byte(line)) {
				t.Fatalf("output line is not JSON: %q", line)
			}
		}
		if failed > lines {
			t.Fatalf("%d failures but %d output lines", failed, lines)
		}
	})
}
