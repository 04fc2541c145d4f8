package cli_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// These tests run the real tend binary, wired by main.go, as a user would.
var tendBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "tend-cli-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	tendBin = filepath.Join(dir, "tend")
	build := exec.Command("go", "build", "-o", tendBin, "tend")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building tend (run 'make frontend' first if frontend/dist is missing):", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	code           int
	stdout, stderr string
}

// tend runs the binary with a clean environment: no display, no session bus, a private data dir.
func tend(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(tendBin, args...)
	cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8", "TZ=Europe/Paris"}
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, stdout.String(), stderr.String()}
}

func expect(t *testing.T, r result, code int, stdout, stderr string) {
	t.Helper()
	if r.code != code || !strings.Contains(r.stdout, stdout) || !strings.Contains(r.stderr, stderr) {
		t.Fatalf("got exit %d\nstdout: %s\nstderr: %s\nwant exit %d, stdout containing %q, stderr containing %q",
			r.code, r.stdout, r.stderr, code, stdout, stderr)
	}
}

func TestUsage(t *testing.T) {
	expect(t, tend(t, "", "version"), 0, "tend 0.0.0-dev", "")
	expect(t, tend(t, "", "--help"), 0, "", "Commands:")
	expect(t, tend(t, "", "help", "workspace"), 0, "", "tend workspace [flags] list | create NAME")
	for _, cmd := range []string{"serve", "workspace", "demo", "doctor", "version"} {
		expect(t, tend(t, "", cmd, "--help"), 0, "", "-data-dir DIR")
	}
	expect(t, tend(t, "", "bogus"), 2, "", `unknown command "bogus"`)
	expect(t, tend(t, "", "help", "bogus"), 2, "", `unknown command "bogus"`)
	expect(t, tend(t, "", "--nope"), 2, "", "flag provided but not defined: -nope")
	expect(t, tend(t, "", "version", "extra"), 2, "", "version takes no arguments")
	expect(t, tend(t, "", "workspace"), 2, "", "workspace needs a subcommand")
	expect(t, tend(t, "", "workspace", "frobnicate"), 2, "", "unknown workspace subcommand")
	expect(t, tend(t, "", "workspace", "create"), 2, "", "workspace create takes 1 argument(s), got 0")
	expect(t, tend(t, "", "serve", "--addr", "nonsense"), 2, "", "invalid --addr")
}

func TestNoDisplay(t *testing.T) {
	expect(t, tend(t, "", "--data-dir", t.TempDir()), 1, "", "tend serve")
	expect(t, tend(t, "", "--data-dir", t.TempDir()), 1, "", "xvfb-run -a tend")
}

