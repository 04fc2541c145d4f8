import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import { connectionKeys } from './keys';

/** Disconnects the account: its secrets leave the keyring; its conversations and messages stay. */
export function removeAccount(id: number): Promise<void> {
  return call<void>('Accounts', 'Remove', id);
}

export function useRemoveAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeAccount,
    onSettled: () => queryClient.invalidateQueries({ queryKey: connectionKeys.accounts() }),
  });
}
