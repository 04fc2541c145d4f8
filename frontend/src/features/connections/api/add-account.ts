import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Account, NewAccount } from '../types';
import { connectionKeys } from './keys';

/** Tests the credentials against the platform, then connects the account; its secrets go to the OS keyring. */
export function addAccount(account: NewAccount): Promise<Account> {
  return call<Account>('Accounts', 'Add', account);
}

/** The wizard shows a failure next to the field it names, or above its form, so it is not notified as well. */
export function useAddAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addAccount,
    meta: { inlineError: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: connectionKeys.accounts() }),
  });
}
