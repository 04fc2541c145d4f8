import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ModelSettings } from '../types';
import { replyKeys } from './keys';

/** The workspace's language model settings: the composer offers "Draft with AI" when it is on. */
export function getModelSettings(): Promise<ModelSettings> {
  return call<ModelSettings>('Model', 'Get');
}

export function modelSettingsQueryOptions() {
  return queryOptions({ queryKey: replyKeys.modelSettings(), queryFn: getModelSettings });
}

export function useModelSettings() {
  return useQuery(modelSettingsQueryOptions());
}
