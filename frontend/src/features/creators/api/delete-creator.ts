import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import { creatorKeys } from './keys';

/** Erases a creator with their codes, links, rights and results. */
export function deleteCreator(id: number): Promise<void> {
  return call<void>('Creators', 'Delete', id);
}

export function useDeleteCreator() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteCreator, onSettled: () => queryClient.invalidateQueries({ queryKey: creatorKeys.all }) });
}
