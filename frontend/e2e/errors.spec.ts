import { callApi, expect, openApp, test, type Page } from './fixtures';

async function createWorkspace(page: Page, menuName: RegExp, newItem: string, dialogName: string, field: string, submit: string) {
  await page.getByRole('button', { name: menuName }).click();
  await page.getByRole('menuitem', { name: newItem }).click();
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.getByLabel(field).fill('a/b');
  await dialog.getByRole('button', { name: submit }).click();
  return dialog;
}

test('shows an API error as a translated notification and on the field', async ({ page }) => {
  await openApp(page);
  const dialog = await createWorkspace(page, /^Workspace:/, 'New workspace…', 'New workspace', 'Workspace name', 'Create');
  const notification = page.getByRole('alert').filter({ hasText: 'Invalid input' });
  await expect(notification).toContainText('Invalid workspace name “a/b”');
  await expect(dialog.getByLabel('Workspace name')).toHaveAttribute('aria-invalid', 'true');
});

test('shows the same API error in French', async ({ page, request }) => {
  await callApi(request, 'Settings', 'Update', { ui_language: 'fr' });
  await openApp(page);
  await createWorkspace(
    page,
    /^Espace de travail/,
    'Nouvel espace de travail…',
    'Nouvel espace de travail',
    "Nom de l'espace de travail",
    'Créer',
  );
  const notification = page.getByRole('alert').filter({ hasText: 'Saisie invalide' });
  await expect(notification).toContainText("Nom d'espace de travail « a/b » invalide");
});
