import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Account } from '../types';
import { connectionKeys } from './keys';
import { updateCachedAccount } from './list-accounts';

/** Syncs the account as soon as possible (refused while it is paused or needs reconnecting). */
export function syncAccount(id: number): Promise<Account> {
  return call<Account>('Accounts', 'SyncNow', id);
}

export function useSyncAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: syncAccount,
    onSuccess: (account) => updateCachedAccount(queryClient, account),
    onSettled: () => queryClient.invalidateQueries({ queryKey: connectionKeys.accounts() }),
  });
}
