import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { TriageSettings } from '../types';
import { inboxKeys } from './keys';

/** Replaces the escalation keywords and the SLA policy, both at once. */
export function updateTriageSettings(settings: TriageSettings): Promise<TriageSettings> {
  return call<TriageSettings>('Inbox', 'UpdateTriageSettings', settings);
}

export function useUpdateTriageSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateTriageSettings,
    onSuccess: (settings) => queryClient.setQueryData(inboxKeys.triageSettings(), settings),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.triageSettings() }),
  });
}
