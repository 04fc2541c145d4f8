import { callApi, expect, freeLocalTime, openApp, test } from './fixtures';

/** A date n days from today, as a date input takes it. */
function inDays(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return d.toISOString().slice(0, 10);
}

test('add a creator with a code, a UTM link and a rights checklist, and see the expiry alert', async ({ page }) => {
  await openApp(page, '/creators');
  // The demo's Chloé has rights ending soon; an earlier run against the same server added more.
  const alertItems = page.getByTestId('rights-alerts').getByTestId('rights-alert-item');
  await expect(alertItems.first()).toBeVisible();
  const before = await alertItems.count();
  const name = `Margaux Test ${Date.now()}`;
  await page.getByTestId('new-creator').click();
  const drawer = page.getByRole('dialog', { name: 'New creator' });
  await drawer.getByRole('textbox', { name: 'Name' }).fill(name);
  await drawer.getByTestId('handle-input-0').fill(`margaux_${Date.now()}`);
  await drawer.getByTestId('save-creator').click();
  const creator = page.getByRole('dialog', { name });
  await expect(creator).toBeVisible();

  // A discount code.
  await creator.getByTestId('creator-tab-codes').click();
  await creator.getByTestId('code-input').fill(`MARGAUX${Date.now() % 1000}`);
  await creator.getByTestId('add-code').click();
  await expect(creator.getByTestId('code-row')).toHaveCount(1);

  // A malformed base URL gets no link; a good one gets a normalised one.
  await creator.getByTestId('utm-base-url').fill('maisonlumiere.fr/coffret');
  await expect(creator.getByTestId('save-link')).toBeDisabled();
  await creator.getByTestId('utm-base-url').fill('https://maisonlumiere.fr/coffret');
  await creator.getByTestId('utm-source').fill('Instagram');
  await creator.getByTestId('utm-medium').fill('influence');
  await creator.getByTestId('utm-campaign').fill('Noël Cosy 2026');
  await expect(creator.getByTestId('utm-preview-url')).toContainText('utm_campaign=noel-cosy-2026');
  await creator.getByTestId('save-link').click();
  await expect(creator.getByTestId('link-row')).toHaveCount(1);

  // Rights that end in 5 days: the alert shows.
  await creator.getByTestId('creator-tab-rights').click();
  await creator.getByTestId('add-rights').click();
  const form = creator.getByTestId('rights-form');
  await form.getByRole('checkbox', { name: 'Organic posts' }).check();
  await form.getByTestId('rights-start').fill(inDays(-30));
  await form.getByTestId('rights-end').fill(inDays(5));
  await form.getByTestId('rights-signed').fill(inDays(-31));
  await form.getByTestId('save-rights').click();
  await expect(creator.getByTestId('rights-checklist')).toBeVisible();
  await page.keyboard.press('Escape');
  const alerts = page.getByTestId('rights-alerts');
  await expect(alerts).toContainText(`${before + 1} usage rights end within 14 days`);
  await expect(alerts.getByTestId('rights-alert-item').filter({ hasText: name })).toBeVisible();
});

test('the post editor checks a creator’s rights for the date picked, before saving', async ({ page, request }) => {
  const name = `Rights Check ${Date.now()}`;
  const creator = (await callApi(request, 'Creators', 'Create', { name, stage: 'contracted', handles: [] })) as { id: number };
  await callApi(request, 'Creators', 'SaveRights', {
    creator_id: creator.id,
    scopes: ['organic'],
    start_date: inDays(-10),
    end_date: inDays(5),
    territories: ['WW'],
    compensation_terms: 'Produits offerts',
    edit_consent: true,
    signed_date: inDays(-11),
  });
  const post = (await callApi(request, 'Calendar', 'CreatePost', {
    title: `Avec ${name}`,
    format: 'short_video',
    channels: ['instagram'],
    local: freeLocalTime(2),
    time_zone: 'Europe/Paris',
  })) as { id: number };
  await openApp(page, `/calendar?post=${post.id}`);
  const editor = page.getByRole('dialog', { name: `Avec ${name}` });

  // Picked by name, within the rights: no warning.
  await editor.getByRole('textbox', { name: 'Creator' }).fill(name);
  const checked = page.waitForResponse((response) => response.url().endsWith('/api/Calendar/CheckRights') && response.ok());
  await page.getByRole('option', { name }).click();
  await checked;
  await expect(editor.getByTestId('post-rights-warning')).toHaveCount(0);

  // Moved past their end date, unsaved: the warning says why at once.
  await editor.getByLabel('Date and time').fill(freeLocalTime(10));
  await expect(editor.getByTestId('post-rights-warning')).toContainText('The rights ended on');
  const saved = (await callApi(request, 'Calendar', 'GetPost', post.id)) as { creator_id: number | null };
  expect(saved.creator_id).toBeNull();
});
