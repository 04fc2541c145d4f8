import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { fakeReviewCalendar, reviewPost } from '../testing/post-fixtures';
import type { ReviewPost } from '../types';
import { ApprovalQueue } from './approval-queue';

const older = reviewPost({
  id: 7,
  title: 'Offre de Noël',
  pillar: 'promotions',
  format: 'carousel',
  channels: ['instagram', 'telegram'],
  caption: 'Jusqu’à -20 % sur les poêles.',
  channel_captions: { telegram: 'x'.repeat(1100) },
  media_paths: ['/home/camille/noel.jpg'],
  submitted_by: 'Léa',
  submitted_at: '2026-11-27T08:00:00Z',
  caption_source: 'model',
});
const newer = reviewPost({ id: 9, submitted_at: '2026-11-28T09:00:00Z', caption_source: 'builtin' });
const undated = reviewPost({ id: 12, title: 'Idée sans date', scheduled_at: null, pillar: '', submitted_by: '', submitted_at: '2026-11-26T10:00:00Z' });

const accounts = [
  { id: 3, name: 'maison-page', platform: 'facebook', status: 'active' },
  { id: 5, name: 'atelier-page', platform: 'facebook', status: 'active' },
];

function fakeBackend(posts: ReviewPost[] = [older, newer, undated]) {
  const calendar = fakeReviewCalendar(posts);
  const fake = installFakeDesktop({
    Calendar: calendar.bindings,
    Accounts: { List: () => accounts },
    Replies: {
      Counts: () => ({ pending_approval: 2, qa_pending: 0, failed: 0, in_doubt: 0, queued: 0 }),
      List: () => ({ replies: [], next: 0 }),
    },
  });
  return { fake, calendar };
}

function renderPosts() {
  const router = createMemoryRouter(
    [
      { path: '/approvals', element: <ApprovalQueue /> },
      { path: '/calendar', element: <p>calendar</p> },
    ],
    { initialEntries: ['/approvals?tab=posts'] },
  );
  return { ...renderWithProviders(<RouterProvider router={router} />), router };
}

async function items() {
  const list = await screen.findByTestId('approval-posts');
  await waitFor(() => expect(within(list).getAllByRole('article')).toHaveLength(3));
  return within(list).getAllByRole('article');
}

const press = (key: string) => fireEvent.keyDown(document.body, { key });

