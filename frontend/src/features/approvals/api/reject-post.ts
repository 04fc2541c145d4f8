import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ReviewPost } from '../types';
import { postReviewKeys } from './keys';

/** Sends a post back to draft; the reason is required, and its author sees it. */
export function rejectPost(id: number, reason: string): Promise<ReviewPost> {
  return call<ReviewPost>('Calendar', 'Reject', id, reason);
}

export function useRejectPost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) => rejectPost(id, reason),
    onSettled: () => queryClient.invalidateQueries({ queryKey: postReviewKeys.posts() }),
  });
}
