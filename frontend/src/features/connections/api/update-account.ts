import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Account, AccountUpdate } from '../types';
import { connectionKeys } from './keys';
import { updateCachedAccount } from './list-accounts';

export interface UpdateAccountInput {
  id: number;
  update: AccountUpdate;
}

/** Renames the account, or replaces its secrets (reconnecting: tested against the platform first). */
export function updateAccount({ id, update }: UpdateAccountInput): Promise<Account> {
  return call<Account>('Accounts', 'Update', id, update);
}

/** The dialogs show a failure next to their fields, so it is not notified as well. */
export function useUpdateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAccount,
    meta: { inlineError: true },
    onSuccess: (account) => updateCachedAccount(queryClient, account),
    onSettled: () => queryClient.invalidateQueries({ queryKey: connectionKeys.accounts() }),
  });
}
