import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import { OUTBOX_STATES, type ReplyFilter, type ReplyPage } from '../types';
import { replyKeys } from './keys';

export function listReplies(filter: ReplyFilter): Promise<ReplyPage> {
  return call<ReplyPage>('Replies', 'List', filter);
}

export function repliesQueryOptions(filter: ReplyFilter) {
  return queryOptions({ queryKey: replyKeys.list(filter), queryFn: () => listReplies(filter) });
}

/** A conversation's replies that are on their way, held, or in trouble (not the plainly sent ones). */
export function useConversationOutbox(conversationId: number) {
  return useQuery(repliesQueryOptions({ conversation_id: conversationId, states: OUTBOX_STATES, limit: 50 }));
}

/** A conversation's unsent drafts, newest first: the composer resumes the latest. */
export function useConversationDrafts(conversationId: number) {
  return useQuery(repliesQueryOptions({ conversation_id: conversationId, states: ['draft'], limit: 1 }));
}
