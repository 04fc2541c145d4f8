import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { callApi, expect, openApp, test } from './fixtures';

type Post = { id: number; title: string; status: string; format: string; tier: string; scheduled_at: string | null };
type Settings = { time_zone: string; pillars: { key: string }[]; cadence: { format: string; channel: string; per_week: number }[] };

const DAY = 86_400_000;

/** The wall-clock time of iso on zone's clock: "2027-01-18T09:00". */
function wallTime(iso: string, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/** day plus n days: "2027-01-18" + 2 → "2027-01-20". */
function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/**
 * The Monday of a week at least eight weeks ahead of today (on zone's clock) that lies in a single
 * month, so that the week's cadence and the month's mix count the same posts, whatever today is.
 */
function targetMonday(zone: string): string {
  const today = wallTime(new Date().toISOString(), zone).slice(0, 10);
  const back = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  let monday = addDays(today, 8 * 7 - back);
  while (monday.slice(0, 7) !== addDays(monday, 6).slice(0, 7)) monday = addDays(monday, 7);
  return monday;
}

/** The instant a wall-clock time on zone's clock is (zone offsets tried around it). */
function instantOf(wall: string, zone: string): Date {
  const guess = Date.parse(`${wall}:00Z`);
  for (let hours = -14; hours <= 14; hours++) {
    const at = new Date(guess - hours * 3_600_000);
    if (wallTime(at.toISOString(), zone) === wall) return at;
  }
  throw new Error(`no instant for ${wall} in ${zone}`);
}

async function listPosts(request: APIRequestContext, filter: Record<string, unknown>): Promise<Post[]> {
  return ((await callApi(request, 'Calendar', 'ListPosts', filter)) as Post[] | null) ?? [];
}

/** The centre of a locator's box, in viewport coordinates. */
async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error(`${locator.toString()} has no box`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The point of the week grid at day ("2027-01-18") and time ("09:00"), in viewport coordinates. */
async function slotPoint(page: Page, day: string, time: string): Promise<{ x: number; y: number }> {
  const calendar = page.getByTestId('post-calendar');
  const column = await calendar.locator(`td.fc-timegrid-col[data-date="${day}"]`).boundingBox();
  const slot = await calendar.locator(`td.fc-timegrid-slot-lane[data-time="${time}:00"]`).boundingBox();
  if (column === null || slot === null) throw new Error(`no slot at ${day} ${time}`);
  // A few pixels into the slot: a drop there starts at the slot's time.
  return { x: column.x + column.width / 2, y: slot.y + Math.min(6, slot.height / 2) };
}

/** How near the window's edges FullCalendar starts scrolling the page during a drag, in pixels. */
const AUTO_SCROLL_EDGE = 50;

/**
 * Scrolls the page so that the element to drag and the grid's row at time are on screen
 * together, below the app's fixed header and away from the edges where FullCalendar would scroll
 * the page under the pointer: a drag then lands where it was aimed.
 */
async function showBoth(page: Page, from: Locator, time: string): Promise<void> {
  // The backlog scrolls within itself: bring the item into its view first.
  await from.scrollIntoViewIfNeeded();
  const slot = page.getByTestId('post-calendar').locator(`td.fc-timegrid-slot-lane[data-time="${time}:00"]`);
  const header = await page.getByRole('banner').boundingBox();
  const viewport = page.viewportSize();
  if (header === null || viewport === null) throw new Error('no header or viewport');
  const top = header.y + header.height + AUTO_SCROLL_EDGE;
  const bottom = viewport.height - AUTO_SCROLL_EDGE;
  const [a, b] = [await from.boundingBox(), await slot.boundingBox()];
  if (a === null || b === null) throw new Error('nothing to drag or no slot');
  // Centre the span of both boxes in the band between the header and the bottom edge.
  const spanTop = Math.min(a.y, b.y);
  const spanBottom = Math.max(a.y + a.height, b.y + b.height);
  const delta = (spanTop + spanBottom) / 2 - (top + bottom) / 2;
  await page.evaluate((dy) => window.scrollBy(0, dy), delta);
  await expect
    .poll(async () => {
      const [x, y] = [await from.boundingBox(), await slot.boundingBox()];
      return x !== null && y !== null && Math.min(x.y, y.y) >= top && Math.max(x.y + x.height, y.y + y.height) <= bottom;
    }, 'both ends of the drag on screen, clear of the edges')
    .toBe(true);
}

/**
 * Drags with real mouse events, as a person does: press on the element, move a little so that
 * FullCalendar's dragging starts, travel to the target in steps, release there.
 */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 8, from.y + 8, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 25 });
  // FullCalendar hit-tests on mouse moves: one more on the spot, then release.
  await page.mouse.move(to.x + 1, to.y, { steps: 2 });
  await page.mouse.up();
}

