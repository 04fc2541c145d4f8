import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ConversationDetail } from '../types';
import { inboxKeys } from './keys';

export function getConversation(id: number): Promise<ConversationDetail> {
  return call<ConversationDetail>('Inbox', 'Get', id);
}

export function conversationQueryOptions(id: number) {
  return queryOptions({ queryKey: inboxKeys.detail(id), queryFn: () => getConversation(id) });
}

export function useConversation(id: number | null) {
  return useQuery({ ...conversationQueryOptions(id ?? 0), enabled: id !== null });
}
