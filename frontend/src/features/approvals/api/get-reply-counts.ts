import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ReplyCounts } from '../types';
import { approvalKeys } from './keys';

/** How many replies wait on a person: to approve, to review for QA, failed, in doubt, queued. */
export function getReplyCounts(): Promise<ReplyCounts> {
  return call<ReplyCounts>('Replies', 'Counts');
}

export function replyCountsQueryOptions() {
  return queryOptions({ queryKey: approvalKeys.counts(), queryFn: getReplyCounts });
}

export function useReplyCounts() {
  return useQuery(replyCountsQueryOptions());
}
