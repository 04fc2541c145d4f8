import { useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import { postReviewKeys } from './keys';

/** What the posts tab reads of Accounts.List: which account a post publishes through, by name. */
export interface AccountName {
  id: number;
  name: string;
}

/** The connected accounts' names. Go sends a nil slice as null. */
export function useAccountNames() {
  return useQuery({
    queryKey: postReviewKeys.accounts(),
    queryFn: () => call<AccountName[] | null>('Accounts', 'List').then((accounts) => accounts ?? []),
    // The posts still show, naming the accounts by id.
    meta: { inlineError: true },
  });
}
