import { screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { FormatProvider } from '@/lib/format-context';
import { i18n } from '@/lib/i18n';
import { renderWithProviders } from '@/testing/render';
import { accountFixture, fakeAccountsBackend, minutesFromNow } from '../testing/fixtures';
import type { Account } from '../types';
import { ConnectionsPage } from './connections-page';

function renderPage(accounts: Account[], url = '/connections', locale = 'en-US') {
  const fake = fakeAccountsBackend({ accounts });
  const page = (
    <FormatProvider locale={locale} timeZone="Europe/Paris">
      <ConnectionsPage />
    </FormatProvider>
  );
  const router = createMemoryRouter([{ path: '/connections', element: page }], { initialEntries: [url] });
  return { fake, router, ...renderWithProviders(<RouterProvider router={router} />) };
}

async function card(name: string): Promise<HTMLElement> {
  return screen.findByRole('article', { name });
}

const ACCOUNTS: Account[] = [
  accountFixture({ id: 1, name: 'shop-bot', backfill: { done: 1234, total: 5000 } }),
  accountFixture({ id: 2, name: 'studio', platform: 'instagram', ids: { page_id: '1', ig_user_id: '2', ig_username: 'maison' }, status: 'paused', next_sync_at: null }),
  accountFixture({
    id: 3,
    name: 'page',
    platform: 'facebook',
    ids: { page_id: '1010' },
    status: 'needs_reconnect',
    next_sync_at: null,
    last_error: { code: 'EUNAUTHORIZED', message: 'Facebook no longer accepts…', key: 'account_token_invalid', params: { platform: 'Facebook', reason: 'expired' } },
    last_error_at: '2026-11-28T09:00:00Z',
  }),
  accountFixture({
    id: 4,
    name: 'channel',
    platform: 'youtube',
    ids: { channel_id: 'UCabc' },
    status: 'rate_limited',
    next_sync_at: minutesFromNow(125),
    last_error: { code: 'ERATELIMITED', message: 'The YouTube API quota…', key: 'youtube_quota', params: { platform: 'YouTube', minutes: '90', reset_at: '2026-11-29T08:00:00Z' } },
  }),
  accountFixture({
    id: 5,
    name: 'support',
    platform: 'whatsapp',
    ids: { phone_number_id: '106540352242922' },
    status: 'error',
    last_success_at: null,
    last_error: { code: 'EUNAVAILABLE', message: 'Could not reach WhatsApp: it will be tried again later.', key: 'account_unreachable', params: { platform: 'WhatsApp' } },
    // Never cleared for a webhook-only account: not shown.
    backfill: { done: 0, total: 0 },
  }),
];

describe('ConnectionsPage', () => {
  it('shows each account with its status, why it stopped (translated), its sync times and its first sync’s progress', async () => {
    renderPage(ACCOUNTS);
    const active = await card('shop-bot');
    expect(within(active).getByTestId('account-status')).toHaveTextContent('Active');
    expect(within(active).getByText('Telegram · @shop_bot')).toBeInTheDocument();
    expect(within(active).getByText('5 minutes ago')).toBeInTheDocument();
    expect(within(active).getByText('in 10 minutes')).toBeInTheDocument();
    expect(within(active).queryByTestId('account-problem')).not.toBeInTheDocument();
    expect(within(active).getByRole('progressbar', { name: 'Importing recent history' })).toHaveAttribute('aria-valuenow', '25');
    expect(within(active).getByText('1,234 of 5,000 messages')).toBeInTheDocument();

    const paused = await card('studio');
    expect(within(paused).getByTestId('account-status')).toHaveTextContent('Paused');
    expect(within(paused).getByText('Paused: no sync until resumed')).toBeInTheDocument();
    expect(within(paused).getByRole('button', { name: 'Resume' })).toBeInTheDocument();
    expect(within(paused).getByRole('button', { name: 'Sync now' })).toBeDisabled();

    const reconnect = await card('page');
    expect(within(reconnect).getByTestId('account-status')).toHaveTextContent('Needs reconnecting');
    expect(within(reconnect).getByTestId('account-error')).toHaveTextContent(
      'Facebook refused the access token: it is wrong, has expired or was revoked. A new token is needed.',
    );
    expect(within(reconnect).getByRole('button', { name: 'Reconnect' })).toBeInTheDocument();

    const limited = await card('channel');
    expect(within(limited).getByTestId('account-status')).toHaveTextContent('Rate limited');
    expect(within(limited).getByTestId('account-error')).toHaveTextContent('The YouTube API quota for today is used up: YouTube resets it at midnight Pacific time, in 90 min.');
    expect(within(limited).getByText('Next attempt')).toBeInTheDocument();
    expect(within(limited).getByText('in 2 hours')).toBeInTheDocument();

    const failing = await card('support');
    expect(within(failing).getByTestId('account-status')).toHaveTextContent('Error');
    expect(within(failing).getByTestId('account-error')).toHaveTextContent('Could not reach WhatsApp: Tend will try again by itself.');
    expect(within(failing).getByText('Not yet')).toBeInTheDocument();
    expect(within(failing).queryByRole('progressbar')).not.toBeInTheDocument();
    expect(within(failing).queryByRole('button', { name: 'Sync now' })).not.toBeInTheDocument();
    expect(within(failing).getByText('Messages arrive by webhook')).toBeInTheDocument();
    expect(within(failing).getByTestId('webhook-url')).toHaveTextContent('https://<your server>/webhooks/whatsapp/support');
  });

  it('syncs, tests, pauses and resumes with the right calls', async () => {
    const { fake, user } = renderPage(ACCOUNTS);
    const active = await card('shop-bot');
    await user.click(within(active).getByRole('button', { name: 'Sync now' }));
    expect(fake.Accounts.SyncNow).toHaveBeenCalledWith(1);
    expect(await screen.findByText('“shop-bot” will sync in a moment.')).toBeInTheDocument();

    await user.click(within(active).getByRole('button', { name: 'Test' }));
    expect(fake.Accounts.Test).toHaveBeenCalledWith(1);
    expect(await screen.findByText('“shop-bot” works: connected as “shop-bot display”.')).toBeInTheDocument();

    await user.click(within(active).getByRole('button', { name: 'Pause' }));
    expect(fake.Accounts.Pause).toHaveBeenCalledWith(1, true);
    await waitFor(() => expect(within(active).getByTestId('account-status')).toHaveTextContent('Paused'));

    await user.click(within(await card('studio')).getByRole('button', { name: 'Resume' }));
    expect(fake.Accounts.Pause).toHaveBeenCalledWith(2, false);
  });

  it('removes an account only once confirmed, saying its messages stay', async () => {
    const { fake, user } = renderPage(ACCOUNTS);
    await user.click(within(await card('studio')).getByRole('button', { name: 'More actions for studio' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Remove' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove “studio”?' });
    expect(dialog).toHaveTextContent('Its conversations and messages stay in the inbox, as history.');
    expect(dialog).toHaveTextContent('Its secrets are deleted from the system keyring.');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fake.Accounts.Remove).not.toHaveBeenCalled();

    await user.click(within(await card('studio')).getByRole('button', { name: 'More actions for studio' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Remove' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Remove account' }));
    expect(fake.Accounts.Remove).toHaveBeenCalledWith(2);
    expect(await screen.findByText('“studio” removed. Its conversations stay in the inbox.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('article', { name: 'studio' })).not.toBeInTheDocument());
  });

  it('renames an account, refusing a bad name on its field', async () => {
    const { fake, user } = renderPage(ACCOUNTS);
    await user.click(within(await card('shop-bot')).getByRole('button', { name: 'More actions for shop-bot' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Rename' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rename “shop-bot”' });
    const field = within(dialog).getByLabelText(/^Account name/);
    await user.clear(field);
    await user.type(field, 'Boutique');
    await user.click(within(dialog).getByRole('button', { name: 'Rename' }));
    expect(field).toHaveAccessibleDescription(expect.stringContaining('Invalid account name “Boutique”'));
    await user.clear(field);
    await user.type(field, 'boutique');
    await user.click(within(dialog).getByRole('button', { name: 'Rename' }));
    expect(fake.Accounts.Update).toHaveBeenCalledWith(1, { name: 'boutique' });
    expect(await screen.findByRole('article', { name: 'boutique' })).toBeInTheDocument();
  });

  it('reconnects with new secrets, opened from the link the banner gives', async () => {
    const { fake, user, router } = renderPage(ACCOUNTS, '/connections?reconnect=3');
    const dialog = await screen.findByRole('dialog', { name: 'Reconnect “page”' });
    expect(dialog).toHaveTextContent('Facebook refused the access token');
    await user.click(within(dialog).getByRole('button', { name: 'Test and reconnect' }));
    expect(within(dialog).getByLabelText(/^Access token/)).toHaveAccessibleDescription(expect.stringContaining('This field is required.'));
    await user.type(within(dialog).getByLabelText(/^Access token/), 'EAAG-new');
    await user.type(within(dialog).getByLabelText(/^App secret/), 'secret');
    await user.click(within(dialog).getByRole('button', { name: 'Test and reconnect' }));
    expect(fake.Accounts.Update).toHaveBeenCalledWith(3, { secrets: { access_token: 'EAAG-new', app_secret: 'secret' } });
    expect(await screen.findByText('“page” is reconnected and syncing again.')).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(within(await card('page')).getByTestId('account-status')).toHaveTextContent('Active');
  });

  it('invites to connect a first account', async () => {
    const { user } = renderPage([]);
    expect(await screen.findByText('No account connected yet')).toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'Connect an account' })[0] as HTMLElement);
    expect(await screen.findByRole('radio', { name: /^WhatsApp Business/ })).toBeInTheDocument();
  });

  it('says the statuses and times in French', async () => {
    await i18n.changeLanguage('fr');
    renderPage(ACCOUNTS, '/connections', 'fr-FR');
    const reconnect = await card('page');
    expect(within(reconnect).getByTestId('account-status')).toHaveTextContent('À reconnecter');
    expect(within(reconnect).getByTestId('account-error')).toHaveTextContent("Facebook a refusé le jeton d'accès");
    expect(within(await card('shop-bot')).getByText('dans 10 minutes')).toBeInTheDocument();
  });
});
