import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onEvent } from '@/lib/events';
import { postReviewKeys } from '../api/keys';

/**
 * Keeps the posts in review in step with the calendar: a post submitted, approved, rejected,
 * edited or deleted anywhere (calendar:changed) refetches them; new pillars (calendar:settings_updated)
 * refetch the pillars. Mounted once, with the nav badge that is always shown.
 */
export function usePostReviewEvents(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const unsubscribes = [
      onEvent('calendar:changed', () => void queryClient.invalidateQueries({ queryKey: postReviewKeys.posts() })),
      onEvent('calendar:settings_updated', () => void queryClient.invalidateQueries({ queryKey: postReviewKeys.pillars() })),
    ];
    return () => {
      for (const unsubscribe of unsubscribes) unsubscribe();
    };
  }, [queryClient]);
}
