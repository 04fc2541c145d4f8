package cli

import (
	"context"
	"flag"
	"fmt"
	"os"

	"tend/backend"
	"tend/backend/audit"
	"tend/backend/sqlite"
)

func auditCommand() *command {
	var format string
	return &command{
		name:    "audit",
		args:    "verify | export [--format jsonl|csv]",
		summary: "verify the audit trail's hash chain (exit 1 when broken), or export it to standard output",
		flags: func(fs *flag.FlagSet) {
			fs.StringVar(&format, "format", "", "export as `FORMAT`: jsonl, one entry per line, oldest first (default), or csv")
		},
		run: func(ctx context.Context, c *Config, g Globals, args []string) error {
			if len(args) == 0 {
				return usagef("audit needs a subcommand: verify or export")
			}
			sub := args[0]
			if sub != "verify" && sub != "export" {
				return usagef("unknown audit subcommand %q: use verify or export", sub)
			}
			if len(args) > 1 {
				return usagef("audit %s takes no arguments, got %q", sub, args[1])
			}
			switch {
			case sub == "verify" && format != "":
				return usagef("--format applies to audit export only")
			case sub == "export" && format == "":
				format = audit.FormatJSONL
			case sub == "export" && audit.CheckFormat(format) != nil:
				return usagef("invalid --format %q: use jsonl or csv", format)
			}
			rt, err := c.Wire(ctx, g, "cli")
			if err != nil {
				return err
			}
			defer rt.Close()
			if err := openExistingWorkspace(ctx, rt, g); err != nil {
				return err
			}
			svc := sqlite.NewAuditService(rt.Workspaces)
			if sub == "export" {
				return svc.ExportAudit(ctx, c.Stdout, format)
			}
			v, err := svc.VerifyAudit(ctx)
			if err != nil {
				return err
			}
			if !v.OK {
				fmt.Fprintf(c.Stdout, "Audit trail BROKEN at entry %d: %s\n", v.FirstBad, v.Problem)
				return backend.Errorf(backend.ECONFLICT, "audit verification failed")
			}
			noun := "entries"
			if v.Entries == 1 {
				noun = "entry"
			}
			fmt.Fprintf(c.Stdout, "Audit trail OK: %d %s, chain verified.\n", v.Entries, noun)
			return nil
		},
	}
}

// openExistingWorkspace opens the workspace the globals name (or the last one used), refusing to
// create it: verifying or exporting a workspace that does not exist must not make an empty one.
func openExistingWorkspace(ctx context.Context, rt *Runtime, g Globals) error {
	path, name := g.DB, g.Workspace
	if path == "" {
		if name == "" {
			name = DefaultWorkspace
			if p, err := rt.Prefs.Load(); err == nil && p.LastWorkspace != "" {
				name = p.LastWorkspace
			}
		}
		if err := backend.ValidateWorkspaceName(name); err != nil {
			return err
		}
		if _, err := os.Stat(rt.Workspaces.PathOf(name)); err != nil {
			return backend.Errorf(backend.ENOTFOUND, "There is no workspace named %q.", name).
				Localized("workspace_not_found", "name", name)
		}
	} else if _, err := os.Stat(path); err != nil {
		return backend.Errorf(backend.ENOTFOUND, "There is no database at %s.", path)
	}
	_, err := rt.Workspaces.Start(ctx, name, g.DB)
	return err
}
