import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Account } from '../types';
import { connectionKeys } from './keys';
import { updateCachedAccount } from './list-accounts';

export interface PauseAccountInput {
  id: number;
  /** false resumes it. */
  paused: boolean;
}

/** Stops syncing and sending, or resumes (with a sync right away). */
export function pauseAccount({ id, paused }: PauseAccountInput): Promise<Account> {
  return call<Account>('Accounts', 'Pause', id, paused);
}

export function usePauseAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: pauseAccount,
    onSuccess: (account) => updateCachedAccount(queryClient, account),
    onSettled: () => queryClient.invalidateQueries({ queryKey: connectionKeys.accounts() }),
  });
}
