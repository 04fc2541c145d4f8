// Package app holds the structs bound to the desktop window (Wails) and, unchanged, to the HTTP
// API. They only translate calls to the backend services: no business rules live here.
package app

import (
	"context"

	"tend/backend"
)

// Services are what the bindings call.
type Services struct {
	Workspaces backend.WorkspaceService
	Settings   backend.SettingsService
	System     backend.SystemService
	Inbox      backend.InboxService
	Templates  backend.TemplateService
	Replies    backend.ReplyService
	Model      backend.ModelService
	Audit      backend.AuditService
	Accounts   backend.AccountService
	Imports    backend.ImportService
	Creators   backend.CreatorService
	Calendar   backend.CalendarService
	// WorkspaceOpened is told the name of each workspace the user switches to (to remember it).
	WorkspaceOpened func(name string)
}

// Bindings returns the structs to bind, in a stable order. ctx is the app's lifetime: bound
// methods cannot take a context from the frontend, so they run under this one.
func Bindings(ctx context.Context, s Services) []any {
	return []any{
		&Workspaces{ctx: ctx, svc: s.Workspaces, opened: s.WorkspaceOpened},
		&Settings{ctx: ctx, svc: s.Settings},
		&System{ctx: ctx, svc: s.System},
		&Inbox{ctx: ctx, svc: s.Inbox},
		&Templates{ctx: ctx, svc: s.Templates},
		&Replies{ctx: ctx, svc: s.Replies},
		&Model{ctx: ctx, svc: s.Model},
		&Audit{ctx: ctx, svc: s.Audit},
		&Accounts{ctx: ctx, svc: s.Accounts, imports: s.Imports},
		&Creators{ctx: ctx, svc: s.Creators},
		&Calendar{ctx: ctx, svc: s.Calendar},
	}
}

// FormatError is the Wails error formatter: the frontend receives the same {code, message, key,
// params} object the HTTP API sends, so one transport layer handles both.
func FormatError(err error) any { return backend.Public(err) }
