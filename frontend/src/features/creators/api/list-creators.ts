import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Creator, CreatorFilter } from '../types';
import { creatorKeys } from './keys';

export function listCreators(filter: CreatorFilter): Promise<Creator[]> {
  return call<Creator[] | null>('Creators', 'List', filter).then((list) => list ?? []);
}

/** The creators the filter selects, by stage, then fit score, then name. */
export function creatorsQueryOptions(filter: CreatorFilter) {
  return queryOptions({ queryKey: creatorKeys.list(filter), queryFn: () => listCreators(filter), placeholderData: keepPreviousData });
}

export function useCreators(filter: CreatorFilter) {
  return useQuery(creatorsQueryOptions(filter));
}
