import { useMutation } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { AuditVerification } from '../types';

/** Recomputes the whole hash chain. */
export function verifyAudit(): Promise<AuditVerification> {
  return call<AuditVerification>('Audit', 'Verify');
}

/** An action whose outcome, or failure, the page shows where it was asked. */
export function useVerifyAudit() {
  return useMutation({ mutationFn: verifyAudit, meta: { inlineError: true } });
}
