package triage_test

import (
	"testing"

	"tend/backend"
	"tend/backend/triage"
)

// newEngine returns an engine over the committed model and default keywords.
func newEngine(tb testing.TB, policy backend.SLAPolicy) *triage.Engine {
	tb.Helper()
	engine, err := triage.NewShippedEngine(policy)
	if err != nil {
		tb.Fatalf("new engine: %v", err)
	}
	return engine
}
