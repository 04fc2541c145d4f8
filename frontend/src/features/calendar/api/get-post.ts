import { useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CalendarPost } from '../types';
import { calendarKeys } from './keys';

export function getPost(id: number): Promise<CalendarPost> {
  return call<CalendarPost>('Calendar', 'GetPost', id);
}

export function usePost(id: number | null) {
  return useQuery({ queryKey: calendarKeys.post(id ?? 0), queryFn: () => getPost(id ?? 0), enabled: id !== null });
}
