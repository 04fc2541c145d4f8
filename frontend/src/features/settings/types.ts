import type { backend } from '../../../wailsjs/go/models';

export const THEMES = ['light', 'dark', 'system'] as const;
export type Theme = (typeof THEMES)[number];

export const BRAND_LANGUAGES = ['fr', 'en'] as const;
export type BrandLanguage = (typeof BRAND_LANGUAGES)[number];

/** The interface language setting: "" follows the operating system. */
export type UiLanguageSetting = '' | 'en' | 'fr';

export type Settings = Omit<backend.Settings, 'theme' | 'ui_language' | 'languages'> & {
  languages: BrandLanguage[];
  theme: Theme;
  ui_language: UiLanguageSetting;
};

/** Only the fields present change. */
export type SettingsUpdate = Partial<Settings>;
