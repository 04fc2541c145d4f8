package paths_test

import (
	"path/filepath"
	"testing"

	"tend/backend/paths"
)

func TestResolve(t *testing.T) {
	t.Run("XDG", func(t *testing.T) {
		home := t.TempDir()
		t.Setenv("XDG_DATA_HOME", filepath.Join(home, "data"))
		t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "config"))
		t.Setenv("XDG_CACHE_HOME", filepath.Join(home, "cache"))
		p, err := paths.Resolve("")
		if err != nil {
			t.Fatal(err)
		}
		if want := filepath.Join(home, "data", "tend"); p.DataDir != want {
			t.Errorf("DataDir = %q, want %q", p.DataDir, want)
		}
		if want := filepath.Join(home, "config", "tend"); p.ConfigDir != want {
			t.Errorf("ConfigDir = %q, want %q", p.ConfigDir, want)
		}
		if want := filepath.Join(home, "data", "tend", "workspaces"); paths.WorkspacesDir(p) != want {
			t.Errorf("WorkspacesDir = %q, want %q", paths.WorkspacesDir(p), want)
		}
	})
	t.Run("OverrideHoldsEverything", func(t *testing.T) {
		dir := t.TempDir()
		t.Setenv("XDG_DATA_HOME", "/elsewhere")
		p, err := paths.Resolve(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, got := range []string{p.DataDir, p.ConfigDir, p.CacheDir} {
			if filepath.Dir(got) != dir {
				t.Errorf("%q is not inside %q", got, dir)
			}
		}
	})
}
