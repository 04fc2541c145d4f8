import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { MixReport } from '../types';
import { calendarKeys } from './keys';

export function getMix(month: string): Promise<MixReport> {
  return call<MixReport>('Calendar', 'Mix', month);
}

/** The month's ("" for this month) 70/20/10 mix against its target. */
export function useMix(month: string) {
  return useQuery({ queryKey: calendarKeys.mix(month), queryFn: () => getMix(month), placeholderData: keepPreviousData });
}
