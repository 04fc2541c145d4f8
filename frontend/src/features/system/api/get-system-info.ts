import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { SystemInfo } from '../types';
import { systemKeys } from './keys';

export function getSystemInfo(): Promise<SystemInfo> {
  return call<SystemInfo>('System', 'Info');
}

export function systemInfoQueryOptions() {
  return queryOptions({ queryKey: systemKeys.info(), queryFn: getSystemInfo });
}

export function useSystemInfo() {
  return useQuery(systemInfoQueryOptions());
}
