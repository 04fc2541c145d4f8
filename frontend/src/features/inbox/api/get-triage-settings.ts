import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { TriageSettings } from '../types';
import { inboxKeys } from './keys';

export function getTriageSettings(): Promise<TriageSettings> {
  return call<TriageSettings>('Inbox', 'TriageSettings');
}

export function triageSettingsQueryOptions() {
  return queryOptions({ queryKey: inboxKeys.triageSettings(), queryFn: getTriageSettings });
}

export function useTriageSettings() {
  return useQuery(triageSettingsQueryOptions());
}
