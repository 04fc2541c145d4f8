/** A fresh id for a model draft's stream, so that a caller can listen before it asks. */
export function newStreamId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `draft-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
