import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Reply, SubmitReply } from '../types';
import { replyKeys } from './keys';

/** Sends a draft to the outbox, or to the approval queue when it needs approval (or asks for it). */
export function submitReply(id: number, submit: SubmitReply): Promise<Reply> {
  return call<Reply>('Replies', 'Submit', id, submit);
}

export function useSubmitReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, submit }: { id: number; submit: SubmitReply }) => submitReply(id, submit),
    onSettled: () => queryClient.invalidateQueries({ queryKey: replyKeys.lists() }),
  });
}
