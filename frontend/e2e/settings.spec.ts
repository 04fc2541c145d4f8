import { callApi, expect, openApp, test, TOKEN } from './fixtures';

test('saves the brand name and the theme, which persist after a reload', async ({ page, browser }) => {
  await openApp(page, '/settings');
  const brandName = page.getByLabel('Brand name');
  await expect(brandName).toHaveValue('Maison Lumière');
  await brandName.fill('Atelier Nord');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await expect(page.getByTestId('brand-name')).toHaveText('Atelier Nord');

  await page.getByRole('main').getByRole('radiogroup', { name: 'Theme' }).getByText('Dark').click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');

  await page.reload();
  await expect(page.getByLabel('Brand name')).toHaveValue('Atelier Nord');
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');

  // A fresh browser has nothing stored: what it shows comes from the backend.
  const fresh = await browser.newContext({ colorScheme: 'light' });
  const freshPage = await fresh.newPage();
  await freshPage.goto(`/settings#token=${TOKEN}`);
  await expect(freshPage.getByLabel('Brand name')).toHaveValue('Atelier Nord');
  await expect(freshPage.getByTestId('brand-name')).toHaveText('Atelier Nord');
  await expect(freshPage.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await fresh.close();
});

test('switches the theme from the header', async ({ page }) => {
  await openApp(page);
  await page.getByRole('banner').getByRole('radiogroup', { name: 'Theme' }).getByTitle('Light').click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
  await page.getByRole('banner').getByRole('radiogroup', { name: 'Theme' }).getByTitle('Dark').click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
});

test('shows changes made elsewhere as they happen, through the event stream', async ({ page, request }) => {
  await openApp(page);
  await expect(page.getByTestId('brand-name')).toHaveText('Maison Lumière');
  await callApi(request, 'Settings', 'Update', { brand_name: 'Changed Elsewhere' });
  await expect(page.getByTestId('brand-name')).toHaveText('Changed Elsewhere');
  const workspace = `from-the-cli-${Date.now()}`;
  await callApi(request, 'Workspaces', 'Create', workspace);
  await page.getByRole('button', { name: 'Workspace: demo' }).click();
  await expect(page.getByRole('menuitem', { name: workspace })).toBeVisible();
});
