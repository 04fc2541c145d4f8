import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ModelSettings } from '../types';
import { modelKeys } from './keys';

/** Removes the API key from the OS keyring. */
export function deleteModelKey(): Promise<ModelSettings> {
  return call<ModelSettings>('Model', 'DeleteKey');
}

export function useDeleteModelKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteModelKey,
    onSuccess: (settings) => queryClient.setQueryData(modelKeys.settings(), settings),
    onSettled: () => queryClient.invalidateQueries({ queryKey: modelKeys.settings() }),
  });
}
