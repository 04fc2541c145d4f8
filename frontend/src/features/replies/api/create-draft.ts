import { call } from '@/lib/transport';
import type { NewDraft, Reply } from '../types';

/**
 * Saves a new draft: blank, from the built-in drafter, from a template, or streamed by the model
 * (draft:delta events under `stream_id`). The composer shows failures itself, next to the text.
 */
export function createDraft(draft: NewDraft): Promise<Reply> {
  return call<Reply>('Replies', 'CreateDraft', draft);
}
