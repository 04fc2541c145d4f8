import { act, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { BackendRejection, installFakeDesktop } from '@/testing/fake-desktop';
import { installFakeEvents } from '@/testing/fake-events';
import { renderWithProviders } from '@/testing/render';
import type { CaptionDraft, CaptionRequest } from '../types';
import { CaptionDrafter } from './caption-drafter';

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

function draft(overrides: Partial<CaptionDraft> = {}): CaptionDraft {
  return {
    channel: 'instagram',
    text: '🎬 Premier allumage\n\nDites-nous en commentaire ce que vous aimeriez voir ensuite !\n\n#SavoirFaire',
    source: 'builtin',
    language: 'fr',
    length: 87,
    limit: 2200,
    over_limit: false,
    explanation: { text: 'Built-in caption', key: 'caption_explain_builtin', params: { limit: '2200' } },
    ...overrides,
  };
}

function Field({ postId = 7 as number | null, initial = 'Ancienne légende' }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <textarea aria-label="Caption field" value={value} readOnly />
      <CaptionDrafter postId={postId} channel="instagram" dirty={false} value={value} onText={setValue} />
    </>
  );
}

function fake(draftCaption: (request: CaptionRequest) => unknown, modelEnabled = true) {
  return installFakeDesktop({
    Calendar: { DraftCaption: draftCaption },
    Replies: { CancelDraft: () => undefined },
    Model: { Get: () => ({ enabled: modelEnabled, preset: 'ollama', base_url: 'http://localhost:11434/v1', model: 'llama3.2', temperature: 0.4, timeout_seconds: 60, brand_voice: '', has_key: false }) },
  });
}

describe('CaptionDrafter', () => {
  it('fills the field with the built-in caption and says how it was written', async () => {
    const backend = fake(() => draft());
    const { user } = renderWithProviders(<Field />);
    await user.click(screen.getByRole('button', { name: 'Draft the Instagram caption' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Built-in drafter (offline)' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Caption field' })).toHaveValue(draft().text));
    expect(backend.Calendar.DraftCaption).toHaveBeenCalledWith({ post_id: 7, channel: 'instagram', model: false, stream_id: '' });
    expect(screen.getByTestId('caption-explanation')).toHaveTextContent('Built-in caption for this format and goal, within 2200 characters.');
  });

  it('streams a model caption into the field, and says when it runs over the limit', async () => {
    const pending = deferred<CaptionDraft>();
    const backend = fake(() => pending.promise);
    const events = installFakeEvents();
    const { user } = renderWithProviders(<Field />);
    await user.click(screen.getByRole('button', { name: 'Draft the Instagram caption' }));
    const item = await screen.findByRole('menuitem', { name: 'With the AI model (llama3.2)' });
    await waitFor(() => expect(item).toBeEnabled());
    await user.click(item);
    await waitFor(() => expect(backend.Calendar.DraftCaption).toHaveBeenCalled());
    const request = backend.Calendar.DraftCaption.mock.calls[0]?.[0] as CaptionRequest;
    expect(request).toMatchObject({ post_id: 7, channel: 'instagram', model: true });
    act(() => {
      events.emit('draft:delta', { stream_id: request.stream_id, delta: 'Trois heures' });
      events.emit('draft:delta', { stream_id: 'other', delta: ' NOPE' });
      events.emit('draft:delta', { stream_id: request.stream_id, delta: ' de coulage' });
    });
    expect(screen.getByRole('textbox', { name: 'Caption field' })).toHaveValue('Trois heures de coulage');
    await act(async () => {
      pending.resolve(
        draft({ text: 'Trois heures de coulage', source: 'model', length: 2301, over_limit: true, explanation: { text: 'Written by llama3.2', key: 'draft_explain_model', params: { model: 'llama3.2', server: 'localhost:11434' } } }),
      );
      await Promise.resolve();
    });
    expect(await screen.findByTestId('caption-explanation')).toHaveTextContent(
      'Written by llama3.2 at localhost:11434. It is 2301 characters, over the limit of 2200: shorten it before review.',
    );
    expect(events.listeners('draft:delta')).toBe(0);
  });

  it('puts the field back when the model fails, with the reason', async () => {
    fake(() => {
      throw new BackendRejection({ code: 'EUNAVAILABLE', message: 'Nothing answers at http://localhost:11434/v1. Is Ollama running?' });
    });
    const { user } = renderWithProviders(<Field />);
    await user.click(screen.getByRole('button', { name: 'Draft the Instagram caption' }));
    const item = await screen.findByRole('menuitem', { name: 'With the AI model (llama3.2)' });
    await waitFor(() => expect(item).toBeEnabled());
    await user.click(item);
    expect(await screen.findByRole('alert')).toHaveTextContent('Is Ollama running?');
    expect(screen.getByRole('textbox', { name: 'Caption field' })).toHaveValue('Ancienne légende');
  });

  it('needs a saved post, and offers the model only when it is on', async () => {
    fake(() => draft(), false);
    const { unmount } = renderWithProviders(<Field postId={null} />);
    expect(screen.getByRole('button', { name: 'Draft the Instagram caption' })).toBeDisabled();
    unmount();
    const second = renderWithProviders(<Field />);
    await second.user.click(screen.getByRole('button', { name: 'Draft the Instagram caption' }));
    expect(await screen.findByRole('menuitem', { name: 'AI model off: turn it on in Settings → AI model' })).toBeDisabled();
  });
});
