import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ModelSettings } from '../types';
import { modelKeys } from './keys';

/** Stores the API key in the OS keyring; it is never returned, only `has_key`. */
export function setModelKey(key: string): Promise<ModelSettings> {
  return call<ModelSettings>('Model', 'SetKey', key);
}

export function useSetModelKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setModelKey,
    meta: { inlineError: true },
    onSuccess: (settings) => queryClient.setQueryData(modelKeys.settings(), settings),
    onSettled: () => queryClient.invalidateQueries({ queryKey: modelKeys.settings() }),
  });
}
