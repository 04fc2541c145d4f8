package app

import (
	"context"

	"tend/backend"
)

// Accounts connects platform accounts and imports platform data exports.
type Accounts struct {
	ctx     context.Context
	svc     backend.AccountService
	imports backend.ImportService
}

// Platforms lists the platforms Tend can connect.
func (a *Accounts) Platforms() []string { return backend.ConnectorPlatforms }

// List returns the connected accounts.
func (a *Accounts) List() ([]backend.Account, error) { return a.svc.ListAccounts(a.ctx) }

// Get returns one account.
func (a *Accounts) Get(id int64) (backend.Account, error) { return a.svc.GetAccount(a.ctx, id) }

// Add tests the credentials and connects the account; secrets go to the OS keyring.
func (a *Accounts) Add(n backend.NewAccount) (backend.Account, error) {
	return a.svc.AddAccount(a.ctx, n)
}

// Update renames the account, changes its address or ids, or replaces its secrets.
func (a *Accounts) Update(id int64, u backend.AccountUpdate) (backend.Account, error) {
	return a.svc.UpdateAccount(a.ctx, id, u)
}

// Test checks the stored credentials against the platform.
func (a *Accounts) Test(id int64) (backend.AccountInfo, error) { return a.svc.TestAccount(a.ctx, id) }

// Pause stops syncing and sending, or resumes when paused is false.
func (a *Accounts) Pause(id int64, paused bool) (backend.Account, error) {
	return a.svc.PauseAccount(a.ctx, id, paused)
}

// Remove disconnects the account; its messages stay.
func (a *Accounts) Remove(id int64) error { return a.svc.RemoveAccount(a.ctx, id) }

// SyncNow syncs the account as soon as possible.
func (a *Accounts) SyncNow(id int64) (backend.Account, error) { return a.svc.SyncNow(a.ctx, id) }

// Import imports a platform data export (a file or folder on this machine).
func (a *Accounts) Import(req backend.ImportRequest) (backend.ImportSummary, error) {
	return a.imports.Import(a.ctx, req)
}
