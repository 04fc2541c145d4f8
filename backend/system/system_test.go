package system_test

import (
	"strings"
	"testing"
	"time"

	"tend/backend/system"
)

func TestLocale(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"LangOnly", map[string]string{"LANG": "fr_FR.UTF-8"}, "fr-FR"},
		{"LcAllWins", map[string]string{"LC_ALL": "en_GB.UTF-8", "LANG": "fr_FR.UTF-8"}, "en-GB"},
		{"MessagesBeforeLang", map[string]string{"LC_MESSAGES": "fr_CA", "LANG": "en_US.UTF-8"}, "fr-CA"},
		{"Modifier", map[string]string{"LANG": "fr_BE.UTF-8@euro"}, "fr-BE"},
		{"POSIX", map[string]string{"LANG": "C.UTF-8"}, ""},
		{"None", map[string]string{}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := system.Locale(func(k string) string { return tc.env[k] }); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTimeZone(t *testing.T) {
	env := func(tz string) func(string) string {
		return func(k string) string {
			if k == "TZ" {
				return tz
			}
			return ""
		}
	}
	if got := system.TimeZone(env("Europe/Paris")); got != "Europe/Paris" {
		t.Errorf("TZ=Europe/Paris: got %q", got)
	}
	if got := system.TimeZone(env(":America/Montreal")); got != "America/Montreal" {
		t.Errorf("TZ=:America/Montreal: got %q", got)
	}
	// An unknown TZ falls back to the system files or UTC, never to an invalid name.
	if got := system.TimeZone(env("Nowhere/Atlantis")); got == "Nowhere/Atlantis" || got == "" {
		t.Errorf("TZ=Nowhere/Atlantis: got %q", got)
	}
}

func TestWindowsZoneNamesAreKnownIANAZones(t *testing.T) {
	for windows, iana := range system.WindowsZones() {
		if _, err := time.LoadLocation(iana); err != nil {
			t.Errorf("%q maps to %q, which is not an IANA zone: %v", windows, iana, err)
		}
	}
	if got := system.WindowsZones()["Romance Standard Time"]; got != "Europe/Paris" {
		t.Errorf("Romance Standard Time → %q, want Europe/Paris", got)
	}
}

func TestUserName(t *testing.T) {
	if name := system.UserName(); strings.TrimSpace(name) == "" || strings.Contains(name, ",") {
		t.Errorf("UserName() = %q", name)
	}
}
