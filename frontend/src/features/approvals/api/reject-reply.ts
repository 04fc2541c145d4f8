import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Reply } from '../types';
import { approvalKeys } from './keys';

/** Rejects a pending reply; the reason is required and kept with it. */
export function rejectReply(id: number, reason: string): Promise<Reply> {
  return call<Reply>('Replies', 'Reject', id, reason);
}

export function useRejectReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) => rejectReply(id, reason),
    onSettled: () => queryClient.invalidateQueries({ queryKey: approvalKeys.all }),
  });
}
