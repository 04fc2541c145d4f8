import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CalendarPost, PostUpdate } from '../types';
import { calendarKeys } from './keys';

export interface UpdatePostInput {
  id: number;
  update: PostUpdate;
}

export function updatePost({ id, update }: UpdatePostInput): Promise<CalendarPost> {
  return call<CalendarPost>('Calendar', 'UpdatePost', id, update);
}

/** The editor shows the failure next to the field it names (or asks about a clash), so it is not notified. */
export function useUpdatePost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePost,
    meta: { inlineError: true },
    onSuccess: (post) => queryClient.setQueryData(calendarKeys.post(post.id), post),
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}
