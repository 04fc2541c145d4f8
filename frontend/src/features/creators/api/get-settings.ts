import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CreatorSettings } from '../types';
import { creatorKeys } from './keys';

export function getCreatorSettings(): Promise<CreatorSettings> {
  return call<CreatorSettings>('Creators', 'GetSettings');
}

export function creatorSettingsQueryOptions() {
  return queryOptions({ queryKey: creatorKeys.settings(), queryFn: getCreatorSettings });
}

/** The alert window, target territories and engagement benchmarks. */
export function useCreatorSettings() {
  return useQuery(creatorSettingsQueryOptions());
}
