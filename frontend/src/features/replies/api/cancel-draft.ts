import { call } from '@/lib/transport';

/** Stops the model draft streaming under streamId; nothing when none is. */
export function cancelDraft(streamId: string): Promise<void> {
  return call<void>('Replies', 'CancelDraft', streamId);
}
