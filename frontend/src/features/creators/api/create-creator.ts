import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Creator, CreatorProfile } from '../types';
import { creatorKeys } from './keys';

/** Adds a creator; handles matching inbox contacts link them and flag them influencer. */
export function createCreator(profile: CreatorProfile): Promise<Creator> {
  return call<Creator>('Creators', 'Create', profile);
}

/** The form shows the failure next to the field it names, so it is not notified as well. */
export function useCreateCreator() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCreator,
    meta: { inlineError: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: creatorKeys.all }),
  });
}
