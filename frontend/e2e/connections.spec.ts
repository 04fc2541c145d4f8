import { callApi, expect, openApp, test } from './fixtures';

const FAKE_TELEGRAM = 'http://127.0.0.1:7880';
const BOT_TOKEN = '123456:e2e-token';

type SearchPage = { results: { message: { conversation_id: number } }[] };
type Account = { id: number; name: string };

test('connect a Telegram bot from the UI: its messages come in and a reply goes out', async ({ page, request }) => {
  // Someone writes to the bot before it is connected: the first sync brings it in.
  const marker = `Bonjour, la bougie Figue est-elle en stock ? ${Date.now()}`;
  const queued = await request.post(`${FAKE_TELEGRAM}/_queue`, {
    data: { chat_id: 424242, from_id: 424242, first_name: 'Élise', text: marker },
  });
  expect(queued.ok()).toBe(true);

  await openApp(page, '/connections');
  await page.getByRole('button', { name: 'Connect an account' }).first().click();
  const wizard = page.getByRole('dialog');
  await wizard.getByRole('radio', { name: /^Telegram/ }).check();
  await wizard.getByRole('button', { name: 'Continue' }).click();
  // The instructions say where the token comes from.
  await expect(wizard.getByText(/BotFather/).first()).toBeVisible();
  await wizard.getByRole('textbox', { name: 'Account name', exact: true }).fill('e2ebot');
  await wizard.getByRole('textbox', { name: 'Bot token', exact: true }).fill(BOT_TOKEN);
  await wizard.getByRole('button', { name: 'Advanced' }).click();
  await wizard.getByRole('textbox', { name: 'API base URL (optional)' }).fill(FAKE_TELEGRAM);
  await wizard.getByRole('button', { name: 'Test and connect' }).click();
  await expect(wizard.getByTestId('connect-success')).toBeVisible();
  await expect(wizard.getByTestId('connected-display-name')).toContainText('@tend_test_bot');
  await wizard.getByRole('button', { name: 'Done' }).click();

  const card = page.getByRole('article', { name: 'e2ebot' });
  await expect(card.getByTestId('account-status')).toHaveAttribute('data-status', 'active');

  // The message is in the inbox.
  let conversation = 0;
  await expect(async () => {
    const found = (await callApi(request, 'Inbox', 'Search', marker.split(' ').slice(-1)[0], '', 5)) as SearchPage;
    conversation = found.results[0]?.message.conversation_id ?? 0;
    expect(conversation).toBeGreaterThan(0);
  }).toPass({ timeout: 20_000 });

  // A reply from the composer leaves through the bot.
  await openApp(page, `/?c=${conversation}`);
  const composer = page.getByTestId('reply-composer');
  const reply = `Oui Élise, elle est en stock ! ${Date.now()}`;
  await composer.getByRole('textbox', { name: 'Reply' }).fill(reply);
  await composer.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(async () => {
    const sent = (await (await request.get(`${FAKE_TELEGRAM}/_sent`)).json()) as { chat_id: number; text: string }[];
    expect(sent).toContainEqual({ chat_id: 424242, text: reply });
  }).toPass({ timeout: 20_000 });
  // In the message log (the composer may still hold the text for a moment after the send).
  await expect(page.getByRole('log', { name: 'Messages' }).getByText(reply)).toBeVisible({ timeout: 15_000 });
  await expect(composer.getByRole('textbox', { name: 'Reply' })).toHaveValue('');

  // Disconnecting keeps the history.
  const accounts = (await callApi(request, 'Accounts', 'List')) as Account[];
  const bot = accounts.find((a) => a.name === 'e2ebot');
  if (bot !== undefined) await callApi(request, 'Accounts', 'Remove', bot.id);
});

test('import a CSV export twice: the second run adds nothing', async ({ page }) => {
  await openApp(page, '/connections');
  const path = `${process.cwd()}/../backend/importer/testdata/csv/bad-rows.csv`;
  await page.getByRole('radio', { name: /^CSV file/ }).check();
  await page.getByLabel(/^File or folder on this computer/).fill(path);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toBeVisible();
  const count = async (stat: string) =>
    Number(await summary.getByTestId(`import-stat-${stat}`).innerText().then((t) => t.replace(/\D/g, '')));
  await expect(summary.getByTestId('import-rejections')).toBeVisible();
  // Counted together: against a server an earlier run imported into, the first run finds duplicates too.
  const kept = (await count('imported')) + (await count('duplicates'));
  expect(kept).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(summary.getByTestId('import-stat-imported')).toHaveText(/\D0$/);
  await expect(summary.getByTestId('import-stat-duplicates')).toHaveText(new RegExp(`\\D${kept}$`));
});
