import { useMutation } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ImportRequest, ImportSummary } from '../types';

/**
 * Imports a platform's data export, a file or folder on the machine running Tend; it publishes
 * `import:progress` as batches are stored. Importing the same export again adds nothing.
 */
export function importExport(request: ImportRequest): Promise<ImportSummary> {
  return call<ImportSummary>('Accounts', 'Import', request).then((summary) => ({ ...summary, rejected: summary.rejected ?? [] }));
}

/** The import card shows a failure next to the field it names, or above its form, so it is not notified as well. */
export function useImportExport() {
  return useMutation({ mutationFn: importExport, meta: { inlineError: true } });
}
