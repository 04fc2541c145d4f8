import { describe, expect, it } from 'vitest';
import { captureTokenFromUrl, getToken, rejectToken } from './token';

describe('captureTokenFromUrl', () => {
  it('keeps the token from the fragment and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/settings?x=1#token=abc123');
    captureTokenFromUrl();
    expect(getToken()).toBe('abc123');
    expect(sessionStorage.getItem('tend.token')).toBe('abc123');
    expect(window.location.hash).toBe('');
    expect(window.location.pathname + window.location.search).toBe('/settings?x=1');
  });

  it('forgets a rejected token', () => {
    window.history.replaceState(null, '', '/#token=wrong');
    captureTokenFromUrl();
    rejectToken();
    expect(getToken()).toBeNull();
    expect(sessionStorage.getItem('tend.token')).toBeNull();
  });
});
