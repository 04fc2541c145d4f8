import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { AccountInfo } from '../types';
import { connectionKeys } from './keys';

/** Checks the stored credentials against the platform; a failure is recorded on the account. */
export function testAccount(id: number): Promise<AccountInfo> {
  return call<AccountInfo>('Accounts', 'Test', id);
}

/** `inlineError`: the caller shows the failure itself (the wizard asking for the connected name). */
export function useTestAccount({ inlineError = false }: { inlineError?: boolean } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: testAccount,
    meta: { inlineError },
    // A failed test changes the account's status.
    onSettled: () => queryClient.invalidateQueries({ queryKey: connectionKeys.accounts() }),
  });
}
