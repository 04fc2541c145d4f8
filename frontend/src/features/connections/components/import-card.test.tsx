import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '@/lib/i18n';
import { BackendRejection } from '@/testing/fake-desktop';
import { installFakeEvents } from '@/testing/fake-events';
import { renderWithProviders } from '@/testing/render';
import { fakeAccountsBackend, importSummaryFixture } from '../testing/fixtures';
import type { ImportSummary } from '../types';
import { ImportCard } from './import-card';

const SUMMARY = importSummaryFixture({
  platform: 'telegram',
  read: 4200,
  imported: 4000,
  duplicates: 150,
  skipped: 30,
  truncated: 2,
  rejected: [
    { location: 'messages.csv:7', reason: 'The direction must be in or out, not "sideways".', key: 'import_csv_bad_direction', params: { value: 'sideways' } },
    { location: 'result.json#chats.list[2].messages[17]', reason: 'The message has no id.', key: 'import_item_no_id' },
    { location: 'result.json#chats.list[4]', reason: 'The chat "Old group" has no id; its 12 messages were not imported.', key: 'import_chat_no_id', params: { name: 'Old group', count: '12' } },
    { location: 'x.json', reason: 'Something new, in English.', key: 'import_something_new' },
  ],
  more_rejected: 1234,
});

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('ImportCard', () => {
  it('imports an export: live progress, then the summary with the refused items, translated', async () => {
    const pending = deferred<ImportSummary>();
    const fake = fakeAccountsBackend({ importExport: () => pending.promise });
    const events = installFakeEvents();
    const onImported = vi.fn();
    const { user } = renderWithProviders(<ImportCard onImported={onImported} />);

    expect(screen.getByRole('radio', { name: /^Telegram Desktop export/ })).toBeChecked();
    expect(screen.getByTestId('import-instructions')).toHaveTextContent('Settings → Advanced → Export Telegram data');
    expect(screen.getByTestId('import-instructions')).toHaveTextContent('Machine-readable JSON');

    await user.type(screen.getByLabelText(/^File or folder on this computer/), '  /home/me/Telegram Desktop/DataExport  ');
    await user.type(screen.getByLabelText(/^Your name in the export/), 'Camille');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(fake.Accounts.Import).toHaveBeenCalledWith({ format: 'telegram', path: '/home/me/Telegram Desktop/DataExport', owner: 'Camille', time_zone: '' });

    const progress = await screen.findByTestId('import-progress');
    expect(progress).toHaveTextContent('Reading the export…');
    act(() => {
      events.emit('import:progress', { path: '/elsewhere', done: 1, total: 2 });
      events.emit('import:progress', { path: '/home/me/Telegram Desktop/DataExport', done: 2000, total: 4200 });
    });
    expect(progress).toHaveTextContent('2,000 of 4,200 messages stored');
    expect(within(progress).getByRole('progressbar', { name: 'Importing' })).toHaveAttribute('aria-valuenow', '48');

    act(() => pending.resolve(SUMMARY));
    const summary = await screen.findByTestId('import-summary');
    expect(screen.queryByTestId('import-progress')).not.toBeInTheDocument();
    expect(summary).toHaveTextContent('4,000 new messages from Telegram are in the inbox.');
    expect(within(summary).getByTestId('import-stat-read')).toHaveTextContent('4,200');
    expect(within(summary).getByTestId('import-stat-imported')).toHaveTextContent('4,000');
    expect(within(summary).getByTestId('import-stat-duplicates')).toHaveTextContent('150');
    expect(within(summary).getByTestId('import-stat-skipped')).toHaveTextContent('30');
    expect(within(summary).getByTestId('import-stat-truncated')).toHaveTextContent('2');
    expect(within(summary).getByTestId('import-stat-rejected')).toHaveTextContent('1,238');
    expect(summary).toHaveTextContent('importing the same export again adds nothing');

    const rows = within(screen.getByTestId('import-rejections')).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      'messages.csv:7The direction must be in or out, not “sideways”.',
      'result.json#chats.list[2].messages[17]The message has no id.',
      'result.json#chats.list[4]The chat “Old group” has no id; its 12 messages were not imported.',
      'x.jsonSomething new, in English.',
    ]);
    expect(screen.getByTestId('import-more-rejected')).toHaveTextContent('…and 1,234 more items not imported.');
    expect(onImported).toHaveBeenCalledWith(SUMMARY);
  });

  it('imports a CSV file, documenting its columns', async () => {
    const fake = fakeAccountsBackend({ importExport: () => importSummaryFixture({ platform: 'instagram', read: 1, imported: 1 }) });
    const { user } = renderWithProviders(<ImportCard />);
    await user.click(screen.getByRole('radio', { name: /^CSV file/ }));
    const columns = screen.getByRole('table', { name: 'CSV columns' });
    for (const column of ['platform', 'thread', 'message_id', 'direction', 'author_id', 'author_name', 'text', 'sent_at', 'kind', 'reply_to', 'post_id', 'post_url', 'author_handle']) {
      expect(within(columns).getByText(column)).toBeInTheDocument();
    }
    expect(screen.queryByLabelText(/^Time zone of the export/)).not.toBeInTheDocument();
    await user.type(screen.getByLabelText(/^File or folder on this computer/), '/tmp/messages.csv');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(fake.Accounts.Import).toHaveBeenCalledWith({ format: 'csv', path: '/tmp/messages.csv', owner: '', time_zone: '' });
    expect(await screen.findByText('1 new message from Instagram is in the inbox.')).toBeInTheDocument();
  });

  it('shows a path the backend refuses on the path field, and other failures above the button', async () => {
    let attempt = 0;
    fakeAccountsBackend({
      importExport: (request) => {
        attempt += 1;
        if (attempt === 1) throw new BackendRejection({ code: 'ENOTFOUND', message: 'x', key: 'import_file_not_found', params: { file: request.path } });
        throw new BackendRejection({ code: 'EINVALID', message: 'x', key: 'import_file_damaged', params: { file: 'result.json', offset: '1024' } });
      },
    });
    const { user } = renderWithProviders(<ImportCard />);
    const path = screen.getByLabelText(/^File or folder on this computer/);
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(path).toHaveAccessibleDescription(expect.stringContaining('Choose the file or folder to import.'));
    await user.type(path, '/nowhere');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(path).toHaveAccessibleDescription(expect.stringContaining('“/nowhere” does not exist: check the path.')));
    await user.click(screen.getByRole('button', { name: 'Import' }));
    const alert = await screen.findByTestId('error-alert');
    expect(alert).toHaveTextContent('Nothing was imported');
    expect(alert).toHaveTextContent('“result.json” is damaged near byte 1024; nothing was imported.');
  });

  it('translates the refused items into French', async () => {
    await i18n.changeLanguage('fr');
    fakeAccountsBackend({ importExport: () => SUMMARY });
    const { user } = renderWithProviders(<ImportCard />);
    await user.type(screen.getByLabelText(/^Fichier ou dossier sur cet ordinateur/), '/tmp/export');
    await user.click(screen.getByRole('button', { name: 'Importer' }));
    const rejections = await screen.findByTestId('import-rejections');
    expect(rejections).toHaveTextContent('La direction doit être in ou out, pas « sideways ».');
    expect(rejections).toHaveTextContent("Le message n'a pas d'identifiant.");
    expect(screen.getByTestId('import-more-rejected')).toHaveTextContent('…et 1,234 autres éléments non importés.');
  });
});
