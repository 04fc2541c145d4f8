import { useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CreatorPerformance } from '../types';
import { creatorKeys } from './keys';

export function getPerformance(creatorId: number): Promise<CreatorPerformance> {
  return call<CreatorPerformance>('Creators', 'Performance', creatorId);
}

/** Conversations, posts, code mentions and results of a creator. */
export function usePerformance(creatorId: number) {
  return useQuery({ queryKey: creatorKeys.performance(creatorId), queryFn: () => getPerformance(creatorId) });
}
