import type { ReplyFilter, TemplateFilter } from '../types';

export const replyKeys = {
  all: ['replies'] as const,
  lists: () => [...replyKeys.all, 'list'] as const,
  list: (filter: ReplyFilter) => [...replyKeys.lists(), filter] as const,
  checks: () => [...replyKeys.all, 'check'] as const,
  check: (id: number, text: string) => [...replyKeys.checks(), id, text] as const,
  consents: () => [...replyKeys.all, 'consent'] as const,
  consent: (contactId: number) => [...replyKeys.consents(), contactId] as const,
  /**
   * Data of other areas read here under their own roots, so that their events (templates:changed,
   * model:settings_updated) refresh them too.
   */
  templatePicker: (filter: TemplateFilter) => ['templates', 'picker', filter] as const,
  modelSettings: () => ['model', 'settings'] as const,
};
