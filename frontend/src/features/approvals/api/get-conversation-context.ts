import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ConversationContext } from '../types';
import { approvalKeys } from './keys';

/** The conversation a queued reply answers: who, where, and what they wrote. */
export function getConversationContext(id: number): Promise<ConversationContext> {
  return call<ConversationContext>('Inbox', 'Get', id);
}

export function conversationContextQueryOptions(id: number) {
  return queryOptions({
    queryKey: approvalKeys.conversation(id),
    queryFn: () => getConversationContext(id),
    // The item still shows its reply without the context.
    meta: { inlineError: true },
  });
}

export function useConversationContext(id: number) {
  return useQuery(conversationContextQueryOptions(id));
}
