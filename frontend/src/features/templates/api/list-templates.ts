import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Template, TemplateFilter } from '../types';
import { templateKeys } from './keys';

export function listTemplates(filter: TemplateFilter): Promise<Template[]> {
  return call<Template[] | null>('Templates', 'List', filter).then((templates) => templates ?? []);
}

/** The templates the filter selects, by category in display order, then name. */
export function templatesQueryOptions(filter: TemplateFilter) {
  return queryOptions({
    queryKey: templateKeys.list(filter),
    queryFn: () => listTemplates(filter),
    placeholderData: keepPreviousData,
  });
}

export function useTemplates(filter: TemplateFilter) {
  return useQuery(templatesQueryOptions(filter));
}
