import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '@/lib/notify';
import { conversationQueryOptions } from '../api/get-conversation';
import { useUpdateConversations } from '../api/update-conversations';
import type { ConversationUpdate, Intent } from '../types';
import { useCorrectWithUndo } from './use-correct-with-undo';

/** Everything the inbox does to one or many conversations, with a confirmation for each. */
export function useConversationActions() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const update = useUpdateConversations();
  const { correctAll } = useCorrectWithUndo();

  function apply(ids: number[], change: ConversationUpdate, doneKey: string, params: Record<string, string> = {}) {
    if (ids.length === 0) return;
    update.mutate({ ids, update: change }, { onSuccess: () => notifySuccess(t(doneKey, { count: ids.length, ...params })) });
  }

  return {
    isPending: update.isPending,
    resolve: (ids: number[]) => apply(ids, { status: 'resolved' }, 'inbox.actions.resolved'),
    reopen: (ids: number[]) => apply(ids, { status: 'open' }, 'inbox.actions.reopened'),
    markSpam: (ids: number[]) => apply(ids, { mark_spam: true }, 'inbox.actions.markedSpam'),
    snooze: (ids: number[], until: Date, label: string) =>
      apply(ids, { status: 'snoozed', snoozed_until: until.toISOString() }, 'inbox.actions.snoozed', { until: label }),
    assign: (ids: number[], assignee: string) =>
      assignee === ''
        ? apply(ids, { assignee: '' }, 'inbox.actions.unassigned')
        : apply(ids, { assignee }, 'inbox.actions.assigned', { name: assignee }),
    addTag: (ids: number[], tag: string) => apply(ids, { add_tags: [tag] }, 'inbox.actions.tagged', { tag }),
    removeTag: (ids: number[], tag: string) => apply(ids, { remove_tags: [tag] }, 'inbox.actions.untagged', { tag }),
    /** Relabels the latest inbound message of each conversation. */
    correctIntent: async (ids: number[], intent: Intent) => {
      const details = await Promise.all(ids.map((id) => queryClient.fetchQuery(conversationQueryOptions(id)).catch(() => null)));
      const messageIds = details.flatMap((detail) => {
        const inbound = detail?.messages.filter((message) => message.direction === 'in' && message.triage !== null) ?? [];
        const latest = inbound[inbound.length - 1];
        return latest === undefined ? [] : [latest.id];
      });
      await correctAll(messageIds.map((messageId) => ({ messageId, intent })));
    },
  };
}

export type ConversationActions = ReturnType<typeof useConversationActions>;
