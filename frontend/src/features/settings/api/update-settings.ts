import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Settings, SettingsUpdate } from '../types';
import { settingsKeys } from './keys';

export function updateSettings(update: SettingsUpdate): Promise<Settings> {
  return call<Settings>('Settings', 'Update', update);
}

/**
 * Saves settings optimistically, so that a theme or language picked applies at once; a refused
 * update puts the previous settings back.
 */
export function useUpdateSettings() {
  const queryClient = useQueryClient();
  const queryKey = settingsKeys.current();
  return useMutation({
    mutationFn: updateSettings,
    onMutate: async (update) => {
      await queryClient.cancelQueries({ queryKey });
      const previous = queryClient.getQueryData<Settings>(queryKey);
      if (previous !== undefined) queryClient.setQueryData<Settings>(queryKey, { ...previous, ...update });
      return { previous };
    },
    onError: (_error, _update, context) => {
      if (context?.previous !== undefined) queryClient.setQueryData(queryKey, context.previous);
    },
    onSuccess: (settings) => queryClient.setQueryData(queryKey, settings),
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsKeys.all }),
  });
}
