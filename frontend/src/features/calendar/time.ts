/**
 * Times on a time zone's clock. The calendar shows every post on the workspace's clock: FullCalendar
 * runs in UTC and is given wall-clock times as if they were UTC, so that what it shows, and the
 * time a post is dropped at, are the workspace's wall-clock times whatever the device's zone.
 */

const wallFormats = new Map<string, Intl.DateTimeFormat>();

function wallFormat(zone: string): Intl.DateTimeFormat {
  let format = wallFormats.get(zone);
  if (format === undefined) {
    const options: Intl.DateTimeFormatOptions = {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    };
    try {
      format = new Intl.DateTimeFormat('en-CA', { ...options, timeZone: zone });
    } catch {
      format = new Intl.DateTimeFormat('en-CA', { ...options, timeZone: 'UTC' });
    }
    wallFormats.set(zone, format);
  }
  return format;
}

/** The wall-clock time of the instant iso on zone's clock: "2026-03-29T18:00". */
export function wallTime(iso: string | Date, zone: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return '';
  const parts = wallFormat(zone).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/** A wall-clock time as the UTC-coerced date FullCalendar works with. */
export function calendarDate(wall: string): Date {
  return new Date(`${wall}:00Z`);
}

/** The wall-clock time FullCalendar gives back for a date it shows (UTC-coerced). */
export function wallOf(date: Date): string {
  return date.toISOString().slice(0, 16);
}

/** wall plus minutes, as a wall-clock time. */
export function addMinutes(wall: string, minutes: number): string {
  return wallOf(new Date(calendarDate(wall).getTime() + minutes * 60_000));
}

/** The day of a wall-clock time or date: "2026-03-29". */
export function dayOf(wall: string): string {
  return wall.slice(0, 10);
}

/** The month of a wall-clock time or date: "2026-03". */
export function monthOf(wall: string): string {
  return wall.slice(0, 7);
}

/** The Monday of the week holding day ("2026-03-29" → "2026-03-23"). */
export function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const back = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/** The time a post dropped on a day (no time of day: the month view) is given. */
export const DEFAULT_DROP_TIME = '09:00';

/**
 * The range of instants to ask the backend for, from the wall-clock range a view shows: a day wider
 * on each side, since wall-clock times differ from UTC by up to 14 hours.
 */
export function queryRange(start: Date, end: Date): { from: string; to: string } {
  return { from: new Date(start.getTime() - 86_400_000).toISOString(), to: new Date(end.getTime() + 86_400_000).toISOString() };
}
