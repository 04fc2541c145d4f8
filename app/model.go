package app

import (
	"context"

	"tend/backend"
)

// Model is the optional OpenAI-compatible model that drafts replies.
type Model struct {
	ctx context.Context
	svc backend.ModelService
}

// Presets lists the known servers the settings page offers.
func (m *Model) Presets() []backend.ModelPreset { return backend.ModelPresets }

// Get returns the model settings.
func (m *Model) Get() (backend.ModelSettings, error) { return m.svc.GetModelSettings(m.ctx) }

// Update saves the model settings.
func (m *Model) Update(s backend.ModelSettings) (backend.ModelSettings, error) {
	return m.svc.UpdateModelSettings(m.ctx, s)
}

// SetKey stores the API key in the OS keyring.
func (m *Model) SetKey(key string) (backend.ModelSettings, error) {
	return m.svc.SetModelKey(m.ctx, key)
}

// DeleteKey removes the API key from the OS keyring.
func (m *Model) DeleteKey() (backend.ModelSettings, error) { return m.svc.DeleteModelKey(m.ctx) }

// Check asks the server which models it offers.
func (m *Model) Check() (backend.ModelCheck, error) { return m.svc.CheckModel(m.ctx) }
