import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import { creatorKeys } from './keys';

export function deleteResult(id: number): Promise<void> {
  return call<void>('Creators', 'DeleteResult', id);
}

export function useDeleteResult() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteResult, onSettled: () => queryClient.invalidateQueries({ queryKey: creatorKeys.all }) });
}
