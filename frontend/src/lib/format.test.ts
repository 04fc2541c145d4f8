import { describe, expect, it } from 'vitest';
import { formatRelative } from './format';

describe('formatRelative', () => {
  const now = Date.parse('2026-11-28T10:00:00Z');
  const at = (seconds: number) => new Date(now + seconds * 1_000).toISOString();

  it('says how far a time is from now in the locale, in a readable unit', () => {
    expect(formatRelative(at(10), now, 'en')).toBe('now');
    expect(formatRelative(at(-30), now, 'en')).toBe('now');
    expect(formatRelative(at(5 * 60), now, 'en')).toBe('in 5 minutes');
    expect(formatRelative(at(-3 * 3_600), now, 'en')).toBe('3 hours ago');
    expect(formatRelative(at(-86_400), now, 'en')).toBe('yesterday');
    expect(formatRelative(at(20 * 60), now, 'fr')).toBe('dans 20 minutes');
    expect(formatRelative(at(-2 * 86_400), now, 'fr')).toBe('avant-hier');
  });

  it('returns what it cannot read as is', () => {
    expect(formatRelative('soon', now, 'en')).toBe('soon');
  });
});
