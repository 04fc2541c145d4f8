package sqlite

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"tend/backend"
)

// workspaceExt is the extension of workspace files in the workspaces folder.
const workspaceExt = ".db"

// Workspaces implements backend.WorkspaceService over a folder of workspace files, and holds the
// open one. Services reach the open database through DB, so a switch takes effect everywhere.
type Workspaces struct {
	dir    string
	events backend.Publisher
	now    func() time.Time

	mu      sync.RWMutex
	current *DB
	name    string
}

var _ backend.WorkspaceService = (*Workspaces)(nil)

// NewWorkspaces manages the workspace files in dir. now replaces the clock (nil: wall clock).
func NewWorkspaces(dir string, events backend.Publisher, now func() time.Time) *Workspaces {
	if now == nil {
		now = time.Now
	}
	return &Workspaces{dir: dir, events: events, now: now}
}

// Dir returns the folder holding the workspace files.
func (w *Workspaces) Dir() string { return w.dir }

// PathOf returns the file of the named workspace.
func (w *Workspaces) PathOf(name string) string { return filepath.Join(w.dir, name+workspaceExt) }

// DB returns the open workspace's database, or EUNAVAILABLE when none is open.
func (w *Workspaces) DB() (*DB, error) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	if w.current == nil {
		return nil, backend.Errorf(backend.EUNAVAILABLE, "No workspace is open.").Localized("no_workspace_open")
	}
	return w.current, nil
}

