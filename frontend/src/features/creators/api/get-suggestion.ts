import { useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Suggestion } from '../types';
import { creatorKeys } from './keys';

/** The code and UTM values Tend proposes for a creator in a campaign (0 for none). */
export function getSuggestion(creatorId: number, campaignId: number): Promise<Suggestion> {
  return call<Suggestion>('Creators', 'Suggest', creatorId, campaignId);
}

export function useSuggestion(creatorId: number, campaignId: number | null) {
  return useQuery({
    queryKey: creatorKeys.suggestion(creatorId, campaignId ?? 0),
    queryFn: () => getSuggestion(creatorId, campaignId ?? 0),
    staleTime: 0,
  });
}
