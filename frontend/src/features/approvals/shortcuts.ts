/** The approval queue's keyboard shortcuts, in the order the help dialog lists them. */
export const SHORTCUTS = [
  { action: 'next', keys: ['j'] },
  { action: 'previous', keys: ['k'] },
  { action: 'approve', keys: ['a'] },
  { action: 'edit', keys: ['e'] },
  { action: 'select', keys: ['x'] },
  { action: 'reject', keys: ['r'] },
  { action: 'help', keys: ['?'] },
] as const;

export type QueueAction = (typeof SHORTCUTS)[number]['action'];

/** The shortcuts of the posts in review: no editing or selecting there. */
export const POST_ACTIONS = ['next', 'previous', 'approve', 'reject', 'help'] as const satisfies readonly QueueAction[];

const ACTION_BY_KEY: Record<string, QueueAction> = {
  j: 'next',
  k: 'previous',
  a: 'approve',
  e: 'edit',
  x: 'select',
  r: 'reject',
  '?': 'help',
};

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'number', 'password', 'tel', 'url']);

/** Whether keys typed at target belong to it: text fields, editors, selects. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type);
}

/** The queue action a key press stands for, or null (typing, a modifier, a dialog or menu open). */
export function queueAction(event: KeyboardEvent): QueueAction | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return null;
  if (isTypingTarget(event.target)) return null;
  if (event.target instanceof HTMLElement && event.target.closest('[role="dialog"], [role="menu"], [role="listbox"]') !== null) return null;
  return ACTION_BY_KEY[event.key] ?? null;
}
