import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Correction } from '../types';
import { inboxKeys } from './keys';

export function listCorrections(): Promise<Correction[]> {
  return call<Correction[]>('Inbox', 'Corrections');
}

export function correctionsQueryOptions() {
  return queryOptions({ queryKey: inboxKeys.corrections(), queryFn: listCorrections });
}

export function useCorrections() {
  return useQuery(correctionsQueryOptions());
}
