import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import { tabFilter, type ApprovalTab, type ReplyFilter, type ReplyPage } from '../types';
import { approvalKeys } from './keys';

const PAGE_SIZE = 50;

export function listReplies(filter: ReplyFilter): Promise<ReplyPage> {
  return call<ReplyPage>('Replies', 'List', filter);
}

export function queueQueryOptions(tab: ApprovalTab) {
  return infiniteQueryOptions({
    queryKey: approvalKeys.list(tab),
    queryFn: ({ pageParam }) => listReplies({ ...tabFilter(tab), limit: PAGE_SIZE, ...(pageParam === 0 ? {} : { before: pageParam }) }),
    initialPageParam: 0,
    getNextPageParam: (page) => (page.next > 0 ? page.next : undefined),
  });
}

/** The replies of one tab of the queue, newest first, page by page. */
export function useQueue(tab: ApprovalTab) {
  return useInfiniteQuery(queueQueryOptions(tab));
}
