import { useEffect, useRef } from 'react';
import { queueAction, type QueueAction } from '../shortcuts';

export type QueueHandlers = Partial<Record<QueueAction, () => void>>;

/** Runs the handler of each queue shortcut pressed anywhere on the page (but not while typing). */
export function useQueueShortcuts(handlers: QueueHandlers, enabled = true): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      const action = queueAction(event);
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
