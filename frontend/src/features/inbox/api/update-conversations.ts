import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Conversation, ConversationDetail, ConversationFilter, ConversationUpdate } from '../types';
import { inboxKeys } from './keys';
import type { ConversationPages } from './list-conversations';

export interface UpdateConversationsInput {
  ids: number[];
  update: ConversationUpdate;
}

/** Applies update to every conversation of ids, all or none. */
export function updateConversations({ ids, update }: UpdateConversationsInput): Promise<Conversation[]> {
  return call<Conversation[]>('Inbox', 'Update', ids, update);
}

/** The conversation as the update will leave it, as far as the client can tell. */
export function applyUpdate(conversation: Conversation, update: ConversationUpdate): Conversation {
  const next = { ...conversation };
  if (update.mark_spam === true) {
    next.intent = 'spam';
    next.status = 'resolved';
  }
  if (update.status !== undefined) next.status = update.status;
  if (update.status === 'snoozed') next.snoozed_until = update.snoozed_until ?? null;
  if (update.assignee !== undefined) next.assignee = update.assignee;
  if (update.add_tags !== undefined || update.remove_tags !== undefined) {
    const removed = new Set(update.remove_tags ?? []);
    const tags = conversation.tags.filter((tag) => !removed.has(tag));
    for (const tag of update.add_tags ?? []) if (!tags.includes(tag)) tags.push(tag);
    next.tags = tags;
  }
  return next;
}

function stillListed(conversation: Conversation, filter: ConversationFilter): boolean {
  return filter.statuses === undefined || filter.statuses.includes(conversation.status);
}

/** Patches the cached lists and details; a conversation leaves a list whose status it no longer has. */
function patchCaches(queryClient: QueryClient, ids: Set<number>, patch: (conversation: Conversation) => Conversation): void {
  for (const [key, data] of queryClient.getQueriesData<ConversationPages>({ queryKey: inboxKeys.lists() })) {
    if (data === undefined) continue;
    const filter = (key[2] ?? {}) as ConversationFilter;
    queryClient.setQueryData<ConversationPages>(key, {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        conversations: page.conversations
          .map((conversation) => (ids.has(conversation.id) ? patch(conversation) : conversation))
          .filter((conversation) => !ids.has(conversation.id) || stillListed(conversation, filter)),
      })),
    });
  }
  for (const id of ids) {
    queryClient.setQueryData<ConversationDetail>(inboxKeys.detail(id), (detail) =>
      detail === undefined ? undefined : { ...detail, conversation: patch(detail.conversation) },
    );
  }
}

/**
 * Updates conversations optimistically: lists and open conversations change at once, a refused
 * update brings the previous data back, and everything refetches once the backend has answered.
 */
export function useUpdateConversations() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateConversations,
    onMutate: async ({ ids, update }) => {
      await queryClient.cancelQueries({ queryKey: inboxKeys.lists() });
      const lists = queryClient.getQueriesData<ConversationPages>({ queryKey: inboxKeys.lists() });
      const details = ids.map((id) => [id, queryClient.getQueryData<ConversationDetail>(inboxKeys.detail(id))] as const);
      patchCaches(queryClient, new Set(ids), (conversation) => applyUpdate(conversation, update));
      return { lists, details };
    },
    onError: (_error, _input, context) => {
      for (const [key, data] of context?.lists ?? []) queryClient.setQueryData(key, data);
      for (const [id, detail] of context?.details ?? []) queryClient.setQueryData(inboxKeys.detail(id), detail);
    },
    onSuccess: (conversations) => {
      const byId = new Map(conversations.map((conversation) => [conversation.id, conversation]));
      patchCaches(queryClient, new Set(byId.keys()), (conversation) => byId.get(conversation.id) ?? conversation);
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: inboxKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: inboxKeys.counts() }),
        queryClient.invalidateQueries({ queryKey: inboxKeys.details() }),
      ]),
  });
}
