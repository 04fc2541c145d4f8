import { wallClock, zonedInstant } from '@/lib/time-zone';

export const SNOOZE_PRESETS = ['oneHour', 'threeHours', 'tomorrow', 'nextMonday'] as const;
export type SnoozePreset = (typeof SNOOZE_PRESETS)[number];

/** Mornings start at 9:00 in the workspace's time zone. */
const MORNING_HOUR = 9;

/** When a snooze preset ends, from now, in the workspace's time zone. */
export function snoozeUntil(preset: SnoozePreset, now: Date, timeZone: string | undefined): Date {
  switch (preset) {
    case 'oneHour':
      return new Date(now.getTime() + 3_600_000);
    case 'threeHours':
      return new Date(now.getTime() + 3 * 3_600_000);
    case 'tomorrow': {
      const today = wallClock(now, timeZone);
      return zonedInstant({ ...today, day: today.day + 1, hour: MORNING_HOUR, minute: 0 }, timeZone);
    }
    case 'nextMonday': {
      const today = wallClock(now, timeZone);
      const days = ((8 - today.weekday) % 7) || 7;
      return zonedInstant({ ...today, day: today.day + days, hour: MORNING_HOUR, minute: 0 }, timeZone);
    }
  }
}

/** A `datetime-local` value ("2026-11-28T14:30") read as a time in timeZone; null when invalid. */
export function parseLocalDateTime(value: string, timeZone: string | undefined): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (match === null) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  return zonedInstant({ year, month, day, hour, minute }, timeZone);
}

/** The `datetime-local` value showing instant in timeZone. */
export function toLocalDateTime(instant: Date, timeZone: string | undefined): string {
  const clock = wallClock(instant, timeZone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${clock.year}-${pad(clock.month)}-${pad(clock.day)}T${pad(clock.hour)}:${pad(clock.minute)}`;
}
