import { useKeyShortcuts } from '@/lib/use-key-shortcuts';
import { queueAction, type QueueAction } from '../shortcuts';

export type QueueHandlers = Partial<Record<QueueAction, () => void>>;

/** Runs the handler of each queue shortcut pressed anywhere on the page (but not while typing). */
export function useQueueShortcuts(handlers: QueueHandlers, enabled = true): void {
  useKeyShortcuts(queueAction, handlers, enabled);
}