test('plan a week by drag and drop: three short-video ideas get dates, one moves, cadence and mix follow', async ({ page, request }) => {
  // Four drags, each waiting for the backend and the panels: about 12 s here, twice that leaves room.
  test.setTimeout(60_000);
  const settings = (await callApi(request, 'Calendar', 'GetSettings')) as Settings;
  const zone = settings.time_zone;
  // The demo workspace's cadence: three short videos a week, on any channel.
  expect(settings.cadence.find((c) => c.format === 'short_video' && c.channel === '')?.per_week).toBe(3);

  const monday = targetMonday(zone);
  const month = monday.slice(0, 7);
  // The week and its month are this test's own: posts left there by an earlier run are removed.
  const monthStart = instantOf(`${month}-01T00:00`, zone);
  const nextMonth = instantOf(`${addDays(`${month}-28`, 7).slice(0, 7)}-01T00:00`, zone);
  for (const post of await listPosts(request, { from: monthStart.toISOString(), to: nextMonth.toISOString() })) {
    await callApi(request, 'Calendar', 'DeletePost', post.id);
  }

  // Three short-video ideas in the backlog: two core, one experiment.
  const stamp = Date.now();
  const tiers = ['core', 'core', 'experiment'];
  const ideas: Post[] = [];
  for (const [i, tier] of tiers.entries()) {
    ideas.push(
      (await callApi(request, 'Calendar', 'CreatePost', {
        title: `Reel semaine ${i + 1} · ${stamp}`,
        format: 'short_video',
        channels: ['instagram'],
        pillar: settings.pillars[0]?.key ?? '',
        tier,
        local: '',
        time_zone: zone,
      })) as Post,
    );
  }
  for (const idea of ideas) expect(idea.status).toBe('idea');

  await openApp(page, '/calendar');
  const calendar = page.getByTestId('post-calendar');
  await expect(calendar.locator('.fc-dayGridMonth-view')).toBeVisible();
  await calendar.getByText('Week', { exact: true }).click();
  await expect(calendar.locator('.fc-timeGridWeek-view')).toBeVisible();
  await expect(page).toHaveURL(/view=timeGridWeek/);
  // Forward, a week at a time, to the target week.
  const mondayColumn = calendar.locator(`td.fc-timegrid-col[data-date="${monday}"]`);
  for (let i = 0; i < 12 && !(await mondayColumn.isVisible()); i++) {
    const title = await calendar.getByTestId('calendar-title').textContent();
    await calendar.getByRole('button', { name: 'Next' }).click();
    await expect(calendar.getByTestId('calendar-title')).not.toHaveText(title ?? '');
  }
  await expect(mondayColumn).toBeVisible();

  // The week starts empty: no short video planned yet.
  const cadence = page.getByTestId('cadence-panel');
  const shorts = cadence.getByTestId('cadence-row-short_video-any');
  await expect(cadence).toContainText(`Week of ${monday}`);
  await expect(shorts).toContainText('0 of 3 short videos this week');
  await expect(shorts).toHaveAttribute('data-met', 'false');
  await expect(shorts).toContainText('3 to plan');
  const mix = page.getByTestId('mix-gauge');
  await expect(mix).toContainText('No post planned this month yet.');

  // Each idea, dragged from the backlog onto a day and a time of the week.
  const drops = [
    { day: monday, time: '09:00' },
    { day: addDays(monday, 2), time: '11:30' },
    { day: addDays(monday, 4), time: '08:00' },
  ];
  for (const [i, idea] of ideas.entries()) {
    const { day, time } = drops[i] ?? { day: monday, time: '09:00' };
    const item = page.getByTestId(`backlog-item-${idea.id}`);
    await expect(item).toBeVisible();
    await showBoth(page, item, time);
    await drag(page, await centre(item), await slotPoint(page, day, time));
    // The post got that date and time, on the workspace's clock, and left the backlog.
    await expect
      .poll(async () => {
        const post = (await callApi(request, 'Calendar', 'GetPost', idea.id)) as Post;
        return post.scheduled_at === null ? null : wallTime(post.scheduled_at, zone);
      })
      .toBe(`${day}T${time}`);
    await expect(item).toHaveCount(0);
    await expect(calendar.getByTestId(`calendar-event-${idea.id}`)).toBeVisible();
    await expect(shorts).toContainText(`${i + 1} of 3 short videos this week`);
  }

  // All three are drafts dated in the week.
  const week = await listPosts(request, { from: instantOf(`${monday}T00:00`, zone).toISOString(), to: instantOf(`${addDays(monday, 7)}T00:00`, zone).toISOString() });
  const mine = week.filter((p) => ideas.some((idea) => idea.id === p.id));
  expect(mine.map((p) => p.status)).toEqual(['draft', 'draft', 'draft']);
  expect(mine.map((p) => wallTime(p.scheduled_at ?? '', zone))).toEqual(drops.map((d) => `${d.day}T${d.time}`));

  // The Wednesday post moves to Thursday, same time (FullCalendar's eventDrop).
  const moved = ideas[1];
  if (moved === undefined) throw new Error('no second idea');
  const event = calendar.getByTestId(`calendar-event-${moved.id}`);
  const thursday = addDays(monday, 3);
  await showBoth(page, event, '11:30');
  await drag(page, await centre(event), await slotPoint(page, thursday, '11:30'));
  await expect
    .poll(async () => {
      const post = (await callApi(request, 'Calendar', 'GetPost', moved.id)) as Post;
      return post.scheduled_at === null ? null : wallTime(post.scheduled_at, zone);
    })
    .toBe(`${thursday}T11:30`);
  await expect(calendar.locator(`td.fc-timegrid-col[data-date="${thursday}"]`).getByTestId(`calendar-event-${moved.id}`)).toBeVisible();

  // The week's cadence for short videos is met; the month's mix counts the three: 2 core, 1 experiment.
  await expect(shorts).toContainText('3 of 3 short videos this week');
  await expect(shorts).toHaveAttribute('data-met', 'true');
  await expect(shorts).toContainText('On target');
  await expect(shorts.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await expect(mix).toContainText('3 posts');
  await expect(mix.getByRole('progressbar', { name: 'Core 67 %' })).toBeVisible();
  await expect(mix.getByRole('progressbar', { name: 'Experiment 33 %' })).toBeVisible();
  await expect(mix.getByTestId('mix-row-core')).toContainText('67 % (2 posts) · target 70 %');
  await expect(mix.getByTestId('mix-row-core')).not.toHaveAttribute('data-off-target');
  await expect(mix.getByTestId('mix-row-experiment')).toContainText('33 % (1 post) · target 20 %');
  await expect(mix.getByTestId('mix-row-experiment')).toHaveAttribute('data-off-target', 'true');
  await expect(mix.getByTestId('mix-row-high_risk')).toContainText('0 % (0 posts) · target 10 %');
  // The backend agrees with what the panels show.
  const report = (await callApi(request, 'Calendar', 'Mix', month)) as { total: number; counts: { core: number; experiment: number } };
  expect(report).toMatchObject({ total: 3, counts: { core: 2, experiment: 1 } });
});
