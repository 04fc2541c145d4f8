import { screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { paths } from './paths';
import { Shell } from './shell';

function renderShell(url: string, pendingApproval: number) {
  const workspace = { name: 'demo', path: '/data/demo.db', size_bytes: 4096, modified_at: '2026-11-28T10:00:00Z', current: true };
  installFakeDesktop({
    Settings: { Get: () => ({ brand_name: 'Maison Lumière', languages: ['fr'], time_zone: 'Europe/Paris', theme: 'system', ui_language: '' }) },
    Workspaces: { List: () => [workspace], Current: () => workspace },
    Replies: { Counts: () => ({ pending_approval: pendingApproval, qa_pending: 0, failed: 0, in_doubt: 0, queued: 0 }) },
  });
  const router = createMemoryRouter(
    [{ path: '/', element: <Shell />, children: [{ path: '*', element: <p>page</p> }] }],
    { initialEntries: [url] },
  );
  return renderWithProviders(<RouterProvider router={router} />);
}

describe('Shell', () => {
  it('links every area and counts the replies waiting for approval', async () => {
    renderShell(paths.templates, 3);
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(await within(nav).findByRole('link', { name: 'Approvals 3 replies waiting for approval' })).toHaveAttribute('href', paths.approvals);
    expect(within(nav).getByRole('link', { name: 'Templates' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Audit' })).toHaveAttribute('href', paths.audit);
  });

  it('keeps Settings current on its sub-pages and shows no badge when nothing waits', async () => {
    renderShell(paths.settingsModel, 0);
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
    expect(await within(nav).findByRole('link', { name: 'Approvals' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Inbox' })).not.toHaveAttribute('aria-current');
  });
});
