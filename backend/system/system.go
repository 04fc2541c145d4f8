// Package system implements backend.SystemService: what build is running, where it keeps its files
// and which locale the OS asks for.
package system

import (
	"context"
	"os"
	"os/user"
	"runtime"
	"strings"
	"time"

	"tend/backend"
)

// Service reports on the running app.
type Service struct {
	Version    string
	Transport  string // "desktop" or "server"
	Paths      backend.Paths
	Workspaces backend.WorkspaceService
	// Getenv reads the environment (os.Getenv when nil).
	Getenv func(string) string
}

var _ backend.SystemService = (*Service)(nil)

// Info returns the version, transport, OS locale, folders and open workspace file.
func (s *Service) Info(ctx context.Context) (backend.SystemInfo, error) {
	getenv := s.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	info := backend.SystemInfo{
		Version: s.Version, Transport: s.Transport, OS: runtime.GOOS,
		Locale: Locale(getenv), Paths: s.Paths,
	}
	ws, err := s.Workspaces.CurrentWorkspace(ctx)
	if err != nil {
		return backend.SystemInfo{}, err
	}
	info.Workspace = ws.Path
	return info, nil
}

// Locale returns the POSIX locale the environment asks for as a BCP 47 tag ("fr_FR.UTF-8" →
// "fr-FR"), in POSIX precedence order; "" for the C/POSIX locale or none.
func Locale(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		v, _, _ = strings.Cut(v, ".")
		v, _, _ = strings.Cut(v, "@")
		if v == "C" || v == "POSIX" {
			return ""
		}
		return strings.ReplaceAll(v, "_", "-")
	}
	return ""
}

// TimeZone returns the IANA name of the OS time zone, "UTC" when it cannot be told: Go's
// time.Local knows the rules but not the name, which settings need.
func TimeZone(getenv func(string) string) string {
	if tz := strings.TrimPrefix(getenv("TZ"), ":"); tz != "" && validZone(tz) {
		return tz
	}
	if tz := ianaZone(windowsZoneName()); validZone(tz) {
		return tz
	}
	if raw, err := os.ReadFile("/etc/timezone"); err == nil {
		if tz := strings.TrimSpace(string(raw)); validZone(tz) {
			return tz
		}
	}
	if target, err := os.Readlink("/etc/localtime"); err == nil {
		if _, tz, ok := strings.Cut(target, "zoneinfo/"); ok && validZone(tz) {
			return tz
		}
	}
	return "UTC"
}

func validZone(name string) bool {
	if name == "" || strings.EqualFold(name, "local") {
		return false
	}
	_, err := time.LoadLocation(name)
	return err == nil
}

// UserName is the name decisions are recorded under in the audit trail: the OS account's full
// name when it has one, else its login, else "you".
func UserName() string {
	u, err := user.Current()
	if err != nil {
		return "you"
	}
	// GECOS fields may carry "Full Name,room,phone": keep the name.
	if name := strings.TrimSpace(strings.Split(u.Name, ",")[0]); name != "" {
		return name
	}
	if u.Username != "" {
		return u.Username
	}
	return "you"
}
