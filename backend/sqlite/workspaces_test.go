package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"tend/backend"
	"tend/backend/sqlite"
)

// recorder is a backend.Publisher that remembers what was published.
type recorder struct {
	mu     sync.Mutex
	events []backend.Event
}

func (r *recorder) Publish(name string, payload any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, backend.Event{Name: name, Payload: payload})
}

func (r *recorder) names() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, e := range r.events {
		out = append(out, e.Name)
	}
	return out
}

func newWorkspaces(t *testing.T) (*sqlite.Workspaces, *recorder) {
	t.Helper()
	events := &recorder{}
	ws := sqlite.NewWorkspaces(filepath.Join(t.TempDir(), "workspaces"), events, func() time.Time { return fixedNow })
	t.Cleanup(func() { ws.Close() })
	return ws, events
}

func names(list []backend.Workspace) (out []string) {
	for _, w := range list {
		name := w.Name
		if w.Current {
			name += "*"
		}
		out = append(out, name)
	}
	return out
}

func TestWorkspaces(t *testing.T) {
	ctx := context.Background()

	t.Run("StartCreatesAndOpens", func(t *testing.T) {
		ws, _ := newWorkspaces(t)
		w, err := ws.Start(ctx, "default", "")
		if err != nil || w.Name != "default" || !w.Current || w.Path != ws.PathOf("default") {
			t.Fatalf("got %+v, %v", w, err)
		}
		if _, err := ws.DB(); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("StartWithExplicitFile", func(t *testing.T) {
		ws, _ := newWorkspaces(t)
		path := filepath.Join(t.TempDir(), "portable.db")
		w, err := ws.Start(ctx, "ignored", path)
		if err != nil || w.Name != "portable" || w.Path != path {
			t.Fatalf("got %+v, %v", w, err)
		}
		list, err := ws.ListWorkspaces(ctx)
		if err != nil || !slices.Equal(names(list), []string{"portable*"}) {
			t.Fatalf("list %v, %v", names(list), err)
		}
	})

	t.Run("CreateListOpenRenameDelete", func(t *testing.T) {
		ws, events := newWorkspaces(t)
		if _, err := ws.Start(ctx, "default", ""); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"Brand B", "brand-a", "Café Lumière"} {
			if _, err := ws.CreateWorkspace(ctx, name); err != nil {
				t.Fatalf("create %q: %v", name, err)
			}
		}
		list, err := ws.ListWorkspaces(ctx)
		if err != nil || !slices.Equal(names(list), []string{"Brand B", "brand-a", "Café Lumière", "default*"}) {
			t.Fatalf("list %v, %v", names(list), err)
		}

		if w, err := ws.OpenWorkspace(ctx, "brand-a"); err != nil || !w.Current {
			t.Fatalf("open: %+v, %v", w, err)
		}
		if w, err := ws.RenameWorkspace(ctx, "brand-a", "Brand A"); err != nil || !w.Current || w.Name != "Brand A" {
			t.Fatalf("rename the open workspace: %+v, %v", w, err)
		}
		if cur, err := ws.CurrentWorkspace(ctx); err != nil || cur.Name != "Brand A" {
			t.Fatalf("current after rename: %+v, %v", cur, err)
		}
		if err := ws.DeleteWorkspace(ctx, "Brand B", "Brand B"); err != nil {
			t.Fatal(err)
		}
		list, _ = ws.ListWorkspaces(ctx)
		if !slices.Equal(names(list), []string{"Brand A*", "Café Lumière", "default"}) {
			t.Fatalf("list after changes %v", names(list))
		}
		want := []string{backend.EventWorkspaceCreated, backend.EventWorkspaceCreated, backend.EventWorkspaceCreated,
			backend.EventWorkspaceSwitched, backend.EventWorkspaceRenamed, backend.EventWorkspaceDeleted}
		if got := events.names(); !slices.Equal(got, want) {
			t.Fatalf("events %v, want %v", got, want)
		}
	})

	t.Run("SwitchKeepsDataApart", func(t *testing.T) {
		ws, _ := newWorkspaces(t)
		settings := sqlite.NewSettingsService(ws, &recorder{}, defaultSettings)
		if _, err := ws.Start(ctx, "one", ""); err != nil {
			t.Fatal(err)
		}
		brand := "One"
		if _, err := settings.UpdateSettings(ctx, backend.SettingsUpdate{BrandName: &brand}); err != nil {
			t.Fatal(err)
		}
		if _, err := ws.CreateWorkspace(ctx, "two"); err != nil {
			t.Fatal(err)
		}
		if _, err := ws.OpenWorkspace(ctx, "two"); err != nil {
			t.Fatal(err)
		}
		if s, _ := settings.GetSettings(ctx); s.BrandName != "" {
			t.Fatalf("workspace two sees brand %q", s.BrandName)
		}
		if _, err := ws.OpenWorkspace(ctx, "one"); err != nil {
			t.Fatal(err)
		}
		if s, _ := settings.GetSettings(ctx); s.BrandName != "One" {
			t.Fatalf("workspace one lost its brand: %q", s.BrandName)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		ws, events := newWorkspaces(t)
		if _, err := ws.Start(ctx, "default", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := ws.CreateWorkspace(ctx, "other"); err != nil {
			t.Fatal(err)
		}
		before := len(events.names())
		for _, tc := range []struct {
			name string
			err  error
			code string
		}{
			{"CreateDuplicate", second(ws.CreateWorkspace(ctx, "other")), backend.ECONFLICT},
			{"CreateSlash", second(ws.CreateWorkspace(ctx, "a/b")), backend.EINVALID},
			{"CreateDotDot", second(ws.CreateWorkspace(ctx, "..")), backend.EINVALID},
			{"CreateControl", second(ws.CreateWorkspace(ctx, "a\x01b")), backend.EINVALID},
			{"CreateEmpty", second(ws.CreateWorkspace(ctx, "")), backend.EINVALID},
			{"OpenMissing", second(ws.OpenWorkspace(ctx, "nope")), backend.ENOTFOUND},
			{"OpenTraversal", second(ws.OpenWorkspace(ctx, "../default")), backend.EINVALID},
			{"RenameMissing", second(ws.RenameWorkspace(ctx, "nope", "x")), backend.ENOTFOUND},
			{"RenameOntoExisting", second(ws.RenameWorkspace(ctx, "other", "default")), backend.ECONFLICT},
			{"RenameBadTarget", second(ws.RenameWorkspace(ctx, "other", "x\\y")), backend.EINVALID},
			{"DeleteUnconfirmed", ws.DeleteWorkspace(ctx, "other", "othr"), backend.EINVALID},
			{"DeleteOpen", ws.DeleteWorkspace(ctx, "default", "default"), backend.ECONFLICT},
			{"DeleteMissing", ws.DeleteWorkspace(ctx, "nope", "nope"), backend.ENOTFOUND},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if backend.ErrorCode(tc.err) != tc.code {
					t.Fatalf("got %v, want %s", tc.err, tc.code)
				}
			})
		}
		if after := len(events.names()); after != before {
			t.Fatalf("failed calls published %d events", after-before)
		}
		if _, err := os.Stat(ws.PathOf("other")); err != nil {
			t.Fatalf("a failed call removed a workspace: %v", err)
		}
	})

	t.Run("OpenRefusesDamagedFileAndKeepsCurrent", func(t *testing.T) {
		ws, _ := newWorkspaces(t)
		if _, err := ws.Start(ctx, "default", ""); err != nil {
			t.Fatal(err)
		}
		writeFile(t, ws.PathOf("junk"), []byte("not a database at all"))
		if _, err := ws.OpenWorkspace(ctx, "junk"); backend.ErrorCode(err) != backend.EINVALID {
			t.Fatalf("got %v, want EINVALID", err)
		}
		if cur, err := ws.CurrentWorkspace(ctx); err != nil || cur.Name != "default" {
			t.Fatalf("current workspace changed: %+v, %v", cur, err)
		}
	})

	t.Run("NoWorkspaceOpen", func(t *testing.T) {
		ws, _ := newWorkspaces(t)
		if _, err := ws.DB(); backend.ErrorCode(err) != backend.EUNAVAILABLE {
			t.Fatalf("got %v", err)
		}
	})
}

func second[T any](_ T, err error) error { return err }
