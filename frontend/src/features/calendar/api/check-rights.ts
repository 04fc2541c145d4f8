import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { RightsVerdict } from '../types';
import { calendarKeys } from './keys';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether a post of creatorId on date ("2026-12-20") may use the creator's content, asked while the
 * editor's creator or date differ from the saved post's (whose own verdict comes with it). Off
 * until both are set and the date is whole.
 */
export function useCheckRights(creatorId: number | null, date: string, enabled: boolean) {
  const ready = enabled && creatorId !== null && DATE.test(date);
  return useQuery({
    queryKey: calendarKeys.rights(creatorId ?? 0, date),
    queryFn: () => call<RightsVerdict>('Calendar', 'CheckRights', creatorId, date),
    enabled: ready,
    placeholderData: keepPreviousData,
  });
}
