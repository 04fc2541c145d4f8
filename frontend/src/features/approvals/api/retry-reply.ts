import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Reply } from '../types';
import { approvalKeys } from './keys';

/** Queues a failed reply again, under the same idempotency key. */
export function retryReply(id: number): Promise<Reply> {
  return call<Reply>('Replies', 'Retry', id);
}

export function useRetryReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryReply,
    onSettled: () => queryClient.invalidateQueries({ queryKey: approvalKeys.all }),
  });
}
