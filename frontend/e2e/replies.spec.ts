import { callApi, expect, openApp, test, withFakeModel, type Page } from './fixtures';
import type { APIRequestContext } from '@playwright/test';

type Channel = { id: number; platform: string; kind: string };
type IngestResult = { conversation_ids: number[] };
type ReplySettings = { policy: { autopilot: { intent: string; platform: string }[]; qa_sample_rate: number }; limits: unknown };
type Reply = { id: number; kind: string; state: string; automated: boolean; last_error: { key: string } | null };

let sequence = 0;

/** Delivers a DM from a new or known author on the demo's Instagram sandbox channel; returns its conversation. */
async function receive(request: APIRequestContext, thread: string, user: string, text: string): Promise<number> {
  const channels = (await callApi(request, 'Inbox', 'Channels')) as Channel[];
  const instagram = channels.find((c) => c.platform === 'instagram' && c.kind === 'sandbox');
  expect(instagram, 'the demo has an Instagram sandbox channel').toBeDefined();
  sequence += 1;
  const result = (await callApi(request, 'Inbox', 'Ingest', [
    {
      channel_id: instagram?.id,
      kind: 'dm',
      platform_message_id: `e2e-${Date.now()}-${sequence}`,
      thread_key: thread,
      direction: 'in',
      author: { platform_user_id: `e2e-${user}`, handle: user, display_name: user[0]?.toUpperCase() + user.slice(1) },
      text,
      sent_at: new Date().toISOString(),
    },
  ])) as IngestResult;
  const id = result.conversation_ids[0];
  expect(id).toBeGreaterThan(0);
  return id ?? 0;
}

async function openConversation(page: Page, id: number) {
  await openApp(page, `/?c=${id}`);
  await expect(page.getByTestId('reply-composer')).toBeVisible();
}

test('a reply about money waits for approval, is edited, approved and sent', async ({ page, request }) => {
  const thread = `e2e-money-${Date.now()}`;
  const id = await receive(request, thread, 'margot', 'Bonjour, combien coûte la bougie Figue & Cèdre ?');
  await openConversation(page, id);

  // Draft: the policy says, as we type, why this reply needs a person.
  const composer = page.getByTestId('reply-composer');
  await composer.getByRole('textbox', { name: 'Reply' }).fill('Bonjour {first_name|} ! La bougie Figue & Cèdre coûte 34 €.');
  await expect(composer.getByTestId('approval-check').locator('[data-reason="money"]')).toBeVisible();
  await composer.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByTestId('sent-to-approval')).toBeVisible();
  const pending = page.getByTestId('conversation-outbox').locator('[data-testid="outbox-item"][data-state="pending_approval"]');
  await expect(pending).toHaveCount(1);

  // Approve it from the queue, after editing.
  await page.getByRole('link', { name: /^Approvals/ }).click();
  const item = page.getByTestId('queue-item').filter({ hasText: 'Figue & Cèdre coûte 34 €' });
  await expect(item).toBeVisible();
  await expect(item.locator('[data-reason="money"]')).toBeVisible();
  await item.getByRole('button', { name: 'Edit' }).click();
  const edited = 'Bonjour Margot ! La bougie Figue & Cèdre coûte 34 €, et la livraison est offerte dès 50 €.';
  await item.getByRole('textbox', { name: 'Reply text' }).fill(edited);
  await item.getByRole('textbox', { name: 'Note (optional)' }).fill('prix vérifié sur le site');
  await item.getByRole('button', { name: 'Approve edited reply' }).click();
  await expect(page.getByTestId('queue-item').filter({ hasText: 'coûte 34 €, et la livraison' })).toHaveCount(0);

  // The outbox sends it: the conversation shows the edited text, sent through the sandbox.
  await openConversation(page, id);
  await expect(page.getByRole('log', { name: 'Messages' }).getByText(edited)).toBeVisible({ timeout: 15_000 });

  // The audit trail recorded the decision, and its chain verifies.
  await page.getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('table', { name: 'Audit entries' }).getByText('Reply approved').first()).toBeVisible();
  await page.getByRole('button', { name: 'Verify the chain' }).click();
  await expect(page.getByText(/^Chain verified: [\d,  ]+ entries/)).toBeVisible();
});

test('STOP from a contact blocks the next automated reply', async ({ page, request }) => {
  // Autopilot answers Instagram questions with templates.
  const saved = (await callApi(request, 'Replies', 'GetSettings')) as ReplySettings;
  const autopilot = ['sale', 'support', 'other'].map((intent) => ({ intent, platform: 'instagram' }));
  await callApi(request, 'Replies', 'UpdateSettings', { ...saved, policy: { ...saved.policy, autopilot, qa_sample_rate: 0 } });
  try {
    const user = `noemie${Date.now()}`;
    await receive(request, `${user}-1`, user, 'STOP');
    // The same contact asks autopilot something, in another thread.
    const id = await receive(request, `${user}-2`, user, 'Bonjour ! Vous êtes ouverts le dimanche ?');
    await openConversation(page, id);

    const blocked = page.getByTestId('conversation-outbox').locator('[data-testid="outbox-item"][data-state="blocked"]');
    await expect(blocked).toHaveCount(1, { timeout: 15_000 });
    await expect(blocked.getByTestId('reply-blocked')).toContainText('the contact opted out of automated messages');
    await expect(page.getByTestId('consent-state')).toHaveAttribute('data-opted-out', 'true');

    const replies = (await callApi(request, 'Replies', 'List', { conversation_id: id })) as { replies: Reply[] };
    const automated = replies.replies.filter((r) => r.automated && r.kind === 'reply');
    expect(automated.map((r) => r.state)).toEqual(['blocked']);
  } finally {
    await callApi(request, 'Replies', 'UpdateSettings', saved);
  }
});

test('a model draft streams into the composer and waits for approval', async ({ page, request }) => {
  await withFakeModel(request, 'Chaleureux, vouvoiement, pas d’emoji.', async () => {
    const id = await receive(request, `e2e-model-${Date.now()}`, 'lucie', 'Bonjour, ma commande #ML-30211 n’est pas arrivée.');
    await openConversation(page, id);
    const composer = page.getByTestId('reply-composer');
    const text = composer.getByRole('textbox', { name: 'Reply' });
    await composer.getByRole('button', { name: 'Draft with AI' }).click();
    // The text arrives piece by piece, then in full.
    await expect(text).toHaveValue(/^Bonjour !/);
    await expect(text).toHaveValue(/je reviens vers vous très vite\.$/, { timeout: 15_000 });
    await expect(composer.getByTestId('approval-check').locator('[data-reason="ai_generated"]')).toBeVisible();
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByTestId('sent-to-approval')).toBeVisible();
    const pending = page.getByTestId('conversation-outbox').locator('[data-testid="outbox-item"][data-state="pending_approval"]');
    await expect(pending.getByTestId('ai-badge')).toBeVisible();
  });
});
