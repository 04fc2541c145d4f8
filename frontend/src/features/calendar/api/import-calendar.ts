import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ImportReport } from '../types';
import { calendarKeys } from './keys';

export type ImportFormat = 'ics' | 'csv';

/** Creates or updates posts from a CSV or iCalendar file's text. */
export function importCalendar({ format, text }: { format: ImportFormat; text: string }): Promise<ImportReport> {
  return call<ImportReport>('Calendar', format === 'ics' ? 'ImportICS' : 'ImportCSV', text);
}

/** The dialog shows a refused file itself. */
export function useImportCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importCalendar,
    meta: { inlineError: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}
