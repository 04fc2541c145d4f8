// Package assets embeds what Tend ships besides code: the demo workspace, and (in sibling files)
// the triage model and other defaults.
package assets

import "embed"

// Demo is the demo workspace, loaded by `tend demo`: see demo/README.md.
//
//go:embed demo
var Demo embed.FS