func TestWorkspaceCommands(t *testing.T) {
	dir := t.TempDir()
	expect(t, tend(t, "", "--data-dir", dir, "workspace", "create", "Maison"), 0, `Created workspace "Maison"`, "")
	expect(t, tend(t, "", "workspace", "create", "Maison", "--data-dir", dir), 1, "", `A workspace named "Maison" already exists.`)
	expect(t, tend(t, "", "--data-dir", dir, "workspace", "create", "a/b"), 1, "", `Invalid workspace name "a/b"`)
	expect(t, tend(t, "", "--data-dir", dir, "workspace", "create", "../x"), 1, "", `Invalid workspace name "../x"`)
	expect(t, tend(t, "", "--data-dir", dir, "workspace", "rename", "Maison", "Atelier"), 0, `Renamed workspace "Maison" to "Atelier"`, "")

	r := tend(t, "", "--data-dir", dir, "workspace", "list", "--json")
	var list []struct {
		Name string `json:"name"`
		Path string `json:"path"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) != 1 || list[0].Name != "Atelier" ||
		list[0].Path != filepath.Join(dir, "data", "workspaces", "Atelier.db") {
		t.Fatalf("list --json: %s (%v)", r.stdout, err)
	}
	expect(t, tend(t, "", "--data-dir", dir, "workspace", "list"), 0, "Atelier", "")

	expect(t, tend(t, "Atelier\n", "--data-dir", dir, "workspace", "delete", "Atelier"), 2, "", "needs --yes")
	expect(t, tend(t, "", "--data-dir", dir, "workspace", "delete", "Nope", "--yes"), 1, "", `There is no workspace named "Nope".`)
	expect(t, tend(t, "", "--data-dir", dir, "workspace", "delete", "Atelier", "--yes"), 0, `Deleted workspace "Atelier"`, "")
	expect(t, tend(t, "", "--data-dir", dir, "workspace", "list", "--json"), 0, "[]", "")
}

func TestDemoAndDoctor(t *testing.T) {
	dir := t.TempDir()
	expect(t, tend(t, "", "--data-dir", dir, "demo"), 0, "Demo workspace ready", "")
	expect(t, tend(t, "", "--data-dir", dir, "demo"), 0, "Demo workspace ready", "") // resets
	expect(t, tend(t, "", "--data-dir", dir, "--workspace", "other", "demo"), 2, "", "demo always writes")
	expect(t, tend(t, "", "--data-dir", dir, "--workspace", "demo", "doctor"), 0, "ok    workspace", "")
	r := tend(t, "", "--data-dir", dir, "doctor")
	for _, want := range []string{"ok    data", "warn  keyring", "warn  display", "ok    frontend"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("doctor output lacks %q:\n%s", want, r.stdout)
		}
	}

	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	expect(t, tend(t, "", "--db", junk, "doctor"), 1, "FAIL  workspace", "1 check(s) failed")
}

// serve starts `tend serve` and returns its base URL; the process is stopped at cleanup.
func serve(t *testing.T, args ...string) (string, *exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(tendBin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH"), "TEND_TOKEN=from-env"}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := bufio.NewReader(stdout)
	first, err := lines.ReadString('\n')
	if err != nil {
		t.Fatalf("no start line: %v (stderr: %s)", err, stderr.String())
	}
	go func() { _, _ = io.Copy(io.Discard, lines) }()
	_, url, ok := strings.Cut(strings.TrimSpace(first), " at ")
	if !ok {
		t.Fatalf("start line %q", first)
	}
	return strings.TrimSuffix(url, "/"), cmd, &stderr
}

func TestServe(t *testing.T) {
	dir := t.TempDir()
	expect(t, tend(t, "", "--data-dir", dir, "demo"), 0, "Demo workspace ready", "")
	base, cmd, _ := serve(t, "--data-dir", dir, "--workspace", "demo", "--token", "secret")

	res, err := http.Get(base + "/api/health")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("health: %v %v", res, err)
	}
	res.Body.Close()

	req, _ := http.NewRequest(http.MethodPost, base+"/api/Settings/Get", strings.NewReader("[]"))
	req.Header.Set("Authorization", "Bearer secret")
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var settings struct {
		BrandName string `json:"brand_name"`
	}
	_ = json.NewDecoder(res.Body).Decode(&settings)
	res.Body.Close()
	if res.StatusCode != 200 || settings.BrandName != "Maison Lumière" {
		t.Fatalf("Settings.Get: %d %+v", res.StatusCode, settings)
	}

	// Interrupting the server shuts it down cleanly.
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit after SIGINT: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not stop after SIGINT")
	}
}

func TestServeTokenAndAddress(t *testing.T) {
	base, _, _ := serve(t, "--data-dir", t.TempDir())
	req, _ := http.NewRequest(http.MethodPost, base+"/api/System/Info", strings.NewReader("[]"))
	req.Header.Set("Authorization", "Bearer from-env")
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("TEND_TOKEN not used: %v %v", res, err)
	}
	res.Body.Close()

	_, _, stderr := serve(t, "--data-dir", t.TempDir(), "--addr", "0.0.0.0:0")
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(stderr.String(), "reachable from the network") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(stderr.String(), "reachable from the network") {
		t.Fatalf("no warning for a non-loopback address: %q", stderr.String())
	}
}
