import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CreatorDetail } from '../types';
import { creatorKeys } from './keys';

export function getCreator(id: number): Promise<CreatorDetail> {
  return call<CreatorDetail>('Creators', 'Get', id);
}

export function creatorQueryOptions(id: number) {
  return queryOptions({ queryKey: creatorKeys.detail(id), queryFn: () => getCreator(id) });
}

/** One creator with codes, links, rights and campaigns; nothing is asked while id is null. */
export function useCreator(id: number | null) {
  return useQuery({ ...creatorQueryOptions(id ?? 0), enabled: id !== null });
}
