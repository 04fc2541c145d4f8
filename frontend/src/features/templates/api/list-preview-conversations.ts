import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { PreviewConversation, PreviewConversationPage } from '../types';
import { templateKeys } from './keys';

/** How many conversations the preview's picker offers. */
export const PREVIEW_CONVERSATIONS = 50;

/**
 * Conversations to preview templates against (one page of Inbox.List over every status), the
 * most recent first: the first one is the preview's default.
 */
export async function listPreviewConversations(): Promise<PreviewConversation[]> {
  const page = await call<PreviewConversationPage>('Inbox', 'List', { limit: PREVIEW_CONVERSATIONS });
  return [...(page.conversations ?? [])].sort((a, b) => Date.parse(b.last_message_at) - Date.parse(a.last_message_at));
}

export function previewConversationsQueryOptions() {
  return queryOptions({ queryKey: templateKeys.previewConversations(), queryFn: listPreviewConversations });
}

export function usePreviewConversations() {
  return useQuery(previewConversationsQueryOptions());
}
