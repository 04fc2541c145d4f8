import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import { creatorKeys } from './keys';

/** Removes a campaign; what was credited to its creators stays with them. */
export function deleteCampaign(id: number): Promise<void> {
  return call<void>('Creators', 'DeleteCampaign', id);
}

export function useDeleteCampaign() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteCampaign, onSettled: () => queryClient.invalidateQueries({ queryKey: creatorKeys.all }) });
}
