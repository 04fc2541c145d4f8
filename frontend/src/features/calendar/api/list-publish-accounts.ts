import { useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import { calendarKeys } from './keys';

/** What the post editor reads of Accounts.List: the accounts a post's channels can publish through. */
export interface PublishAccount {
  id: number;
  name: string;
  platform: string;
  status: 'active' | 'paused' | 'needs_reconnect' | 'rate_limited' | 'error';
}

/** The connected accounts. Go sends a nil slice as null. */
export function usePublishAccounts() {
  return useQuery({
    queryKey: calendarKeys.publishAccounts(),
    queryFn: () => call<PublishAccount[] | null>('Accounts', 'List').then((accounts) => accounts ?? []),
  });
}
