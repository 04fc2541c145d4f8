import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { messageFixture } from '../testing/fixtures';
import type { Correction, Intent, Sentiment } from '../types';
import { MessageItem } from './message-item';

function fakeCorrections() {
  const corrections: Correction[] = [{ id: 3, message_id: 42, conversation_id: 7, field: 'intent', from: 'other', to: 'support', created_at: '2026-11-27T10:00:00Z' }];
  return installFakeDesktop({
    Inbox: {
      Correct: (messageId: number, intent: Intent | null, sentiment: Sentiment | null) => {
        corrections.push({
          id: 9,
          message_id: messageId,
          conversation_id: 7,
          field: intent === null ? 'sentiment' : 'intent',
          from: 'support',
          to: intent ?? sentiment ?? '',
          created_at: '2026-11-28T10:00:00Z',
        });
        return messageFixture({ id: messageId, intent_corrected: true });
      },
      Corrections: () => corrections,
      UndoCorrection: () => messageFixture(),
    },
  });
}

describe('MessageItem', () => {
  it('shows the triage of an inbound message, its reasons and its text as text', () => {
    installFakeDesktop({ Inbox: {} });
    renderWithProviders(<MessageItem message={messageFixture({ text: '<img src=x onerror=alert(1)>' })} depth={0} showAuthor={false} highlighted={false} />);
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect(screen.getByText('Support')).toBeInTheDocument();
    expect(screen.getByText('Negative')).toBeInTheDocument();
    expect(screen.getByText('Keyword')).toBeInTheDocument();
  });

  it('corrects the intent, then undoes the new correction from the notification', async () => {
    const fake = fakeCorrections();
    const { user } = renderWithProviders(<MessageItem message={messageFixture()} depth={0} showAuthor={false} highlighted={false} />);
    await user.click(screen.getByRole('button', { name: 'Correct the labels' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sale' }));
    expect(fake.Inbox.Correct).toHaveBeenCalledWith(42, 'sale', null);

    expect(await screen.findByText('Labelled “Sale”. The classifier has learnt from it.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(fake.Inbox.UndoCorrection).toHaveBeenCalledWith(9));
    expect(await screen.findByText('Correction undone.')).toBeInTheDocument();
  });

  it('corrects the sentiment', async () => {
    const fake = fakeCorrections();
    const { user } = renderWithProviders(<MessageItem message={messageFixture()} depth={0} showAuthor={false} highlighted={false} />);
    await user.click(screen.getByRole('button', { name: 'Correct the labels' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Positive' }));
    expect(fake.Inbox.Correct).toHaveBeenCalledWith(42, null, 'positive');
  });
});
