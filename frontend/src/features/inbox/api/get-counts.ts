import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ConversationFilter, InboxCounts } from '../types';
import { inboxKeys } from './keys';

/** Facet counts: each facet's counts ignore that facet's own criterion. */
export function getCounts(filter: ConversationFilter): Promise<InboxCounts> {
  return call<InboxCounts>('Inbox', 'Counts', filter);
}

export function countsQueryOptions(filter: ConversationFilter) {
  return queryOptions({ queryKey: inboxKeys.count(filter), queryFn: () => getCounts(filter), placeholderData: keepPreviousData });
}

export function useCounts(filter: ConversationFilter) {
  return useQuery(countsQueryOptions(filter));
}
