import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Creator, CreatorProfile } from '../types';
import { creatorKeys } from './keys';

export interface UpdateCreatorInput {
  id: number;
  profile: CreatorProfile;
}

/** Replaces a creator's profile (the stage stays). */
export function updateCreator({ id, profile }: UpdateCreatorInput): Promise<Creator> {
  return call<Creator>('Creators', 'Update', id, profile);
}

export function useUpdateCreator() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCreator,
    meta: { inlineError: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: creatorKeys.all }),
  });
}
