import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CalendarPost, PostInput } from '../types';
import { calendarKeys } from './keys';

export function createPost(input: PostInput): Promise<CalendarPost> {
  return call<CalendarPost>('Calendar', 'CreatePost', input);
}

/** The editor shows the failure next to the field it names (or asks about a clash), so it is not notified. */
export function useCreatePost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPost,
    meta: { inlineError: true },
    onSuccess: (post) => queryClient.setQueryData(calendarKeys.post(post.id), post),
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}
