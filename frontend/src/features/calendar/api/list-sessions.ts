import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CalendarSession } from '../types';
import { calendarKeys } from './keys';

export function listSessions(from: string, to: string): Promise<CalendarSession[]> {
  return call<CalendarSession[] | null>('Calendar', 'ListSessions', from, to).then((sessions) => sessions ?? []);
}

/** The lives and filming sessions starting in [from, to). */
export function useSessions(from: string, to: string) {
  return useQuery({
    queryKey: calendarKeys.sessions(from, to),
    queryFn: () => listSessions(from, to),
    placeholderData: keepPreviousData,
    enabled: from !== '' && to !== '',
  });
}
