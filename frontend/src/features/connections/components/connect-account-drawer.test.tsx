import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '@/lib/i18n';
import { BackendRejection } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { accountFixture, fakeAccountsBackend } from '../testing/fixtures';
import type { NewAccount } from '../types';
import { ConnectAccountDrawer } from './connect-account-drawer';

function renderWizard(takenNames: string[] = []) {
  const onClose = vi.fn();
  const result = renderWithProviders(<ConnectAccountDrawer opened onClose={onClose} takenNames={takenNames} />);
  return { ...result, onClose };
}

async function choose(user: ReturnType<typeof renderWizard>['user'], platform: RegExp) {
  await user.click(await screen.findByRole('radio', { name: platform }));
  await user.click(screen.getByRole('button', { name: 'Continue' }));
}

interface PlatformCase {
  platform: string;
  radio: RegExp;
  title: string;
  /** A fragment of its instructions. */
  instruction: RegExp;
  /** Labels typed into, with the values, in order. */
  fields: [string, string][];
  /** Optional fields shown but left empty. */
  optional: string[];
  sent: Pick<NewAccount, 'ids' | 'secrets'>;
  webhook: string | null;
}

const CASES: PlatformCase[] = [
  {
    platform: 'telegram',
    radio: /^Telegram/,
    title: 'How to connect Telegram',
    instruction: /send \/newbot/,
    fields: [
      ['Bot token', '7000000001:AAFsecret'],
      ['Webhook secret (optional)', 'hook_secret-1'],
    ],
    optional: [],
    sent: { ids: {}, secrets: { bot_token: '7000000001:AAFsecret', webhook_secret: 'hook_secret-1' } },
    webhook: 'https://<your server>/webhooks/telegram/telegram',
  },
  {
    platform: 'instagram',
    radio: /^Instagram/,
    title: 'How to connect Instagram',
    instruction: /fields=instagram_business_account/,
    fields: [
      ['Instagram user id', '17841400000000001'],
      ['Facebook Page id', '1010000000000001'],
      ['Access token', 'EAAG-page-token'],
      ['App secret (optional)', 'app-secret'],
    ],
    optional: ['Verify token (optional)'],
    sent: { ids: { ig_user_id: '17841400000000001', page_id: '1010000000000001' }, secrets: { access_token: 'EAAG-page-token', app_secret: 'app-secret' } },
    webhook: 'https://<your server>/webhooks/meta/instagram',
  },
  {
    platform: 'facebook',
    radio: /^Facebook Page \+ Messenger/,
    title: 'How to connect Facebook Page + Messenger',
    instruction: /add the Messenger product/,
    fields: [
      ['Facebook Page id', '1010000000000001'],
      ['Access token', 'EAAG-page-token'],
    ],
    optional: ['App secret (optional)', 'Verify token (optional)'],
    sent: { ids: { page_id: '1010000000000001' }, secrets: { access_token: 'EAAG-page-token' } },
    webhook: 'https://<your server>/webhooks/meta/facebook',
  },
  {
    platform: 'whatsapp',
    radio: /^WhatsApp Business/,
    title: 'How to connect WhatsApp Business',
    instruction: /System users/,
    fields: [
      ['Phone number id', '106540352242922'],
      ['Access token', 'EAAG-system-user'],
      ['App secret', 'wa-app-secret'],
      ['Verify token', 'my verify phrase'],
    ],
    optional: ['WhatsApp Business Account id (optional)'],
    sent: {
      ids: { phone_number_id: '106540352242922' },
      secrets: { access_token: 'EAAG-system-user', app_secret: 'wa-app-secret', verify_token: 'my verify phrase' },
    },
    webhook: 'https://<your server>/webhooks/whatsapp/whatsapp',
  },
  {
    platform: 'youtube',
    radio: /^YouTube/,
    title: 'How to connect YouTube',
    instruction: /enable “YouTube Data API v3”/,
    fields: [
      ['Channel id', 'UCtendTestChannel0000001'],
      ['Video ids (optional)', 'abc123, def456 ,'],
      ['Access token', 'ya29.token'],
    ],
    optional: ['Live chat id (optional)', 'API key (optional)'],
    sent: { ids: { channel_id: 'UCtendTestChannel0000001', video_ids: 'abc123,def456' }, secrets: { access_token: 'ya29.token' } },
    webhook: null,
  },
];

