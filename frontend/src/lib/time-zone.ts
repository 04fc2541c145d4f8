/** Wall-clock arithmetic in an IANA time zone, with Intl only. */

export interface WallClock {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday. */
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function partsFormatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
    hourCycle: 'h23',
  };
  try {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone });
  } catch {
    // An unknown time zone: the device's own.
    return new Intl.DateTimeFormat('en-US', options);
  }
}

/** What a clock in timeZone shows at instant. */
export function wallClock(instant: Date, timeZone: string | undefined): WallClock {
  const parts: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

function offsetMs(instant: Date, timeZone: string | undefined): number {
  const clock = wallClock(instant, timeZone);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute);
  return asUtc - Math.floor(instant.getTime() / 60_000) * 60_000;
}

/**
 * The instant at which a clock in timeZone shows the given date and time. Day overflow is
 * allowed (day 32 is the 1st of the next month).
 */
export function zonedInstant(
  { year, month, day, hour, minute }: Omit<WallClock, 'weekday'>,
  timeZone: string | undefined,
): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetMs(new Date(guess), timeZone);
  // Around a DST change the offset at the answer can differ from the offset at the guess.
  return new Date(guess - offsetMs(new Date(first), timeZone));
}
