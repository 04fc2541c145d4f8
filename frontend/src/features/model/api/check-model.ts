import { useMutation } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ModelCheck } from '../types';

/** Asks the configured server (the saved settings) which models it offers. */
export function checkModel(): Promise<ModelCheck> {
  return call<ModelCheck>('Model', 'Check');
}

/** An action, not cached data: its outcome, success or translated failure, is shown where it was asked. */
export function useCheckModel() {
  return useMutation({ mutationFn: checkModel, meta: { inlineError: true } });
}
