// Package paths resolves where Tend keeps its files: the XDG base directories (adrg/xdg, which
// also knows the Windows and macOS equivalents), or one folder given with --data-dir.
package paths

import (
	"path/filepath"

	"github.com/adrg/xdg"

	"tend/backend"
)

// appName names Tend's folder inside each base directory.
const appName = "tend"

// Resolve returns Tend's folders. A non-empty override holds everything (data, config and cache
// in sub-folders) so that tests and portable installs touch nothing else.
func Resolve(override string) (backend.Paths, error) {
	if override != "" {
		abs, err := filepath.Abs(override)
		if err != nil {
			return backend.Paths{}, backend.Wrap(backend.EINVALID, err, "Invalid data folder %q.", override)
		}
		return backend.Paths{
			DataDir:   filepath.Join(abs, "data"),
			ConfigDir: filepath.Join(abs, "config"),
			CacheDir:  filepath.Join(abs, "cache"),
		}, nil
	}
	xdg.Reload() // read the environment now, not when the package was initialised
	return backend.Paths{
		DataDir:   filepath.Join(xdg.DataHome, appName),
		ConfigDir: filepath.Join(xdg.ConfigHome, appName),
		CacheDir:  filepath.Join(xdg.CacheHome, appName),
	}, nil
}

// WorkspacesDir is the folder of workspace database files.
func WorkspacesDir(p backend.Paths) string { return filepath.Join(p.DataDir, "workspaces") }
