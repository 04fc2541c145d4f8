import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Reply } from '../types';
import { approvalKeys } from './keys';

/** Records whether an in-doubt reply reached the platform: sent marks it sent, else it is queued again. */
export function resolveInDoubt(id: number, sent: boolean): Promise<Reply> {
  return call<Reply>('Replies', 'ResolveInDoubt', id, sent);
}

export function useResolveInDoubt() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, sent }: { id: number; sent: boolean }) => resolveInDoubt(id, sent),
    onSettled: () => queryClient.invalidateQueries({ queryKey: approvalKeys.all }),
  });
}
