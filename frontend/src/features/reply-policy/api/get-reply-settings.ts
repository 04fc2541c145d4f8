import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ReplySettings } from '../types';
import { replySettingsKeys } from './keys';

/** The approval policy, bot disclosure and automation limits of the open workspace. */
export function getReplySettings(): Promise<ReplySettings> {
  return call<ReplySettings>('Replies', 'GetSettings');
}

export function replySettingsQueryOptions() {
  return queryOptions({ queryKey: replySettingsKeys.current(), queryFn: getReplySettings });
}

export function useReplySettings() {
  return useQuery(replySettingsQueryOptions());
}
