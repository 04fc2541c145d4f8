import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Campaign } from '../types';
import { creatorKeys } from './keys';

export interface DeliverableInput {
  campaignId: number;
  deliverableId: number;
  done: boolean;
}

export function setDeliverableDone({ campaignId, deliverableId, done }: DeliverableInput): Promise<Campaign> {
  return call<Campaign>('Creators', 'SetDeliverableDone', campaignId, deliverableId, done);
}

export function useSetDeliverableDone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setDeliverableDone,
    onSuccess: (campaign) =>
      queryClient.setQueryData<Campaign[]>(creatorKeys.campaigns(), (list) => list?.map((each) => (each.id === campaign.id ? campaign : each))),
    onSettled: () => queryClient.invalidateQueries({ queryKey: creatorKeys.campaigns() }),
  });
}
