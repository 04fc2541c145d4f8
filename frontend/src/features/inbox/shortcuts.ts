/** The inbox's keyboard shortcuts, in the order the help dialog lists them. */
export const SHORTCUTS = [
  { action: 'next', keys: ['j'] },
  { action: 'previous', keys: ['k'] },
  { action: 'open', keys: ['Enter'] },
  { action: 'reply', keys: ['r'] },
  { action: 'back', keys: ['Esc'] },
  { action: 'select', keys: ['x'] },
  { action: 'resolve', keys: ['e'] },
  { action: 'snooze', keys: ['s'] },
  { action: 'spam', keys: ['#'] },
  { action: 'assign', keys: ['a'] },
  { action: 'tag', keys: ['t'] },
  { action: 'search', keys: ['/'] },
  { action: 'help', keys: ['?'] },
] as const;

export type ShortcutAction = (typeof SHORTCUTS)[number]['action'];

const ACTION_BY_KEY: Record<string, ShortcutAction> = {
  j: 'next',
  k: 'previous',
  Enter: 'open',
  r: 'reply',
  Escape: 'back',
  x: 'select',
  e: 'resolve',
  s: 'snooze',
  '#': 'spam',
  a: 'assign',
  t: 'tag',
  '/': 'search',
  '?': 'help',
};

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'number', 'password', 'tel', 'url', 'date', 'datetime-local', 'time', 'month', 'week']);

/** Whether keys typed at target belong to it: text fields, editors, selects. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type);
}

/** Where Enter and Escape already mean something (buttons, links, dialogs, menus). */
function ownsEnterOrEscape(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.closest('button, a[href], [role="button"], [role="menuitem"], [role="tab"], [role="checkbox"], input, [role="dialog"], [role="menu"]') !== null;
}

/** The inbox action a key press stands for, or null when the key is not a shortcut there. */
export function shortcutAction(event: KeyboardEvent): ShortcutAction | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return null;
  if (isTypingTarget(event.target)) return null;
  const action = ACTION_BY_KEY[event.key];
  if (action === undefined) return null;
  if ((action === 'open' || action === 'back') && ownsEnterOrEscape(event.target)) return null;
  if (event.target instanceof HTMLElement && event.target.closest('[role="dialog"], [role="menu"]') !== null) return null;
  return action;
}
