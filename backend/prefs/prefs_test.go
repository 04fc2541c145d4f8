package prefs_test

import (
	"os"
	"path/filepath"
	"testing"

	"tend/backend"
	"tend/backend/prefs"
)

func TestStore(t *testing.T) {
	t.Run("MissingFileGivesDefaults", func(t *testing.T) {
		p, err := prefs.NewStore(t.TempDir()).Load()
		if err != nil || p != prefs.Defaults() {
			t.Fatalf("got %+v, %v", p, err)
		}
	})
	t.Run("RoundTripIsPrivate", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "config")
		s := prefs.NewStore(dir)
		want := prefs.Preferences{Window: prefs.Window{Width: 1000, Height: 700, X: 10, Y: 20, Positioned: true}, LastWorkspace: "demo"}
		if err := s.Save(want); err != nil {
			t.Fatal(err)
		}
		got, err := s.Load()
		if err != nil || got != want {
			t.Fatalf("got %+v, %v; want %+v", got, err, want)
		}
		for path, mode := range map[string]os.FileMode{dir: 0o700, s.Path(): 0o600} {
			info, err := os.Stat(path)
			if err != nil || info.Mode().Perm() != mode {
				t.Errorf("%s: mode %v, %v; want %v", path, info.Mode().Perm(), err, mode)
			}
		}
	})
	t.Run("BadValuesClamped", func(t *testing.T) {
		dir := t.TempDir()
		body := `{"window":{"width":99999,"height":10},"last_workspace":"../etc"}`
		if err := os.WriteFile(filepath.Join(dir, "preferences.json"), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		p, err := prefs.NewStore(dir).Load()
		if err != nil {
			t.Fatal(err)
		}
		if p.Window.Width != prefs.MaxWidth || p.Window.Height != prefs.MinHeight || p.LastWorkspace != "" {
			t.Fatalf("not clamped: %+v", p)
		}
	})
	t.Run("CorruptFileGivesDefaultsAndError", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "preferences.json"), []byte("{not json"), 0o600); err != nil {
			t.Fatal(err)
		}
		p, err := prefs.NewStore(dir).Load()
		if backend.ErrorCode(err) != backend.EINVALID || p != prefs.Defaults() {
			t.Fatalf("got %+v, %v", p, err)
		}
	})
}

func TestSetLastWorkspace(t *testing.T) {
	s := prefs.NewStore(t.TempDir())
	if err := s.Save(prefs.Preferences{Window: prefs.Window{Width: 900, Height: 700}}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetLastWorkspace("brand"); err != nil {
		t.Fatal(err)
	}
	p, err := s.Load()
	if err != nil || p.LastWorkspace != "brand" || p.Window.Width != 900 {
		t.Fatalf("got %+v, %v: want the name saved and the window kept", p, err)
	}
}
