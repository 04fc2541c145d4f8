import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { Rendered } from '../types';
import { templateKeys } from './keys';

/** Renders body for a conversation with the values the drafter would use, listing the tokens it cannot fill. */
export function previewTemplate(body: string, conversationId: number): Promise<Rendered> {
  return call<Rendered>('Templates', 'Preview', body, conversationId).then((rendered) => ({ ...rendered, missing: rendered.missing ?? [] }));
}

/**
 * The preview shows a parse error itself, at its position, rather than as a notification; it is
 * not retried, since the same body fails the same way. Nothing is asked for a blank body or
 * without a conversation.
 */
export function previewQueryOptions(body: string, conversationId: number | null) {
  return queryOptions({
    queryKey: templateKeys.preview(body, conversationId ?? 0),
    queryFn: () => previewTemplate(body, conversationId ?? 0),
    enabled: conversationId !== null && body.trim() !== '',
    placeholderData: keepPreviousData,
    retry: false,
    meta: { inlineError: true },
  });
}

export function usePreview(body: string, conversationId: number | null) {
  return useQuery(previewQueryOptions(body, conversationId));
}
