package cli

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"time"

	"tend/backend"
	"tend/backend/paths"
	"tend/backend/sqlite"
)

// check is one line of `tend doctor`. A warning explains a limitation; a failure means Tend cannot
// work and makes doctor exit 1.
type check struct {
	name   string
	status string // "ok", "warn" or "FAIL"
	detail string
}

func doctorCommand() *command {
	return &command{
		name:    "doctor",
		summary: "check the data folder, workspace database, keyring and display",
		run: func(ctx context.Context, c *Config, g Globals, args []string) error {
			if len(args) > 0 {
				return usagef("doctor takes no arguments, got %q", args[0])
			}
			rt, err := c.Wire(ctx, g, "cli")
			if err != nil {
				return err
			}
			defer rt.Close()
			checks := []check{
				checkDataDir(rt.Paths),
				checkWorkspace(ctx, rt, g),
				checkKeyring(ctx, rt.Secrets),
				checkDisplay(c),
				checkFrontend(c.Frontend),
			}
			failed := 0
			for _, ch := range checks {
				fmt.Fprintf(c.Stdout, "%-5s %-10s %s\n", ch.status, ch.name, ch.detail)
				if ch.status == "FAIL" {
					failed++
				}
			}
			if failed > 0 {
				return backend.Errorf(backend.EUNAVAILABLE, "%d check(s) failed", failed)
			}
			return nil
		},
	}
}

func checkDataDir(p backend.Paths) check {
	dir := paths.WorkspacesDir(p)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return check{"data", "FAIL", fmt.Sprintf("cannot create %s: %v", dir, err)}
	}
	f, err := os.CreateTemp(dir, ".doctor-*")
	if err != nil {
		return check{"data", "FAIL", fmt.Sprintf("%s is not writable: %v", dir, err)}
	}
	f.Close()
	os.Remove(f.Name())
	return check{"data", "ok", dir}
}

func checkWorkspace(ctx context.Context, rt *Runtime, g Globals) check {
	path := g.DB
	if path == "" {
		name := g.Workspace
		if name == "" {
			name = DefaultWorkspace
			if p, err := rt.Prefs.Load(); err == nil && p.LastWorkspace != "" {
				name = p.LastWorkspace
			}
		}
		if err := backend.ValidateWorkspaceName(name); err != nil {
			return check{"workspace", "FAIL", backend.ErrorMessage(err)}
		}
		path = rt.Workspaces.PathOf(name)
	}
	if _, err := os.Stat(path); err != nil {
		return check{"workspace", "ok", path + " does not exist yet; it is created at first start"}
	}
	db, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		return check{"workspace", "FAIL", backend.ErrorMessage(err)}
	}
	defer db.Close()
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return check{"workspace", "FAIL", backend.ErrorMessage(err)}
	}
	return check{"workspace", "ok", fmt.Sprintf("%s (schema %d)", path, v)}
}

func checkKeyring(ctx context.Context, secrets backend.SecretStore) check {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := secrets.Probe(ctx); err != nil {
		return check{"keyring", "warn", backend.ErrorMessage(err) + " Accounts cannot be connected until it is."}
	}
	return check{"keyring", "ok", "the OS keyring answers"}
}

func checkDisplay(c *Config) check {
	if !c.hasDisplay() {
		return check{"display", "warn", "no display: use 'tend serve' or 'xvfb-run -a tend'"}
	}
	return check{"display", "ok", "a window can open"}
}

func checkFrontend(frontend fs.FS) check {
	if frontend == nil {
		return check{"frontend", "FAIL", "this build has no frontend"}
	}
	if _, err := fs.Stat(frontend, "index.html"); err != nil {
		return check{"frontend", "FAIL", "this build's frontend has no index.html: rebuild with 'make build'"}
	}
	return check{"frontend", "ok", "built in"}
}
