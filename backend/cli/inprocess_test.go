package cli_test

import (
	"bytes"
	"context"
	"log/slog"
	"maps"
	"strings"
	"sync"
	"testing"

	"tend/backend"
	"tend/backend/cli"
	"tend/backend/connector/telegram"
	"tend/backend/connector/telegram/telegramtest"
	"tend/backend/event"
	"tend/backend/paths"
	"tend/backend/prefs"
	"tend/backend/sqlite"
	"tend/backend/triage"
)

// The commands that reach a platform or the keyring run in this process, wired like main.go but
// with a keyring in memory and the real Telegram connector against the fake Bot API server.

// goodToken is the only bot token the fake server accepts.
const goodToken = "123456:good-token"

// memSecrets is a keyring in memory, shared by every command an app runs (as the OS keyring is).
type memSecrets struct {
	mu     sync.Mutex
	values map[string]string
}

func (m *memSecrets) SetSecret(_ context.Context, k, v string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.values[k] = v
	return nil
}

func (m *memSecrets) Secret(_ context.Context, k string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok := m.values[k]; ok {
		return v, nil
	}
	return "", backend.Errorf(backend.ENOTFOUND, "No secret named %q.", k)
}

func (m *memSecrets) DeleteSecret(_ context.Context, k string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.values, k)
	return nil
}

func (m *memSecrets) Probe(context.Context) error { return nil }

func (m *memSecrets) all() map[string]string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return maps.Clone(m.values)
}

// lockedBuffer is a buffer that the sync engine's goroutines and the test may use at once.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// app is a data dir, a keyring and a Telegram server that commands run against, each as a new
// process would.
type app struct {
	t       *testing.T
	dir     string
	secrets *memSecrets
	tg      *telegramtest.Server
	stderr  *lockedBuffer // of the command running, where the logger writes
}

func newApp(t *testing.T) *app {
	t.Helper()
	a := &app{t: t, dir: t.TempDir(), secrets: &memSecrets{values: map[string]string{}}, tg: telegramtest.NewServer(goodToken)}
	t.Cleanup(a.tg.Close)
	return a
}

func (a *app) wire(_ context.Context, g cli.Globals, _ string) (*cli.Runtime, error) {
	p, err := paths.Resolve(g.DataDir)
	if err != nil {
		return nil, err
	}
	hub := event.NewHub()
	ws := sqlite.NewWorkspaces(paths.WorkspacesDir(p), hub, nil)
	inbox := sqlite.NewInboxService(ws, hub, func() (backend.Triager, error) {
		return triage.NewShippedEngine(backend.DefaultSLAPolicy())
	})
	connect := func(cfg backend.ConnectorConfig) (backend.Connector, error) {
		if cfg.Account.Platform != backend.PlatformTelegram {
			return nil, backend.Errorf(backend.EINVALID, "No %s connector in these tests.", cfg.Account.Platform)
		}
		return telegram.New(cfg, telegram.WithLongPoll(0))
	}
	accounts := sqlite.NewAccountService(ws, hub, inbox, a.secrets, connect, sqlite.NewSandboxSenders(ws))
	return &cli.Runtime{
		Paths: p, Prefs: prefs.NewStore(p.ConfigDir), Events: hub, Workspaces: ws, Inbox: inbox, Accounts: accounts,
		Imports: sqlite.NewImportService(ws, inbox, hub), Secrets: a.secrets,
		Logger: slog.New(slog.NewTextHandler(a.stderr, nil)),
	}, nil
}

// run runs a command with the app's data dir.
func (a *app) run(stdin string, args ...string) result {
	a.t.Helper()
	return a.runContext(context.Background(), stdin, args...)
}

func (a *app) runContext(ctx context.Context, stdin string, args ...string) result {
	var stdout, stderr lockedBuffer
	code := a.exec(ctx, stdin, &stdout, &stderr, args...)
	return result{code, stdout.String(), stderr.String()}
}

// exec runs a command writing to stdout and stderr, which the test may read meanwhile.
func (a *app) exec(ctx context.Context, stdin string, stdout, stderr *lockedBuffer, args ...string) int {
	a.stderr = stderr
	return cli.Run(ctx, &cli.Config{
		Version: "test", Stdin: strings.NewReader(stdin), Stdout: stdout, Stderr: stderr,
		Getenv: func(string) string { return "" }, Wire: a.wire,
	}, append([]string{"--data-dir", a.dir}, args...))
}
