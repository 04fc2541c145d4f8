import { call } from '@/lib/transport';
import type { Reply } from '../types';

/** Saves a draft's text (the composer debounces it). */
export function updateDraft(id: number, text: string): Promise<Reply> {
  return call<Reply>('Replies', 'UpdateDraft', id, text);
}
