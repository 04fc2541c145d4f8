import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CalendarPost, Reschedule } from '../types';
import { calendarKeys } from './keys';

export interface ReschedulePostInput {
  id: number;
  reschedule: Reschedule;
}

/** Moves a post to a wall-clock time read in reschedule.time_zone; the post keeps its own zone. */
export function reschedulePost({ id, reschedule }: ReschedulePostInput): Promise<CalendarPost> {
  return call<CalendarPost>('Calendar', 'Reschedule', id, reschedule);
}

/** The calendar asks about a clash itself, and reports other failures. */
export function useReschedulePost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reschedulePost,
    meta: { inlineError: true },
    onSuccess: (post) => queryClient.setQueryData(calendarKeys.post(post.id), post),
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}
