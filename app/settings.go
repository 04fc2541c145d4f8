package app

import (
	"context"

	"tend/backend"
)

// Settings reads and changes the open workspace's settings.
type Settings struct {
	ctx context.Context
	svc backend.SettingsService
}

// Get returns the settings.
func (s *Settings) Get() (backend.Settings, error) { return s.svc.GetSettings(s.ctx) }

// Update changes the fields set in upd.
func (s *Settings) Update(upd backend.SettingsUpdate) (backend.Settings, error) {
	return s.svc.UpdateSettings(s.ctx, upd)
}
