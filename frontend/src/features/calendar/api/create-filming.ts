import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CalendarSession, FilmingInput } from '../types';
import { calendarKeys } from './keys';

/** Plans a batch-filming session and creates its drafts at once. */
export function createFilming(input: FilmingInput): Promise<CalendarSession> {
  return call<CalendarSession>('Calendar', 'CreateFilming', input);
}

export function useCreateFilming() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createFilming,
    meta: { inlineError: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}
