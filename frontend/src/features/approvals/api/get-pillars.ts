import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ReviewPillar } from '../types';
import { postReviewKeys } from './keys';

/** The calendar's content pillars (names and colours), from its settings. */
export function getPillars(): Promise<ReviewPillar[]> {
  return call<{ pillars: ReviewPillar[] | null }>('Calendar', 'GetSettings').then((settings) => settings.pillars ?? []);
}

export const pillarsQueryOptions = queryOptions({
  queryKey: postReviewKeys.pillars(),
  queryFn: getPillars,
  // The posts still show without their pillars' names.
  meta: { inlineError: true },
});

export function usePillars() {
  return useQuery(pillarsQueryOptions);
}
