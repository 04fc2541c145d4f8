import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CalendarPost } from '../types';
import { calendarKeys } from './keys';

/** Publishes a scheduled, due, missed or failed post now (a reminder where no API can). */
export function publishNow(id: number): Promise<CalendarPost> {
  return call<CalendarPost>('Calendar', 'PublishNow', id);
}

export function usePublishNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: publishNow,
    onSuccess: (post) => queryClient.setQueryData(calendarKeys.post(post.id), post),
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}
