/** Formatting in the user's locale and the workspace's time zone, with Intl only. */

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

export function formatBytes(bytes: number, locale: string): string {
  let unit = 0;
  let value = bytes;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: BYTE_UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

export function formatDateTime(iso: string, locale: string, timeZone: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
  } catch {
    // An unknown time zone: fall back to the device's own.
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }
}

/** A date written YYYY-MM-DD, shown in the user's locale (the date itself, whatever the time zone). */
export function formatDay(day: string, locale: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/**
 * The locale to format with: the device's own locale when it speaks the interface language
 * (so that en-GB keeps its dates), else the interface language itself.
 */
export function formattingLocale(uiLanguage: string, deviceLocales: readonly string[]): string {
  return deviceLocales.find((locale) => locale.split('-')[0]?.toLowerCase() === uiLanguage) ?? uiLanguage;
}

function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions, timeZone: string | undefined) {
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone });
  } catch {
    return new Intl.DateTimeFormat(locale, options);
  }
}

/** A length of time, rounded to a readable unit: "23 min", "5 hr", "3 days". */
export function formatDuration(minutes: number, locale: string): string {
  const whole = Math.max(0, Math.round(minutes));
  let value = whole;
  let unit: 'minute' | 'hour' | 'day' = 'minute';
  if (whole >= 48 * 60) {
    value = Math.round(whole / (24 * 60));
    unit = 'day';
  } else if (whole >= 60) {
    value = Math.round(whole / 60);
    unit = 'hour';
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}

/**
 * A compact time for lists: the time of day when it is today in the time zone, the weekday
 * within the last week, else the date.
 */
export function formatListTime(iso: string, now: number, locale: string, timeZone: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = dateTimeFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric' }, timeZone);
  if (day.format(date) === day.format(now)) return dateTimeFormat(locale, { timeStyle: 'short' }, timeZone).format(date);
  const age = now - date.getTime();
  if (age >= 0 && age < 6 * 24 * 3_600_000) return dateTimeFormat(locale, { weekday: 'short' }, timeZone).format(date);
  const sameYear =
    dateTimeFormat(locale, { year: 'numeric' }, timeZone).format(date) === dateTimeFormat(locale, { year: 'numeric' }, timeZone).format(now);
  return dateTimeFormat(locale, sameYear ? { month: 'short', day: 'numeric' } : { dateStyle: 'medium' }, timeZone).format(date);
}

export function formatTime(iso: string, locale: string, timeZone: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateTimeFormat(locale, { timeStyle: 'short' }, timeZone).format(date);
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { notation: value >= 10_000 ? 'compact' : 'standard' }).format(value);
}

/** The units a relative time is said in, largest first, with their length in seconds. */
const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** How far iso is from now (ms), in words of the locale: "in 5 minutes", "3 hours ago", "now". */
export function formatRelative(iso: string, now: number, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const seconds = (date.getTime() - now) / 1_000;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (Math.abs(seconds) < 45) return format.format(0, 'second');
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size || unit === 'minute') return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}
