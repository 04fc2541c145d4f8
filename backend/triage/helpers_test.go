package triage_test

import (
	"testing"

	"tend/assets"
	"tend/backend"
	"tend/backend/triage"
)

// newEngine returns an engine over the committed model and default keywords.
func newEngine(tb testing.TB, policy backend.SLAPolicy) *triage.Engine {
	tb.Helper()
	model, err := triage.LoadModel(assets.TriageModel)
	if err != nil {
		tb.Fatalf("load committed model: %v", err)
	}
	keywords, err := triage.ParseKeywords(assets.TriageKeywords)
	if err != nil {
		tb.Fatalf("parse default keywords: %v", err)
	}
	engine, err := triage.NewEngine(model, keywords, policy)
	if err != nil {
		tb.Fatalf("new engine: %v", err)
	}
	return engine
}
