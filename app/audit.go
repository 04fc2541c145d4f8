package app

import (
	"context"

	"tend/backend"
)

// Audit is the workspace's audit trail.
type Audit struct {
	ctx context.Context
	svc backend.AuditService
}

// List returns a page of entries, newest first.
func (a *Audit) List(f backend.AuditFilter) (backend.AuditPage, error) {
	return a.svc.ListAudit(a.ctx, f)
}

// Verify recomputes the hash chain.
func (a *Audit) Verify() (backend.AuditVerification, error) { return a.svc.VerifyAudit(a.ctx) }
