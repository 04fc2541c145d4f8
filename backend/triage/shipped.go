package triage

import (
	"sync"

	"tend/assets"
	"tend/backend"
)

var shipped = sync.OnceValues(func() (*Model, error) { return LoadModel(assets.TriageModel) })

// NewShippedEngine returns an engine over the model and escalation keywords that ship with Tend
// (assets/triage). The model is loaded once per process and shared: engines only add their own
// corrections on top.
func NewShippedEngine(policy backend.SLAPolicy) (*Engine, error) {
	model, err := shipped()
	if err != nil {
		return nil, backend.Wrap(backend.EINTERNAL, err, "The built-in triage model cannot be loaded.")
	}
	keywords, err := ParseKeywords(assets.TriageKeywords)
	if err != nil {
		return nil, backend.Wrap(backend.EINTERNAL, err, "The built-in escalation keywords cannot be loaded.")
	}
	return NewEngine(model, keywords, policy)
}
