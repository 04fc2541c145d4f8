import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import type { Approval, ApprovalReason, Reply, ReplyFilter } from '../types';
import { ApprovalQueue } from './approval-queue';

function reply(overrides: Partial<Reply>): Reply {
  return {
    id: 1,
    kind: 'reply',
    conversation_id: 1,
    contact_id: 10,
    channel_id: 1,
    platform: 'instagram',
    sandbox: false,
    state: 'pending_approval',
    source: 'human',
    template_id: '',
    ai_generated: false,
    automated: false,
    language: 'fr',
    text: '',
    draft_text: '',
    out_text: '',
    reply_to: '',
    needs_approval: true,
    reasons: [],
    explanation: null,
    usage: null,
    created_by: 'Léa',
    created_at: '2026-11-28T09:05:00Z',
    updated_at: '2026-11-28T09:05:00Z',
    decided_by: '',
    decided_at: null,
    decision_note: '',
    edited: false,
    idempotency_key: '',
    attempts: 0,
    next_attempt_at: null,
    last_error: null,
    platform_message_id: '',
    queued_at: null,
    sent_at: null,
    qa_sampled: false,
    qa_outcome: '',
    qa_note: '',
    qa_reviewed_by: '',
    qa_reviewed_at: null,
    ...overrides,
  };
}

const aiReason: ApprovalReason = { kind: 'ai_generated', detail: 'the text was written by a language model', key: 'approval_reason_ai_generated' };
const moneyReason: ApprovalReason = { kind: 'money', detail: 'matched "49 €"', key: 'approval_reason_money', params: { matches: '49 €' } };

const pending = [
  reply({
    id: 11,
    conversation_id: 1,
    ai_generated: true,
    source: 'model',
    draft_text: 'Bonjour Camille, votre colis arrive demain.',
    text: 'Bonjour Camille, votre colis arrive lundi.',
    reasons: [aiReason],
  }),
  reply({ id: 12, conversation_id: 2, text: 'Le remboursement de 49 € est validé.', reasons: [moneyReason] }),
  reply({ id: 13, conversation_id: 1, ai_generated: true, text: 'Merci pour votre message !', reasons: [aiReason] }),
];

function fakeQueue() {
  return installFakeDesktop({
    Replies: {
      List: (filter: ReplyFilter) => {
        if (filter.qa_pending === true) {
          return { replies: [reply({ id: 21, state: 'sent', automated: true, qa_sampled: true, text: 'Réponse automatisée : merci !', sent_at: '2026-11-28T08:00:00Z' })], next: 0 };
        }
        if (filter.states?.includes('failed') === true) return { replies: [], next: 0 };
        return { replies: pending, next: 0 };
      },
      Counts: () => ({ pending_approval: 3, qa_pending: 1, failed: 0, in_doubt: 0, queued: 0 }),
      Approve: (id: number, approval: Approval) =>
        reply({ ...pending.find((each) => each.id === id), state: 'queued', decided_by: 'Léa', decided_at: '2026-11-28T10:00:00Z', text: approval.text ?? pending.find((each) => each.id === id)?.text ?? '' }),
      ApproveMany: (ids: number[]) => ids.map((id) => reply({ id, state: 'queued', decided_by: 'Léa', decided_at: '2026-11-28T10:00:00Z' })),
      Reject: (id: number, reason: string) => reply({ id, state: 'rejected', decision_note: reason, decided_by: 'Léa', decided_at: '2026-11-28T10:00:00Z' }),
      ReviewQA: (id: number, outcome: string, note: string) =>
        reply({ id, state: 'sent', qa_outcome: outcome as Reply['qa_outcome'], qa_note: note, qa_reviewed_by: 'Léa', qa_reviewed_at: '2026-11-28T10:00:00Z' }),
    },
    Inbox: {
      Get: (id: number) => ({
        conversation: { id, platform: 'instagram', kind: 'dm', channel_name: 'Instagram · @maisonlumiere', language: 'fr', contact: { display_name: id === 1 ? 'Camille Martin' : 'Bruno Petit', handle: 'x' } },
        messages: [
          { id: 1, direction: 'in', text: id === 1 ? 'Où est mon colis ?' : 'Je veux être remboursé', author_name: id === 1 ? 'Camille Martin' : 'Bruno Petit', author_handle: 'x', sent_at: '2026-11-28T09:00:00Z' },
        ],
        contact: { display_name: id === 1 ? 'Camille Martin' : 'Bruno Petit' },
        history: [],
      }),
    },
  });
}

function renderQueue(url = '/approvals') {
  const router = createMemoryRouter([{ path: '/approvals', element: <ApprovalQueue /> }], { initialEntries: [url] });
  return { ...renderWithProviders(<RouterProvider router={router} />), router };
}

const press = (key: string) => fireEvent.keyDown(document.body, { key });

async function items() {
  await waitFor(() => expect(screen.getAllByTestId('queue-item')).toHaveLength(3));
  return screen.getAllByTestId('queue-item');
}

