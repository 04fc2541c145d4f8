import { describe, expect, it } from 'vitest';
import { formatBytes, formatDateTime, formattingLocale } from './format';
import { resolveUiLanguage } from './i18n';

describe('resolveUiLanguage', () => {
  it('uses the choice when there is one', () => {
    expect(resolveUiLanguage('fr', ['en-US'])).toBe('fr');
  });

  it('follows the first supported locale hint otherwise', () => {
    expect(resolveUiLanguage('', ['de-DE', 'fr-CA', 'en'])).toBe('fr');
    expect(resolveUiLanguage('', ['en_GB'])).toBe('en');
  });

  it('falls back to English', () => {
    expect(resolveUiLanguage('', ['de-DE'])).toBe('en');
  });
});

describe('formatting', () => {
  it('formats sizes in the locale', () => {
    expect(formatBytes(57_344, 'en')).toBe('57.3 kB');
    expect(formatBytes(57_344, 'fr')).toBe('57,3\u202fko');
    expect(formatBytes(512, 'en')).toBe('512 bytes');
  });

  it('formats dates in the time zone', () => {
    expect(formatDateTime('2026-11-28T10:26:29Z', 'en-US', 'Europe/Paris')).toBe('Nov 28, 2026, 11:26 AM');
    expect(formatDateTime('2026-11-28T10:26:29Z', 'en-US', 'America/New_York')).toBe('Nov 28, 2026, 5:26 AM');
  });

  it("keeps the device's regional locale when it speaks the interface language", () => {
    expect(formattingLocale('en', ['en-GB', 'fr-FR'])).toBe('en-GB');
    expect(formattingLocale('fr', ['en-GB'])).toBe('fr');
  });
});
