import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CalendarPost } from '../types';
import { calendarKeys } from './keys';

/** Sends the captions to review. */
export function submitPost(id: number): Promise<CalendarPost> {
  return call<CalendarPost>('Calendar', 'Submit', id);
}

export function useSubmitPost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: submitPost,
    onSuccess: (post) => queryClient.setQueryData(calendarKeys.post(post.id), post),
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}
