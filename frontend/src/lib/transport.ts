import { ApiError, codeForStatus, toApiError } from './errors';
import { getToken } from './token';

/** Whether the page runs inside the desktop window (Wails bindings present). */
export function isDesktop(): boolean {
  return window.go?.app !== undefined;
}

/**
 * Calls a bound backend method: `window.go.app.<Struct>.<Method>` in the desktop window, else
 * `POST /api/<Struct>/<Method>` on `tend serve`. Both reject with an ApiError.
 */
export async function call<T>(struct: string, method: string, ...args: unknown[]): Promise<T> {
  return isDesktop() ? callDesktop<T>(struct, method, args) : callHttp<T>(struct, method, args);
}

async function callDesktop<T>(struct: string, method: string, args: unknown[]): Promise<T> {
  const bound = window.go?.app?.[struct]?.[method];
  if (bound === undefined) {
    throw new ApiError({ code: 'ENOTFOUND', message: `No method ${struct}.${method}.` });
  }
  try {
    return (await bound(...args)) as T;
  } catch (reason) {
    throw toApiError(reason);
  }
}

async function callHttp<T>(struct: string, method: string, args: unknown[]): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const token = getToken();
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(struct)}/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(args),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError({
      code: 'EUNAVAILABLE',
      message: 'Cannot reach the Tend server. Check that `tend serve` is still running.',
    });
  }
  const text = await response.text();
  if (!response.ok) {
    throw toApiError(text === '' ? { message: `HTTP ${response.status}.` } : text, codeForStatus(response.status), response.status);
  }
  if (text === '') return null as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError({ code: 'EINTERNAL', message: 'The server sent an unreadable answer.', status: response.status });
  }
}
