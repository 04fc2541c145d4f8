import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { CreatorResult, NewResult } from '../types';
import { creatorKeys } from './keys';

/** Records orders and revenue by hand, until orders are imported. */
export function addResult(result: NewResult): Promise<CreatorResult> {
  return call<CreatorResult>('Creators', 'AddResult', result);
}

export function useAddResult() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addResult,
    meta: { inlineError: true },
    onSettled: (result) => queryClient.invalidateQueries({ queryKey: result === undefined ? creatorKeys.all : creatorKeys.performance(result.creator_id) }),
  });
}
