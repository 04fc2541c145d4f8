package backend

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Themes the UI offers; "system" follows the OS.
const (
	ThemeLight  = "light"
	ThemeDark   = "dark"
	ThemeSystem = "system"
)

// Languages Tend speaks, both for the UI and for the brand's conversations.
var SupportedLanguages = []string{"en", "fr"}

// MaxBrandNameLength keeps the brand name printable in headers and reply tokens.
const MaxBrandNameLength = 100

// Settings are a workspace's own preferences, stored in its database.
type Settings struct {
	BrandName string   `json:"brand_name"`
	Languages []string `json:"languages"` // languages the brand answers in, first is the default
	TimeZone  string   `json:"time_zone"` // IANA name, e.g. "Europe/Paris"
	Theme     string   `json:"theme"`
	// UILanguage is the interface language; "" follows the OS locale.
	UILanguage string `json:"ui_language"`
}

// SettingsUpdate changes the fields that are set and leaves the others alone.
type SettingsUpdate struct {
	BrandName  *string   `json:"brand_name,omitempty"`
	Languages  *[]string `json:"languages,omitempty"`
	TimeZone   *string   `json:"time_zone,omitempty"`
	Theme      *string   `json:"theme,omitempty"`
	UILanguage *string   `json:"ui_language,omitempty"`
}

// Apply returns s with u's set fields copied in.
func (u SettingsUpdate) Apply(s Settings) Settings {
	if u.BrandName != nil {
		s.BrandName = *u.BrandName
	}
	if u.Languages != nil {
		s.Languages = slices.Clone(*u.Languages)
	}
	if u.TimeZone != nil {
		s.TimeZone = *u.TimeZone
	}
	if u.Theme != nil {
		s.Theme = *u.Theme
	}
	if u.UILanguage != nil {
		s.UILanguage = *u.UILanguage
	}
	return s
}

// Validate returns EINVALID naming the first field that is wrong.
func (s Settings) Validate() error {
	if !utf8.ValidString(s.BrandName) || utf8.RuneCountInString(s.BrandName) > MaxBrandNameLength ||
		strings.IndexFunc(s.BrandName, unicode.IsControl) >= 0 {
		return Errorf(EINVALID, "The brand name must be at most %d characters, without control characters.", MaxBrandNameLength).
			Localized("settings_brand_name")
	}
	if len(s.Languages) == 0 {
		return Errorf(EINVALID, "Choose at least one language.").Localized("settings_languages_required")
	}
	for i, lang := range s.Languages {
		if !slices.Contains(SupportedLanguages, lang) {
			return Errorf(EINVALID, "Unsupported language %q: choose among %s.", lang, strings.Join(SupportedLanguages, ", ")).
				Localized("settings_language_unsupported", "language", lang)
		}
		if slices.Index(s.Languages, lang) != i {
			return Errorf(EINVALID, "Language %q is listed twice.", lang).Localized("settings_language_duplicate", "language", lang)
		}
	}
	if s.TimeZone == "" || strings.EqualFold(s.TimeZone, "local") {
		return Errorf(EINVALID, "A time zone name such as Europe/Paris is required.").Localized("settings_time_zone_required")
	}
	if _, err := time.LoadLocation(s.TimeZone); err != nil {
		return Errorf(EINVALID, "Unknown time zone %q.", s.TimeZone).Localized("settings_time_zone_unknown", "time_zone", s.TimeZone)
	}
	if !slices.Contains([]string{ThemeLight, ThemeDark, ThemeSystem}, s.Theme) {
		return Errorf(EINVALID, "Unknown theme %q: choose light, dark or system.", s.Theme).Localized("settings_theme_unknown", "theme", s.Theme)
	}
	if s.UILanguage != "" && !slices.Contains(SupportedLanguages, s.UILanguage) {
		return Errorf(EINVALID, "Unsupported interface language %q: choose en, fr or follow the system.", s.UILanguage).
			Localized("settings_ui_language_unsupported", "language", s.UILanguage)
	}
	return nil
}

// SettingsService reads and changes the open workspace's settings.
type SettingsService interface {
	// GetSettings returns the settings, with defaults for what was never set.
	GetSettings(ctx context.Context) (Settings, error)
	// UpdateSettings applies upd. Returns EINVALID naming the first bad field; nothing is saved then.
	UpdateSettings(ctx context.Context, upd SettingsUpdate) (Settings, error)
}
