import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { RightsAlert } from '../types';
import { creatorKeys } from './keys';

export function listAlerts(): Promise<RightsAlert[]> {
  return call<RightsAlert[] | null>('Creators', 'Alerts').then((list) => list ?? []);
}

/**
 * Signed rights ending within the alert window, or ended within it. The navigation's badge reads
 * them too, on every page: a failure there is not worth a notification.
 */
export function alertsQueryOptions() {
  return queryOptions({ queryKey: creatorKeys.alerts(), queryFn: listAlerts, meta: { inlineError: true } });
}

export function useRightsAlerts() {
  return useQuery(alertsQueryOptions());
}

/** How many rights alerts there are (0 while unknown): the navigation's badge. */
export function useRightsAlertCount(): number {
  return useRightsAlerts().data?.length ?? 0;
}
