import { describe, expect, it } from 'vitest';
import { addMinutes, calendarDate, mondayOf, queryRange, wallOf, wallTime } from './time';

describe('wall-clock times', () => {
  it('shows an instant on a zone’s clock, across daylight saving', () => {
    expect(wallTime('2026-12-01T17:00:00Z', 'Europe/Paris')).toBe('2026-12-01T18:00');
    expect(wallTime('2026-07-01T16:00:00Z', 'Europe/Paris')).toBe('2026-07-01T18:00');
    expect(wallTime('2026-03-29T01:00:00Z', 'Europe/Paris')).toBe('2026-03-29T03:00');
    expect(wallTime('2026-12-01T17:00:00Z', 'America/New_York')).toBe('2026-12-01T12:00');
    expect(wallTime('2026-12-01T17:00:00Z', 'Not/AZone')).toBe('2026-12-01T17:00');
  });

  it('gives FullCalendar wall-clock times as UTC and reads them back', () => {
    expect(calendarDate('2026-12-01T18:00').toISOString()).toBe('2026-12-01T18:00:00.000Z');
    expect(wallOf(new Date('2026-12-02T09:30:00Z'))).toBe('2026-12-02T09:30');
    expect(addMinutes('2026-12-31T23:50', 15)).toBe('2027-01-01T00:05');
    expect(addMinutes('2026-12-03T19:00', -48 * 60)).toBe('2026-12-01T19:00');
  });

  it('finds the Monday of a week and widens a view’s range by a day', () => {
    expect(mondayOf('2026-03-29')).toBe('2026-03-23');
    expect(mondayOf('2026-03-30')).toBe('2026-03-30');
    expect(queryRange(new Date('2026-11-30T00:00:00Z'), new Date('2027-01-11T00:00:00Z'))).toEqual({
      from: '2026-11-29T00:00:00.000Z',
      to: '2027-01-12T00:00:00.000Z',
    });
  });
});
