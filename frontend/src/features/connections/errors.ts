import type { i18n as I18n } from 'i18next';
import { describeError, toApiError } from '@/lib/errors';
import type { PlatformSpec } from './platforms';
import type { AccountError, ImportRejection } from './types';

/** A form field an error can be shown on: the name, the base URL, an id or a secret. */
export type FieldKey = 'name' | 'base_url' | `id.${string}` | `secret.${string}`;

/**
 * The field of the account form a failed Add or Update is about, when the form shows it; null
 * for failures about the whole connection (a refused token, an unreachable platform…).
 */
export function accountErrorField(error: unknown, spec: PlatformSpec): FieldKey | null {
  if (error === null || error === undefined) return null;
  const { key, params } = toApiError(error);
  const secret = (name: string | undefined): FieldKey | null => {
    if (name !== undefined && spec.secrets.some((field) => field.name === name)) return `secret.${name}`;
    // "Give the account's token": the platform's main secret.
    const first = spec.secrets.find((field) => field.required);
    return first === undefined ? null : `secret.${first.name}`;
  };
  switch (key) {
    case 'account_name_invalid':
    case 'account_exists':
      return 'name';
    case 'account_base_url_invalid':
      return 'base_url';
    case 'account_id_required':
      return params.id !== undefined && spec.ids.some((field) => field.name === params.id) ? `id.${params.id}` : null;
    case 'account_secret_required':
      return secret(params.secret);
    case 'account_secret_missing':
      return secret(params.name);
    default:
      return null;
  }
}

/** Which field of the import form a failed import is about, null for the whole import. */
export function importErrorField(error: unknown): 'path' | 'time_zone' | null {
  if (error === null || error === undefined) return null;
  const { key } = toApiError(error);
  if (key === undefined) return null;
  if (key.startsWith('settings_time_zone')) return 'time_zone';
  if (['import_path_required', 'import_path_invalid', 'import_file_not_found', 'import_read_failed', 'import_not_telegram', 'import_not_meta', 'import_not_csv'].includes(key)) {
    return 'path';
  }
  return null;
}

/**
 * The translated message of an error. The import's unknown time zone names its param "zone" where
 * the catalogue, shared with the settings, expects "time_zone": both are given.
 */
export function errorMessage(error: unknown, i18n: I18n): string {
  const apiError = toApiError(error);
  const zone = apiError.params.zone;
  const params = zone !== undefined && apiError.params.time_zone === undefined ? { ...apiError.params, time_zone: zone } : apiError.params;
  return describeError({ code: apiError.code, message: apiError.message, key: apiError.key, params }, i18n).message;
}

/** Why an account stopped or failed, in the user's language (the backend's English when unknown). */
export function accountErrorMessage(error: AccountError, i18n: I18n): string {
  return describeError({ code: error.code, message: error.message, key: error.key, params: error.params }, i18n).message;
}

/** Why an item of an export was not imported, in the user's language. */
export function rejectionReason(rejection: ImportRejection, i18n: I18n): string {
  return describeError({ code: 'EINVALID', message: rejection.reason, key: rejection.key, params: rejection.params }, i18n).message;
}
