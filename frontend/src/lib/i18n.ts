import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogues } from '@/locales';

export const UI_LANGUAGES = ['en', 'fr'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

const REMEMBERED_LANGUAGE_KEY = 'tend.ui-language';

export const i18n: I18n = i18next.createInstance();

function isUiLanguage(value: string | null | undefined): value is UiLanguage {
  return (UI_LANGUAGES as readonly (string | null | undefined)[]).includes(value);
}

/** The locales the device prefers, most preferred first. */
export function deviceLocales(): readonly string[] {
  return navigator.languages.length > 0 ? navigator.languages : [navigator.language];
}

/**
 * The interface language: the user's choice when set, else the first supported language among
 * the locale hints (most trusted first), else English.
 */
export function resolveUiLanguage(choice: string, localeHints: readonly string[]): UiLanguage {
  if (isUiLanguage(choice)) return choice;
  for (const locale of localeHints) {
    const primary = locale.split(/[-_]/)[0]?.toLowerCase();
    if (isUiLanguage(primary)) return primary;
  }
  return 'en';
}

/** The language to start with before the settings arrive: the last one shown, else the device's. */
function initialLanguage(): UiLanguage {
  try {
    const remembered = localStorage.getItem(REMEMBERED_LANGUAGE_KEY);
    if (isUiLanguage(remembered)) return remembered;
  } catch {
    // Storage disabled: fall back to the device.
  }
  return resolveUiLanguage('', deviceLocales());
}

export function initI18n(language: UiLanguage = initialLanguage()): I18n {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources: { en: { translation: catalogues.en }, fr: { translation: catalogues.fr } },
      lng: language,
      fallbackLng: 'en',
      supportedLngs: UI_LANGUAGES,
      // React escapes text itself; escaping here would show entities such as &quot; to the user.
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
      showSupportNotice: false,
    });
  }
  return i18n;
}

/** Shows the interface in language now, and starts there next time. */
export function applyUiLanguage(language: UiLanguage): void {
  if (i18n.language !== language) void i18n.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    localStorage.setItem(REMEMBERED_LANGUAGE_KEY, language);
  } catch {
    // Storage disabled: the language is only remembered for this page.
  }
}
