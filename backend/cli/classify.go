package cli

import (
	"context"
	"os"

	"tend/backend"
	"tend/backend/triage"
)

func classifyCommand() *command {
	return &command{
		name: "classify",
		summary: "triage messages read from standard input, one per line, as JSON lines\n\n" +
			`Each line is plain text or {"id": ..., "text": "..."}; each answer is one JSON line with the intent,` + "\n" +
			"sentiment, language, priority and escalation reasons. The workspace's corrections are used when it exists.",
		run: func(ctx context.Context, c *Config, g Globals, args []string) error {
			if len(args) > 0 {
				return usagef("classify reads standard input and takes no arguments, got %q", args[0])
			}
			rt, err := c.Wire(ctx, g, "cli")
			if err != nil {
				return err
			}
			defer rt.Close()
			classifier, err := workspaceClassifier(ctx, rt, g)
			if err != nil {
				return err
			}
			failed, err := triage.ClassifyLines(ctx, classifier, c.Stdin, c.Stdout)
			if err != nil {
				return err
			}
			if failed > 0 {
				return backend.Errorf(backend.EINVALID, "%d line(s) could not be classified", failed)
			}
			return nil
		},
	}
}

// workspaceClassifier is the named (or last used) workspace's classifier when that workspace
// exists, else the shipped model: classifying must not create a workspace.
func workspaceClassifier(ctx context.Context, rt *Runtime, g Globals) (triage.Classifier, error) {
	path, name := g.DB, g.Workspace
	if path == "" {
		if name == "" {
			name = DefaultWorkspace
			if p, err := rt.Prefs.Load(); err == nil && p.LastWorkspace != "" {
				name = p.LastWorkspace
			}
		}
		if err := backend.ValidateWorkspaceName(name); err != nil {
			return nil, err
		}
		path = rt.Workspaces.PathOf(name)
	}
	if _, err := os.Stat(path); err != nil {
		return rt.NewTriager()
	}
	if _, err := rt.Workspaces.Start(ctx, name, g.DB); err != nil {
		return nil, err
	}
	_, t, err := rt.Inbox.Triager(ctx)
	return t, err
}
