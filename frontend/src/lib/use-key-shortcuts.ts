import { useEffect, useRef } from 'react';

/**
 * Runs the handler of each shortcut pressed anywhere on the page: actionOf maps a key press to an
 * action (null for none, and for keys typed into a field), handlers say what each action does.
 */
export function useKeyShortcuts<A extends string>(
  actionOf: (event: KeyboardEvent) => A | null,
  handlers: Partial<Record<A, () => void>>,
  enabled = true,
): void {
  const latest = useRef({ actionOf, handlers });
  useEffect(() => {
    latest.current = { actionOf, handlers };
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      const action = latest.current.actionOf(event);
      if (action === null) return;
      const handler = latest.current.handlers[action];
      if (handler === undefined) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
