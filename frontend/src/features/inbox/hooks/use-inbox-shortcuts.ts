import { useKeyShortcuts } from '@/lib/use-key-shortcuts';
import { shortcutAction, type ShortcutAction } from '../shortcuts';

export type ShortcutHandlers = Partial<Record<ShortcutAction, () => void>>;

/** Runs the handler of each shortcut pressed anywhere on the page (but not while typing). */
export function useInboxShortcuts(handlers: ShortcutHandlers, enabled = true): void {
  useKeyShortcuts(shortcutAction, handlers, enabled);
}
