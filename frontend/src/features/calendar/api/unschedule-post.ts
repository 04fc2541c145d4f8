import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CalendarPost } from '../types';
import { calendarKeys } from './keys';

/** Takes a post off the calendar, back to the backlog. */
export function unschedulePost(id: number): Promise<CalendarPost> {
  return call<CalendarPost>('Calendar', 'Unschedule', id);
}

export function useUnschedulePost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unschedulePost,
    onSuccess: (post) => queryClient.setQueryData(calendarKeys.post(post.id), post),
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}
