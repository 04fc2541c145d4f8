import { callApi, expect, openApp, test, type Page } from './fixtures';

/** The id of the conversation open in the view, from the address bar. */
function openConversationId(page: Page): string {
  return new URL(page.url()).searchParams.get('c') ?? '';
}

function row(page: Page, id: string) {
  return page.locator(`[id="conversation-row-${id}"]`);
}

test('a keyboard-only walk: filter, open, correct, resolve, search', async ({ page }) => {
  await openApp(page);
  const list = page.getByRole('listbox', { name: 'Conversations' });
  await expect(list.getByRole('option').first()).toBeVisible();

  // Filter by intent: support.
  await page.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name: /^Support/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/intent=support/);

  // Move down and open.
  await list.focus();
  await page.keyboard.press('j');
  await expect(list.getByRole('option').nth(1)).toHaveAttribute('data-focused', 'true');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/c=\d+/);
  const id = openConversationId(page);
  const view = page.getByRole('region', { name: 'Conversation' });
  await expect(view.getByTestId('triage-chips').first()).toBeVisible();

  // Correct the intent of its latest inbound message from the message menu.
  await view.getByRole('button', { name: 'Correct the labels' }).last().focus();
  await page.keyboard.press('Enter');
  const sale = page.getByRole('menuitem', { name: 'Sale' });
  await sale.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Labelled “Sale”. The classifier has learnt from it.')).toBeVisible();
  await expect(view.getByText('corrected').last()).toBeVisible();

  // Resolve it: it leaves the Open list.
  await page.keyboard.press('e');
  await expect(view.getByTestId('conversation-status')).toHaveText('Resolved');
  await page.goto(`/?c=${id}`);
  await expect(page.getByRole('listbox', { name: 'Conversations' }).getByRole('option').first()).toBeVisible();
  await expect(row(page, id)).toHaveCount(0);

  // Search, and open the conversation of a result.
  await page.keyboard.press('/');
  await expect(page.getByRole('textbox', { name: 'Search messages' })).toBeFocused();
  await page.keyboard.type('remboursement');
  const results = page.getByRole('listbox', { name: 'Search results' });
  await expect(results.locator('mark').first()).toHaveText(/^rembours/i);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/m=\d+/);
  const messageId = new URL(page.url()).searchParams.get('m') ?? '';
  await expect(page.locator(`[data-message-id="${messageId}"]`)).toBeVisible();
  await expect(page.locator(`[data-message-id="${messageId}"]`)).toHaveAttribute('data-highlighted', 'true');
});

test('a new message appears live and its markup stays text', async ({ page, request }) => {
  const stamp = Date.now();
  const channel = (await callApi(request, 'Inbox', 'CreateChannel', {
    platform: 'telegram',
    account: `e2e-live-${stamp}`,
    name: `E2E live ${stamp}`,
    kind: 'import',
  })) as { id: number };
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });

  await openApp(page, `/?channel=${channel.id}`);
  await expect(page.getByText('No conversation matches these filters.')).toBeVisible();

  const hostile = '<img src=x onerror=alert(1)>';
  await callApi(request, 'Inbox', 'Ingest', [
    {
      channel_id: channel.id,
      kind: 'dm',
      platform_message_id: `e2e-${stamp}`,
      thread_key: `e2e-thread-${stamp}`,
      direction: 'in',
      author: { platform_user_id: `u-${stamp}`, handle: 'mallory', display_name: 'Mallory' },
      text: hostile,
      sent_at: new Date().toISOString(),
    },
  ]);

  const newRow = page.getByRole('option', { name: 'Mallory' });
  await expect(newRow).toBeVisible();
  await expect(newRow.getByText(hostile)).toBeVisible();
  await newRow.click();
  await expect(page.getByTestId('message-text')).toHaveText(hostile);
  await page.waitForTimeout(300);
  expect(dialogs).toBe(0);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
});

test('bulk select three rows and snooze them for an hour', async ({ page }) => {
  await openApp(page);
  const list = page.getByRole('listbox', { name: 'Conversations' });
  const options = list.getByRole('option');
  await expect(options.nth(2)).toBeVisible();
  const ids = await Promise.all([0, 1, 2].map(async (index) => ((await options.nth(index).getAttribute('id')) ?? '').replace('conversation-row-', '')));

  await list.focus();
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await expect(page.getByText('3 selected')).toBeVisible();

  await page.keyboard.press('s');
  await page.getByRole('menuitem', { name: /In 1 hour/ }).click();
  await expect(page.getByText('3 conversations snoozed until')).toBeVisible();
  for (const id of ids) await expect(row(page, id)).toHaveCount(0);

  await page.getByRole('tab', { name: /Snoozed/ }).click();
  await expect(page).toHaveURL(/status=snoozed/);
  for (const id of ids) await expect(row(page, id)).toBeVisible();
});

test('? lists the shortcuts in French once the interface is in French', async ({ page }) => {
  await openApp(page, '/settings');
  await page.getByRole('radiogroup', { name: 'Interface language' }).getByText('Français').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Paramètres' })).toBeVisible();
  await page.getByRole('link', { name: 'Boîte de réception' }).click();
  await expect(page.getByRole('listbox', { name: 'Conversations' })).toBeVisible();

  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Raccourcis clavier' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Descendre dans la liste')).toBeVisible();
  await expect(dialog.getByText('Marquer comme spam')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
