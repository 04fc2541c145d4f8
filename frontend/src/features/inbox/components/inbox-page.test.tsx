import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useEffect, useRef } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { conversationFixture, messageFixture } from '../testing/fixtures';
import type { ConversationUpdate } from '../types';
import { InboxPage } from './inbox-page';

const conversations = [
  conversationFixture({ id: 1, contact: { id: 11, display_name: 'Alice', handle: 'alice', influencer: false, vip: false } }),
  conversationFixture({ id: 2, contact: { id: 12, display_name: 'Bruno', handle: 'bruno', influencer: true, vip: false } }),
  conversationFixture({ id: 3, contact: { id: 13, display_name: 'Chloé', handle: 'chloe', influencer: false, vip: true } }),
];

function fakeInbox() {
  return installFakeDesktop({
    Inbox: {
      List: () => ({ conversations, next_cursor: '' }),
      Counts: () => ({ total: 3, statuses: { open: 3 }, intents: { support: 3 }, priorities: { high: 3 }, channels: { '1': 3 }, kinds: { dm: 3 }, languages: { fr: 3 }, due: 1, breached: 0, unassigned: 3 }),
      Channels: () => [{ id: 1, platform: 'instagram', account: 'ml', name: 'Instagram · @ml', kind: 'sandbox', created_at: '2026-11-01T00:00:00Z' }],
      Get: (id: number) => ({ conversation: conversations.find((each) => each.id === id), messages: [messageFixture({ conversation_id: id })], contact: null, history: [] }),
      Update: (ids: number[], update: ConversationUpdate) => ids.map((id) => ({ ...conversationFixture({ id }), ...update })),
      Search: () => ({ results: [], next_cursor: '' }),
    },
  });
}

/** Stands in for the composer the app passes: a text field that takes the focus when asked. */
function FakeComposer({ conversationId, focusRequest }: { conversationId: number; focusRequest: number }) {
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (focusRequest > 0) input.current?.focus();
  }, [focusRequest]);
  return <textarea ref={input} aria-label={`Reply to ${conversationId}`} />;
}

function renderInbox(url = '/', withSlots = false) {
  const page = withSlots ? (
    <InboxPage
      composer={(detail, { focusRequest }) => <FakeComposer conversationId={detail.conversation.id} focusRequest={focusRequest} />}
      contactExtra={(contact) => <p>Consent of {contact.display_name}</p>}
    />
  ) : (
    <InboxPage />
  );
  const router = createMemoryRouter([{ path: '/', element: page }], { initialEntries: [url] });
  return { ...renderWithProviders(<RouterProvider router={router} />), router };
}

const press = (key: string) => fireEvent.keyDown(document.body, { key });

describe('InboxPage', () => {
  it('moves with j/k, selects with x and resolves the selection with e', async () => {
    const fake = fakeInbox();
    renderInbox();
    await screen.findByRole('option', { name: 'Alice' });
    press('j');
    expect(screen.getByRole('option', { name: 'Bruno' })).toHaveAttribute('data-focused', 'true');
    press('x');
    press('j');
    press('x');
    press('k');
    expect(screen.getByRole('option', { name: 'Bruno' })).toHaveAttribute('data-focused', 'true');
    expect(await screen.findByText('2 selected')).toBeInTheDocument();
    press('e');
    await waitFor(() => expect(fake.Inbox.Update).toHaveBeenCalledWith([2, 3], { status: 'resolved' }));
  });

  it('marks the focused conversation as spam with #, opens it with Enter', async () => {
    const fake = fakeInbox();
    const { router } = renderInbox();
    await screen.findByRole('option', { name: 'Alice' });
    press('#');
    await waitFor(() => expect(fake.Inbox.Update).toHaveBeenCalledWith([1], { mark_spam: true }));
    press('j');
    press('Enter');
    await waitFor(() => expect(router.state.location.search).toBe('?c=2'));
    expect(await screen.findByRole('heading', { name: 'Bruno' })).toBeInTheDocument();
  });

  it('ignores the shortcuts while typing a search', async () => {
    const fake = fakeInbox();
    const { user } = renderInbox();
    await screen.findByRole('option', { name: 'Alice' });
    press('/');
    const search = screen.getByRole('textbox', { name: 'Search messages' });
    expect(search).toHaveFocus();
    await user.type(search, 'jex#');
    expect(search).toHaveValue('jex#');
    expect(fake.Inbox.Update).not.toHaveBeenCalled();
    await waitFor(() => expect(fake.Inbox.Search).toHaveBeenCalledWith('jex#', '', 30));
  });

  it('keeps the filters in the URL and sends them to the backend', async () => {
    const fake = fakeInbox();
    const { user, router } = renderInbox('/?status=pending&lang=fr');
    await screen.findByRole('option', { name: 'Alice' });
    expect(fake.Inbox.List).toHaveBeenCalledWith({ statuses: ['pending'], languages: ['fr'], limit: 50 });
    await user.click(screen.getByRole('button', { name: /^Support/ }));
    await waitFor(() => expect(router.state.location.search).toBe('?status=pending&intent=support&lang=fr'));
    expect(fake.Inbox.List).toHaveBeenCalledWith({ statuses: ['pending'], intents: ['support'], languages: ['fr'], limit: 50 });
    expect(fake.Inbox.Counts).toHaveBeenCalledWith({ statuses: ['pending'], intents: ['support'], languages: ['fr'] });
  });

  it('focuses the composer with r, opening the focused conversation first', async () => {
    fakeInbox();
    const { user } = renderInbox('/', true);
    await screen.findByRole('option', { name: 'Alice' });
    press('j');
    press('r');
    const composer = await screen.findByRole('textbox', { name: 'Reply to 2' });
    await waitFor(() => expect(composer).toHaveFocus());
    await user.type(composer, 'rej');
    expect(composer).toHaveValue('rej');
    composer.blur();
    press('r');
    await waitFor(() => expect(composer).toHaveFocus());
  });
});
