import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CalendarSettings, CalendarSettingsUpdate } from '../types';
import { calendarKeys } from './keys';

export function updateCalendarSettings(update: CalendarSettingsUpdate): Promise<CalendarSettings> {
  return call<CalendarSettings>('Calendar', 'UpdateSettings', update);
}

/** The editors show the failure next to what they edit, so it is not notified. */
export function useUpdateCalendarSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCalendarSettings,
    meta: { inlineError: true },
    onSuccess: (settings) => queryClient.setQueryData(calendarKeys.settings(), settings),
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}
