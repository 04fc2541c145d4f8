import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Reply } from '../types';
import { replyKeys } from './keys';

/** Drops a draft. */
export function discardDraft(id: number): Promise<Reply> {
  return call<Reply>('Replies', 'Discard', id);
}

export function useDiscardDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: discardDraft,
    onSettled: () => queryClient.invalidateQueries({ queryKey: replyKeys.lists() }),
  });
}