describe('the posts in review', () => {
  it('lists every post in review, newest submission first, with its captions against their limits', async () => {
    const { fake } = fakeBackend();
    renderPosts();
    const list = await items();
    expect(list.map((item) => item.dataset.testid)).toEqual(['approval-post-9', 'approval-post-7', 'approval-post-12']);
    expect(fake.Calendar.ListPosts).toHaveBeenCalledWith({ statuses: ['in_review'] });
    expect(screen.getByRole('tab', { name: /Posts/ })).toHaveTextContent('3');

    const offer = screen.getByTestId('approval-post-7');
    expect(within(offer).getByText('Offre de Noël')).toBeInTheDocument();
    expect(within(offer).getByRole('img', { name: 'Instagram' })).toBeInTheDocument();
    expect(within(offer).getByRole('img', { name: 'Telegram' })).toBeInTheDocument();
    // 17:00 UTC on the post's own clock, with its zone named.
    expect(within(offer).getByTestId('approval-post-when')).toHaveTextContent(/Dec 1, 2026.*6:00\sPM \(Europe\/Paris\)/);
    expect(within(offer).getByTestId('approval-post-pillar')).toHaveTextContent('Offres');
    expect(within(offer).getByText('Carousel')).toBeInTheDocument();
    expect(within(offer).getByText(/Submitted by Léa/)).toBeInTheDocument();
    // Who wrote the captions: here the model (a person may have edited them since).
    expect(within(offer).getByTestId('ai-badge')).toHaveTextContent('AI-assisted');
    // Each channel's caption: Instagram's common one, Telegram's own under the media limit.
    expect(within(offer).getByText('Jusqu’à -20 % sur les poêles.')).toBeInTheDocument();
    expect(within(offer).getByTestId('caption-count-instagram')).toHaveTextContent('Instagram: 29 / 2,200');
    expect(within(offer).getByTestId('caption-count-instagram')).not.toHaveAttribute('data-over');
    const telegram = within(offer).getByTestId('caption-count-telegram');
    expect(telegram).toHaveAttribute('data-over', 'true');
    expect(telegram).toHaveTextContent('Telegram: 1,100 / 1,024, over the Telegram limit of 1,024 characters');
    expect(within(offer).getByTestId('approval-post-over')).toBeInTheDocument();
    expect(within(offer).getByRole('button', { name: 'Approve' })).toBeDisabled();

    // Channels sharing the common caption share its box.
    const tuto = screen.getByTestId('approval-post-9');
    expect(within(tuto).getAllByTestId('approval-post-caption')).toHaveLength(1);
    expect(within(tuto).getByTestId('caption-count-tiktok')).toHaveTextContent('TikTok: 38 / 2,200');
    expect(within(tuto).getByTestId('approval-post-pillar')).toHaveTextContent('Savoir-faire');
    expect(within(tuto).getByText('Short video')).toBeInTheDocument();
    expect(within(tuto).getByTestId('builtin-badge')).toHaveTextContent('Drafted by Tend');
    expect(within(tuto).queryByTestId('ai-badge')).not.toBeInTheDocument();

    const idea = screen.getByTestId('approval-post-12');
    expect(within(idea).getByTestId('approval-post-when')).toHaveTextContent('No date yet');
    expect(within(idea).getByTestId('approval-post-pillar')).toHaveTextContent('No pillar');
    expect(within(idea).getByText(/^Submitted /)).toBeInTheDocument();
    expect(within(idea).queryByTestId('ai-badge')).not.toBeInTheDocument();
    expect(within(idea).queryByTestId('builtin-badge')).not.toBeInTheDocument();
  });

  it('says which account a channel publishes through when the post chose one', async () => {
    const { fake } = fakeBackend([reviewPost({ id: 4, channels: ['instagram', 'facebook', 'telegram'], accounts: { facebook: 5, telegram: 8 } }), newer]);
    renderPosts();
    const post = await screen.findByTestId('approval-post-4');
    expect(await within(post).findByTestId('approval-post-account-facebook')).toHaveTextContent('Facebook as atelier-page');
    // An account removed since is named by its id; Instagram goes out through its default.
    expect(within(post).getByTestId('approval-post-account-telegram')).toHaveTextContent('Telegram as account 8');
    expect(within(post).queryByTestId('approval-post-account-instagram')).not.toBeInTheDocument();
    // A post on its platforms' defaults names no account.
    expect(within(screen.getByTestId('approval-post-9')).queryByRole('group', { name: 'Publishing accounts' })).not.toBeInTheDocument();
    expect(fake.Accounts.List).toHaveBeenCalledTimes(1);
  });

  it('approves a post with the note written for it', async () => {
    const { fake } = fakeBackend();
    const { user } = renderPosts();
    await items();
    const tuto = screen.getByTestId('approval-post-9');
    await user.type(within(tuto).getByRole('textbox', { name: 'Approval note (optional)' }), 'Checked with the legal team');
    await user.click(within(tuto).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(fake.Calendar.Approve).toHaveBeenCalledWith(9, 'Checked with the legal team'));
    expect(await screen.findByText('“Tuto : premier allumage” is approved: it can be scheduled.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('approval-post-9')).not.toBeInTheDocument());
    expect(screen.getByTestId('approval-post-7')).toBeInTheDocument();
  });

  it('asks for a reason before rejecting a post', async () => {
    const { fake } = fakeBackend();
    const { user } = renderPosts();
    await items();
    await user.click(within(screen.getByTestId('approval-post-9')).getByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject this caption' });
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    expect(await within(dialog).findByText('Give a reason to reject the caption.')).toBeInTheDocument();
    expect(fake.Calendar.Reject).not.toHaveBeenCalled();
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'The stove model is wrong');
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(fake.Calendar.Reject).toHaveBeenCalledWith(9, 'The stove model is wrong'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('“Tuto : premier allumage” went back to draft.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('approval-post-9')).not.toBeInTheDocument());
  });

  it('moves with j/k, approves with a (not over the limit) and rejects with r', async () => {
    const { fake } = fakeBackend();
    renderPosts();
    const list = await items();
    expect(list[0]).toHaveAttribute('data-focused', 'true');
    press('j');
    expect(screen.getByTestId('approval-post-7')).toHaveAttribute('data-focused', 'true');
    press('a');
    press('j');
    press('k');
    press('k');
    expect(screen.getByTestId('approval-post-9')).toHaveAttribute('data-focused', 'true');
    press('a');
    await waitFor(() => expect(fake.Calendar.Approve).toHaveBeenCalledWith(9, ''));
    expect(fake.Calendar.Approve).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByTestId('approval-post-9')).not.toBeInTheDocument());
    press('r');
    expect(await screen.findByRole('dialog', { name: 'Reject this caption' })).toBeInTheDocument();
  });

  it('opens a post in the calendar', async () => {
    fakeBackend();
    const { user, router } = renderPosts();
    await items();
    const link = within(screen.getByTestId('approval-post-7')).getByRole('link', { name: 'Open in calendar' });
    expect(link).toHaveAttribute('href', '/calendar?post=7');
    await user.click(link);
    expect(router.state.location.pathname).toBe('/calendar');
    expect(router.state.location.search).toBe('?post=7');
  });

  it('says when no caption waits', async () => {
    fakeBackend([reviewPost({ id: 3, status: 'approved' })]);
    renderPosts();
    expect(await screen.findByText('No caption to approve')).toBeInTheDocument();
    expect(screen.queryByTestId('approval-posts')).not.toBeInTheDocument();
  });

  it('shows why the posts could not be loaded, in the interface language', async () => {
    await i18n.changeLanguage('fr');
    const { fake } = fakeBackend();
    fake.Calendar.ListPosts.mockImplementation(() =>
      // Wails rejects with the formatted error, not an Error.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      Promise.reject({ code: 'ENOTFOUND', message: 'No workspace is open.', key: 'no_workspace_open' }),
    );
    const { user } = renderPosts();
    expect(
      await screen.findByText("Impossible de charger les publications en relecture : Aucun espace de travail n'est ouvert.", { exact: false }),
    ).toBeInTheDocument();
    expect(screen.getByText('Chargement impossible')).toBeInTheDocument();
    const calls = fake.Calendar.ListPosts.mock.calls.length;
    await user.click(screen.getByRole('button', { name: 'Réessayer' }));
    await waitFor(() => expect(fake.Calendar.ListPosts.mock.calls.length).toBeGreaterThan(calls));
  });
});
