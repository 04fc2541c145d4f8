import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { QAOutcome, Reply } from '../types';
import { approvalKeys } from './keys';

/** Records the outcome of a QA-sampled reply's review. */
export function reviewQA(id: number, outcome: QAOutcome, note: string): Promise<Reply> {
  return call<Reply>('Replies', 'ReviewQA', id, outcome, note);
}

export function useReviewQA() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, outcome, note }: { id: number; outcome: QAOutcome; note: string }) => reviewQA(id, outcome, note),
    onSettled: () => queryClient.invalidateQueries({ queryKey: approvalKeys.all }),
  });
}
