package assets

import _ "embed"

// Templates is the shipped reply template library (backend/reply.ParseLibrary); see
// templates/README.md for its format.
//
//go:embed templates/templates.json
var Templates []byte
