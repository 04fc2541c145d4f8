package app

import (
	"context"

	"tend/backend"
)

// System tells the frontend about the running app.
type System struct {
	ctx context.Context
	svc backend.SystemService
}

// Info returns the version, transport, OS locale and folders.
func (s *System) Info() (backend.SystemInfo, error) { return s.svc.Info(s.ctx) }
