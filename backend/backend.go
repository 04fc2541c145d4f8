// Package backend is Tend's domain: the types every area shares, one service interface per area
// with its error contract, the error type and the names of the events the app publishes.
// Sub-packages implement these interfaces and are named after what they wrap (sqlite, http, ...);
// they depend on this package, never the other way round.
package backend

import "context"

// Paths are the folders Tend reads and writes. They come from the XDG base directories unless
// --data-dir overrides all of them.
type Paths struct {
	DataDir   string `json:"data_dir"`   // workspaces and other user data
	ConfigDir string `json:"config_dir"` // app-level preferences
	CacheDir  string `json:"cache_dir"`  // anything that can be rebuilt
}

// SystemInfo describes the running build and where it keeps its files.
type SystemInfo struct {
	Version   string `json:"version"`
	Transport string `json:"transport"` // "desktop" or "server"
	OS        string `json:"os"`
	Locale    string `json:"locale"` // the OS locale, e.g. "fr-FR"; "" when unknown
	Paths     Paths  `json:"paths"`
	Workspace string `json:"workspace"` // file of the open workspace
}

// SystemService answers questions about the running app.
type SystemService interface {
	// Info returns the build version, paths and open workspace file.
	Info(ctx context.Context) (SystemInfo, error)
}
