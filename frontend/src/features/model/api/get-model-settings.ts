import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ModelSettings } from '../types';
import { modelKeys } from './keys';

export function getModelSettings(): Promise<ModelSettings> {
  return call<ModelSettings>('Model', 'Get');
}

export function modelSettingsQueryOptions() {
  return queryOptions({ queryKey: modelKeys.settings(), queryFn: getModelSettings });
}

export function useModelSettings() {
  return useQuery(modelSettingsQueryOptions());
}
