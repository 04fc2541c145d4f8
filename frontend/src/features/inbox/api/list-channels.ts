import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Channel } from '../types';
import { inboxKeys } from './keys';

export function listChannels(): Promise<Channel[]> {
  return call<Channel[]>('Inbox', 'Channels');
}

export function channelsQueryOptions() {
  return queryOptions({ queryKey: inboxKeys.channels(), queryFn: listChannels, staleTime: 5 * 60_000 });
}

export function useChannels() {
  return useQuery(channelsQueryOptions());
}
