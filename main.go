// Command tend is the Tend desktop app and its command line. This file is the one place where the
// store, the services and the transports are wired together.
package main

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
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
	"tend/backend/connector/graph"
	"tend/backend/connector/meta"
	"tend/backend/connector/telegram"
	"tend/backend/connector/whatsapp"
	"tend/backend/connector/youtube"
	"tend/backend/event"
	"tend/backend/keyring"
	"tend/backend/llm"
	"tend/backend/paths"
	"tend/backend/prefs"
	"tend/backend/reply"
	"tend/backend/sqlite"
	"tend/backend/system"
	"tend/backend/triage"
	"tend/backend/webhook"
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
	accounts := sqlite.NewAccountService(workspaces, hub, inbox, secrets, newConnector, sqlite.NewSandboxSenders(workspaces))
	accounts.SetWebhookParser(parseWebhook)
	replies := sqlite.NewReplyService(workspaces, sqlite.ReplyOptions{
		Events: hub, Templates: templates, Senders: accounts, Secrets: secrets,
		NewModel: newModelClient, Actor: system.UserName(),
	})
	imports := sqlite.NewImportService(workspaces, inbox, hub)
	// Posts go out through the connected accounts that can publish (Facebook, Instagram,
	// Telegram); the rest become reminders for a person when their time comes.
	contentCalendar := sqlite.NewCalendarService(workspaces, sqlite.CalendarOptions{
		Events: hub, Settings: settings, Publisher: accounts.Publisher(), Captions: replies, Actor: system.UserName(), Logger: logger,
	})
	creators := sqlite.NewCreatorService(workspaces, sqlite.CreatorOptions{
		Events: hub, Settings: settings, Search: inbox, Actor: system.UserName(),
	})
	preferences := prefs.NewStore(p.ConfigDir)
	rt := &cli.Runtime{
		Paths: p, Prefs: preferences, Events: hub, Workspaces: workspaces, Settings: settings,
		Secrets: secrets, Logger: logger, Inbox: inbox, Templates: templates, Replies: replies, NewTriager: newTriager,
		Accounts: accounts, Imports: imports, Webhooks: &webhook.Handler{Accounts: accounts, Schemes: webhookSchemes, Logger: logger},
		Calendar: contentCalendar, Creators: creators,
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
		Accounts:   accounts,
		Imports:    imports,
		Calendar:   contentCalendar,
		Creators:   creators,
		WorkspaceOpened: func(name string) {
			if err := preferences.SetLastWorkspace(name); err != nil {
				logger.Warn("cannot remember the workspace", "err", err)
			}
		},
	})
	return rt, nil
}

// newConnector builds the connector of an account's platform.
func newConnector(cfg backend.ConnectorConfig) (backend.Connector, error) {
	switch cfg.Account.Platform {
	case backend.PlatformTelegram:
		return telegram.New(cfg)
	case backend.PlatformInstagram:
		return meta.NewInstagram(cfg)
	case backend.PlatformFacebook:
		return meta.NewFacebook(cfg)
	case backend.PlatformWhatsApp:
		return whatsapp.New(cfg)
	case backend.PlatformYouTube:
		return youtube.New(cfg)
	}
	return nil, backend.Errorf(backend.EINVALID, "Tend cannot connect %q accounts.", cfg.Account.Platform).
		Localized("account_platform_unknown", "platform", cfg.Account.Platform)
}

// parseWebhook reads a verified webhook body of an account's platform.
func parseWebhook(a backend.Account, body []byte) (backend.WebhookBatch, error) {
	var batches map[int64]backend.WebhookBatch
	var err error
	switch a.Platform {
	case backend.PlatformTelegram:
		return telegram.ParseWebhook(a, body)
	case backend.PlatformInstagram, backend.PlatformFacebook:
		batches, err = meta.ParseWebhook([]backend.Account{a}, body)
	case backend.PlatformWhatsApp:
		batches, err = whatsapp.ParseWebhook([]backend.Account{a}, body)
	default:
		return backend.WebhookBatch{}, fmt.Errorf("%s has no webhooks", a.Platform)
	}
	return batches[a.ID], err
}

// webhookSchemes authenticate each platform family's webhook deliveries.
var webhookSchemes = map[string]webhook.Scheme{
	webhook.FamilyMeta: {
		Platforms: []string{backend.PlatformInstagram, backend.PlatformFacebook},
		Challenge: func(s map[string]string, q url.Values) (string, bool) {
			return graph.VerifyChallenge(q, s[meta.SecretVerifyToken])
		},
		Verify: func(s map[string]string, h http.Header, body []byte) bool {
			return graph.VerifySignature(s[meta.SecretAppSecret], body, h.Get(graph.SignatureHeader))
		},
	},
	webhook.FamilyWhatsApp: {
		Platforms: []string{backend.PlatformWhatsApp},
		Challenge: func(s map[string]string, q url.Values) (string, bool) {
			return graph.VerifyChallenge(q, s[whatsapp.SecretVerifyToken])
		},
		Verify: func(s map[string]string, h http.Header, body []byte) bool {
			return graph.VerifySignature(s[whatsapp.SecretAppSecret], body, h.Get(graph.SignatureHeader))
		},
	},
	webhook.FamilyTelegram: {
		Platforms: []string{backend.PlatformTelegram},
		Verify: func(s map[string]string, h http.Header, _ []byte) bool {
			return telegram.VerifySecret(s[telegram.SecretWebhookSecret], h.Get(telegram.SecretHeader))
		},
	},
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
