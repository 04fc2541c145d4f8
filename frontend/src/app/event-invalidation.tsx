import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';
import { approvalKeys, postReviewKeys } from '@/features/approvals/api/keys';
import { calendarKeys } from '@/features/calendar/api/keys';
import { connectionKeys } from '@/features/connections/api/keys';
import { creatorKeys } from '@/features/creators/api/keys';
import { isAccount, updateCachedAccount } from '@/features/connections/api/list-accounts';
import { inboxKeys } from '@/features/inbox/api/keys';
import { replyKeys } from '@/features/replies/api/keys';
import { settingsKeys } from '@/features/settings/api/keys';
import { workspaceKeys } from '@/features/workspaces/api/keys';
import { onEvent } from '@/lib/events';

/** The conversation ids an inbox event names: `{conversation_ids}` for new messages, a plain array for updates. */
function conversationIds(payload: unknown): number[] {
  const ids = Array.isArray(payload) ? payload : (payload as { conversation_ids?: unknown } | null)?.conversation_ids;
  return Array.isArray(ids) ? ids.filter((id): id is number => typeof id === 'number') : [];
}

const CONVERSATION_REFETCH_MS = 1_000;

/** The conversations a `replies:changed` event names. */
function replyConversationIds(payload: unknown): number[] {
  const ids = (payload as { conversation_ids?: unknown } | null)?.conversation_ids;
  return Array.isArray(ids) ? ids.filter((id): id is number => typeof id === 'number') : [];
}

function isOpenWorkspace(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && (payload as { current?: unknown }).current === true;
}

/**
 * Keeps the cached data in step with the backend: each event refetches what it affects; a
 * workspace switch, or a stream that lagged, refetches everything.
 */
export function EventInvalidation() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const refetch = (queryKey?: QueryKey) => {
      void queryClient.invalidateQueries(queryKey === undefined ? undefined : { queryKey });
    };
    // New messages and changed conversations move rows, counts and open conversations; new
    // messages can also match searches.
    const refetchInbox = (payload: unknown, withSearches: boolean) => {
      refetch(inboxKeys.lists());
      refetch(inboxKeys.counts());
      for (const id of conversationIds(payload)) refetch(inboxKeys.detail(id));
      if (withSearches) refetch(inboxKeys.searches());
    };
    // Replies move between states: the composer's lists, the queue and its badges follow; a sent
    // reply shows as an outbound message of its conversation. Draft keystrokes change replies too,
    // so the conversations are refetched at most once a second (the send itself also publishes
    // inbox:conversations_updated, which refetches at once).
    const staleConversations = new Set<number>();
    let conversationTimer: ReturnType<typeof setTimeout> | undefined;
    const refetchReplies = (payload: unknown) => {
      refetch(replyKeys.lists());
      refetch(approvalKeys.all);
      for (const id of replyConversationIds(payload)) staleConversations.add(id);
      if (conversationTimer !== undefined || staleConversations.size === 0) return;
      conversationTimer = setTimeout(() => {
        conversationTimer = undefined;
        for (const id of staleConversations) refetch(inboxKeys.detail(id));
        staleConversations.clear();
      }, CONVERSATION_REFETCH_MS);
    };
    const unsubscribes = [
      onEvent('inbox:message_received', (payload) => {
        refetchInbox(payload, true);
        // A STOP or START message changes a consent; queue items show the latest inbound message.
        refetch(replyKeys.consents());
        refetch(approvalKeys.conversations());
      }),
      onEvent('inbox:conversations_updated', (payload) => {
        refetchInbox(payload, false);
        refetch(approvalKeys.conversations());
      }),
      onEvent('replies:changed', refetchReplies),
      onEvent('consent:changed', () => refetch(replyKeys.consents())),
      // The other reply areas' data, by their keys' roots.
      onEvent('templates:changed', () => refetch(['templates'])),
      onEvent('replies:settings_updated', () => refetch(['reply-settings'])),
      onEvent('model:settings_updated', () => refetch(['model'])),
      onEvent('audit:appended', () => refetch(['audit'])),
      // Posts move between dates and statuses; cadence, mix, backlog and reminders follow, and so
      // do the posts in review on the Approvals page and its badge. A creator's performance lists
      // the posts linked to them.
      onEvent('calendar:changed', () => {
        refetch(calendarKeys.all);
        refetch(postReviewKeys.posts());
        refetch(creatorKeys.performances());
      }),
      onEvent('calendar:settings_updated', () => {
        refetch(calendarKeys.all);
        refetch(postReviewKeys.pillars());
      }),
      // Creators, campaigns, codes, rights and their alerts, by their keys' root; posts carry
      // their check against their creator's rights.
      onEvent('creators:changed', () => {
        refetch(creatorKeys.all);
        refetch(calendarKeys.posts());
        refetch(calendarKeys.postDetails());
        refetch(calendarKeys.rightsChecks());
        refetch(calendarKeys.creators());
      }),
      // Connecting an account creates its inbox channels; a rename or a removal changes the list,
      // and the accounts posts can publish through, in the post editor and on the posts in review.
      onEvent('accounts:changed', () => {
        refetch(connectionKeys.accounts());
        refetch(inboxKeys.channels());
        refetch(calendarKeys.publishAccounts());
        refetch(postReviewKeys.accounts());
      }),
      // A sync's progress carries the whole account: it is shown at once, without a refetch.
      onEvent('accounts:sync_progress', (payload) => {
        if (!isAccount(payload) || !updateCachedAccount(queryClient, payload)) refetch(connectionKeys.accounts());
      }),
      // An import may create its platform's import channel; its messages arrive as inbox:message_received.
      onEvent('import:progress', () => refetch(inboxKeys.channels())),
      onEvent('triage:settings_updated', () => refetch(inboxKeys.triageSettings())),
      onEvent('settings:updated', () => refetch(settingsKeys.all)),
      onEvent('workspace:created', () => refetch(workspaceKeys.all)),
      onEvent('workspace:deleted', () => refetch(workspaceKeys.all)),
      // Renaming the open workspace moves its file, which other queries show.
      onEvent('workspace:renamed', (payload) => refetch(isOpenWorkspace(payload) ? undefined : workspaceKeys.all)),
      onEvent('workspace:switched', () => refetch()),
      onEvent('stream:lagged', () => refetch()),
    ];
    return () => {
      clearTimeout(conversationTimer);
      for (const unsubscribe of unsubscribes) unsubscribe();
    };
  }, [queryClient]);
  return null;
}
