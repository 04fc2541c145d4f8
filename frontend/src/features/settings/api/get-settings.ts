import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Settings } from '../types';
import { settingsKeys } from './keys';

export function getSettings(): Promise<Settings> {
  return call<Settings>('Settings', 'Get');
}

export function settingsQueryOptions() {
  return queryOptions({ queryKey: settingsKeys.current(), queryFn: getSettings });
}

export function useSettings() {
  return useQuery(settingsQueryOptions());
}
