import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Template } from '../types';
import { templateKeys } from './keys';

export interface ArchiveTemplateInput {
  id: string;
  /** false restores it. */
  archived: boolean;
}

/** Archives a template (never drafted again, listed only on request), or restores it. */
export function archiveTemplate({ id, archived }: ArchiveTemplateInput): Promise<Template> {
  return call<Template>('Templates', 'Archive', id, archived);
}

export function useArchiveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: archiveTemplate,
    onSuccess: (template) => queryClient.setQueryData(templateKeys.detail(template.id), template),
    onSettled: () => queryClient.invalidateQueries({ queryKey: templateKeys.lists() }),
  });
}
