import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CalendarSettings } from '../types';
import { calendarKeys } from './keys';

export function getCalendarSettings(): Promise<CalendarSettings> {
  return call<CalendarSettings>('Calendar', 'GetSettings');
}

export const calendarSettingsQueryOptions = queryOptions({ queryKey: calendarKeys.settings(), queryFn: getCalendarSettings });

/** Pillars, cadence targets, the mix target, the channel-goal matrix and the workspace's time zone. */
export function useCalendarSettings() {
  return useQuery(calendarSettingsQueryOptions);
}
