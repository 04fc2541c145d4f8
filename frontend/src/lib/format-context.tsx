import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { formatBytes, formatDateTime } from './format';

export interface Formatters {
  locale: string;
  timeZone: string | undefined;
  bytes(bytes: number): string;
  dateTime(iso: string): string;
}

function makeFormatters(locale: string, timeZone: string | undefined): Formatters {
  return {
    locale,
    timeZone,
    bytes: (bytes) => formatBytes(bytes, locale),
    dateTime: (iso) => formatDateTime(iso, locale, timeZone),
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
