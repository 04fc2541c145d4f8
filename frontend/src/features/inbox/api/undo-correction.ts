import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Message } from '../types';
import { inboxKeys } from './keys';

export function undoCorrection(correctionId: number): Promise<Message> {
  return call<Message>('Inbox', 'UndoCorrection', correctionId);
}

export function useUndoCorrection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: undoCorrection,
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all }),
  });
}
