import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CaptionLimitInfo } from '../types';
import { postReviewKeys } from './keys';

/** Each channel's caption limit, as the backend checks it (backend.CaptionLimitTable). */
export function getCaptionLimits(): Promise<CaptionLimitInfo[]> {
  return call<CaptionLimitInfo[] | null>('Calendar', 'CaptionLimits').then((limits) => limits ?? []);
}

export const captionLimitsQueryOptions = queryOptions({
  queryKey: postReviewKeys.captionLimits(),
  queryFn: getCaptionLimits,
  // The platforms' limits do not change while the app runs.
  staleTime: Number.POSITIVE_INFINITY,
});

export function useCaptionLimits() {
  return useQuery(captionLimitsQueryOptions);
}
