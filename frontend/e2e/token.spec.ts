import { expect, test, TOKEN } from './fixtures';

test('a wrong token shows the token screen, and the right one gets in', async ({ page }) => {
  await page.goto('/#token=not-the-token');
  await expect(page.getByRole('heading', { name: 'Connect to Tend' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('This token was not accepted');
  expect(page.url()).not.toContain('not-the-token');

  await page.getByLabel('Access token').fill(TOKEN);
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByRole('button', { name: 'Workspace: demo' })).toBeVisible();
});

test('without a token the app asks for one', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Connect to Tend' })).toBeVisible();
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.getByText('Enter the access token.')).toBeVisible();
});
