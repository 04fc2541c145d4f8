import { useMutation } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { RightsUse, RightsVerdict } from '../types';

export interface CheckRightsInput {
  creatorId: number;
  use: RightsUse;
}

/** Says whether a use of the creator's content (date, territory, scope) is within their rights. */
export function checkRights({ creatorId, use }: CheckRightsInput): Promise<RightsVerdict> {
  return call<RightsVerdict>('Creators', 'CheckRights', creatorId, use);
}

export function useCheckRights() {
  return useMutation({ mutationFn: checkRights, meta: { inlineError: true } });
}
