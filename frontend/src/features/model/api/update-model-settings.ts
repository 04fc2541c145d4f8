import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ModelSettings } from '../types';
import { modelKeys } from './keys';

/** Saves the model settings (`has_key` is ignored: the key has its own methods). */
export function updateModelSettings(settings: ModelSettings): Promise<ModelSettings> {
  return call<ModelSettings>('Model', 'Update', settings);
}

/** The form shows a refusal next to the field it names, so it is not notified as well. */
export function useUpdateModelSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateModelSettings,
    meta: { inlineError: true },
    onSuccess: (settings) => queryClient.setQueryData(modelKeys.settings(), settings),
    onSettled: () => queryClient.invalidateQueries({ queryKey: modelKeys.settings() }),
  });
}
