package assets

import _ "embed"

// TriageModel is the trained triage model (backend/triage.LoadModel), built by
// backend/triage/cmd/train; see triage/ATTRIBUTION for the data it was trained on.
//
//go:embed triage/model.bin.gz
var TriageModel []byte

// TriageKeywords is the default list of escalation keywords (backend/triage.ParseKeywords).
//
//go:embed triage/escalation_keywords.json
var TriageKeywords []byte
