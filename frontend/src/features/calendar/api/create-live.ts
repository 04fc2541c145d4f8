import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CalendarSession, LiveInput } from '../types';
import { calendarKeys } from './keys';

/** Plans a live, its announcement (48 h ahead by default) and its reminder. */
export function createLive(input: LiveInput): Promise<CalendarSession> {
  return call<CalendarSession>('Calendar', 'CreateLive', input);
}

export function useCreateLive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createLive,
    meta: { inlineError: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}
