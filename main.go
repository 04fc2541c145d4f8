// Command tend is the Tend desktop app and its command line. This file is the one place where the
// store, the services and the transports are wired together.
package main

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // time zones work on Windows and minimal systems without a zoneinfo database

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"

	"tend/app"
	"tend/assets"
	"tend/backend"
	"tend/backend/cli"
	"tend/backend/event"
	"tend/backend/keyring"
	"tend/backend/llm"
	"tend/backend/paths"
	"tend/backend/prefs"
	"tend/backend/reply"
	"tend/backend/sqlite"
	"tend/backend/system"
	"tend/backend/triage"
)

// version is stamped at build time: -ldflags "-X main.version=..." (see build/scripts/version.sh).
var version = "0.0.0-dev"

//go:embed all:frontend/dist
var frontendDist embed.FS

// appIcon is the window icon on Linux (Windows and macOS take theirs from build/ resources).
//
//go:embed build/appicon.png
var appIcon []byte

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	frontend, err := fs.Sub(frontendDist, "frontend/dist")
	if err != nil {
		panic(err) // the embed directive guarantees the folder
	}
	args := os.Args[1:]
	if generatingBindings() {
		// `wails generate module` runs this binary to read the bindings: keep it off user data.
		dir, err := os.MkdirTemp("", "tend-bindings-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(cli.ExitFailure)
		}
		defer os.RemoveAll(dir)
		args = []string{"--data-dir", dir}
	}
	code := cli.Run(ctx, &cli.Config{
		Version: version, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: getenv,
		Frontend: frontend, Demo: must(fs.Sub(assets.Demo, "demo")),
		Wire: wire, Desktop: runDesktop(frontend),
	}, args)
	stop()
	os.Exit(code)
}

// generatingBindings tells whether `wails generate module` (or `wails build`) runs this binary to
// read its bindings: Wails sets these variables for that run and no other, and opens no window.
func generatingBindings() bool {
	_, set := os.LookupEnv("tsoutputtype")
	return set
}

// getenv pretends a display exists while generating bindings, which opens no window.
func getenv(key string) string {
	if generatingBindings() && key == "DISPLAY" {
		return ":bindings"
	}
	return os.Getenv(key)
}

// wire builds the services for one run of a command.
func wire(ctx context.Context, g cli.Globals, transport string) (*cli.Runtime, error) {
	p, err := paths.Resolve(g.DataDir)
	if err != nil {
		return nil, err
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	hub := event.NewHub()
	workspaces := sqlite.NewWorkspaces(paths.WorkspacesDir(p), hub, nil)
	settings := sqlite.NewSettingsService(workspaces, hub, backend.Settings{
		Languages: []string{"fr", "en"}, TimeZone: system.TimeZone(os.Getenv), Theme: backend.ThemeSystem,
	})
	settings.SetActor(system.UserName())
	newTriager := func() (*triage.Engine, error) { return triage.NewShippedEngine(backend.DefaultSLAPolicy()) }
	inbox := sqlite.NewInboxService(workspaces, hub, func() (backend.Triager, error) { return newTriager() })
	library, err := reply.ParseLibrary(assets.Templates)
	if err != nil {
		return nil, err
	}
	templates := sqlite.NewTemplateService(workspaces, hub, settings, library)
	secrets := keyring.Store{}
	replies := sqlite.NewReplyService(workspaces, sqlite.ReplyOptions{
		Events: hub, Templates: templates, Senders: sqlite.NewSandboxSenders(workspaces), Secrets: secrets,
		NewModel: newModelClient, Actor: system.UserName(),
	})
	preferences := prefs.NewStore(p.ConfigDir)
	rt := &cli.Runtime{
		Paths: p, Prefs: preferences, Events: hub, Workspaces: workspaces, Settings: settings,
		Secrets: secrets, Logger: logger, Inbox: inbox, Templates: templates, Replies: replies, NewTriager: newTriager,
	}
	rt.Bindings = app.Bindings(ctx, app.Services{
		Workspaces: workspaces,
		Settings:   settings,
		System:     &system.Service{Version: version, Transport: transport, Paths: p, Workspaces: workspaces},
		Inbox:      inbox,
		Templates:  templates,
		Replies:    replies,
		Model:      replies,
		Audit:      sqlite.NewAuditService(workspaces),
		WorkspaceOpened: func(name string) {
			if err := preferences.SetLastWorkspace(name); err != nil {
				logger.Warn("cannot remember the workspace", "err", err)
			}
		},
	})
	return rt, nil
}

// newModelClient makes the OpenAI-compatible drafter for the model settings.
func newModelClient(settings backend.ModelSettings, apiKey string) (sqlite.ModelClient, error) {
	return llm.New(settings, apiKey)
}

// runDesktop opens the Wails window over the wired services.
func runDesktop(frontend fs.FS) func(ctx context.Context, rt *cli.Runtime) error {
	return func(ctx context.Context, rt *cli.Runtime) error {
		p, err := rt.Prefs.Load()
		if err != nil {
			rt.Logger.Warn("preferences", "err", err)
		}
		desktop := &app.Desktop{Events: rt.Events, Prefs: rt.Prefs, Logger: rt.Logger}
		start := options.Normal
		if p.Window.Maximised {
			start = options.Maximised
		}
		return wails.Run(&options.App{
			Title:            "Tend " + version,
			Width:            p.Window.Width,
			Height:           p.Window.Height,
			MinWidth:         prefs.MinWidth,
			MinHeight:        prefs.MinHeight,
			WindowStartState: start,
			AssetServer:      &assetserver.Options{Assets: frontend},
			Bind:             rt.Bindings,
			ErrorFormatter:   app.FormatError,
			OnStartup:        desktop.Startup,
			OnBeforeClose:    desktop.BeforeClose,
			OnShutdown:       desktop.Shutdown,
			Linux:            &linux.Options{ProgramName: "tend", Icon: appIcon, WebviewGpuPolicy: linux.WebviewGpuPolicyOnDemand},
		})
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
