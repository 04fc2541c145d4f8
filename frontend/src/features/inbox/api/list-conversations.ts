import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ConversationFilter, ConversationPage } from '../types';
import { inboxKeys } from './keys';

export const PAGE_SIZE = 50;

export function listConversations(filter: ConversationFilter): Promise<ConversationPage> {
  return call<ConversationPage>('Inbox', 'List', filter);
}

export type ConversationPages = InfiniteData<ConversationPage, string>;

/** The inbox in its own order (priority, SLA due time, recency), a page at a time. */
export function conversationsQueryOptions(filter: ConversationFilter) {
  return infiniteQueryOptions({
    queryKey: inboxKeys.list(filter),
    queryFn: ({ pageParam }) => listConversations({ ...filter, cursor: pageParam === '' ? undefined : pageParam, limit: PAGE_SIZE }),
    initialPageParam: '',
    getNextPageParam: (page) => (page.next_cursor === '' ? undefined : page.next_cursor),
    placeholderData: keepPreviousData,
  });
}

export function useConversations(filter: ConversationFilter) {
  return useInfiniteQuery(conversationsQueryOptions(filter));
}
