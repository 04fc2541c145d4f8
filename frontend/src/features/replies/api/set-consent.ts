import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Consent, ConsentChange } from '../types';
import { replyKeys } from './keys';

/** Opts a contact out of automated messages, or back in (recorded in the ledger and the audit trail). */
export function setConsent(contactId: number, change: ConsentChange): Promise<Consent> {
  return call<Consent>('Replies', 'SetConsent', contactId, change);
}

export function useSetConsent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ contactId, change }: { contactId: number; change: ConsentChange }) => setConsent(contactId, change),
    onSuccess: (consent) => queryClient.setQueryData(replyKeys.consent(consent.contact_id), consent),
  });
}
