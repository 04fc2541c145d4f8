import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';
import { settingsKeys } from '@/features/settings/api/keys';
import { workspaceKeys } from '@/features/workspaces/api/keys';
import { onEvent } from '@/lib/events';

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
    const unsubscribes = [
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
