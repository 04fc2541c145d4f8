package triage

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"tend/backend"
)

// Classifier triages one message: an Engine, or a workspace's classifier behind backend.Triager.
type Classifier interface {
	Triage(in backend.TriageInput) backend.TriageResult
}

// MaxLineBytes is the longest input line ClassifyLines accepts.
const MaxLineBytes = 1 << 20

// lineResult is one output line of ClassifyLines.
type lineResult struct {
	ID             json.RawMessage            `json:"id"`
	Intent         backend.Intent             `json:"intent"`
	IntentScores   map[backend.Intent]float64 `json:"intent_scores"`
	Sentiment      backend.Sentiment          `json:"sentiment"`
	SentimentScore float64                    `json:"sentiment_score"`
	Language       backend.Language           `json:"language"`
	Priority       backend.Priority           `json:"priority"`
	Escalate       bool                       `json:"escalate"`
	Reasons        []backend.EscalationReason `json:"reasons"`
}

type lineError struct {
	Error string `json:"error"`
}

// ClassifyLines triages every line of r and writes one JSON line per input line to w. A line is
// either a JSON object {"id": any, "text": string}, whose id is echoed back, or plain text. A line
// starting with "{" that is not such an object yields {"error": "line N: ..."} and counts as
// failed; processing goes on. Empty lines are skipped. It stops with an error when ctx is done,
// when a line is longer than MaxLineBytes, or when reading or writing fails.
func ClassifyLines(ctx context.Context, engine Classifier, r io.Reader, w io.Writer) (failed int, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes)
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for n := 1; sc.Scan(); n++ {
		if err := ctx.Err(); err != nil {
			return failed, err
		}
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var out any
		if line[0] == '{' {
			var in struct {
				ID   json.RawMessage `json:"id"`
				Text *string         `json:"text"`
			}
			switch err := json.Unmarshal(line, &in); {
			case err != nil:
				out = lineError{Error: fmt.Sprintf("line %d: invalid JSON: %v", n, err)}
			case in.Text == nil:
				out = lineError{Error: fmt.Sprintf("line %d: missing string field \"text\"", n)}
			default:
				out = resultLine(in.ID, engine.Triage(backend.TriageInput{Text: *in.Text}))
			}
		} else {
			out = resultLine(nil, engine.Triage(backend.TriageInput{Text: string(line)}))
		}
		if _, isErr := out.(lineError); isErr {
			failed++
		}
		if err := enc.Encode(out); err != nil {
			return failed, backend.Wrap(backend.EUNAVAILABLE, err, "cannot write classification")
		}
	}
	if err := sc.Err(); err != nil {
		_ = bw.Flush()
		if err == bufio.ErrTooLong {
			return failed, backend.Errorf(backend.EINVALID, "a line is longer than %d bytes", MaxLineBytes)
		}
		return failed, backend.Wrap(backend.EUNAVAILABLE, err, "cannot read messages")
	}
	if err := bw.Flush(); err != nil {
		return failed, backend.Wrap(backend.EUNAVAILABLE, err, "cannot write classification")
	}
	return failed, nil
}

func resultLine(id json.RawMessage, res backend.TriageResult) lineResult {
	return lineResult{
		ID: id, Intent: res.Intent, IntentScores: res.IntentScores, Sentiment: res.Sentiment,
		SentimentScore: res.SentimentScore, Language: res.Language, Priority: res.Priority,
		Escalate: res.Escalate, Reasons: res.Reasons,
	}
}
