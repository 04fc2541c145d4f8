import { callApi, expect, freeLocalTime, openApp, test, withFakeModel } from './fixtures';

const FAKE_TELEGRAM = 'http://127.0.0.1:7880';
const BOT_TOKEN = '123456:e2e-token';

type Account = { id: number; name: string };
type ChannelPost = { chat_id: number; text: string };

test('a caption drafted offline is approved on the Approvals page, then published in a Telegram channel', async ({ page, request }) => {
  const title = `Trois heures de coulage ${Date.now()}`;
  try {
    // Connect a bot that administers a channel, from the wizard.
    await openApp(page, '/connections');
    await page.getByRole('button', { name: 'Connect an account' }).first().click();
    const wizard = page.getByRole('dialog');
    await wizard.getByRole('radio', { name: /^Telegram/ }).check();
    await wizard.getByRole('button', { name: 'Continue' }).click();
    await wizard.getByRole('textbox', { name: 'Account name', exact: true }).fill('e2echannel');
    await wizard.getByRole('textbox', { name: 'Bot token', exact: true }).fill(BOT_TOKEN);
    await wizard.getByRole('textbox', { name: 'Channel for calendar posts' }).fill('@tend_demo_channel');
    await wizard.getByRole('button', { name: 'Advanced' }).click();
    await wizard.getByRole('textbox', { name: 'API base URL (optional)' }).fill(FAKE_TELEGRAM);
    await wizard.getByRole('button', { name: 'Test and connect' }).click();
    await expect(wizard.getByTestId('connect-success')).toBeVisible();
    await wizard.getByRole('button', { name: 'Done' }).click();

    // A post for Telegram, its caption drafted by the built-in drafter, then sent to review.
    const post = (await callApi(request, 'Calendar', 'CreatePost', {
      title,
      format: 'micro_article',
      goal: 'community',
      pillar: 'behind_scenes',
      channels: ['telegram'],
      local: freeLocalTime(6),
      time_zone: 'Europe/Paris',
    })) as { id: number };
    await openApp(page, `/calendar?post=${post.id}`);
    const editor = page.getByRole('dialog', { name: title });
    await editor.getByRole('button', { name: 'Draft caption' }).click();
    await page.getByRole('menuitem', { name: 'Built-in drafter (offline)' }).click();
    const caption = editor.getByRole('textbox', { name: 'Caption', exact: true });
    await expect(caption).toHaveValue(new RegExp(`^${title} 🧵`));
    await expect(editor.getByTestId('caption-explanation')).toContainText('4096');
    const drafted = await caption.inputValue();
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.getByRole('button', { name: 'Submit for review' }).click();
    await expect(editor.getByTestId('post-status')).toHaveAttribute('data-status', 'in_review');

    // The caption waits on the Approvals page, counted in the badge; a person approves it there.
    await openApp(page, '/approvals?tab=posts');
    const item = page.getByTestId(`approval-post-${post.id}`);
    await expect(item).toContainText(title);
    await expect(item).toContainText(/Telegram: [\d,]+ \/ 4,096/);
    await item.getByRole('button', { name: 'Approve' }).click();
    await expect(item).toHaveCount(0);

    // Scheduled, then published now: the bot posts it in the channel.
    await openApp(page, `/calendar?post=${post.id}`);
    const approved = page.getByRole('dialog', { name: title });
    await expect(approved.getByTestId('approval-record')).toContainText('Approved by');
    await approved.getByRole('button', { name: 'Schedule' }).click();
    await expect(approved.getByTestId('post-status')).toHaveAttribute('data-status', 'scheduled');
    await approved.getByRole('button', { name: 'Publish now' }).click();
    await expect(approved.getByTestId('post-status')).toHaveAttribute('data-status', 'published');
    await expect(approved.getByTestId('publication-telegram')).toContainText('Published');
    const posts = (await (await request.get(`${FAKE_TELEGRAM}/_channel_posts`)).json()) as ChannelPost[];
    expect(posts.filter((p) => p.text === drafted)).toHaveLength(1);
  } finally {
    const accounts = (await callApi(request, 'Accounts', 'List')) as Account[];
    const bot = accounts.find((a) => a.name === 'e2echannel');
    if (bot !== undefined) await callApi(request, 'Accounts', 'Remove', bot.id);
  }
});

test('a caption streams from the model into the editor, with its channel’s limit, and reaches the approver marked as AI-assisted', async ({ page, request }) => {
  await withFakeModel(request, 'Chaleureux, vouvoiement.', async () => {
    const title = `Coulisses du coulage ${Date.now()}`;
    const post = (await callApi(request, 'Calendar', 'CreatePost', {
      title,
      format: 'short_video',
      channels: ['instagram'],
      local: freeLocalTime(9),
      time_zone: 'Europe/Paris',
    })) as { id: number };
    await openApp(page, `/calendar?post=${post.id}`);
    const editor = page.getByRole('dialog', { name: title });
    await editor.getByRole('button', { name: 'Draft caption' }).click();
    await page.getByRole('menuitem', { name: 'With the AI model (fake-model)' }).click();
    const caption = editor.getByRole('textbox', { name: 'Caption', exact: true });
    // The text arrives piece by piece (a Stop button meanwhile), then in full.
    await expect(editor.getByRole('button', { name: 'Stop' })).toBeVisible();
    await expect(caption).toHaveValue(/^Bonjour !/);
    await expect(caption).toHaveValue(/très vite\.$/, { timeout: 15_000 });
    await expect(editor.getByTestId('caption-explanation')).toContainText('Written by fake-model');
    await expect(editor.getByTestId('caption-counter-instagram')).toContainText('/ 2,200');

    // Saved and submitted, it reaches the approver marked as the model's.
    await expect(editor.getByTestId('ai-badge')).toBeVisible();
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.getByRole('button', { name: 'Submit for review' }).click();
    await expect(editor.getByTestId('post-status')).toHaveAttribute('data-status', 'in_review');
    const saved = (await callApi(request, 'Calendar', 'GetPost', post.id)) as { caption_source: string };
    expect(saved.caption_source).toBe('model');
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: /^Approvals/ }).click();
    await page.getByRole('tab', { name: /Posts/ }).click();
    await expect(page.getByTestId(`approval-post-${post.id}`).getByTestId('ai-badge')).toHaveText('AI-assisted');
  });
});
