import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Template } from '../types';
import { templateKeys } from './keys';

export function getTemplate(id: string): Promise<Template> {
  return call<Template>('Templates', 'Get', id);
}

export function templateQueryOptions(id: string) {
  return queryOptions({ queryKey: templateKeys.detail(id), queryFn: () => getTemplate(id) });
}

/** One template; `enabled` is false while the editor holds a new, unsaved one. */
export function useTemplate(id: string, enabled = true) {
  return useQuery({ ...templateQueryOptions(id), enabled });
}