// Start opens the named workspace at startup, creating it when missing. path, when not empty,
// is the explicit database file (--db) to use instead of the workspaces folder.
func (w *Workspaces) Start(ctx context.Context, name, path string) (backend.Workspace, error) {
	if path == "" {
		if err := backend.ValidateWorkspaceName(name); err != nil {
			return backend.Workspace{}, err
		}
		path = w.PathOf(name)
	} else {
		name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	if err := w.switchTo(ctx, name, path, true); err != nil {
		return backend.Workspace{}, err
	}
	return w.CurrentWorkspace(ctx)
}

// ListWorkspaces returns the workspaces in the folder, plus the open one if it lives elsewhere.
func (w *Workspaces) ListWorkspaces(ctx context.Context) ([]backend.Workspace, error) {
	entries, err := os.ReadDir(w.dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, backend.Wrap(backend.EUNAVAILABLE, err, "Cannot list the workspaces in %s.", w.dir)
	}
	currentPath := w.currentPath()
	var out []backend.Workspace
	seenCurrent := false
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), workspaceExt)
		if !ok || e.IsDir() || backend.ValidateWorkspaceName(name) != nil {
			continue
		}
		ws, err := describe(name, w.PathOf(name), currentPath)
		if err != nil {
			continue // removed while listing
		}
		seenCurrent = seenCurrent || ws.Current
		out = append(out, ws)
	}
	if !seenCurrent && currentPath != "" {
		if ws, err := w.CurrentWorkspace(ctx); err == nil {
			out = append(out, ws)
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out, nil
}

// CurrentWorkspace returns the open workspace.
func (w *Workspaces) CurrentWorkspace(context.Context) (backend.Workspace, error) {
	w.mu.RLock()
	name, db := w.name, w.current
	w.mu.RUnlock()
	if db == nil {
		return backend.Workspace{}, backend.Errorf(backend.EUNAVAILABLE, "No workspace is open.").Localized("no_workspace_open")
	}
	return describe(name, db.Path(), db.Path())
}

// CreateWorkspace creates an empty workspace with its schema, without opening it.
func (w *Workspaces) CreateWorkspace(ctx context.Context, name string) (backend.Workspace, error) {
	if err := backend.ValidateWorkspaceName(name); err != nil {
		return backend.Workspace{}, err
	}
	path := w.PathOf(name)
	if w.exists(name) {
		return backend.Workspace{}, backend.Errorf(backend.ECONFLICT, "A workspace named %q already exists.", name).
			Localized("workspace_exists", "name", name)
	}
	db, err := Open(ctx, path, Options{Create: true, Now: w.now})
	if err != nil {
		return backend.Workspace{}, err
	}
	if err := db.Close(); err != nil {
		return backend.Workspace{}, backend.Wrap(backend.EINTERNAL, err, "Cannot finish creating workspace %q.", name)
	}
	ws, err := describe(name, path, w.currentPath())
	if err != nil {
		return backend.Workspace{}, err
	}
	w.events.Publish(backend.EventWorkspaceCreated, ws)
	return ws, nil
}

// OpenWorkspace switches to an existing workspace and publishes workspace:switched.
func (w *Workspaces) OpenWorkspace(ctx context.Context, name string) (backend.Workspace, error) {
	if err := backend.ValidateWorkspaceName(name); err != nil {
		return backend.Workspace{}, err
	}
	if !w.exists(name) {
		return backend.Workspace{}, notFound(name)
	}
	if err := w.switchTo(ctx, name, w.PathOf(name), false); err != nil {
		return backend.Workspace{}, err
	}
	ws, err := w.CurrentWorkspace(ctx)
	if err != nil {
		return backend.Workspace{}, err
	}
	w.events.Publish(backend.EventWorkspaceSwitched, ws)
	return ws, nil
}

// RenameWorkspace renames the workspace's files; the open workspace is closed and reopened.
func (w *Workspaces) RenameWorkspace(ctx context.Context, from, to string) (backend.Workspace, error) {
	for _, name := range []string{from, to} {
		if err := backend.ValidateWorkspaceName(name); err != nil {
			return backend.Workspace{}, err
		}
	}
	if !w.exists(from) {
		return backend.Workspace{}, notFound(from)
	}
	// Compare files, not names: on case-insensitive file systems "Demo" and "demo" are one file.
	if from != to && w.exists(to) && !sameFile(w.PathOf(from), w.PathOf(to)) {
		return backend.Workspace{}, backend.Errorf(backend.ECONFLICT, "A workspace named %q already exists.", to).
			Localized("workspace_exists", "name", to)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	wasCurrent := w.current != nil && w.current.Path() == w.PathOf(from)
	if wasCurrent {
		if err := w.current.Close(); err != nil {
			return backend.Workspace{}, backend.Wrap(backend.EINTERNAL, err, "Cannot close workspace %q.", from)
		}
		w.current = nil
	}
	renameErr := renameDatabase(w.PathOf(from), w.PathOf(to))
	if wasCurrent {
		name := to
		if renameErr != nil {
			name = from
		}
		db, err := Open(ctx, w.PathOf(name), Options{Now: w.now})
		if err != nil {
			return backend.Workspace{}, err
		}
		w.current, w.name = db, name
	}
	if renameErr != nil {
		return backend.Workspace{}, backend.Wrap(backend.EUNAVAILABLE, renameErr, "Cannot rename workspace %q.", from)
	}
	current := ""
	if w.current != nil {
		current = w.current.Path()
	}
	ws, err := describe(to, w.PathOf(to), current)
	if err != nil {
		return backend.Workspace{}, err
	}
	w.events.Publish(backend.EventWorkspaceRenamed, ws)
	return ws, nil
}

// DeleteWorkspace removes the workspace's files once the caller confirmed with its name.
func (w *Workspaces) DeleteWorkspace(ctx context.Context, name, confirmation string) error {
	if err := backend.ValidateWorkspaceName(name); err != nil {
		return err
	}
	if confirmation != name {
		return backend.Errorf(backend.EINVALID, "To delete workspace %q, type its name to confirm.", name).
			Localized("workspace_delete_confirm", "name", name)
	}
	if !w.exists(name) {
		return notFound(name)
	}
	if w.currentPath() == w.PathOf(name) {
		return backend.Errorf(backend.ECONFLICT, "Workspace %q is open: switch to another workspace before deleting it.", name).
			Localized("workspace_delete_open", "name", name)
	}
	ws, err := describe(name, w.PathOf(name), "")
	if err != nil {
		return err
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(w.PathOf(name) + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return backend.Wrap(backend.EUNAVAILABLE, err, "Cannot delete workspace %q.", name)
		}
	}
	w.events.Publish(backend.EventWorkspaceDeleted, ws)
	return nil
}

// Close closes the open workspace.
func (w *Workspaces) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.current == nil {
		return nil
	}
	err := w.current.Close()
	w.current = nil
	return err
}

// switchTo opens path and makes it current, closing the previous database. The new database is
// fully opened before the old one is closed, so a failure leaves the current workspace in place.
func (w *Workspaces) switchTo(ctx context.Context, name, path string, create bool) error {
	db, err := Open(ctx, path, Options{Create: create, Now: w.now})
	if err != nil {
		return err
	}
	w.mu.Lock()
	previous := w.current
	w.current, w.name = db, name
	w.mu.Unlock()
	if previous != nil {
		return previous.Close()
	}
	return nil
}

func (w *Workspaces) currentPath() string {
	w.mu.RLock()
	defer w.mu.RUnlock()
	if w.current == nil {
		return ""
	}
	return w.current.Path()
}

func (w *Workspaces) exists(name string) bool {
	info, err := os.Stat(w.PathOf(name))
	return err == nil && info.Mode().IsRegular()
}

func notFound(name string) error {
	return backend.Errorf(backend.ENOTFOUND, "There is no workspace named %q.", name).Localized("workspace_not_found", "name", name)
}

func describe(name, path, currentPath string) (backend.Workspace, error) {
	info, err := os.Stat(path)
	if err != nil {
		return backend.Workspace{}, backend.Wrap(backend.ENOTFOUND, err, "There is no workspace named %q.", name)
	}
	size := info.Size()
	for _, suffix := range []string{"-wal", "-shm"} {
		if extra, err := os.Stat(path + suffix); err == nil {
			size += extra.Size()
		}
	}
	return backend.Workspace{
		Name: name, Path: path, SizeBytes: size, ModifiedAt: info.ModTime().UTC(),
		Current: currentPath != "" && sameFile(path, currentPath),
	}, nil
}

func sameFile(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}

// renameDatabase moves a closed database and its WAL companions.
func renameDatabase(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Rename(from+suffix, to+suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}
