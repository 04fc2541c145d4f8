import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Template } from '../types';
import { templateKeys } from './keys';

/** Copies a template under a new id, named "… (copy)", unused and not archived. */
export function duplicateTemplate(id: string): Promise<Template> {
  return call<Template>('Templates', 'Duplicate', id);
}

export function useDuplicateTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: duplicateTemplate,
    onSuccess: (template) => queryClient.setQueryData(templateKeys.detail(template.id), template),
    onSettled: () => queryClient.invalidateQueries({ queryKey: templateKeys.lists() }),
  });
}
