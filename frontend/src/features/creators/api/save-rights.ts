import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Rights, RightsDraft } from '../types';
import { creatorKeys } from './keys';

/** Adds (id 0) or replaces a usage-rights checklist. */
export function saveRights(rights: RightsDraft): Promise<Rights> {
  return call<Rights>('Creators', 'SaveRights', rights);
}

export function useSaveRights() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveRights,
    meta: { inlineError: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: creatorKeys.all }),
  });
}
