import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ReplySettings } from '../types';
import { replySettingsKeys } from './keys';

/** Replaces the approval policy and the automation limits, both at once (audited). */
export function updateReplySettings(settings: ReplySettings): Promise<ReplySettings> {
  return call<ReplySettings>('Replies', 'UpdateSettings', settings);
}

/** The form shows a refusal next to the field it names, so it is not notified as well. */
export function useUpdateReplySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateReplySettings,
    meta: { inlineError: true },
    onSuccess: (settings) => queryClient.setQueryData(replySettingsKeys.current(), settings),
    onSettled: () => queryClient.invalidateQueries({ queryKey: replySettingsKeys.all }),
  });
}
