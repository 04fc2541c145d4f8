import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ApprovalDecision } from '../types';
import { replyKeys } from './keys';

/** What the approval policy would decide for text, saving nothing. */
export function checkReply(id: number, text: string): Promise<ApprovalDecision> {
  return call<ApprovalDecision>('Replies', 'Check', id, text);
}

export function checkReplyQueryOptions(id: number, text: string) {
  return queryOptions({
    queryKey: replyKeys.check(id, text),
    queryFn: () => checkReply(id, text),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    // A check runs as the user types: a failure shows nowhere but in the composer's silence.
    meta: { inlineError: true },
  });
}

/** The live check of the composer's text; off until there is a draft and some text. */
export function useCheckReply(id: number | null, text: string) {
  return useQuery({ ...checkReplyQueryOptions(id ?? 0, text), enabled: id !== null && text.trim() !== '' });
}
