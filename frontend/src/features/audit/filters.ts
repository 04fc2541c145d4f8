import type { AuditFilter } from './types';

export const EMPTY_AUDIT_FILTER: AuditFilter = { action: '', actor: '', subject: '' };

const FILTER_PARAMS = ['action', 'actor', 'subject'] as const;

export function auditFilterFromParams(params: URLSearchParams): AuditFilter {
  return { action: params.get('action') ?? '', actor: params.get('actor') ?? '', subject: params.get('subject') ?? '' };
}

export function auditFilterToParams(filter: AuditFilter, base: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const params = new URLSearchParams(base);
  for (const name of FILTER_PARAMS) {
    const value = filter[name].trim();
    if (value === '') params.delete(name);
    else params.set(name, value);
  }
  return params;
}

export function isAuditFiltered(filter: AuditFilter): boolean {
  return filter.action !== '' || filter.actor !== '' || filter.subject !== '';
}
