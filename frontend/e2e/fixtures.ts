import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';

export type { Page };

export const TOKEN = 'e2e-token';

/** Calls the backend directly, as the app does over HTTP. */
export async function callApi(request: APIRequestContext, struct: string, method: string, ...args: unknown[]): Promise<unknown> {
  const response = await request.post(`/api/${struct}/${method}`, {
    data: args,
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  expect(response.ok(), `${struct}.${method} answered ${response.status()}`).toBe(true);
  return response.json() as Promise<unknown>;
}

/** The demo workspace's settings as `tend demo` makes them. */
const DEMO_SETTINGS = { brand_name: 'Maison Lumière', languages: ['fr', 'en'], time_zone: 'Europe/Paris', theme: 'system', ui_language: '' };

/** Opens the app with the token in the URL fragment, as `tend serve` prints it. */
export async function openApp(page: Page, path = '/'): Promise<void> {
  await page.goto(`${path}#token=${TOKEN}`);
  await expect(page.getByRole('button', { name: /^Workspace|^Espace de travail/ })).toBeVisible();
}

/** Every test starts on the demo workspace with its settings as made, whatever the test before it did. */
export const test = base.extend<{ cleanBackend: void }>({
  cleanBackend: [
    async ({ request }, use) => {
      await callApi(request, 'Workspaces', 'Open', 'demo');
      await callApi(request, 'Settings', 'Update', DEMO_SETTINGS);
      await use();
    },
    { auto: true },
  ],
});

/**
 * Runs fn with the workspace's model pointed at the in-repo fake OpenAI-compatible server (port
 * 7881, model "fake-model"), then puts the settings back.
 */
export async function withFakeModel(request: APIRequestContext, brandVoice: string, fn: () => Promise<void>): Promise<void> {
  const saved = await callApi(request, 'Model', 'Get');
  await callApi(request, 'Model', 'Update', {
    enabled: true,
    preset: 'custom',
    base_url: 'http://127.0.0.1:7881/v1',
    model: 'fake-model',
    temperature: 0.4,
    timeout_seconds: 30,
    brand_voice: brandVoice,
  });
  try {
    await fn();
  } finally {
    await callApi(request, 'Model', 'Update', saved);
  }
}

let slot = Math.floor(Date.now() / 1000);

/**
 * A wall-clock time n days from now, as a datetime-local input takes it, at a time of day that
 * neither the demo's posts (whole and half hours) nor an earlier run against the same server take:
 * posts on one channel at one minute conflict, and specs are rerun with --repeat-each.
 */
export function freeLocalTime(days: number): string {
  slot += 1;
  const hour = 7 + (slot % 13);
  const minute = 1 + 2 * (Math.floor(slot / 13) % 29);
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(hour)}:${pad(minute)}`;
}

export { expect };
