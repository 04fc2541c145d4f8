import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { BackendRejection, installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import type { PublishAccount } from '../api/list-publish-accounts';
import { emptyDraft } from '../draft';
import { fakeCalendarBackend, postFixture, settingsFixture } from '../testing/fixtures';
import { PostEditorDrawer, type Editing } from './post-editor-drawer';

function renderEditor(editing: Editing, posts = [postFixture()], accounts: PublishAccount[] = []) {
  const backend = fakeCalendarBackend(posts, { accounts });
  const fake = installFakeDesktop(backend);
  const result = renderWithProviders(
    <PostEditorDrawer editing={editing} pillars={settingsFixture().pillars} onOpen={() => undefined} onClose={() => undefined} />,
  );
  return { ...result, fake, backend };
}

describe('PostEditor', () => {
  it('counts each channel’s caption live against its platform’s limit', async () => {
    const { user, fake } = renderEditor({ draft: emptyDraft('Europe/Paris', '2026-12-05T10:00') });
    const editor = await screen.findByTestId('post-editor');
    await user.type(within(editor).getByRole('textbox', { name: 'Title' }), 'Teaser');
    await user.click(within(editor).getByRole('checkbox', { name: 'Instagram' }));
    await user.click(within(editor).getByRole('checkbox', { name: 'Telegram' }));
    const caption = within(editor).getByRole('textbox', { name: 'Caption' });
    await user.type(caption, 'Hello 🌿');
    expect(within(editor).getByTestId('caption-counter-instagram')).toHaveAccessibleName('Instagram: 7 of 2,200 characters');
    expect(within(editor).getByTestId('caption-counter-telegram')).toHaveTextContent('7 / 4,096');

    // Over Instagram's 2,200 characters; and Telegram allows 1,024 under a photo or video.
    fireEvent.change(caption, { target: { value: 'x'.repeat(2201) } });
    expect(within(editor).getByTestId('caption-counter-instagram')).toHaveAttribute('data-over', 'true');
    expect(within(editor).getByTestId('caption-counter-instagram')).toHaveAccessibleName('Instagram: 2,201 characters, over the limit of 2,200');
    fireEvent.change(within(editor).getByRole('textbox', { name: 'Media files' }), { target: { value: '/videos/teaser.mp4' } });
    expect(within(editor).getByTestId('caption-counter-telegram')).toHaveTextContent('2,201 / 1,024');
    await user.click(within(editor).getByRole('button', { name: 'Create' }));
    expect(await within(editor).findByText("A caption is over its platform's limit: shorten it, or give that channel its own caption.")).toBeInTheDocument();
    expect(fake.Calendar.CreatePost).not.toHaveBeenCalled();

    // Their own, shorter captions fix it.
    for (const channel of ['Instagram', 'Telegram']) {
      await user.click(within(editor).getByRole('switch', { name: `Own caption for ${channel}` }));
      fireEvent.change(within(editor).getByRole('textbox', { name: `${channel} caption` }), { target: { value: `Short for ${channel}` } });
    }
    expect(within(editor).getByTestId('caption-counter-instagram')).not.toHaveAttribute('data-over');
    await user.click(within(editor).getByRole('button', { name: 'Create' }));
    await waitFor(() =>
      expect(fake.Calendar.CreatePost).toHaveBeenCalledWith(
        expect.objectContaining({
          title: 'Teaser',
          channels: ['instagram', 'telegram'],
          channel_captions: { instagram: 'Short for Instagram', telegram: 'Short for Telegram' },
          media_paths: ['/videos/teaser.mp4'],
          local: '2026-12-05T10:00',
          time_zone: 'Europe/Paris',
          force: false,
        }),
      ),
    );
  });

  it('asks for a title before sending anything', async () => {
    const { user, fake } = renderEditor({ draft: emptyDraft('Europe/Paris') });
    const editor = await screen.findByTestId('post-editor');
    await user.click(within(editor).getByRole('button', { name: 'Create' }));
    expect(within(editor).getByRole('textbox', { name: 'Title' })).toHaveAttribute('aria-invalid', 'true');
    expect(within(editor).getByText('Give the post a title.')).toBeInTheDocument();
    await user.type(within(editor).getByRole('textbox', { name: 'Tracked link (UTM)' }), 'maison.example');
    await user.type(within(editor).getByRole('textbox', { name: 'Title' }), 'Idea');
    await user.click(within(editor).getByRole('button', { name: 'Create' }));
    expect(within(editor).getByText('Write a web address starting with https://.')).toBeInTheDocument();
    expect(fake.Calendar.CreatePost).not.toHaveBeenCalled();
  });

  it('takes a caption through review: submit, approve with a note, schedule', async () => {
    const { user, fake } = renderEditor({ id: 1 });
    const editor = await screen.findByTestId('post-editor');
    await user.click(within(editor).getByRole('button', { name: 'Submit for review' }));
    await waitFor(() => expect(fake.Calendar.Submit).toHaveBeenCalledWith(1));
    expect(await within(editor).findByText('In review')).toBeInTheDocument();
    await user.type(within(editor).getByRole('textbox', { name: 'Note for the record (optional)' }), 'price checked');
    await user.click(within(editor).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(fake.Calendar.Approve).toHaveBeenCalledWith(1, 'price checked'));
    expect(await within(editor).findByTestId('approval-record')).toHaveTextContent('Approved by Camille');
    await user.click(within(editor).getByRole('button', { name: 'Schedule' }));
    await waitFor(() => expect(fake.Calendar.Schedule).toHaveBeenCalledWith(1));
    expect(await within(editor).findByText('Scheduled')).toBeInTheDocument();
  });

  it('rejects with a reason, which the author then sees', async () => {
    const { user, fake } = renderEditor({ id: 1 }, [postFixture({ status: 'in_review', submitted_by: 'Hugo' })]);
    const editor = await screen.findByTestId('post-editor');
    expect(within(editor).getByText('Submitted by Hugo')).toBeInTheDocument();
    await user.click(within(editor).getByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject the caption' });
    const reject = within(dialog).getByRole('button', { name: 'Reject' });
    expect(reject).toBeDisabled();
    await user.type(within(dialog).getByRole('textbox', { name: 'Why? The author will see it.' }), 'Mention the price');
    await user.click(reject);
    await waitFor(() => expect(fake.Calendar.Reject).toHaveBeenCalledWith(1, 'Mention the price'));
    expect(await within(editor).findByText('Mention the price')).toBeInTheDocument();
  });

  it('marks a caption the model drafted, edited or not, for whoever approves it', async () => {
    const backend = fakeCalendarBackend([postFixture()]);
    const text = 'Trois heures de coulage, une bougie. On vous montre tout ✨';
    const fake = installFakeDesktop({
      ...backend,
      Calendar: {
        ...backend.Calendar,
        DraftCaption: () => ({ channel: '', text, source: 'model', language: 'fr', length: 58, limit: 2200, over_limit: false, explanation: { text: 'Model caption', key: '', params: {} } }),
      },
      Replies: { CancelDraft: () => undefined },
      Model: { Get: () => ({ enabled: true, preset: 'ollama', base_url: 'http://localhost:11434/v1', model: 'llama3.2', temperature: 0.4, timeout_seconds: 60, brand_voice: '', has_key: false }) },
    });
    const { user } = renderWithProviders(
      <PostEditorDrawer editing={{ id: 1 }} pillars={settingsFixture().pillars} onOpen={() => undefined} onClose={() => undefined} />,
    );
    const editor = await screen.findByTestId('post-editor');
    expect(within(editor).queryByTestId('ai-badge')).not.toBeInTheDocument();
    await user.click(within(editor).getByRole('button', { name: 'Draft caption' }));
    const item = await screen.findByRole('menuitem', { name: 'With the AI model (llama3.2)' });
    await waitFor(() => expect(item).toBeEnabled());
    await user.click(item);
    await waitFor(() => expect(within(editor).getByRole('textbox', { name: 'Caption' })).toHaveValue(text));
    expect(within(editor).getByTestId('ai-badge')).toHaveTextContent('AI-assisted');

    // A person's edit keeps the mark; saving sends it with the text.
    await user.type(within(editor).getByRole('textbox', { name: 'Caption' }), ' Vraiment.');
    await user.click(within(editor).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(fake.Calendar.UpdatePost).toHaveBeenCalledWith(1, expect.objectContaining({ caption: `${text} Vraiment.`, caption_source: 'model' })),
    );
    expect(within(editor).getByTestId('ai-badge')).toBeInTheDocument();
  });

  it('asks before closing with unsaved changes', async () => {
    installFakeDesktop(fakeCalendarBackend([postFixture()]));
    const onClose = vi.fn();
    const { user } = renderWithProviders(<PostEditorDrawer editing={{ id: 1 }} pillars={settingsFixture().pillars} onOpen={() => undefined} onClose={onClose} />);
    const editor = await screen.findByTestId('post-editor');
    await user.type(within(editor).getByRole('textbox', { name: 'Title' }), ' !');
    await user.click(screen.getByRole('button', { name: 'Close' }));
    await user.click(await screen.findByRole('button', { name: 'Discard' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('holds the workflow until changes are saved', async () => {
    const { user } = renderEditor({ id: 1 });
    const editor = await screen.findByTestId('post-editor');
    await user.type(within(editor).getByRole('textbox', { name: 'Caption' }), ' Encore.');
    expect(within(editor).getByRole('button', { name: 'Submit for review' })).toBeDisabled();
    expect(within(editor).getByText('Save your changes before moving the post on.')).toBeInTheDocument();
  });

  it('explains a time that does not exist and offers the next one', async () => {
    const { user, fake } = renderEditor({ id: 1 });
    fake.Calendar.UpdatePost.mockImplementationOnce(() =>
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      Promise.reject(
        new BackendRejection({
          code: 'EINVALID',
          message: '2027-03-28T02:30 does not exist in Europe/Paris: the clocks go forward then. The next valid time is 2027-03-28T03:00.',
          key: 'post_time_gap',
          params: { local: '2027-03-28T02:30', time_zone: 'Europe/Paris', next: '2027-03-28T03:00' },
        }).payload,
      ),
    );
    const editor = await screen.findByTestId('post-editor');
    fireEvent.change(within(editor).getByLabelText('Date and time'), { target: { value: '2027-03-28T02:30' } });
    await user.click(within(editor).getByRole('button', { name: 'Save' }));
    expect(
      await within(editor).findByText('2027-03-28T02:30 does not exist in Europe/Paris: the clocks go forward then. The next valid time is 2027-03-28T03:00.'),
    ).toBeInTheDocument();
    await user.click(within(editor).getByRole('button', { name: 'Use 2027-03-28 03:00 instead' }));
    expect(within(editor).getByLabelText('Date and time')).toHaveValue('2027-03-28T03:00');
  });

  it('publishes a channel through the account chosen among its platform’s, or back through the default', async () => {
    const accounts: PublishAccount[] = [
      { id: 3, name: 'maison-page', platform: 'facebook', status: 'active' },
      { id: 4, name: 'maison.insta', platform: 'instagram', status: 'active' },
      { id: 5, name: 'atelier-page', platform: 'facebook', status: 'active' },
    ];
    const { user, fake } = renderEditor({ id: 1 }, [postFixture({ channels: ['instagram', 'facebook'] })], accounts);
    const editor = await screen.findByTestId('post-editor');
    const picker = await within(editor).findByRole('textbox', { name: 'Publish as (Facebook)' });
    expect(picker).toHaveValue('Default: maison-page');
    // A single Instagram account leaves nothing to choose.
    expect(within(editor).queryByTestId('post-account-instagram')).not.toBeInTheDocument();

    await user.click(picker);
    await user.click(await screen.findByRole('option', { name: 'atelier-page' }));
    await user.click(within(editor).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.Calendar.UpdatePost).toHaveBeenCalledWith(1, { accounts: { facebook: 5 } }));
    await waitFor(() => expect(within(editor).getByRole('button', { name: 'Save' })).toBeDisabled());
    expect(picker).toHaveValue('atelier-page');

    await user.click(picker);
    await user.click(await screen.findByRole('option', { name: 'Default: maison-page' }));
    await user.click(within(editor).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.Calendar.UpdatePost).toHaveBeenLastCalledWith(1, { accounts: {} }));
    expect(fake.Calendar.UpdatePost).toHaveBeenCalledTimes(2);
  });

  it('names inactive and removed accounts, and defaults to the oldest active one', async () => {
    const accounts: PublishAccount[] = [
      { id: 3, name: 'maison-page', platform: 'facebook', status: 'paused' },
      { id: 5, name: 'atelier-page', platform: 'facebook', status: 'active' },
    ];
    const removed = postFixture({ id: 1, channels: ['facebook'], accounts: { facebook: 9 } });
    const { user } = renderEditor({ id: 1 }, [removed], accounts);
    const editor = await screen.findByTestId('post-editor');
    const picker = await within(editor).findByRole('textbox', { name: 'Publish as (Facebook)' });
    expect(picker).toHaveValue('Account 9 (removed)');
    await user.click(picker);
    const options = await screen.findAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(['Default: atelier-page', 'maison-page (paused)', 'atelier-page', 'Account 9 (removed)']);
  });

  it('keeps the picker of a removed account on a platform left with one, to put it back on the default', async () => {
    const accounts: PublishAccount[] = [{ id: 5, name: 'atelier-page', platform: 'facebook', status: 'active' }];
    const { user, fake } = renderEditor({ id: 1 }, [postFixture({ channels: ['facebook'], accounts: { facebook: 9 } })], accounts);
    const editor = await screen.findByTestId('post-editor');
    const picker = await within(editor).findByRole('textbox', { name: 'Publish as (Facebook)' });
    expect(picker).toHaveValue('Account 9 (removed)');
    await user.click(picker);
    await user.click(await screen.findByRole('option', { name: 'Default: atelier-page' }));
    expect(picker).toHaveValue('Default: atelier-page');
    await user.click(within(editor).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.Calendar.UpdatePost).toHaveBeenCalledWith(1, { accounts: {} }));
    // Saved on the default, with one account: nothing left to choose.
    await waitFor(() => expect(within(editor).queryByTestId('post-account-facebook')).not.toBeInTheDocument());
  });

  it('locks the account once the post is published', async () => {
    const accounts: PublishAccount[] = [
      { id: 3, name: 'maison-page', platform: 'facebook', status: 'active' },
      { id: 5, name: 'atelier-page', platform: 'facebook', status: 'active' },
    ];
    renderEditor({ id: 1 }, [postFixture({ channels: ['facebook'], accounts: { facebook: 5 }, status: 'published' })], accounts);
    const editor = await screen.findByTestId('post-editor');
    const picker = await within(editor).findByRole('textbox', { name: 'Publish as (Facebook)' });
    expect(picker).toHaveValue('atelier-page');
    expect(picker).toBeDisabled();
  });

  it('says through which account each channel went out', async () => {
    const accounts: PublishAccount[] = [{ id: 5, name: 'atelier-page', platform: 'facebook', status: 'active' }];
    const published = postFixture({
      channels: ['facebook', 'telegram'],
      status: 'published',
      published_at: '2026-11-28T09:30:00Z',
      publications: [
        { channel: 'facebook', state: 'published', at: '2026-11-28T09:30:00Z', external_id: '1_2', url: 'https://facebook.example/1_2', account_id: 5 },
        { channel: 'telegram', state: 'published', at: '2026-11-28T09:30:00Z', external_id: '7', account_id: 8 },
      ],
    });
    renderEditor({ id: 1 }, [published], accounts);
    const editor = await screen.findByTestId('post-editor');
    await waitFor(() => expect(within(editor).getByTestId('publication-facebook')).toHaveTextContent('through atelier-page'));
    // An account removed since still says which one it was.
    expect(within(editor).getByTestId('publication-telegram')).toHaveTextContent('through Account 8 (removed)');
  });
});
