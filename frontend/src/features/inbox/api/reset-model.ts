import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import { inboxKeys } from './keys';

/** Forgets every correction the classifier learnt from and goes back to the shipped model. */
export function resetModel(): Promise<null> {
  return call<null>('Inbox', 'ResetModel');
}

export function useResetModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetModel,
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}
