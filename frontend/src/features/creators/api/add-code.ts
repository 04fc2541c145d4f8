import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CreatorCode, NewCode } from '../types';
import { creatorKeys } from './keys';

/** Adds a discount code; an empty one is generated from the handle and the campaign. */
export function addCode(code: NewCode): Promise<CreatorCode> {
  return call<CreatorCode>('Creators', 'AddCode', code);
}

export function useAddCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addCode,
    meta: { inlineError: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: creatorKeys.all }),
  });
}
