import { screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { paths } from './paths';
import { Shell } from './shell';

const postInReview = (id: number) => ({ id, title: `Post ${id}`, caption: 'Caption', channel_captions: {}, pillar: '', format: 'story', channels: ['instagram'], status: 'in_review', scheduled_at: null, time_zone: 'Europe/Paris', media_paths: [], submitted_by: 'Léa', submitted_at: '2026-11-28T09:00:00Z', updated_at: '2026-11-28T09:00:00Z' });

function renderShell(url: string, pendingApproval: number, accounts: unknown[] = [], postsInReview = 0) {
  const workspace = { name: 'demo', path: '/data/demo.db', size_bytes: 4096, modified_at: '2026-11-28T10:00:00Z', current: true };
  installFakeDesktop({
    Settings: { Get: () => ({ brand_name: 'Maison Lumière', languages: ['fr'], time_zone: 'Europe/Paris', theme: 'system', ui_language: '' }) },
    Workspaces: { List: () => [workspace], Current: () => workspace },
    Replies: { Counts: () => ({ pending_approval: pendingApproval, qa_pending: 0, failed: 0, in_doubt: 0, queued: 0 }) },
    Accounts: { List: () => accounts },
    Calendar: { ListPosts: () => Array.from({ length: postsInReview }, (_, index) => postInReview(index + 1)) },
  });
  const router = createMemoryRouter(
    [{ path: '/', element: <Shell />, children: [{ path: '*', element: <p>page</p> }] }],
    { initialEntries: [url] },
  );
  return { router, ...renderWithProviders(<RouterProvider router={router} />) };
}

describe('Shell', () => {
  it('links every area and counts the replies waiting for approval', async () => {
    renderShell(paths.templates, 3);
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(await within(nav).findByRole('link', { name: 'Approvals 3 replies waiting for approval' })).toHaveAttribute('href', paths.approvals);
    expect(within(nav).getByRole('link', { name: 'Templates' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Audit' })).toHaveAttribute('href', paths.audit);
  });

  it('counts the posts in review with the replies on the Approvals item', async () => {
    renderShell(paths.templates, 3, [], 2);
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    const approvals = await within(nav).findByRole('link', { name: 'Approvals 3 replies and 2 posts waiting for approval' });
    expect(approvals).toHaveTextContent('5');
  });

  it('keeps Settings current on its sub-pages and shows no badge when nothing waits', async () => {
    renderShell(paths.settingsModel, 0);
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
    expect(await within(nav).findByRole('link', { name: 'Approvals' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Inbox' })).not.toHaveAttribute('aria-current');
  });

  it('says at the top of every page which accounts need reconnecting, and links to where that is done', async () => {
    const account = (id: number, name: string, status: string) => ({ id, name, platform: 'telegram', status, ids: {}, channels: {}, base_url: '', created_at: '2026-11-01T09:00:00Z' });
    const { user, router } = renderShell(paths.inbox, 0, [account(1, 'shop-bot', 'active'), account(3, 'support-bot', 'needs_reconnect')]);
    const banner = await screen.findByTestId('reconnect-banner');
    expect(banner).toHaveRole('alert');
    expect(banner).toHaveTextContent('The Telegram account “support-bot” needs reconnecting: Tend has stopped syncing it.');
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'Connections 1 account needs reconnecting' })).toHaveAttribute('href', paths.connections);
    await user.click(within(banner).getByRole('link', { name: 'Reconnect' }));
    expect(router.state.location.pathname).toBe(paths.connections);
    expect(router.state.location.search).toBe('?reconnect=3');
  });

  it('shows no banner while every account syncs, even when one waits out a rate limit', async () => {
    const account = (id: number, name: string, status: string) => ({ id, name, platform: 'instagram', status, ids: {}, channels: {}, base_url: '', created_at: '2026-11-01T09:00:00Z' });
    renderShell(paths.templates, 0, [account(1, 'a', 'active'), account(2, 'b', 'rate_limited')]);
    expect(await screen.findByRole('link', { name: 'Connections' })).toBeInTheDocument();
    expect(screen.queryByTestId('reconnect-banner')).not.toBeInTheDocument();
  });

  it('names several accounts needing reconnecting at once, and links to the list', async () => {
    const account = (id: number, name: string) => ({ id, name, platform: 'youtube', status: 'needs_reconnect', ids: {}, channels: {}, base_url: '', created_at: '2026-11-01T09:00:00Z' });
    renderShell(paths.templates, 0, [account(1, 'channel'), account(2, 'live')]);
    const banner = await screen.findByTestId('reconnect-banner');
    expect(banner).toHaveTextContent('2 accounts need reconnecting (channel, live): Tend has stopped syncing them.');
    expect(within(banner).getByRole('link', { name: 'Open Connections' })).toHaveAttribute('href', paths.connections);
  });
});
