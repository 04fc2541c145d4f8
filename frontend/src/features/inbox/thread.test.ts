import { describe, expect, it } from 'vitest';
import { messageFixture } from './testing/fixtures';
import { threadEntries } from './thread';

describe('threadEntries', () => {
  it('puts replies under the comment they answer, indented once', () => {
    const first = messageFixture({ id: 1, platform_message_id: 'a' });
    const second = messageFixture({ id: 2, platform_message_id: 'b' });
    const replyToFirst = messageFixture({ id: 3, platform_message_id: 'c', reply_to: 'a' });
    const replyToReply = messageFixture({ id: 4, platform_message_id: 'd', reply_to: 'c' });
    const orphan = messageFixture({ id: 5, platform_message_id: 'e', reply_to: 'gone' });
    const entries = threadEntries([first, second, replyToFirst, replyToReply, orphan]);
    expect(entries.map(({ message, depth }) => [message.id, depth])).toEqual([
      [1, 0],
      [3, 1],
      [4, 1],
      [2, 0],
      [5, 0],
    ]);
  });
});
