import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CalendarPost } from '../types';
import { calendarKeys } from './keys';

/** Sends the post back to draft, saying why. */
export function rejectPost({ id, reason }: { id: number; reason: string }): Promise<CalendarPost> {
  return call<CalendarPost>('Calendar', 'Reject', id, reason);
}

export function useRejectPost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rejectPost,
    onSuccess: (post) => queryClient.setQueryData(calendarKeys.post(post.id), post),
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}
