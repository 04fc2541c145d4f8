import { useMutation } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { PostFilter } from '../types';

export type ExportFormat = 'ics' | 'csv';

/** The posts the filter selects as an iCalendar file or as CSV. */
export function exportCalendar({ format, filter }: { format: ExportFormat; filter: PostFilter }): Promise<string> {
  return call<string>('Calendar', format === 'ics' ? 'ExportICS' : 'ExportCSV', filter);
}

export function useExportCalendar() {
  return useMutation({ mutationFn: exportCalendar });
}
