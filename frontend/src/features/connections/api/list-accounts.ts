import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Account } from '../types';
import { connectionKeys } from './keys';

/** The connected accounts, by name. */
export function listAccounts(): Promise<Account[]> {
  return call<Account[] | null>('Accounts', 'List').then((accounts) => accounts ?? []);
}

export function accountsQueryOptions() {
  return queryOptions({ queryKey: connectionKeys.accounts(), queryFn: listAccounts });
}

export function useAccounts() {
  return useQuery(accountsQueryOptions());
}

/** The accounts Tend has stopped syncing until someone pastes a new token. */
export function useAccountsNeedingReconnect(): Account[] {
  const accounts = useAccounts().data;
  return accounts?.filter((account) => account.status === 'needs_reconnect') ?? [];
}

/**
 * Puts a changed account (a mutation's answer, an event's payload) into the cached list, so that
 * a backfill's progress shows without a refetch. False when the list is not cached or lacks it.
 */
export function updateCachedAccount(queryClient: QueryClient, account: Account): boolean {
  let found = false;
  queryClient.setQueryData<Account[]>(connectionKeys.accounts(), (accounts) => {
    if (accounts === undefined) return accounts;
    return accounts.map((each) => {
      if (each.id !== account.id) return each;
      found = true;
      return account;
    });
  });
  return found;
}

/** Whether an event's payload is an account. */
export function isAccount(payload: unknown): payload is Account {
  if (typeof payload !== 'object' || payload === null) return false;
  const record = payload as Record<string, unknown>;
  return typeof record.id === 'number' && typeof record.name === 'string' && typeof record.status === 'string';
}
