import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Campaign, CampaignDraft } from '../types';
import { creatorKeys } from './keys';

/** Creates the campaign when its id is 0, else replaces it. */
export function saveCampaign(campaign: CampaignDraft): Promise<Campaign> {
  return campaign.id === 0 ? call<Campaign>('Creators', 'CreateCampaign', campaign) : call<Campaign>('Creators', 'UpdateCampaign', campaign.id, campaign);
}

/** The editor shows the failure next to the field it names. */
export function useSaveCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveCampaign,
    meta: { inlineError: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: creatorKeys.all }),
  });
}
