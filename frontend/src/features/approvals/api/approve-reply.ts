import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Approval, Reply } from '../types';
import { approvalKeys } from './keys';

/** Approves a pending reply, with its text edited first when given, and queues it. */
export function approveReply(id: number, approval: Approval): Promise<Reply> {
  return call<Reply>('Replies', 'Approve', id, approval);
}

export function useApproveReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, approval }: { id: number; approval: Approval }) => approveReply(id, approval),
    onSettled: () => queryClient.invalidateQueries({ queryKey: approvalKeys.all }),
  });
}
