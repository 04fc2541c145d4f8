import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { NewTemplate, Template } from '../types';
import { templateKeys } from './keys';

/** Adds a template; an empty id is made from its name. */
export function createTemplate(template: NewTemplate): Promise<Template> {
  return call<Template>('Templates', 'Create', template);
}

/** The editor shows the failure next to the field it names, so it is not notified as well. */
export function useCreateTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTemplate,
    meta: { inlineError: true },
    onSuccess: (template) => queryClient.setQueryData(templateKeys.detail(template.id), template),
    onSettled: () => queryClient.invalidateQueries({ queryKey: templateKeys.lists() }),
  });
}
