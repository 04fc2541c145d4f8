import type { Message } from './types';

export interface ThreadEntry {
  message: Message;
  /** 0 for a top-level message, 1 for a reply (deeper replies stay at 1). */
  depth: number;
}

/**
 * Orders messages for display: each top-level message (oldest first) followed by the replies
 * to it and to its replies, in time order, indented once. Replies whose parent is not among the
 * messages stay top-level.
 */
export function threadEntries(messages: Message[]): ThreadEntry[] {
  const byPlatformId = new Map(messages.map((message) => [message.platform_message_id, message]));
  const rootOf = (message: Message): Message => {
    let current = message;
    const seen = new Set<string>();
    while (current.reply_to !== '' && !seen.has(current.platform_message_id)) {
      seen.add(current.platform_message_id);
      const parent = byPlatformId.get(current.reply_to);
      if (parent === undefined) break;
      current = parent;
    }
    return current;
  };
  const replies = new Map<string, Message[]>();
  const roots: Message[] = [];
  for (const message of messages) {
    const root = rootOf(message);
    if (root === message) {
      roots.push(message);
    } else {
      const list = replies.get(root.platform_message_id) ?? [];
      list.push(message);
      replies.set(root.platform_message_id, list);
    }
  }
  return roots.flatMap((root) => [
    { message: root, depth: 0 },
    ...(replies.get(root.platform_message_id) ?? []).map((message) => ({ message, depth: 1 })),
  ]);
}
