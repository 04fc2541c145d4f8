import { call } from '@/lib/transport';
import type { CaptionDraft, CaptionRequest } from '../types';

/**
 * Proposes a caption for one of a post's channels ('' for the shared caption): by the built-in
 * drafter, or streamed by the configured model (draft:delta events under `stream_id`). Nothing is
 * saved: the editor puts the text in the field, and the caption goes to review like any other.
 */
export function draftCaption(request: CaptionRequest): Promise<CaptionDraft> {
  return call<CaptionDraft>('Calendar', 'DraftCaption', request);
}

/** Stops the model caption streaming under streamId (model drafts share the replies' streams). */
export function cancelCaption(streamId: string): Promise<void> {
  return call<void>('Replies', 'CancelDraft', streamId);
}
