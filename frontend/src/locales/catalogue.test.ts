import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '@/lib/errors';
import { catalogues, mergeCatalogues, type Catalogue } from './index';

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [nested, text] of flatten(value, path)) entries.set(nested, text);
  }
  return entries;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

const english = flatten(catalogues.en);
const french = flatten(catalogues.fr);

describe('mergeCatalogues', () => {
  it('merges nested sections and refuses a string defined twice', () => {
    expect(mergeCatalogues({ a: { b: 'x' } }, { a: { c: 'y' } })).toEqual({ a: { b: 'x', c: 'y' } });
    expect(() => mergeCatalogues({ a: { b: 'x' } }, { a: { b: 'z' } })).toThrow('"a.b" is defined twice');
  });
});

describe('the en and fr catalogues', () => {
  it('have exactly the same keys', () => {
    expect([...french.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('use the same placeholders in every entry', () => {
    for (const [key, text] of english) {
      expect({ key, placeholders: placeholders(french.get(key) ?? '') }).toEqual({ key, placeholders: placeholders(text) });
    }
  });

  it('have no empty entry', () => {
    for (const [key, text] of [...english, ...french]) expect({ key, text: text.trim() === '' }).toEqual({ key, text: false });
  });

  it('name every error code', () => {
    for (const code of ERROR_CODES) expect(english.has(`errorCodes.${code}`)).toBe(true);
  });

  it('translate every error key the backend sends', () => {
    const backendKeys = [
      'workspace_name_required', 'workspace_name_invalid', 'workspace_name_too_long', 'workspace_name_dots',
      'workspace_name_spaces', 'workspace_name_reserved', 'workspace_name_characters', 'workspace_exists',
      'workspace_not_found', 'workspace_delete_confirm', 'workspace_delete_open', 'no_workspace_open',
      'settings_brand_name', 'settings_languages_required', 'settings_language_unsupported',
      'settings_language_duplicate', 'settings_time_zone_required', 'settings_time_zone_unknown',
      'settings_theme_unknown', 'settings_ui_language_unsupported', 'db_not_sqlite', 'db_newer_schema', 'db_corrupt',
      'keyring_unavailable', 'secret_not_found', 'token_required', 'body_too_large',
      'conversation_not_found', 'message_not_found', 'contact_not_found', 'correction_not_found', 'channel_not_found',
      'channel_exists', 'channel_platform_unknown', 'channel_account_required', 'channel_name_required',
      'channel_kind_unknown', 'contact_name_required', 'contact_merge_self', 'identity_taken', 'tag_invalid',
      'snooze_in_past', 'select_conversation', 'correct_outbound', 'search_empty', 'search_intent_unknown',
      'search_kind_unknown', 'search_is_unknown', 'keyword_language', 'keyword_kind', 'keyword_too_long',
    ];
    expect(backendKeys.filter((key) => !english.has(`errors.${key}`))).toEqual([]);
  });
});
