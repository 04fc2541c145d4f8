import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import { creatorKeys } from './keys';

export function deleteLink(id: number): Promise<void> {
  return call<void>('Creators', 'DeleteLink', id);
}

export function useDeleteLink() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteLink, onSettled: () => queryClient.invalidateQueries({ queryKey: creatorKeys.all }) });
}
