import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { AuditFilter, AuditPage } from '../types';
import { auditKeys } from './keys';

export const AUDIT_PAGE_SIZE = 50;

export function listAudit(filter: AuditFilter, before: number, limit = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  return call<AuditPage>('Audit', 'List', { ...filter, before, limit });
}

/** The audit trail, newest first, a page at a time: each page continues before the previous one's last entry. */
export function auditQueryOptions(filter: AuditFilter) {
  return infiniteQueryOptions({
    queryKey: auditKeys.list(filter),
    queryFn: ({ pageParam }) => listAudit(filter, pageParam),
    initialPageParam: 0,
    getNextPageParam: (page) => (page.next === 0 ? undefined : page.next),
    placeholderData: keepPreviousData,
  });
}

export function useAuditEntries(filter: AuditFilter) {
  return useInfiniteQuery(auditQueryOptions(filter));
}
