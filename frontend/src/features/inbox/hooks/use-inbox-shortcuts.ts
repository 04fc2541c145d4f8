import { useEffect, useRef } from 'react';
import { shortcutAction, type ShortcutAction } from '../shortcuts';

export type ShortcutHandlers = Partial<Record<ShortcutAction, () => void>>;

/** Runs the handler of each shortcut pressed anywhere on the page (but not while typing). */
export function useInboxShortcuts(handlers: ShortcutHandlers, enabled = true): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      const action = shortcutAction(event);
      if (action === null) return;
      const handler = latest.current[action];
      if (handler === undefined) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
