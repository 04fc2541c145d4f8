import { describe, expect, it } from 'vitest';
import { ApiError, describeError, toApiError } from './errors';
import { i18n } from './i18n';

describe('describeError', () => {
  it('titles the error with its translated code and translates its key with the params', async () => {
    const error = new ApiError({ code: 'EINVALID', message: 'English text.', key: 'workspace_name_characters', params: { name: 'a/b' } });
    const english = describeError(error, i18n);
    expect(english.title).toBe('Invalid input');
    expect(english.message).toContain('“a/b”');
    await i18n.changeLanguage('fr');
    const french = describeError(error, i18n);
    expect(french.title).toBe('Saisie invalide');
    expect(french.message).toContain('« a/b »');
  });

  it('falls back to the English message when the key is not in the catalogue', () => {
    const error = new ApiError({ code: 'ECONFLICT', message: 'Something new happened.', key: 'not_in_catalogue' });
    expect(describeError(error, i18n)).toEqual({ title: 'Conflict', message: 'Something new happened.' });
  });

  it('uses the entry made for an empty or missing param when the catalogue has one', () => {
    const named = new ApiError({ code: 'EFORBIDDEN', message: '', key: 'account_permission', params: { platform: 'Instagram', permission: 'instagram_manage_messages' } });
    expect(describeError(named, i18n).message).toContain('lacks the instagram_manage_messages permission');
    const unnamed = new ApiError({ code: 'EFORBIDDEN', message: '', key: 'account_permission', params: { platform: 'Instagram', permission: '' } });
    expect(describeError(unnamed, i18n).message).toBe(
      'Instagram refused the request: the token lacks a permission on this account. Reconnect the account and grant every permission asked.',
    );
    const noWait = new ApiError({ code: 'ERATELIMITED', message: '', key: 'account_rate_limited', params: { platform: 'WhatsApp' } });
    expect(describeError(noWait, i18n).message).toBe('WhatsApp asks Tend to slow down: it will try again later by itself.');
  });

  it('keeps markup in params as plain text', () => {
    const error = new ApiError({ code: 'EINVALID', message: '', key: 'workspace_name_characters', params: { name: '<b>x</b>' } });
    expect(describeError(error, i18n).message).toContain('<b>x</b>');
  });

  it('describes anything thrown as an internal error', () => {
    expect(describeError(new Error('boom'), i18n).title).toBe('Internal error');
  });
});

describe('toApiError', () => {
  it('keeps a valid code and replaces an unknown one', () => {
    expect(toApiError({ code: 'ENOTFOUND', message: 'x' }).code).toBe('ENOTFOUND');
    expect(toApiError({ code: 'EWHATEVER', message: 'x' }).code).toBe('EINTERNAL');
  });
});
