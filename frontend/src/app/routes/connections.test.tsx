import { act, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { installFakeEvents } from '@/testing/fake-events';
import { renderWithProviders } from '@/testing/render';
import { EventInvalidation } from '../event-invalidation';
import { paths } from '../paths';
import { ConnectionsRoute } from './connections';

const account = {
  id: 1,
  name: 'shop-bot',
  platform: 'telegram',
  base_url: '',
  ids: {},
  channels: { telegram: 4 },
  status: 'active',
  last_error: null,
  last_success_at: null,
  last_error_at: null,
  next_sync_at: null,
  backfill: { done: 0, total: 0 },
  created_at: '2026-11-01T09:00:00Z',
};

function renderRoute() {
  const fake = installFakeDesktop({
    Accounts: {
      Platforms: () => ['telegram'],
      List: () => [account],
      Import: () => ({ platform: 'telegram', channel_id: 9, read: 1, imported: 1, duplicates: 0, skipped: 0, truncated: 0, rejected: [], more_rejected: 0 }),
    },
  });
  const events = installFakeEvents();
  const router = createMemoryRouter([{ path: paths.connections, element: <ConnectionsRoute /> }], { initialEntries: [paths.connections] });
  const result = renderWithProviders(
    <>
      <EventInvalidation />
      <RouterProvider router={router} />
    </>,
  );
  return { fake, events, ...result };
}

describe('ConnectionsRoute', () => {
  it('moves the first sync’s progress bar as accounts:sync_progress reports it', async () => {
    const { events } = renderRoute();
    const card = await screen.findByRole('article', { name: 'shop-bot' });
    expect(within(card).getByTestId('backfill')).toHaveTextContent('0 messages so far');
    act(() => events.emit('accounts:sync_progress', { ...account, backfill: { done: 250, total: 1000 } }));
    // The query cache tells its observers on the next tick.
    await waitFor(() => expect(within(card).getByRole('progressbar', { name: 'Importing recent history' })).toHaveAttribute('aria-valuenow', '25'));
    expect(within(card).getByTestId('backfill')).toHaveTextContent('250 of 1,000 messages');
    act(() => events.emit('accounts:sync_progress', { ...account, backfill: null, last_success_at: new Date().toISOString() }));
    await waitFor(() => expect(within(card).queryByTestId('backfill')).not.toBeInTheDocument());
  });

  it('refreshes the inbox after an import', async () => {
    const { user, queryClient } = renderRoute();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    await user.type(await screen.findByLabelText(/^File or folder on this computer/), '/tmp/result.json');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() =>
      expect(invalidate.mock.calls.map(([filters]) => filters?.queryKey)).toEqual(
        expect.arrayContaining([['inbox', 'channels'], ['inbox', 'list'], ['inbox', 'counts'], ['inbox', 'search']]),
      ),
    );
  });
});
