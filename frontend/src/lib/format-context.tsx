import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { formatBytes, formatDateTime, formatDuration, formatListTime, formatNumber, formatRelative, formatTime } from './format';

export interface Formatters {
  locale: string;
  timeZone: string | undefined;
  bytes(bytes: number): string;
  dateTime(iso: string): string;
  time(iso: string): string;
  /** Compact time for list rows, relative to now (ms). */
  listTime(iso: string, now: number): string;
  /** How far from now (ms) iso is: "in 5 minutes", "3 hours ago". */
  relative(iso: string, now: number): string;
  duration(minutes: number): string;
  number(value: number): string;
}

function makeFormatters(locale: string, timeZone: string | undefined): Formatters {
  return {
    locale,
    timeZone,
    bytes: (bytes) => formatBytes(bytes, locale),
    dateTime: (iso) => formatDateTime(iso, locale, timeZone),
    time: (iso) => formatTime(iso, locale, timeZone),
    listTime: (iso, now) => formatListTime(iso, now, locale, timeZone),
    relative: (iso, now) => formatRelative(iso, now, locale),
    duration: (minutes) => formatDuration(minutes, locale),
    number: (value) => formatNumber(value, locale),
  };
}

const FormatContext = createContext<Formatters>(makeFormatters('en', undefined));

export function FormatProvider({
  locale,
  timeZone,
  children,
}: {
  locale: string;
  timeZone: string | undefined;
  children: ReactNode;
}) {
  const formatters = useMemo(() => makeFormatters(locale, timeZone), [locale, timeZone]);
  return <FormatContext.Provider value={formatters}>{children}</FormatContext.Provider>;
}

export function useFormat(): Formatters {
  return useContext(FormatContext);
}
