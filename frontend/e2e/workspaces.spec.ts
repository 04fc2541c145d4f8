import { callApi, expect, openApp, test } from './fixtures';

test('creates a workspace, switches to it and back to demo', async ({ page }) => {
  // The Home overview (the inbox is the first page now).
  await openApp(page, '/home');
  const overview = page.getByRole('region', { name: 'Overview' });
  await expect(overview).toContainText('demo.db');

  const name = `spring-launch-${Date.now()}`;
  await page.getByRole('button', { name: 'Workspace: demo' }).click();
  await page.getByRole('menuitem', { name: 'New workspace…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New workspace' });
  await dialog.getByLabel('Workspace name').fill(name);
  await expect(dialog.getByRole('checkbox', { name: 'Switch to it now' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Create' }).click();

  await expect(page.getByRole('button', { name: `Workspace: ${name}` })).toBeVisible();
  await expect(overview).toContainText(`${name}.db`);
  await expect(page.getByText(`Switched to workspace “${name}”.`)).toBeVisible();

  await page.getByRole('button', { name: `Workspace: ${name}` }).click();
  await expect(page.getByRole('menuitem', { name })).toHaveAttribute('aria-current', 'true');
  await page.getByRole('menuitem', { name: 'demo' }).click();
  await expect(page.getByRole('button', { name: 'Workspace: demo' })).toBeVisible();
  await expect(overview).toContainText('demo.db');
  await expect(overview).toContainText('Maison Lumière');
});

test('deletes a workspace only after its name is typed', async ({ page, request }) => {
  await callApi(request, 'Workspaces', 'Create', 'old-shop');
  await openApp(page, '/workspaces');
  const table = page.getByRole('table');
  await expect(table.getByRole('row', { name: /old-shop/ })).toBeVisible();

  await page.getByRole('button', { name: 'Delete demo' }).click();
  const openDialog = page.getByRole('dialog', { name: 'Delete workspace “demo”' });
  await expect(openDialog).toContainText('The open workspace cannot be deleted');
  await openDialog.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Delete old-shop' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete workspace “old-shop”' });
  const confirm = dialog.getByRole('button', { name: 'Delete workspace' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type old-shop to confirm').fill('old-sho');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Type old-shop to confirm').fill('old-shop');
  await confirm.click();

  await expect(page.getByText('Workspace “old-shop” deleted.')).toBeVisible();
  await expect(table.getByRole('row', { name: /old-shop/ })).toHaveCount(0);
  const names = ((await callApi(request, 'Workspaces', 'List')) as { name: string }[]).map((workspace) => workspace.name);
  expect(names).not.toContain('old-shop');
});
