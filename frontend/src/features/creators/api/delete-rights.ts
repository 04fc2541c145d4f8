import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import { creatorKeys } from './keys';

export function deleteRights(id: number): Promise<void> {
  return call<void>('Creators', 'DeleteRights', id);
}

export function useDeleteRights() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteRights, onSettled: () => queryClient.invalidateQueries({ queryKey: creatorKeys.all }) });
}
