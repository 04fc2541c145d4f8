import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { SearchPage } from '../types';
import { inboxKeys } from './keys';

const SEARCH_PAGE_SIZE = 30;

export function searchMessages(query: string, cursor: string): Promise<SearchPage> {
  return call<SearchPage>('Inbox', 'Search', query, cursor, SEARCH_PAGE_SIZE);
}

/** Messages matching query, newest first; a query being typed shows its errors inline. */
export function searchQueryOptions(query: string) {
  return infiniteQueryOptions({
    queryKey: inboxKeys.search(query),
    queryFn: ({ pageParam }) => searchMessages(query, pageParam),
    initialPageParam: '',
    getNextPageParam: (page) => (page.next_cursor === '' ? undefined : page.next_cursor),
    meta: { inlineError: true },
    retry: false,
  });
}

export function useSearch(query: string) {
  return useInfiniteQuery({ ...searchQueryOptions(query), enabled: query.trim() !== '' });
}
