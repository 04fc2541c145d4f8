import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CalendarPost } from '../types';
import { calendarKeys } from './keys';

/** Records that a person posted it by hand. */
export function markPublished(id: number): Promise<CalendarPost> {
  return call<CalendarPost>('Calendar', 'MarkPublished', id);
}

export function useMarkPublished() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markPublished,
    onSuccess: (post) => queryClient.setQueryData(calendarKeys.post(post.id), post),
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}
