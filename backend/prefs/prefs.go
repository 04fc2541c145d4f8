// Package prefs keeps app-level preferences (window geometry, last workspace) in a JSON file in
// the config folder: they belong to the machine, not to a workspace.
package prefs

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"tend/backend"
)

// Window size bounds: smaller is unusable, larger is a corrupt value.
const (
	MinWidth, MinHeight         = 800, 600
	MaxWidth, MaxHeight         = 7680, 4320
	DefaultWidth, DefaultHeight = 1280, 800
)

// Window is the main window's last geometry. X and Y are only meaningful when Positioned.
type Window struct {
	Width      int  `json:"width"`
	Height     int  `json:"height"`
	X          int  `json:"x"`
	Y          int  `json:"y"`
	Positioned bool `json:"positioned"`
	Maximised  bool `json:"maximised"`
}

// Preferences are the app-level preferences.
type Preferences struct {
	Window        Window `json:"window"`
	LastWorkspace string `json:"last_workspace"`
}

// Defaults returns the preferences of a first start.
func Defaults() Preferences {
	return Preferences{Window: Window{Width: DefaultWidth, Height: DefaultHeight}}
}

// Store reads and writes the preferences file.
type Store struct{ path string }

// NewStore keeps preferences in dir/preferences.json.
func NewStore(dir string) *Store { return &Store{path: filepath.Join(dir, "preferences.json")} }

// Path returns the preferences file.
func (s *Store) Path() string { return s.path }

// Load returns the saved preferences merged over the defaults, with out-of-range values clamped.
// A missing file gives the defaults; an unreadable one gives the defaults and the error, so the
// app still starts.
func (s *Store) Load() (Preferences, error) {
	p := Defaults()
	raw, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return p, nil
	}
	if err == nil {
		err = json.Unmarshal(raw, &p)
	}
	if err != nil {
		return Defaults(), backend.Wrap(backend.EINVALID, err, "Ignoring unreadable preferences in %s.", s.path)
	}
	p.Window.Width = clamp(p.Window.Width, MinWidth, MaxWidth, DefaultWidth)
	p.Window.Height = clamp(p.Window.Height, MinHeight, MaxHeight, DefaultHeight)
	if backend.ValidateWorkspaceName(p.LastWorkspace) != nil {
		p.LastWorkspace = ""
	}
	return p, nil
}

// Save writes the preferences atomically, 0600 in a 0700 folder.
func (s *Store) Save(p Preferences) error {
	raw, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return backend.Wrap(backend.EINTERNAL, err, "Cannot encode preferences.")
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		return backend.Wrap(backend.EUNAVAILABLE, err, "Cannot create %s.", filepath.Dir(s.path))
	}
	tmp, err := os.CreateTemp(filepath.Dir(s.path), ".preferences-*.json")
	if err != nil {
		return backend.Wrap(backend.EUNAVAILABLE, err, "Cannot save preferences.")
	}
	defer os.Remove(tmp.Name())
	err = tmp.Chmod(0o600)
	if err == nil {
		_, err = tmp.Write(raw)
	}
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), s.path)
	}
	if err != nil {
		return backend.Wrap(backend.EUNAVAILABLE, err, "Cannot save preferences to %s.", s.path)
	}
	return nil
}

// clamp keeps v within [lo, hi]; an unset (zero) value takes def.
func clamp(v, lo, hi, def int) int {
	switch {
	case v == 0:
		return def
	case v < lo:
		return lo
	case v > hi:
		return hi
	}
	return v
}

// SetLastWorkspace remembers the workspace to open at the next start.
func (s *Store) SetLastWorkspace(name string) error {
	p, _ := s.Load() // an unreadable file is replaced by defaults plus the name
	p.LastWorkspace = name
	return s.Save(p)
}
