import { describe, expect, it } from 'vitest';
import { parseLocalDateTime, snoozeUntil, toLocalDateTime } from './snooze';

// Saturday 28 November 2026, 23:30 in Paris (UTC+1).
const now = new Date('2026-11-28T22:30:00Z');

describe('snooze presets', () => {
  it('add hours', () => {
    expect(snoozeUntil('oneHour', now, 'Europe/Paris').toISOString()).toBe('2026-11-28T23:30:00.000Z');
    expect(snoozeUntil('threeHours', now, 'Europe/Paris').toISOString()).toBe('2026-11-29T01:30:00.000Z');
  });

  it('wake up tomorrow at 9:00 in the workspace time zone', () => {
    expect(snoozeUntil('tomorrow', now, 'Europe/Paris').toISOString()).toBe('2026-11-29T08:00:00.000Z');
    expect(snoozeUntil('tomorrow', now, 'America/New_York').toISOString()).toBe('2026-11-29T14:00:00.000Z');
  });

  it('wake up next Monday at 9:00', () => {
    expect(snoozeUntil('nextMonday', now, 'Europe/Paris').toISOString()).toBe('2026-11-30T08:00:00.000Z');
    // On a Monday, next Monday is a week away.
    expect(snoozeUntil('nextMonday', new Date('2026-11-30T10:00:00Z'), 'Europe/Paris').toISOString()).toBe('2026-12-07T08:00:00.000Z');
  });

  it('read and write a custom time in the workspace time zone', () => {
    expect(parseLocalDateTime('2026-07-14T09:30', 'Europe/Paris')?.toISOString()).toBe('2026-07-14T07:30:00.000Z');
    expect(parseLocalDateTime('nonsense', 'Europe/Paris')).toBeNull();
    expect(toLocalDateTime(new Date('2026-07-14T07:30:00Z'), 'Europe/Paris')).toBe('2026-07-14T09:30');
  });
});
