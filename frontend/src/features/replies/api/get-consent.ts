import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Consent } from '../types';
import { replyKeys } from './keys';

/** A contact's consent to automated messages, with its ledger. */
export function getConsent(contactId: number): Promise<Consent> {
  return call<Consent>('Replies', 'GetConsent', contactId);
}

export function consentQueryOptions(contactId: number) {
  return queryOptions({ queryKey: replyKeys.consent(contactId), queryFn: () => getConsent(contactId) });
}

export function useConsent(contactId: number) {
  return useQuery(consentQueryOptions(contactId));
}
