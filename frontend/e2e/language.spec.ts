import { expect, openApp, test } from './fixtures';

test('switches the interface to French and back, and the choice persists', async ({ page }) => {
  await openApp(page, '/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

  await page.getByRole('radiogroup', { name: 'Interface language' }).getByText('Français').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Paramètres' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Accueil' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Paramètres' })).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: "Langue de l'interface" }).getByRole('radio', { name: 'Français' })).toBeChecked();

  await page.getByRole('radiogroup', { name: "Langue de l'interface" }).getByText('English').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Home' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: 'Interface language' }).getByRole('radio', { name: 'English' })).toBeChecked();
});
