import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CadenceReport } from '../types';
import { calendarKeys } from './keys';

export function getCadence(day: string): Promise<CadenceReport> {
  return call<CadenceReport>('Calendar', 'Cadence', day);
}

/** The progress of the week holding day ("" for this week) against each cadence target. */
export function useCadence(day: string) {
  return useQuery({ queryKey: calendarKeys.cadence(day), queryFn: () => getCadence(day), placeholderData: keepPreviousData });
}
