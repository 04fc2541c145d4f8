import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ReviewPost } from '../types';
import { postReviewKeys } from './keys';

/** Approves a post's captions, with an optional note kept with it and in the audit trail. */
export function approvePost(id: number, note: string): Promise<ReviewPost> {
  return call<ReviewPost>('Calendar', 'Approve', id, note);
}

export function useApprovePost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: number; note: string }) => approvePost(id, note),
    onSettled: () => queryClient.invalidateQueries({ queryKey: postReviewKeys.posts() }),
  });
}
