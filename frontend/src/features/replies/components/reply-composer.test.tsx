import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BackendRejection, installFakeDesktop } from '@/testing/fake-desktop';
import { installFakeEvents } from '@/testing/fake-events';
import { renderWithProviders } from '@/testing/render';
import { replyFixture, templateFixture } from '../testing/fixtures';
import type { ApprovalDecision, NewDraft, Reply, ReplyFilter, SubmitReply } from '../types';
import { ReplyComposer } from './reply-composer';

const conversation = { id: 1, platform: 'instagram', language: 'fr', sandbox: false };

const noReasons: ApprovalDecision = { needs_approval: false, reasons: [], autopilot: false, missing: [], rendered: '' };

interface FakeOptions {
  outbox?: Reply[];
  drafts?: Reply[];
  modelEnabled?: boolean;
  createDraft?: (draft: NewDraft) => unknown;
  check?: (id: number, text: string) => ApprovalDecision;
  submit?: (id: number, submit: SubmitReply) => Reply;
}

function fakeReplies(options: FakeOptions = {}) {
  let nextId = 200;
  return installFakeDesktop({
    Replies: {
      List: (filter: ReplyFilter) => ({
        replies: filter.states?.includes('draft') === true ? (options.drafts ?? []) : (options.outbox ?? []),
        next: 0,
      }),
      CreateDraft:
        options.createDraft ?? ((draft: NewDraft) => replyFixture({ id: (nextId += 1), conversation_id: draft.conversation_id, text: '' })),
      UpdateDraft: (id: number, text: string) => replyFixture({ id, text }),
      Check: options.check ?? (() => noReasons),
      Submit: options.submit ?? ((id: number, submit: SubmitReply) => replyFixture({ id, text: submit.text, state: 'queued' })),
      Discard: (id: number) => replyFixture({ id, state: 'discarded' }),
      CancelDraft: () => undefined,
      Retry: (id: number) => replyFixture({ id, state: 'queued' }),
      ResolveInDoubt: (id: number, sent: boolean) => replyFixture({ id, state: sent ? 'sent' : 'queued' }),
    },
    Templates: {
      List: () => [templateFixture(), templateFixture({ id: 'welcome.menu.fr', name: 'Menu de bienvenue', category: 'welcome' })],
    },
    Model: {
      Get: () => ({ enabled: options.modelEnabled ?? false, preset: 'ollama', base_url: 'http://localhost:11434/v1', model: 'llama3.2', temperature: 0.4, timeout_seconds: 60, brand_voice: '', has_key: false }),
    },
  });
}

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('ReplyComposer', () => {
  it('fills the text from the template picked, for the conversation’s platform and language', async () => {
    const fake = fakeReplies({
      createDraft: (draft: NewDraft) =>
        replyFixture({ id: 300, source: 'template', template_id: draft.template_id ?? '', text: 'Bonjour Camille, votre commande 1234 est en route.' }),
    });
    const { user } = renderWithProviders(<ReplyComposer conversation={conversation} />);
    await waitFor(() => expect(fake.Templates.List).toHaveBeenCalledWith({ channel: 'instagram', language: 'fr' }));
    await user.click(await screen.findByRole('textbox', { name: 'Insert a template' }));
    await user.click(await screen.findByRole('option', { name: 'Retard de livraison' }));
    await waitFor(() =>
      expect(fake.Replies.CreateDraft).toHaveBeenCalledWith({ conversation_id: 1, mode: 'template', template_id: 'order_support.delivery.fr' }),
    );
    expect(await screen.findByRole('textbox', { name: 'Reply' })).toHaveValue('Bonjour Camille, votre commande 1234 est en route.');
  });

  it('explains a built-in draft in the interface language', async () => {
    const fake = fakeReplies({
      createDraft: () =>
        replyFixture({
          id: 301,
          source: 'template',
          text: 'Bonjour Camille, je regarde où en est votre colis.',
          explanation: {
            text: 'Order support template in French for an Instagram DM, because the message is about a delivery problem.',
            key: 'draft_explanation_issue',
            params: { category: 'order_support', language: 'fr', platform: 'instagram', kind: 'dm', issue: 'delivery' },
          },
        }),
    });
    const { user } = renderWithProviders(<ReplyComposer conversation={conversation} />);
    await user.click(await screen.findByRole('button', { name: 'Draft' }));
    await waitFor(() => expect(fake.Replies.CreateDraft).toHaveBeenCalledWith({ conversation_id: 1, mode: 'builtin' }));
    expect(await screen.findByTestId('draft-explanation')).toHaveTextContent(
      'Order support template, in French, for this Instagram DM. The message is about a delivery problem.',
    );
    expect(screen.getByRole('textbox', { name: 'Reply' })).toHaveValue('Bonjour Camille, je regarde où en est votre colis.');
  });

  it('shows why nothing could be drafted', async () => {
    fakeReplies({
      createDraft: () => {
        throw new BackendRejection({ code: 'ENOTFOUND', message: 'No reply is drafted for spam.', key: 'draft_none_spam' });
      },
    });
    const { user } = renderWithProviders(<ReplyComposer conversation={conversation} />);
    await user.click(await screen.findByRole('button', { name: 'Draft' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No reply is drafted for spam.');
  });

  it('creates a blank draft on the first key, then checks the text live: reasons, missing tokens, length', async () => {
    const fake = fakeReplies({
      check: (_id: number, text: string) => ({
        needs_approval: true,
        autopilot: false,
        reasons: [{ kind: 'money', detail: 'matched "49 €"', key: 'approval_reason_money', params: { matches: '49 €' } }],
        missing: text.includes('{order_id}') ? ['order_id'] : [],
        rendered: text,
      }),
    });
    const { user } = renderWithProviders(<ReplyComposer conversation={conversation} />);
    const box = await screen.findByRole('textbox', { name: 'Reply' });
    await user.type(box, 'Remboursement de 49 € pour {{order_id}');
    await waitFor(() => expect(fake.Replies.CreateDraft).toHaveBeenCalledWith({ conversation_id: 1, mode: 'blank' }));
    expect(fake.Replies.CreateDraft).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(fake.Replies.Check).toHaveBeenLastCalledWith(201, 'Remboursement de 49 € pour {order_id}'));
    const check = await screen.findByTestId('approval-check');
    expect(within(check).getByText('Mentions money: 49 €')).toBeInTheDocument();
    expect(await screen.findByTestId('missing-tokens')).toHaveTextContent('{order_id} has no value: fill it before sending');
    expect(screen.getByTestId('character-count')).toHaveTextContent('37 / 5000 characters');
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    // The edits are saved too, after a pause.
    await waitFor(() => expect(fake.Replies.UpdateDraft).toHaveBeenCalledWith(201, 'Remboursement de 49 € pour {order_id}'), { timeout: 2000 });
  });

  it('says a submitted reply went to the approval queue, with the reasons', async () => {
    const reasons = [{ kind: 'refund' as const, detail: 'matched "remboursement"', key: 'approval_reason_refund', params: { matches: 'remboursement' } }];
    const fake = fakeReplies({
      submit: (id: number, submit: SubmitReply) => replyFixture({ id, text: submit.text, state: 'pending_approval', needs_approval: true, reasons }),
    });
    const { user } = renderWithProviders(<ReplyComposer conversation={conversation} />);
    const box = await screen.findByRole('textbox', { name: 'Reply' });
    await user.type(box, 'Votre remboursement est validé.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(fake.Replies.Submit).toHaveBeenCalledWith(201, { text: 'Votre remboursement est validé.', request_approval: false }));
    const notice = await screen.findByTestId('sent-to-approval');
    expect(notice).toHaveTextContent('Sent to the approval queue');
    expect(within(notice).getByText('Refund or return: remboursement')).toBeInTheDocument();
    expect(box).toHaveValue('');
  });

  it('submits for approval on request', async () => {
    const fake = fakeReplies({
      submit: (id: number, submit: SubmitReply) => replyFixture({ id, text: submit.text, state: 'pending_approval', reasons: [] }),
    });
    const { user } = renderWithProviders(<ReplyComposer conversation={conversation} />);
    await user.type(await screen.findByRole('textbox', { name: 'Reply' }), 'Bonjour !');
    await user.click(screen.getByRole('button', { name: 'Submit for approval' }));
    await waitFor(() => expect(fake.Replies.Submit).toHaveBeenCalledWith(201, { text: 'Bonjour !', request_approval: true }));
    expect(await screen.findByTestId('sent-to-approval')).toHaveTextContent('It goes out once a person approves it, as you asked.');
  });

  it('streams a model draft into the text, in order, and cancels it', async () => {
    const pending = deferred<Reply>();
    const order: string[] = [];
    const fake = fakeReplies({
      modelEnabled: true,
      createDraft: () => {
        order.push('create');
        return pending.promise;
      },
    });
    const events = installFakeEvents();
    const { user } = renderWithProviders(<ReplyComposer conversation={conversation} />);
    const button = await screen.findByRole('button', { name: 'Draft with AI' });
    await waitFor(() => expect(button).toBeEnabled());
    const subscribed = events.subscriptions.length;
    await user.click(button);
    await waitFor(() => expect(fake.Replies.CreateDraft).toHaveBeenCalled());
    // It listened before it asked.
    expect(events.subscriptions.slice(subscribed)).toContain('draft:delta');
    expect(events.listeners('draft:delta')).toBe(1);
    const request = fake.Replies.CreateDraft.mock.calls[0]?.[0] as NewDraft;
    expect(request).toMatchObject({ conversation_id: 1, mode: 'model' });
    const streamId = request.stream_id ?? '';
    expect(streamId).not.toBe('');

    act(() => {
      events.emit('draft:delta', { stream_id: streamId, delta: 'Bonjour' });
      events.emit('draft:delta', { stream_id: 'another-stream', delta: ' NOPE' });
      events.emit('draft:delta', { stream_id: streamId, delta: ' Camille,' });
      events.emit('draft:delta', { stream_id: streamId, delta: ' merci !' });
    });
    const box = screen.getByRole('textbox', { name: 'Reply' });
    expect(box).toHaveValue('Bonjour Camille, merci !');

    await user.click(screen.getByRole('button', { name: 'Cancel AI draft' }));
    expect(fake.Replies.CancelDraft).toHaveBeenCalledWith(streamId);
    await act(async () => {
      pending.reject({ code: 'ECONFLICT', message: 'The draft was cancelled.', key: 'model_cancelled' });
      await Promise.resolve();
    });
    // A cancelled model text is not kept, and nobody listens any more.
    await waitFor(() => expect(box).toHaveValue(''));
    expect(events.listeners('draft:delta')).toBe(0);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(order).toEqual(['create']);
  });

  it('keeps the finished model draft, marked as AI-written by the backend', async () => {
    const pending = deferred<Reply>();
    fakeReplies({ modelEnabled: true, createDraft: () => pending.promise });
    const events = installFakeEvents();
    const { user } = renderWithProviders(<ReplyComposer conversation={conversation} />);
    const button = await screen.findByRole('button', { name: 'Draft with AI' });
    await waitFor(() => expect(button).toBeEnabled());
    await user.click(button);
    act(() => events.emit('draft:delta', { stream_id: 'x', delta: 'ignored' }));
    await act(async () => {
      pending.resolve(
        replyFixture({
          id: 400,
          source: 'model',
          ai_generated: true,
          text: 'Bonjour Camille, merci pour votre message !',
          explanation: { text: 'Written by llama3.2 at localhost', key: 'draft_explain_model', params: { model: 'llama3.2', server: 'localhost:11434' } },
        }),
      );
      await Promise.resolve();
    });
    expect(await screen.findByRole('textbox', { name: 'Reply' })).toHaveValue('Bonjour Camille, merci pour votre message !');
    expect(screen.getByTestId('draft-explanation')).toHaveTextContent('Written by llama3.2 on localhost:11434.');
    expect(screen.getByTestId('ai-badge')).toHaveTextContent('AI-assisted');
  });

  it('offers the model only when it is on', async () => {
    fakeReplies({ modelEnabled: false });
    const { user } = renderWithProviders(<ReplyComposer conversation={conversation} />);
    const button = await screen.findByRole('button', { name: 'Draft with AI' });
    expect(button).toBeDisabled();
    await user.hover(screen.getByTestId('draft-model'));
    expect(await screen.findByText('The AI model is off: turn it on in Settings to draft with AI.')).toBeInTheDocument();
  });

  it('saves the last keystrokes when the conversation closes', async () => {
    const fake = fakeReplies();
    const { user, unmount } = renderWithProviders(<ReplyComposer conversation={conversation} />);
    await user.type(await screen.findByRole('textbox', { name: 'Reply' }), 'Bonjour');
    await waitFor(() => expect(fake.Replies.CreateDraft).toHaveBeenCalled());
    await waitFor(() => expect(screen.getByTestId('reply-composer')).toBeInTheDocument());
    unmount();
    expect(fake.Replies.UpdateDraft).toHaveBeenCalledWith(201, 'Bonjour');
  });

  it('resumes the conversation’s unsent draft', async () => {
    fakeReplies({ drafts: [replyFixture({ id: 150, text: 'Bonjour, je reviens vers vous' })] });
    renderWithProviders(<ReplyComposer conversation={conversation} />);
    expect(await screen.findByRole('textbox', { name: 'Reply' })).toHaveValue('Bonjour, je reviens vers vous');
  });

  it('lists the replies on their way or in trouble, with a sandbox badge and what to do', async () => {
    const fake = fakeReplies({
      outbox: [
        replyFixture({ id: 1, state: 'queued', sandbox: true, text: 'Merci !', queued_at: '2026-11-28T09:06:00Z' }),
        replyFixture({
          id: 2,
          state: 'failed',
          text: 'Votre colis arrive demain.',
          last_error: { code: 'EINVALID', message: 'The message is too long for Instagram.' },
          ai_generated: true,
        }),
        replyFixture({ id: 3, state: 'in_doubt', text: 'Bonne journée !' }),
        replyFixture({
          id: 4,
          state: 'blocked',
          automated: true,
          text: 'Réponse automatisée : bonjour',
          last_error: { code: 'EFORBIDDEN', message: 'Not sent: the contact opted out of automated messages.', key: 'consent_opted_out' },
        }),
      ],
    });
    const { user } = renderWithProviders(<ReplyComposer conversation={conversation} />);
    let items = await screen.findAllByTestId('outbox-item');
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByRole('note', { name: 'Sandbox channel: recorded, not really sent' })).toBeInTheDocument();
    expect(within(items[1]!).getByText('AI-assisted')).toBeInTheDocument();
    expect(within(items[1]!).getByTestId('reply-error')).toHaveTextContent('The message is too long for Instagram.');
    await user.click(within(items[1]!).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(fake.Replies.Retry).toHaveBeenCalledWith(2));
    await user.click(screen.getByRole('button', { name: 'Show all 4' }));
    items = screen.getAllByTestId('outbox-item');
    expect(items).toHaveLength(4);
    expect(within(items[2]!).getByText('Tend stopped while sending: check on the platform whether it went out.')).toBeInTheDocument();
    await user.click(within(items[2]!).getByRole('button', { name: 'It was sent' }));
    await waitFor(() => expect(fake.Replies.ResolveInDoubt).toHaveBeenCalledWith(3, true));
    expect(within(items[3]!).getByTestId('reply-blocked')).toHaveTextContent('Not sent: the contact opted out of automated messages.');
  });
});