describe('ConnectAccountDrawer', () => {
  it.each(CASES)('connects $platform: its instructions, its fields, then Accounts.Add with its ids and secrets', async (c) => {
    const fake = fakeAccountsBackend({ test: () => ({ display_name: 'Maison Lumière', ids: {} }) });
    const { user } = renderWizard();
    await choose(user, c.radio);

    const instructions = screen.getByTestId('platform-instructions');
    expect(within(instructions).getByRole('heading', { name: c.title })).toBeInTheDocument();
    expect(within(instructions).getByText(c.instruction)).toBeInTheDocument();
    if (c.webhook === null) expect(screen.queryByTestId('webhook-url')).not.toBeInTheDocument();
    else expect(screen.getByTestId('webhook-url')).toHaveTextContent(c.webhook);
    if (c.platform === 'whatsapp') expect(screen.getByTestId('webhook-only')).toHaveTextContent('WhatsApp sends incoming messages only by webhook');

    expect(screen.getByLabelText(/^Account name/)).toHaveValue(c.platform);
    for (const label of c.optional) expect(screen.getByLabelText(label)).toHaveValue('');
    for (const [label, value] of c.fields) await user.type(screen.getByLabelText(new RegExp(`^${label.replace(/[()+]/g, '\\$&')}`)), value);
    // Secrets are password inputs, never shown as text.
    expect(screen.getByLabelText(/^Access token|^Bot token/)).toHaveAttribute('type', 'password');

    await user.click(screen.getByRole('button', { name: 'Test and connect' }));
    await waitFor(() => expect(fake.Accounts.Add).toHaveBeenCalledWith({ name: c.platform, platform: c.platform, base_url: '', ...c.sent }));
    expect(await screen.findByTestId('connect-success')).toBeInTheDocument();
    expect(await screen.findByTestId('connected-display-name')).toHaveTextContent('Maison Lumière');
    expect(fake.Accounts.Test).toHaveBeenCalledWith(100);
  });

  it('lists the permissions to grant', async () => {
    fakeAccountsBackend();
    const { user } = renderWizard();
    await choose(user, /^Instagram/);
    const permissions = screen.getByRole('list', { name: 'Permissions to grant' });
    for (const permission of ['instagram_basic', 'instagram_manage_messages', 'instagram_manage_comments', 'pages_manage_metadata', 'pages_show_list', 'business_management']) {
      expect(within(permissions).getByText(permission)).toBeInTheDocument();
    }
    expect(screen.getByText(/HUMAN_AGENT tag/)).toBeInTheDocument();
    expect(screen.getByText(/only once per comment and within 7 days/)).toBeInTheDocument();
  });

  it('checks the name and the required fields before asking the backend, and suggests a free name', async () => {
    const fake = fakeAccountsBackend();
    const { user } = renderWizard(['telegram']);
    await choose(user, /^Telegram/);
    const name = screen.getByLabelText(/^Account name/);
    expect(name).toHaveValue('telegram-2');
    await user.clear(name);
    await user.type(name, 'Shop Bot');
    await user.click(screen.getByRole('button', { name: 'Test and connect' }));
    expect(name).toHaveAccessibleDescription(expect.stringContaining('Invalid account name “Shop Bot”'));
    expect(screen.getByLabelText(/^Bot token/)).toHaveAccessibleDescription(expect.stringContaining('This field is required.'));
    await user.clear(name);
    await user.type(name, 'telegram');
    await user.click(screen.getByRole('button', { name: 'Test and connect' }));
    expect(name).toHaveAccessibleDescription(expect.stringContaining('An account is already named “telegram”.'));
    expect(fake.Accounts.Add).not.toHaveBeenCalled();
  });

  it('shows a refused connection inline, translated with its platform', async () => {
    fakeAccountsBackend({
      add: () => {
        throw new BackendRejection({
          code: 'EUNAUTHORIZED',
          message: 'Telegram refused the bot token: it is wrong or was revoked. Paste the current token from @BotFather.',
          key: 'account_token_invalid',
          params: { platform: 'Telegram' },
        });
      },
    });
    const { user } = renderWizard();
    await choose(user, /^Telegram/);
    await user.type(screen.getByLabelText(/^Bot token/), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Test and connect' }));
    const alert = await screen.findByTestId('error-alert');
    expect(alert).toHaveTextContent('Not connected');
    expect(alert).toHaveTextContent('Telegram refused the access token: it is wrong, has expired or was revoked.');
    // Shown where it happened, not as a notification too.
    expect(screen.queryByText('Not authorized')).not.toBeInTheDocument();
    // Typing again clears it.
    await user.type(screen.getByLabelText(/^Bot token/), 'x');
    expect(screen.queryByTestId('error-alert')).not.toBeInTheDocument();
  });

  it('explains a missing keyring with the backend’s own hint', async () => {
    const hint = 'No Secret Service is available: install and unlock gnome-keyring (or KWallet) in your desktop session.';
    fakeAccountsBackend({
      add: () => {
        throw new BackendRejection({ code: 'EUNAVAILABLE', message: hint, key: 'keyring_unavailable' });
      },
    });
    const { user } = renderWizard();
    await choose(user, /^Telegram/);
    await user.type(screen.getByLabelText(/^Bot token/), 'token');
    await user.click(screen.getByRole('button', { name: 'Test and connect' }));
    const alert = await screen.findByTestId('error-alert');
    expect(alert).toHaveTextContent('The system keyring is not available.');
    expect(alert).toHaveTextContent(hint);
  });

  it('shows an error about one field on that field, and a missing permission by name', async () => {
    let attempt = 0;
    fakeAccountsBackend({
      add: () => {
        attempt += 1;
        if (attempt === 1) {
          throw new BackendRejection({ code: 'EINVALID', message: 'x', key: 'account_id_required', params: { platform: 'Facebook', id: 'page_id' } });
        }
        throw new BackendRejection({ code: 'EFORBIDDEN', message: 'x', key: 'account_permission', params: { platform: 'Facebook', permission: '' } });
      },
    });
    const { user } = renderWizard();
    await choose(user, /^Facebook/);
    await user.type(screen.getByLabelText(/^Facebook Page id/), '../1');
    await user.type(screen.getByLabelText(/^Access token/), 'token');
    await user.click(screen.getByRole('button', { name: 'Test and connect' }));
    await waitFor(() =>
      expect(screen.getByLabelText(/^Facebook Page id/)).toHaveAccessibleDescription(expect.stringContaining('The Facebook account needs its page_id')),
    );
    await user.click(screen.getByRole('button', { name: 'Test and connect' }));
    expect(await screen.findByTestId('error-alert')).toHaveTextContent(
      'Facebook refused the request: the token lacks a permission on this account. Reconnect the account and grant every permission asked.',
    );
  });

  it('speaks French', async () => {
    await i18n.changeLanguage('fr');
    fakeAccountsBackend({
      add: () => {
        throw new BackendRejection({ code: 'ECONFLICT', message: 'x', key: 'telegram_conflict', params: { platform: 'Telegram' } });
      },
    });
    const { user } = renderWizard();
    await user.click(await screen.findByRole('radio', { name: /^Telegram/ }));
    await user.click(screen.getByRole('button', { name: 'Continuer' }));
    expect(screen.getByRole('heading', { name: 'Connecter Telegram, pas à pas' })).toBeInTheDocument();
    expect(screen.getByText(/envoyez \/newbot/)).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Jeton du bot/), 'token');
    await user.click(screen.getByRole('button', { name: 'Tester et connecter' }));
    expect(await screen.findByTestId('error-alert')).toHaveTextContent('Un autre programme lit les messages de ce bot');
  });

  it('starts again for another account', async () => {
    fakeAccountsBackend({ add: (account) => accountFixture({ id: 7, name: account.name, platform: account.platform }) });
    const { user, onClose } = renderWizard();
    await choose(user, /^Telegram/);
    await user.type(screen.getByLabelText(/^Bot token/), 'token');
    await user.click(screen.getByRole('button', { name: 'Test and connect' }));
    await user.click(await screen.findByRole('button', { name: 'Connect another account' }));
    expect(screen.getByRole('radio', { name: /^Telegram/ })).not.toBeChecked();
    await choose(user, /^YouTube/);
    expect(screen.getByLabelText(/^Account name/)).toHaveValue('youtube');
    expect(onClose).not.toHaveBeenCalled();
  });
});
