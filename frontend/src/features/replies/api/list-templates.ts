import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Template, TemplateFilter } from '../types';
import { replyKeys } from './keys';

/** The templates a composer may offer. */
export function listTemplates(filter: TemplateFilter): Promise<Template[]> {
  return call<Template[]>('Templates', 'List', filter);
}

export function templatePickerQueryOptions(filter: TemplateFilter) {
  return queryOptions({ queryKey: replyKeys.templatePicker(filter), queryFn: () => listTemplates(filter) });
}

/**
 * The live templates usable on a platform, in a language: French and English conversations get
 * their language's templates, others every template.
 */
export function usePickerTemplates(platform: string, language: string) {
  const filter: TemplateFilter = { channel: platform, ...(language === 'fr' || language === 'en' ? { language } : {}) };
  return useQuery(templatePickerQueryOptions(filter));
}
