package app

import (
	"context"

	"tend/backend"
)

// Workspaces lists, creates, renames, deletes and switches workspaces.
type Workspaces struct {
	ctx    context.Context
	svc    backend.WorkspaceService
	opened func(name string)
}

// List returns every workspace, the open one flagged.
func (w *Workspaces) List() ([]backend.Workspace, error) { return w.svc.ListWorkspaces(w.ctx) }

// Current returns the open workspace.
func (w *Workspaces) Current() (backend.Workspace, error) { return w.svc.CurrentWorkspace(w.ctx) }

// Create makes a new, empty workspace.
func (w *Workspaces) Create(name string) (backend.Workspace, error) {
	return w.svc.CreateWorkspace(w.ctx, name)
}

// Rename renames a workspace.
func (w *Workspaces) Rename(from, to string) (backend.Workspace, error) {
	ws, err := w.svc.RenameWorkspace(w.ctx, from, to)
	if err == nil && ws.Current && w.opened != nil {
		w.opened(ws.Name)
	}
	return ws, err
}

// Delete removes a workspace; confirmation must repeat its name.
func (w *Workspaces) Delete(name, confirmation string) error {
	return w.svc.DeleteWorkspace(w.ctx, name, confirmation)
}

// Open switches to a workspace.
func (w *Workspaces) Open(name string) (backend.Workspace, error) {
	ws, err := w.svc.OpenWorkspace(w.ctx, name)
	if err == nil && w.opened != nil {
		w.opened(ws.Name)
	}
	return ws, err
}
