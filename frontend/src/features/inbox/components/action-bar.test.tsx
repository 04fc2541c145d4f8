import { screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { useConversationActions } from '../hooks/use-conversation-actions';
import { conversationFixture, messageFixture } from '../testing/fixtures';
import type { Conversation, ConversationUpdate } from '../types';
import { ActionBar, type ActionMenu } from './action-bar';

const selection = [1, 2, 3].map((id) => conversationFixture({ id, tags: id === 2 ? ['vip'] : [] }));

function BulkBar({ conversations }: { conversations: Conversation[] }) {
  const actions = useConversationActions();
  const [menu, setMenu] = useState<ActionMenu | null>(null);
  return <ActionBar conversations={conversations} actions={actions} menu={menu} onMenuChange={setMenu} assignees={['Inès']} compact />;
}

function fakeInbox() {
  return installFakeDesktop({
    Inbox: {
      Update: (ids: number[], update: ConversationUpdate) => ids.map((id) => ({ ...conversationFixture({ id }), ...update })),
      Get: (id: number) => ({ conversation: conversationFixture({ id }), messages: [messageFixture({ id: id * 100, conversation_id: id })], contact: null, history: [] }),
      Correct: (messageId: number) => messageFixture({ id: messageId }),
      Corrections: () => [],
    },
  });
}

describe('bulk actions', () => {
  it('resolve every selected conversation in one update', async () => {
    const fake = fakeInbox();
    const { user } = renderWithProviders(<BulkBar conversations={selection} />);
    await user.click(screen.getByRole('button', { name: 'Resolve' }));
    expect(fake.Inbox.Update).toHaveBeenCalledWith([1, 2, 3], { status: 'resolved' });
    expect(await screen.findByText('3 conversations resolved.')).toBeInTheDocument();
  });

  it('mark them as spam', async () => {
    const fake = fakeInbox();
    const { user } = renderWithProviders(<BulkBar conversations={selection} />);
    await user.click(screen.getByRole('button', { name: 'Mark as spam' }));
    expect(fake.Inbox.Update).toHaveBeenCalledWith([1, 2, 3], { mark_spam: true });
  });

  it('snooze them for an hour', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-28T10:00:00Z'));
    const fake = fakeInbox();
    const { user } = renderWithProviders(<BulkBar conversations={selection} />);
    await user.click(screen.getByRole('button', { name: 'Snooze' }));
    await user.click(await screen.findByRole('menuitem', { name: /In 1 hour/ }));
    expect(fake.Inbox.Update).toHaveBeenCalledWith([1, 2, 3], { status: 'snoozed', snoozed_until: '2026-11-28T11:00:00.000Z' });
    vi.useRealTimers();
  });

  it('assign them and tag them', async () => {
    const fake = fakeInbox();
    const { user } = renderWithProviders(<BulkBar conversations={selection} />);
    await user.click(screen.getByRole('button', { name: 'Assign' }));
    await user.type(await screen.findByRole('textbox', { name: 'Assign to' }), 'Inès{Enter}');
    expect(fake.Inbox.Update).toHaveBeenCalledWith([1, 2, 3], { assignee: 'Inès' });

    await user.click(screen.getByRole('button', { name: 'Tags' }));
    await user.type(await screen.findByRole('textbox', { name: 'Add a tag' }), 'refund{Enter}');
    expect(fake.Inbox.Update).toHaveBeenCalledWith([1, 2, 3], { add_tags: ['refund'] });
    await user.click(screen.getByRole('button', { name: 'Remove the tag vip' }));
    expect(fake.Inbox.Update).toHaveBeenCalledWith([1, 2, 3], { remove_tags: ['vip'] });
  });

  it('correct the intent of the latest inbound message of each', async () => {
    const fake = fakeInbox();
    const { user } = renderWithProviders(<BulkBar conversations={selection} />);
    await user.click(screen.getByRole('button', { name: 'Correct the intent' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sale' }));
    await waitFor(() => expect(fake.Inbox.Correct).toHaveBeenCalledTimes(3));
    expect(fake.Inbox.Correct).toHaveBeenCalledWith(100, 'sale', null);
    expect(fake.Inbox.Correct).toHaveBeenCalledWith(300, 'sale', null);
  });
});
