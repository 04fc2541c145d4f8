package backend

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Workspace is one brand's data: a single SQLite file.
type Workspace struct {
	Name       string    `json:"name"`
	Path       string    `json:"path"`
	SizeBytes  int64     `json:"size_bytes"`
	ModifiedAt time.Time `json:"modified_at"`
	Current    bool      `json:"current"`
}

// MaxWorkspaceNameLength bounds names so they stay valid file names everywhere.
const MaxWorkspaceNameLength = 64

// Windows refuses these as file names whatever the extension.
var reservedFileNames = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

// ValidateWorkspaceName returns EINVALID unless name can be used as a workspace name: it becomes a
// file name, so path separators, "..", control characters and characters Windows forbids are refused.
func ValidateWorkspaceName(name string) error {
	invalid := func(reason, key string) error {
		return Errorf(EINVALID, "Invalid workspace name %q: %s.", name, reason).Localized(key, "name", name)
	}
	switch {
	case name == "":
		return Errorf(EINVALID, "A workspace name is required.").Localized("workspace_name_required")
	case !utf8.ValidString(name):
		return invalid("it is not valid UTF-8", "workspace_name_invalid")
	case utf8.RuneCountInString(name) > MaxWorkspaceNameLength:
		return invalid("it is longer than 64 characters", "workspace_name_too_long")
	case strings.Contains(name, ".."):
		return invalid(`it contains ".."`, "workspace_name_dots")
	case strings.HasPrefix(name, "."):
		return invalid("it starts with a dot", "workspace_name_dots")
	case strings.TrimSpace(name) != name:
		return invalid("it starts or ends with a space", "workspace_name_spaces")
	case reservedFileNames[strings.ToLower(name)]:
		return invalid("it is a reserved file name", "workspace_name_reserved")
	}
	for _, r := range name {
		if unicode.IsControl(r) || strings.ContainsRune(`/\:*?"<>|`, r) {
			return invalid(`it contains a control character or one of / \ : * ? " < > |`, "workspace_name_characters")
		}
	}
	return nil
}

// WorkspaceService manages the workspace files and which one is open.
type WorkspaceService interface {
	// ListWorkspaces returns every workspace, sorted by name, the open one flagged Current.
	ListWorkspaces(ctx context.Context) ([]Workspace, error)
	// CreateWorkspace makes a new empty workspace. Returns EINVALID for a bad name and ECONFLICT if
	// one with that name exists.
	CreateWorkspace(ctx context.Context, name string) (Workspace, error)
	// RenameWorkspace renames a workspace, the open one included. Returns ENOTFOUND if from does not
	// exist, EINVALID for a bad name and ECONFLICT if to exists.
	RenameWorkspace(ctx context.Context, from, to string) (Workspace, error)
	// DeleteWorkspace removes a workspace and its data. confirmation must repeat the name, else
	// EINVALID. Returns ENOTFOUND if it does not exist and ECONFLICT for the open workspace.
	DeleteWorkspace(ctx context.Context, name, confirmation string) error
	// OpenWorkspace switches to an existing workspace. Returns ENOTFOUND if it does not exist.
	OpenWorkspace(ctx context.Context, name string) (Workspace, error)
	// CurrentWorkspace returns the open workspace.
	CurrentWorkspace(ctx context.Context) (Workspace, error)
}
