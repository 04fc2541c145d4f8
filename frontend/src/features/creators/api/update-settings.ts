import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CreatorSettings } from '../types';
import { creatorKeys } from './keys';

export function updateCreatorSettings(settings: CreatorSettings): Promise<CreatorSettings> {
  return call<CreatorSettings>('Creators', 'UpdateSettings', settings);
}

export function useUpdateCreatorSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCreatorSettings,
    meta: { inlineError: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: creatorKeys.all }),
  });
}
