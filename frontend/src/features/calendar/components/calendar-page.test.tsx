import type { EventDropArg } from '@fullcalendar/core';
import type { EventReceiveArg } from '@fullcalendar/interaction';
import { screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { lastCalendar } from '../testing/fake-fullcalendar';
import { fakeCalendarBackend, postFixture } from '../testing/fixtures';
import { CalendarPage } from './calendar-page';

// jsdom cannot lay FullCalendar out: a stand-in reports a range and hands its callbacks to the tests.
vi.mock('@fullcalendar/react', () => import('../testing/fake-fullcalendar'));

const posts = [
  postFixture({ id: 1, title: 'Tuto : premier allumage', local: '2026-12-01T18:00', scheduled_at: '2026-12-01T17:00:00Z' }),
  postFixture({ id: 2, title: 'Coulisses', channels: ['tiktok'], local: '2026-12-02T18:00', scheduled_at: '2026-12-02T17:00:00Z', pillar: 'stories' }),
  postFixture({ id: 3, title: 'Idée : bougie personnalisée', status: 'idea', local: '', scheduled_at: null }),
  postFixture({ id: 4, title: 'Rappel panier', status: 'due', channels: ['whatsapp'], caption: 'Votre panier vous attend', local: '2026-11-28T10:00', scheduled_at: '2026-11-28T09:00:00Z' }),
];

function renderPage(url = '/calendar') {
  const fake = installFakeDesktop(fakeCalendarBackend(posts));
  const router = createMemoryRouter([{ path: '/calendar', element: <CalendarPage /> }], { initialEntries: [url] });
  return { ...renderWithProviders(<RouterProvider router={router} />), router, fake };
}

function dropArg(postId: number, start: string) {
  const revert = vi.fn();
  return { arg: { event: { start: new Date(start), extendedProps: { postId } }, revert } as unknown as EventDropArg, revert };
}

describe('CalendarPage', () => {
  beforeEach(() => {
    lastCalendar.props = null;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows the month’s posts in their pillar’s colour, the backlog and the reminders', async () => {
    const { fake } = renderPage();
    expect(await screen.findByTestId('post-1')).toHaveTextContent('Tuto : premier allumage 2026-12-01T18:00');
    const events = lastCalendar.props?.events as { id: string; backgroundColor: string; startEditable: boolean }[];
    expect(events.find((e) => e.id === 'post-2')?.backgroundColor).toBe('#37b24d');
    expect(within(screen.getByTestId('ideas-backlog')).getByTestId('backlog-item-3')).toHaveTextContent('Idée : bougie personnalisée');
    const reminder = within(screen.getByTestId('reminders-panel')).getByTestId('reminder-4');
    expect(within(reminder).getByRole('button', { name: 'Copy the WhatsApp caption' })).toBeInTheDocument();
    // The month view of December 2026: its posts, a day wider on each side, and its mix.
    await waitFor(() =>
      expect(fake.Calendar.ListPosts).toHaveBeenCalledWith({ pillars: [], channels: [], statuses: [], from: '2026-11-29T00:00:00.000Z', to: '2027-01-12T00:00:00.000Z' }),
    );
    expect(fake.Calendar.Mix).toHaveBeenCalledWith('2026-12');
  });

  it('reschedules a post dragged to another day, on the workspace’s clock', async () => {
    const { fake } = renderPage();
    await screen.findByTestId('post-1');
    const { arg, revert } = dropArg(1, '2026-12-03T18:00:00Z');
    lastCalendar.props?.eventDrop?.(arg);
    await waitFor(() => expect(fake.Calendar.Reschedule).toHaveBeenCalledWith(1, { local: '2026-12-03T18:00', time_zone: 'Europe/Paris', force: false }));
    expect(revert).not.toHaveBeenCalled();
  });

  it('puts a post back when it clashes with another, unless both are kept', async () => {
    const { user, fake } = renderPage();
    await screen.findByTestId('post-1');
    const { arg, revert } = dropArg(1, '2026-12-02T18:00:00Z');
    lastCalendar.props?.eventDrop?.(arg);
    const dialog = await screen.findByRole('dialog', { name: 'Two posts at the same time' });
    expect(revert).toHaveBeenCalled();
    expect(within(dialog).getByText(/“Coulisses” is already planned on TikTok at that minute/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Keep both' }));
    await waitFor(() => expect(fake.Calendar.Reschedule).toHaveBeenLastCalledWith(1, { local: '2026-12-02T18:00', time_zone: 'Europe/Paris', force: true }));
  });

  it('gives a backlog idea dropped on a day its date, at 09:00', async () => {
    const { fake } = renderPage();
    await screen.findByTestId('backlog-item-3');
    const draggedEl = screen.getByTestId('backlog-item-3');
    const remove = vi.fn();
    lastCalendar.props?.eventReceive?.({ draggedEl, event: { start: new Date('2026-12-04T00:00:00Z'), allDay: true, remove } } as unknown as EventReceiveArg);
    await waitFor(() => expect(fake.Calendar.Reschedule).toHaveBeenCalledWith(3, { local: '2026-12-04T09:00', time_zone: 'Europe/Paris', force: false }));
    expect(remove).toHaveBeenCalled();
  });

  it('filters by pillar, channel and status, and keeps the filters in the URL', async () => {
    const { user, router, fake } = renderPage('/calendar?channel=tiktok');
    await screen.findByTestId('post-1');
    await waitFor(() => expect(fake.Calendar.ListPosts).toHaveBeenCalledWith(expect.objectContaining({ channels: ['tiktok'], undated: true })));
    await user.click(screen.getByRole('textbox', { name: 'Pillars' }));
    await user.click(await screen.findByRole('option', { name: 'Histoires clients' }));
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).getAll('pillar')).toEqual(['stories']));
    await waitFor(() => expect(fake.Calendar.ListPosts).toHaveBeenLastCalledWith(expect.objectContaining({ pillars: ['stories'], channels: ['tiktok'] })));
  });

  it('exports the calendar as an .ics file', async () => {
    const createObjectURL = vi.fn(() => 'blob:calendar');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { user, fake } = renderPage();
    await screen.findByTestId('post-1');
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(await screen.findByRole('menuitem', { name: 'iCalendar (.ics)' }));
    await waitFor(() => expect(fake.Calendar.ExportICS).toHaveBeenCalledWith({ pillars: [], channels: [], statuses: [] }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('tend-calendar.ics');
    expect(createObjectURL).toHaveBeenCalled();
  });

  it('opens a post from the URL in the editor', async () => {
    renderPage('/calendar?post=2');
    expect(await screen.findByRole('dialog', { name: 'Coulisses' })).toBeInTheDocument();
  });
});
