package sqlite_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"tend/backend"
	"tend/backend/sqlite"
)

var defaultSettings = backend.Settings{Languages: []string{"fr", "en"}, TimeZone: "Europe/Paris", Theme: backend.ThemeSystem}

func ptr[T any](v T) *T { return &v }

func TestSettings(t *testing.T) {
	ctx := context.Background()
	ws, events := newWorkspaces(t)
	if _, err := ws.Start(ctx, "default", ""); err != nil {
		t.Fatal(err)
	}
	settings := sqlite.NewSettingsService(ws, events, defaultSettings)

	t.Run("DefaultsBeforeAnyChange", func(t *testing.T) {
		s, err := settings.GetSettings(ctx)
		if err != nil || s.TimeZone != "Europe/Paris" || !slices.Equal(s.Languages, []string{"fr", "en"}) || s.Theme != "system" {
			t.Fatalf("got %+v, %v", s, err)
		}
	})

	t.Run("PartialUpdatePersistsAndPublishes", func(t *testing.T) {
		s, err := settings.UpdateSettings(ctx, backend.SettingsUpdate{BrandName: ptr("Maison Lumière"), Theme: ptr("dark")})
		if err != nil || s.BrandName != "Maison Lumière" || s.Theme != "dark" || s.TimeZone != "Europe/Paris" {
			t.Fatalf("got %+v, %v", s, err)
		}
		s, err = settings.UpdateSettings(ctx, backend.SettingsUpdate{Languages: ptr([]string{"en"}), UILanguage: ptr("fr")})
		if err != nil || s.BrandName != "Maison Lumière" || !slices.Equal(s.Languages, []string{"en"}) || s.UILanguage != "fr" {
			t.Fatalf("second update lost the first: %+v, %v", s, err)
		}
		got, err := settings.GetSettings(ctx)
		if err != nil || !equalSettings(got, s) {
			t.Fatalf("read back %+v, %v; want %+v", got, err, s)
		}
		if n := slices.Index(events.names(), backend.EventSettingsUpdated); n < 0 {
			t.Fatal("no settings:updated event")
		}
	})

	t.Run("InvalidChangesNothing", func(t *testing.T) {
		before, _ := settings.GetSettings(ctx)
		published := len(events.names())
		for _, tc := range []struct {
			name string
			upd  backend.SettingsUpdate
			key  string
		}{
			{"NoLanguage", backend.SettingsUpdate{Languages: ptr([]string{})}, "settings_languages_required"},
			{"UnknownLanguage", backend.SettingsUpdate{Languages: ptr([]string{"de"})}, "settings_language_unsupported"},
			{"DuplicateLanguage", backend.SettingsUpdate{Languages: ptr([]string{"fr", "fr"})}, "settings_language_duplicate"},
			{"UnknownZone", backend.SettingsUpdate{TimeZone: ptr("Mars/Olympus")}, "settings_time_zone_unknown"},
			{"LocalZone", backend.SettingsUpdate{TimeZone: ptr("Local")}, "settings_time_zone_required"},
			{"Theme", backend.SettingsUpdate{Theme: ptr("neon")}, "settings_theme_unknown"},
			{"UILanguage", backend.SettingsUpdate{UILanguage: ptr("es")}, "settings_ui_language_unsupported"},
			{"BrandControl", backend.SettingsUpdate{BrandName: ptr("a\nb"), Theme: ptr("light")}, "settings_brand_name"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := settings.UpdateSettings(ctx, tc.upd)
				var e *backend.Error
				if backend.ErrorCode(err) != backend.EINVALID || !asError(err, &e) || e.Key != tc.key {
					t.Fatalf("got %v, want EINVALID %s", err, tc.key)
				}
			})
		}
		after, _ := settings.GetSettings(ctx)
		if !equalSettings(before, after) || len(events.names()) != published {
			t.Fatalf("a refused update changed something: %+v → %+v", before, after)
		}
	})
}

func equalSettings(a, b backend.Settings) bool {
	return a.BrandName == b.BrandName && slices.Equal(a.Languages, b.Languages) && a.TimeZone == b.TimeZone &&
		a.Theme == b.Theme && a.UILanguage == b.UILanguage
}

func TestSettingsChangesAreAudited(t *testing.T) {
	env := newInbox(t)
	ctx := context.Background()
	settings := sqlite.NewSettingsService(env.ws, env.events, defaultSettings)
	settings.SetActor("Camille")
	if _, err := settings.UpdateSettings(ctx, backend.SettingsUpdate{BrandName: ptr("Maison Lumière")}); err != nil {
		t.Fatal(err)
	}
	page, err := sqlite.NewAuditService(env.ws).ListAudit(ctx, backend.AuditFilter{Action: backend.AuditSettingsChanged})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Entries) != 1 || page.Entries[0].Actor != "Camille" || !strings.Contains(string(page.Entries[0].After), "Maison Lumière") {
		t.Fatalf("audit entries %+v", page.Entries)
	}
}
