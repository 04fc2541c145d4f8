// Package cli is Tend's command line: it parses arguments, asks main for the wired services and
// runs one command. Exit codes: 0 success, 1 failure, 2 usage error; errors go to stderr,
// machine-readable output to stdout.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"sort"
	"time"

	"tend/backend"
	"tend/backend/event"
	"tend/backend/prefs"
	"tend/backend/sqlite"
	"tend/backend/triage"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// DefaultWorkspace is opened when neither --workspace nor a remembered workspace says otherwise.
const DefaultWorkspace = "default"

// Globals are the flags every command accepts.
type Globals struct {
	Workspace string // --workspace NAME; "" means the last one used, else DefaultWorkspace
	DB        string // --db PATH: an explicit workspace file
	DataDir   string // --data-dir DIR: overrides every XDG folder
}

// Runtime is the wired app main builds for a command.
type Runtime struct {
	Paths      backend.Paths
	Prefs      *prefs.Store
	Events     *event.Hub
	Workspaces *sqlite.Workspaces
	Settings   *sqlite.SettingsService
	Inbox      *sqlite.InboxService
	Templates  *sqlite.TemplateService
	// Replies drafts, approves and sends replies; its worker runs while the app or server does.
	Replies *sqlite.ReplyService
	// Accounts connects platform accounts; its sync engine runs while the app or server does.
	Accounts *sqlite.AccountService
	Imports  *sqlite.ImportService
	// Webhooks receives platform deliveries under `tend serve`.
	Webhooks http.Handler
	// Calendar plans posts; its scheduler runs while the app or server does.
	Calendar *sqlite.CalendarService
	Creators *sqlite.CreatorService
	// NewTriager makes a classifier on the shipped model (tend classify).
	NewTriager func() (*triage.Engine, error)
	Secrets    backend.SecretStore
	Bindings   []any // the app structs, for the window and the HTTP API
	Logger     *slog.Logger
}

// Close closes the open workspace.
func (rt *Runtime) Close() error { return rt.Workspaces.Close() }

// Config connects the CLI to main and to the process.
type Config struct {
	Version string
	Stdin   io.Reader
	Stdout  io.Writer
	Stderr  io.Writer
	Getenv  func(string) string
	// GOOS replaces runtime.GOOS in platform checks (tests); "" means runtime.GOOS.
	GOOS string
	// Frontend is the built frontend, served by `tend serve`.
	Frontend fs.FS
	// Demo holds the demo workspace files.
	Demo fs.FS
	// Wire builds the services; transport is "desktop" or "server".
	Wire func(ctx context.Context, g Globals, transport string) (*Runtime, error)
	// Desktop opens the window and returns when it closes.
	Desktop func(ctx context.Context, rt *Runtime) error
}

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

type command struct {
	name    string
	args    string // synopsis of positional arguments
	summary string
	flags   func(fs *flag.FlagSet) // command-specific flags
	run     func(ctx context.Context, c *Config, g Globals, args []string) error
}

func commands() []*command {
	return []*command{
		serveCommand(),
		classifyCommand(),
		workspaceCommand(),
		auditCommand(),
		accountsCommand(),
		syncCommand(),
		importCommand(),
		exportCommand(),
		calendarCommand(),
		demoCommand(),
		doctorCommand(),
		versionCommand(),
	}
}

// Run runs the command line args (without the program name) and returns the exit code.
func Run(ctx context.Context, c *Config, args []string) int {
	var g Globals
	root := newFlagSet("tend", c)
	bindGlobals(root, &g)
	root.Usage = func() { printRootUsage(c) }
	if err := root.Parse(args); err != nil {
		return parseExit(err)
	}
	rest := root.Args()
	if len(rest) == 0 {
		return exitFor(c, runDesktop(ctx, c, g))
	}
	name := rest[0]
	if name == "help" {
		if len(rest) > 1 {
			if cmd := find(rest[1]); cmd != nil {
				printCommandUsage(c, cmd)
				return ExitOK
			}
			return exitFor(c, usagef("unknown command %q", rest[1]))
		}
		printRootUsage(c)
		return ExitOK
	}
	cmd := find(name)
	if cmd == nil {
		return exitFor(c, usagef("unknown command %q (see 'tend --help')", name))
	}
	fs := newFlagSet("tend "+cmd.name, c)
	bindGlobals(fs, &g) // globals may also follow the command; defaults are the values parsed so far
	if cmd.flags != nil {
		cmd.flags(fs)
	}
	fs.Usage = func() { printCommandUsage(c, cmd) }
	positional, err := parseInterspersed(fs, rest[1:])
	if err != nil {
		return parseExit(err)
	}
	return exitFor(c, cmd.run(ctx, c, g, positional))
}

func find(name string) *command {
	for _, cmd := range commands() {
		if cmd.name == name {
			return cmd
		}
	}
	return nil
}

func newFlagSet(name string, c *Config) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	return fs
}

