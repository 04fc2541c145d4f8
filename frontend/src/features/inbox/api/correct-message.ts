import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Intent, Message, Sentiment } from '../types';
import { inboxKeys } from './keys';

export interface CorrectMessageInput {
  messageId: number;
  intent?: Intent;
  sentiment?: Sentiment;
}

/** Relabels an inbound message; the classifier learns from it at once. */
export function correctMessage({ messageId, intent, sentiment }: CorrectMessageInput): Promise<Message> {
  return call<Message>('Inbox', 'Correct', messageId, intent ?? null, sentiment ?? null);
}

export function useCorrectMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: correctMessage,
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}
