import { screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { fakeCreatorsBackend, NOEL } from '../testing/fixtures';
import type { PostSummary } from '../types';
import { PerformancePanel } from './performance-panel';

function renderInRouter(ui: ReactElement) {
  const router = createMemoryRouter(
    [
      { path: '/creators', element: ui },
      { path: '/calendar', element: <p data-testid="calendar-route">calendar</p> },
    ],
    { initialEntries: ['/creators?creator=1&tab=performance'] },
  );
  return { ...renderWithProviders(<RouterProvider router={router} />), router };
}

const posts: PostSummary[] = [
  { id: 5, title: 'Unboxing de Léa', status: 'scheduled', scheduled_at: '2026-12-05T17:00:00Z', local: '2026-12-05T18:00', time_zone: 'Europe/Paris', channels: ['instagram', 'tiktok'] },
  { id: 9, title: 'Récap Noël', status: 'idea', scheduled_at: null, local: '', time_zone: 'Europe/Paris', channels: [] },
];

describe('PerformancePanel', () => {
  it('lists the calendar posts of the creator and their campaigns, each opening in the calendar', async () => {
    installFakeDesktop(fakeCreatorsBackend({ posts }));
    const { user, router } = renderInRouter(<PerformancePanel creatorId={1} codes={[]} campaigns={[NOEL]} />);
    const section = await screen.findByTestId('performance-posts');
    expect(section).toHaveTextContent('Calendar posts');
    const rows = within(section).getAllByTestId('performance-post');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Unboxing de Léa');
    expect(rows[0]).toHaveTextContent('Scheduled');
    expect(rows[0]).toHaveTextContent('2026');
    expect(within(rows[0]!).getByLabelText('Instagram')).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('Récap Noël');
    expect(rows[1]).toHaveTextContent('Idea');
    expect(rows[1]).toHaveTextContent('Not dated yet');
    const link = within(rows[0]!).getByRole('link', { name: 'Unboxing de Léa' });
    expect(link).toHaveAttribute('href', '/calendar?post=5');
    await user.click(link);
    expect(router.state.location.pathname).toBe('/calendar');
    expect(router.state.location.search).toBe('?post=5');
  });

  it('says when no post is linked yet', async () => {
    installFakeDesktop(fakeCreatorsBackend());
    renderInRouter(<PerformancePanel creatorId={1} codes={[]} campaigns={[NOEL]} />);
    const section = await screen.findByTestId('performance-posts');
    expect(section).toHaveTextContent('No calendar post is linked to them or their campaigns yet.');
    expect(within(section).queryAllByTestId('performance-post')).toHaveLength(0);
  });
});