func bindGlobals(fs *flag.FlagSet, g *Globals) {
	fs.StringVar(&g.Workspace, "workspace", g.Workspace, "workspace `NAME` to open (default: the last one used, else \"default\")")
	fs.StringVar(&g.DB, "db", g.DB, "open the workspace database at `PATH` instead of the workspaces folder")
	fs.StringVar(&g.DataDir, "data-dir", g.DataDir, "keep data, config and cache in `DIR` instead of the XDG folders")
}

// exitFor reports err on stderr and returns its exit code.
func exitFor(c *Config, err error) int {
	var usage usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &usage):
		fmt.Fprintf(c.Stderr, "tend: %s\n", usage.msg)
		return ExitUsage
	}
	if backend.ErrorCode(err) == backend.EINTERNAL {
		fmt.Fprintf(c.Stderr, "tend: internal error: %v\n", err)
	} else {
		fmt.Fprintf(c.Stderr, "tend: %s\n", backend.ErrorMessage(err))
	}
	return ExitFailure
}

// parseInterspersed parses flags wherever they appear among the positional arguments
// ("tend workspace create Maison --data-dir DIR").
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// parseExit is the exit code after a flag parsing error, which the flag package has already
// printed with the usage: 0 for --help, else a usage error.
func parseExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	return ExitUsage
}

func printRootUsage(c *Config) {
	w := c.Stderr
	fmt.Fprint(w, `Tend — answer every DM, comment and live chat, personally, at scale.

Usage:
  tend [global flags]                 open the desktop window
  tend <command> [flags] [arguments]

Commands:
`)
	cmds := commands()
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].name < cmds[j].name })
	for _, cmd := range cmds {
		fmt.Fprintf(w, "  %-10s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprint(w, `
Global flags (accepted by every command):
  --workspace NAME   workspace to open (default: the last one used, else "default")
  --db PATH          use the workspace database at PATH
  --data-dir DIR     keep data, config and cache in DIR instead of the XDG folders

Run 'tend help <command>' or 'tend <command> --help' for a command's flags.
`)
}

func printCommandUsage(c *Config, cmd *command) {
	fmt.Fprintf(c.Stderr, "%s\n\nUsage:\n  tend %s [flags] %s\n\nFlags:\n", cmd.summary, cmd.name, cmd.args)
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	var g Globals
	bindGlobals(fs, &g)
	if cmd.flags != nil {
		cmd.flags(fs)
	}
	fs.SetOutput(c.Stderr)
	fs.PrintDefaults()
}

// open wires the services and opens the workspace the globals name.
func open(ctx context.Context, c *Config, g Globals, transport string) (*Runtime, error) {
	rt, err := c.Wire(ctx, g, transport)
	if err != nil {
		return nil, err
	}
	name := g.Workspace
	if name == "" && g.DB == "" {
		name = DefaultWorkspace
		if p, err := rt.Prefs.Load(); err == nil && p.LastWorkspace != "" {
			name = p.LastWorkspace
		}
	}
	ws, err := rt.Workspaces.Start(ctx, name, g.DB)
	if err != nil {
		return nil, err
	}
	if transport == "desktop" && g.DB == "" {
		if err := rt.Prefs.SetLastWorkspace(ws.Name); err != nil {
			rt.Logger.Warn("cannot remember the workspace", "err", err)
		}
	}
	return rt, nil
}

// wakeInterval is how often snoozed conversations are checked while the app runs.
const wakeInterval = 30 * time.Second

// runBackground does the app's periodic work until ctx ends: reopening snoozed conversations,
// and the outbox and autopilot worker.
func (rt *Runtime) runBackground(ctx context.Context) {
	if rt.Accounts != nil {
		go rt.Accounts.RunSync(ctx, rt.Logger)
	}
	if rt.Calendar != nil {
		go rt.Calendar.RunScheduler(ctx)
	}
	if rt.Replies != nil {
		sub := rt.Events.Subscribe()
		go func() {
			defer sub.Close()
			rt.Replies.Run(ctx, sub.C, rt.Logger)
		}()
	}
	tick := time.NewTicker(wakeInterval)
	defer tick.Stop()
	for {
		if _, err := rt.Inbox.WakeSnoozed(ctx); err != nil && ctx.Err() == nil {
			rt.Logger.Warn("cannot wake snoozed conversations", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// hasDisplay tells whether a desktop window can open: Linux and the BSDs need X11 or Wayland.
func (c *Config) hasDisplay() bool {
	goos := c.GOOS
	if goos == "" {
		goos = runtime.GOOS
	}
	switch goos {
	case "windows", "darwin":
		return true
	}
	return c.Getenv("DISPLAY") != "" || c.Getenv("WAYLAND_DISPLAY") != ""
}

func runDesktop(ctx context.Context, c *Config, g Globals) error {
	if !c.hasDisplay() {
		return backend.Errorf(backend.EUNAVAILABLE, "no display to open the window on.\n"+
			"  Run 'tend serve' and open the printed address in a browser,\n"+
			"  or start the window on a virtual display: xvfb-run -a tend")
	}
	rt, err := open(ctx, c, g, "desktop")
	if err != nil {
		return err
	}
	defer rt.Close()
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	go rt.runBackground(ctx)
	return c.Desktop(ctx, rt)
}

// isTerminal tells whether r is an interactive terminal (for confirmations).
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