describe('ApprovalQueue', () => {
  it('shows each reply with its conversation, its edits, and every reason', async () => {
    fakeQueue();
    renderQueue();
    const [first, second] = await items();
    expect(await within(first!).findByText('Camille Martin')).toBeInTheDocument();
    expect(within(first!).getByText('Où est mon colis ?')).toBeInTheDocument();
    expect(within(first!).getByText('AI-assisted')).toBeInTheDocument();
    expect(within(first!).getByText('AI draft edited')).toBeInTheDocument();
    const diff = within(first!).getByTestId('text-diff');
    expect(diff.querySelector('del')).toHaveTextContent('demain.');
    expect(diff.querySelector('ins')).toHaveTextContent('lundi.');
    expect(within(first!).getByText('Written by a language model')).toBeInTheDocument();
    expect(within(second!).getByText('Mentions money: 49 €')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: /To approve/ })).toHaveTextContent('3');
  });

  it('approves a reply', async () => {
    const fake = fakeQueue();
    const { user } = renderQueue();
    const [first] = await items();
    await user.click(within(first!).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(fake.Replies.Approve).toHaveBeenCalledWith(11, { note: '' }));
    const recent = await screen.findByTestId('recent-decisions');
    expect(within(recent).getByText(/Approved by Léa/)).toBeInTheDocument();
  });

  it('approves an edited text with a note', async () => {
    const fake = fakeQueue();
    const { user } = renderQueue();
    const [, second] = await items();
    await user.click(within(second!).getByRole('button', { name: 'Edit' }));
    const text = within(second!).getByRole('textbox', { name: 'Reply text' });
    await user.clear(text);
    await user.type(text, 'Votre remboursement est en cours.');
    await user.type(within(second!).getByRole('textbox', { name: 'Note (optional)' }), 'No amount in writing');
    expect(within(second!).getByText('Your changes:')).toBeInTheDocument();
    await user.click(within(second!).getByRole('button', { name: 'Approve edited reply' }));
    await waitFor(() =>
      expect(fake.Replies.Approve).toHaveBeenCalledWith(12, { text: 'Votre remboursement est en cours.', note: 'No amount in writing' }),
    );
  });

  it('asks for a reason before rejecting', async () => {
    const fake = fakeQueue();
    const { user } = renderQueue();
    const [, second] = await items();
    await user.click(within(second!).getByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject this reply' });
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    expect(await within(dialog).findByText('Give a reason to reject the reply.')).toBeInTheDocument();
    expect(fake.Replies.Reject).not.toHaveBeenCalled();
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'We never promise amounts in DMs');
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(fake.Replies.Reject).toHaveBeenCalledWith(12, 'We never promise amounts in DMs'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('approves in bulk only replies that are all low-risk', async () => {
    const fake = fakeQueue();
    const { user } = renderQueue();
    await items();
    const approveSelected = screen.getByRole('button', { name: 'Approve selected' });
    expect(approveSelected).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'Select reply 11' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select reply 12' }));
    expect(approveSelected).toBeDisabled();
    expect(screen.getByTestId('bulk-hint')).toHaveTextContent('Only replies held just because AI wrote them can be approved in bulk.');
    await user.click(screen.getByRole('checkbox', { name: 'Select reply 12' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select reply 13' }));
    expect(approveSelected).toBeEnabled();
    await user.click(approveSelected);
    await waitFor(() => expect(fake.Replies.ApproveMany).toHaveBeenCalledWith([11, 13]));
  });

  it('moves with j/k, approves with a, selects with x, opens edit with e and reject with r', async () => {
    const fake = fakeQueue();
    renderQueue();
    const list = await items();
    expect(list[0]).toHaveAttribute('data-focused', 'true');
    press('j');
    press('j');
    expect(screen.getAllByTestId('queue-item')[2]).toHaveAttribute('data-focused', 'true');
    press('k');
    expect(screen.getAllByTestId('queue-item')[1]).toHaveAttribute('data-focused', 'true');
    press('a');
    await waitFor(() => expect(fake.Replies.Approve).toHaveBeenCalledWith(12, { note: '' }));
    press('x');
    expect(screen.getByRole('checkbox', { name: 'Select reply 12' })).toBeChecked();
    press('e');
    expect(await screen.findByRole('textbox', { name: 'Reply text' })).toHaveValue('Le remboursement de 49 € est validé.');
    // Typing in the editor is not a shortcut.
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Reply text' }), { key: 'Escape' });
    press('r');
    expect(await screen.findByRole('dialog', { name: 'Reject this reply' })).toBeInTheDocument();
  });

  it('records a QA review', async () => {
    const fake = fakeQueue();
    const { user } = renderQueue('/approvals?tab=qa');
    const item = await screen.findByTestId('queue-item');
    expect(within(item).getByText('Automated')).toBeInTheDocument();
    const save = within(item).getByRole('button', { name: 'Save review' });
    expect(save).toBeDisabled();
    await user.click(within(item).getByRole('button', { name: 'Needs work' }));
    await user.type(within(item).getByRole('textbox', { name: 'Note' }), 'Too formal');
    await user.click(save);
    await waitFor(() => expect(fake.Replies.ReviewQA).toHaveBeenCalledWith(21, 'needs_work', 'Too formal'));
    expect(await screen.findByText(/Needs work, reviewed by Léa/)).toBeInTheDocument();
  });

  it('says when a tab is empty', async () => {
    fakeQueue();
    renderQueue('/approvals?tab=failed');
    expect(await screen.findByText('Nothing failed')).toBeInTheDocument();
  });
});
