// Package demo loads the demo workspace shipped in assets/demo into an open workspace.
package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"

	"tend/backend"
)

// Name is the workspace `tend demo` creates or resets.
const Name = "demo"

// SettingsWriter replaces every setting of a workspace at once.
type SettingsWriter interface {
	SetDefaults(ctx context.Context, s backend.Settings) error
}

// Load fills the open workspace from the demo files in fsys.
func Load(ctx context.Context, fsys fs.FS, settings SettingsWriter) error {
	var s backend.Settings
	if err := decode(fsys, "settings.json", &s); err != nil {
		return err
	}
	return settings.SetDefaults(ctx, s)
}

// decode reads one JSON demo file strictly: a typo in a shipped file must fail the tests.
func decode(fsys fs.FS, name string, v any) error {
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return backend.Wrap(backend.EINTERNAL, err, "The demo file %s is missing.", name)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return backend.Wrap(backend.EINTERNAL, fmt.Errorf("%s: %w", name, err), "The demo file %s is invalid.", name)
	}
	return nil
}
