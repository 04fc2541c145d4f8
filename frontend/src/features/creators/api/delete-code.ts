import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import { creatorKeys } from './keys';

export function deleteCode(id: number): Promise<void> {
  return call<void>('Creators', 'DeleteCode', id);
}

export function useDeleteCode() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteCode, onSettled: () => queryClient.invalidateQueries({ queryKey: creatorKeys.all }) });
}
