import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';
import { inboxKeys } from '@/features/inbox/api/keys';
import { settingsKeys } from '@/features/settings/api/keys';
import { workspaceKeys } from '@/features/workspaces/api/keys';
import { onEvent } from '@/lib/events';

/** The conversation ids an inbox event names: `{conversation_ids}` for new messages, a plain array for updates. */
function conversationIds(payload: unknown): number[] {
  const ids = Array.isArray(payload) ? payload : (payload as { conversation_ids?: unknown } | null)?.conversation_ids;
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
    const unsubscribes = [
      onEvent('inbox:message_received', (payload) => refetchInbox(payload, true)),
      onEvent('inbox:conversations_updated', (payload) => refetchInbox(payload, false)),
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
      for (const unsubscribe of unsubscribes) unsubscribe();
    };
  }, [queryClient]);
  return null;
}
