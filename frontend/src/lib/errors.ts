import type { i18n as I18n } from 'i18next';

/** The error codes every backend call can fail with (backend/error.go). */
export const ERROR_CODES = [
  'EINVALID',
  'ENOTFOUND',
  'ECONFLICT',
  'EUNAUTHORIZED',
  'EFORBIDDEN',
  'ERATELIMITED',
  'EUNAVAILABLE',
  'EINTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorParams = Record<string, string>;

export interface ApiErrorInit {
  code: ErrorCode;
  message: string;
  key?: string;
  params?: ErrorParams;
  status?: number;
}

/** The one error type every backend call rejects with, whatever the transport. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  /** Names an entry of the `errors` catalogue; `params` fill its placeholders. */
  readonly key: string | undefined;
  readonly params: ErrorParams;
  /** The HTTP status, when the call went over HTTP. */
  readonly status: number | undefined;

  constructor({ code, message, key, params, status }: ApiErrorInit) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.key = key;
    this.params = params ?? {};
    this.status = status;
  }
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'EINVALID',
  401: 'EUNAUTHORIZED',
  403: 'EFORBIDDEN',
  404: 'ENOTFOUND',
  409: 'ECONFLICT',
  413: 'EINVALID',
  429: 'ERATELIMITED',
  503: 'EUNAVAILABLE',
};

export function codeForStatus(status: number): ErrorCode {
  return CODE_BY_STATUS[status] ?? 'EINTERNAL';
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

function stringParams(value: unknown): ErrorParams | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const params: ErrorParams = {};
  for (const [name, param] of Object.entries(value)) params[name] = String(param);
  return params;
}

/**
 * Turns whatever a failed call produced — the backend's `{code, message, key?, params?}` object,
 * its JSON text, an Error or anything else — into an ApiError. `fallbackCode` applies when the
 * reason carries no valid code (e.g. the code an HTTP status stands for).
 */
export function toApiError(reason: unknown, fallbackCode: ErrorCode = 'EINTERNAL', status?: number): ApiError {
  if (reason instanceof ApiError) return reason;
  if (typeof reason === 'string') {
    try {
      return toApiError(JSON.parse(reason) as unknown, fallbackCode, status);
    } catch {
      return new ApiError({ code: fallbackCode, message: reason, status });
    }
  }
  if (typeof reason === 'object' && reason !== null) {
    const record = reason as Record<string, unknown>;
    const message = typeof record.message === 'string' && record.message !== '' ? record.message : 'Internal error.';
    return new ApiError({
      code: isErrorCode(record.code) ? record.code : fallbackCode,
      message,
      key: typeof record.key === 'string' && record.key !== '' ? record.key : undefined,
      params: stringParams(record.params),
      status,
    });
  }
  return new ApiError({ code: fallbackCode, message: 'Internal error.', status });
}

export interface ErrorDescription {
  title: string;
  message: string;
}

/** The names of the `{{placeholders}}` of a catalogue entry. */
function placeholderNames(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1] ?? '');
}

/**
 * The catalogue entry of an error key: `errors.<key>`, or its variant `errors.<key>_no_<param>`
 * when a param the entry shows is empty or missing (Meta does not always name the permission it
 * wants, a platform does not always say how long to wait). Undefined when the catalogue lacks it.
 */
export function errorCatalogueKey(key: string | undefined, params: ErrorParams, i18n: I18n): string | undefined {
  if (key === undefined || key === '') return undefined;
  const entry = `errors.${key}`;
  if (!i18n.exists(entry)) return undefined;
  const text = i18n.getResource(i18n.resolvedLanguage ?? i18n.language, 'translation', entry) as unknown;
  const english = i18n.getResource('en', 'translation', entry) as unknown;
  const template = typeof text === 'string' ? text : typeof english === 'string' ? english : '';
  for (const name of placeholderNames(template)) {
    const variant = `${entry}_no_${name}`;
    if ((params[name] ?? '').trim() === '' && i18n.exists(variant)) return variant;
  }
  return entry;
}

/**
 * The translated title (from the code) and message (from the key when the catalogue has it,
 * else the backend's English message) of an error.
 */
export function describeError(error: unknown, i18n: I18n): ErrorDescription {
  const apiError = toApiError(error);
  const catalogueKey = errorCatalogueKey(apiError.key, apiError.params, i18n);
  const message = catalogueKey !== undefined ? i18n.t(catalogueKey, apiError.params) : apiError.message;
  return { title: i18n.t(`errorCodes.${apiError.code}`), message };
}

/** The translated message of error when its key is one of `keys` (e.g. to show it on a form field). */
export function fieldMessage(error: unknown, i18n: I18n, matches: (key: string) => boolean): string | undefined {
  if (error === null || error === undefined) return undefined;
  const apiError = toApiError(error);
  if (apiError.key === undefined || !matches(apiError.key)) return undefined;
  return describeError(apiError, i18n).message;
}
