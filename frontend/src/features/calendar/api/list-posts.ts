import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CalendarPost, PostFilter } from '../types';
import { calendarKeys } from './keys';

export function listPosts(filter: PostFilter): Promise<CalendarPost[]> {
  return call<CalendarPost[] | null>('Calendar', 'ListPosts', filter).then((posts) => posts ?? []);
}

export function postsQueryOptions(filter: PostFilter, enabled = true) {
  return queryOptions({
    queryKey: calendarKeys.postList(filter),
    queryFn: () => listPosts(filter),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The posts the filter selects, by time. */
export function usePosts(filter: PostFilter, enabled = true) {
  return useQuery(postsQueryOptions(filter, enabled));
}

/** The backlog: undated posts (ideas, and drafts not placed yet), oldest first. */
export function useBacklog(filter: Omit<PostFilter, 'from' | 'to' | 'undated'>) {
  return useQuery(postsQueryOptions({ ...filter, undated: true }));
}
