import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Template, TemplateUpdate } from '../types';
import { templateKeys } from './keys';

export interface UpdateTemplateInput {
  id: string;
  update: TemplateUpdate;
}

/** Changes the fields present in update. */
export function updateTemplate({ id, update }: UpdateTemplateInput): Promise<Template> {
  return call<Template>('Templates', 'Update', id, update);
}

/** The editor shows the failure next to the field it names, so it is not notified as well. */
export function useUpdateTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateTemplate,
    meta: { inlineError: true },
    onSuccess: (template) => queryClient.setQueryData(templateKeys.detail(template.id), template),
    onSettled: () => queryClient.invalidateQueries({ queryKey: templateKeys.lists() }),
  });
}
