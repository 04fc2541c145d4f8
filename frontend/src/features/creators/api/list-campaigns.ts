import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Campaign } from '../types';
import { creatorKeys } from './keys';

export function listCampaigns(): Promise<Campaign[]> {
  return call<Campaign[] | null>('Creators', 'Campaigns').then((list) => list ?? []);
}

export function campaignsQueryOptions() {
  return queryOptions({ queryKey: creatorKeys.campaigns(), queryFn: listCampaigns });
}

/** Every campaign, the latest start first. */
export function useCampaigns() {
  return useQuery(campaignsQueryOptions());
}
