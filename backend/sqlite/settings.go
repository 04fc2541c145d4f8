package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"tend/backend"
)

// Settings keys in the settings table.
const (
	keyBrandName  = "brand_name"
	keyLanguages  = "languages"
	keyTimeZone   = "time_zone"
	keyTheme      = "theme"
	keyUILanguage = "ui_language"
)

// SettingsService implements backend.SettingsService on the open workspace.
type SettingsService struct {
	workspaces *Workspaces
	events     backend.Publisher
	// defaults fill settings that were never saved (the time zone comes from the OS).
	defaults backend.Settings
	actor    string // who changes settings, for the audit trail
}

// SetActor names the person whose changes the audit trail records ("you" until set).
func (s *SettingsService) SetActor(name string) { s.actor = name }

var _ backend.SettingsService = (*SettingsService)(nil)

// NewSettingsService returns the settings of whichever workspace is open in ws.
func NewSettingsService(ws *Workspaces, events backend.Publisher, defaults backend.Settings) *SettingsService {
	return &SettingsService{workspaces: ws, events: events, defaults: defaults}
}

// GetSettings returns the open workspace's settings.
func (s *SettingsService) GetSettings(ctx context.Context) (backend.Settings, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.Settings{}, err
	}
	var out backend.Settings
	err = db.Read(ctx, func(tx *Tx) error {
		out, err = s.load(ctx, tx)
		return err
	})
	return out, err
}

// UpdateSettings validates and saves the changed fields, then publishes settings:updated.
func (s *SettingsService) UpdateSettings(ctx context.Context, upd backend.SettingsUpdate) (backend.Settings, error) {
	db, err := s.workspaces.DB()
	if err != nil {
		return backend.Settings{}, err
	}
	var out backend.Settings
	err = db.Write(ctx, func(tx *Tx) error {
		current, err := s.load(ctx, tx)
		if err != nil {
			return err
		}
		out = upd.Apply(current)
		if err := out.Validate(); err != nil {
			return err
		}
		changed := map[string]any{
			keyBrandName: upd.BrandName, keyLanguages: upd.Languages, keyTimeZone: upd.TimeZone,
			keyTheme: upd.Theme, keyUILanguage: upd.UILanguage,
		}
		for key, value := range changed {
			if !isSet(value) {
				continue
			}
			if err := putSetting(ctx, tx, key, value); err != nil {
				return err
			}
		}
		actor := s.actor
		if actor == "" {
			actor = "you"
		}
		if _, err := tx.appendAudit(ctx, backend.AuditEntry{Actor: actor, Action: backend.AuditSettingsChanged, Subject: "settings",
			Before: rawJSON(current), After: rawJSON(out)}); err != nil {
			return err
		}
		tx.AfterCommit(func() {
			s.events.Publish(backend.EventSettingsUpdated, out)
			s.events.Publish(backend.EventAuditAppended, nil)
		})
		return nil
	})
	return out, err
}

// SetDefaults saves every setting of st at once, replacing what was there (demo and new workspaces).
func (s *SettingsService) SetDefaults(ctx context.Context, st backend.Settings) error {
	if err := st.Validate(); err != nil {
		return err
	}
	db, err := s.workspaces.DB()
	if err != nil {
		return err
	}
	return db.Write(ctx, func(tx *Tx) error {
		for key, value := range map[string]any{keyBrandName: st.BrandName, keyLanguages: st.Languages,
			keyTimeZone: st.TimeZone, keyTheme: st.Theme, keyUILanguage: st.UILanguage} {
			if err := putSetting(ctx, tx, key, value); err != nil {
				return err
			}
		}
		return nil
	})
}

func isSet(pointer any) bool {
	switch p := pointer.(type) {
	case *string:
		return p != nil
	case *[]string:
		return p != nil
	}
	panic(fmt.Sprintf("settings: unexpected type %T", pointer))
}

func putSetting(ctx context.Context, tx *Tx, key string, value any) error {
	raw, err := json.Marshal(value)
	if err != nil {
		return fmt.Errorf("encode setting %s: %w", key, err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		key, string(raw), formatTime(tx.Now))
	return err
}

// load reads stored settings over the defaults; unknown keys (from a later feature) are ignored.
func (s *SettingsService) load(ctx context.Context, tx *Tx) (backend.Settings, error) {
	out := s.defaults
	out.Languages = slices.Clone(s.defaults.Languages) // decoding must not write into the defaults
	targets := map[string]any{
		keyBrandName: &out.BrandName, keyLanguages: &out.Languages, keyTimeZone: &out.TimeZone,
		keyTheme: &out.Theme, keyUILanguage: &out.UILanguage,
	}
	rows, err := tx.QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		var key, value string
		if err := rows.Scan(&key, &value); err != nil {
			return out, err
		}
		if target, ok := targets[key]; ok {
			if err := json.Unmarshal([]byte(value), target); err != nil {
				return out, fmt.Errorf("decode setting %s: %w", key, err)
			}
		}
	}
	return out, rows.Err()
}
