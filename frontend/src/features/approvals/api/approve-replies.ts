import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Reply } from '../types';
import { approvalKeys } from './keys';

/** Approves low-risk pending replies in bulk, all or none. */
export function approveReplies(ids: number[]): Promise<Reply[]> {
  return call<Reply[]>('Replies', 'ApproveMany', ids);
}

export function useApproveReplies() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: approveReplies,
    onSettled: () => queryClient.invalidateQueries({ queryKey: approvalKeys.all }),
  });
}
