import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { callApi, expect, freeLocalTime, openApp, test } from './fixtures';

type Post = { id: number; title: string; scheduled_at: string | null; role?: string };

test('plan a live: its announcement is created 48 h ahead; the .ics export parses with python3-icalendar', async ({ page, request }) => {
  await openApp(page, '/calendar');
  await expect(page.getByTestId('calendar-page')).toBeVisible();
  const title = `Live atelier bougies ${Date.now()}`;
  await page.getByRole('button', { name: 'Plan a live' }).click();
  const dialog = page.getByTestId('live-dialog');
  await dialog.getByRole('textbox', { name: 'Live title' }).fill(title);
  await dialog.getByLabel('Starts at').fill(freeLocalTime(10));
  await dialog.getByText('Instagram', { exact: true }).click();
  await expect(dialog.getByTestId('live-preview')).toContainText('48 h before');
  await dialog.getByRole('button', { name: 'Plan the live' }).click();
  await expect(page.getByText(`“${title}” is planned`)).toBeVisible();

  // Three posts: the live, its announcement two days before, a reminder.
  const posts = ((await callApi(request, 'Calendar', 'ListPosts', {})) as Post[]).filter((p) => p.title.includes(title));
  const times = posts.map((p) => Date.parse(p.scheduled_at ?? '')).sort((a, b) => a - b);
  expect(posts.length).toBeGreaterThanOrEqual(2);
  const live = times[times.length - 1] ?? 0;
  expect(times.some((t) => live - t === 48 * 3600_000)).toBe(true);

  // Export the plan as iCalendar and have Debian's python3-icalendar read it.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'iCalendar (.ics)' }).click();
  const file = await (await download).path();
  const ics = readFileSync(file, 'utf8');
  expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  const summaries = execFileSync(
    '/usr/bin/python3',
    ['-c', 'import icalendar, sys\ncal = icalendar.Calendar.from_ical(sys.stdin.read())\nfor e in cal.walk("VEVENT"): print(e.get("SUMMARY"))'],
    { input: ics, encoding: 'utf8' },
  );
  expect(summaries).toContain(title);
});

test('a caption is submitted, approved by a person, and only then scheduled', async ({ page, request }) => {
  const title = `Coulisses de l’atelier ${Date.now()}`;
  const post = (await callApi(request, 'Calendar', 'CreatePost', {
    title,
    caption: 'Trois heures de coulage, une bougie Figue & Cèdre. On vous montre tout ✨',
    format: 'short_video',
    channels: ['instagram'],
    local: freeLocalTime(5),
    time_zone: 'Europe/Paris',
  })) as { id: number };
  await openApp(page, `/calendar?post=${post.id}`);
  const editor = page.getByRole('dialog', { name: title });
  await expect(editor.getByTestId('post-status')).toHaveAttribute('data-status', 'draft');
  await expect(editor.getByRole('button', { name: 'Schedule' })).toHaveCount(0);
  await editor.getByRole('button', { name: 'Submit for review' }).click();
  await expect(editor.getByTestId('post-status')).toHaveAttribute('data-status', 'in_review');
  // The note goes in before the click: the field leaves with the review state.
  await editor.getByRole('textbox', { name: 'Note for the record (optional)' }).fill('ton juste, pas de prix');
  await editor.getByRole('button', { name: 'Approve' }).click();
  await expect(editor.getByTestId('approval-record')).toContainText('Approved by');
  const approved = (await callApi(request, 'Calendar', 'GetPost', post.id)) as { decision_note: string };
  expect(approved.decision_note).toBe('ton juste, pas de prix');
  await editor.getByRole('button', { name: 'Schedule' }).click();
  await expect(editor.getByTestId('post-status')).toHaveAttribute('data-status', 'scheduled');
});
