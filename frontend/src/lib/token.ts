import { useSyncExternalStore } from 'react';

/** The browser's access token for `tend serve`: read from the URL fragment, kept in sessionStorage. */

const STORAGE_KEY = 'tend.token';

export interface TokenState {
  token: string | null;
  /** The server refused the last token: the token screen says so. */
  rejected: boolean;
}

let state: TokenState = { token: readStoredToken(), rejected: false };
const listeners = new Set<() => void>();

function readStoredToken(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function update(next: TokenState): void {
  state = next;
  try {
    if (next.token === null) sessionStorage.removeItem(STORAGE_KEY);
    else sessionStorage.setItem(STORAGE_KEY, next.token);
  } catch {
    // Storage can be disabled: the token then lives for this page only.
  }
  for (const listener of listeners) listener();
}

/**
 * Moves a `#token=...` fragment (as printed by `tend serve`) into sessionStorage and removes it
 * from the address bar so that it is neither bookmarked nor shared.
 */
export function captureTokenFromUrl(): void {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = fragment.get('token');
  if (token === null) return;
  if (token !== '') update({ token, rejected: false });
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
}

export function getToken(): string | null {
  return state.token;
}

export function setToken(token: string): void {
  update({ token: token.trim(), rejected: false });
}

/** Forgets a token the server refused. */
export function rejectToken(): void {
  if (state.token === null && state.rejected) return;
  update({ token: null, rejected: true });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useTokenState(): TokenState {
  return useSyncExternalStore(subscribe, () => state);
}
