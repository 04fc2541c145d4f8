import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CalendarPost } from '../types';
import { calendarKeys } from './keys';

/** Approves the captions, with an optional note. */
export function approvePost({ id, note }: { id: number; note: string }): Promise<CalendarPost> {
  return call<CalendarPost>('Calendar', 'Approve', id, note);
}

export function useApprovePost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: approvePost,
    onSuccess: (post) => queryClient.setQueryData(calendarKeys.post(post.id), post),
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}
