import type { DatesSetArg, EventClickArg, EventDropArg, EventInput, EventMountArg } from '@fullcalendar/core';
import frLocale from '@fullcalendar/core/locales/fr';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin, { type DateClickArg, type EventReceiveArg } from '@fullcalendar/interaction';
import listPlugin from '@fullcalendar/list';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { ActionIcon, Button, Group, SegmentedControl, Text, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addMinutes, calendarDate, DEFAULT_DROP_TIME, dayOf, wallOf, wallTime } from '../time';
import type { CalendarPost, CalendarSession, Pillar } from '../types';
import classes from './post-calendar.module.css';
import { outsideRights } from './post-rights-warning';

export type CalendarView = 'dayGridMonth' | 'timeGridWeek' | 'listMonth';
export const CALENDAR_VIEWS: CalendarView[] = ['dayGridMonth', 'timeGridWeek', 'listMonth'];

/** What the calendar shows: its wall-clock range and the day it is focused on. */
export interface VisibleRange {
  start: Date;
  end: Date;
  /** The focused day, "2026-03-29": the first of the month in the month view, the Monday in the week view. */
  current: string;
}

const NO_PILLAR_COLOR = '#868e96';
// FullCalendar re-initialises when these change: they are made once.
const PLUGINS = [dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin];
const LOCALES = [frLocale];
const EVENT_TIME_FORMAT = { hour: '2-digit', minute: '2-digit', hour12: false } as const;
/** Posts that cannot move any more. */
const FIXED = new Set(['published', 'publishing']);

export interface PostCalendarProps {
  posts: CalendarPost[];
  sessions: CalendarSession[];
  pillars: Pillar[];
  /** The zone whose clock the calendar shows (the workspace's). */
  zone: string;
  view: CalendarView;
  onViewChange: (view: CalendarView) => void;
  onRangeChange: (range: VisibleRange) => void;
  onOpenPost: (id: number) => void;
  /** A click on an empty day or slot: a new post there. */
  onNewPost: (local: string) => void;
  /** A post was dragged to local (on zone's clock); resolves false to put it back. */
  onMove: (id: number, local: string) => Promise<boolean>;
  /** A backlog item was dropped at local. */
  onDropIdea: (id: number, local: string) => void;
}

/** The events FullCalendar shows: dated posts in their pillar's colour, and filming sessions. */
export function calendarEvents(posts: CalendarPost[], sessions: CalendarSession[], pillars: Pillar[], zone: string, filmingLabel: (title: string) => string): EventInput[] {
  const colors = new Map(pillars.map((p) => [p.key, p.color]));
  const events: EventInput[] = [];
  for (const post of posts) {
    if (post.scheduled_at === null) continue;
    const start = wallTime(post.scheduled_at, zone);
    const color = colors.get(post.pillar) ?? NO_PILLAR_COLOR;
    events.push({
      id: `post-${post.id}`,
      title: post.title,
      start: calendarDate(start),
      end: calendarDate(addMinutes(start, post.duration_minutes)),
      backgroundColor: color,
      borderColor: color,
      textColor: '#fff',
      startEditable: !FIXED.has(post.status),
      durationEditable: false,
      classNames: [`tend-post`, `tend-post-${post.status}`, ...(outsideRights(post) ? ['tend-post-rights'] : [])],
      extendedProps: { postId: post.id, status: post.status, format: post.format, outsideRights: outsideRights(post) },
    });
  }
  for (const session of sessions) {
    if (session.kind !== 'filming') continue;
    const start = wallTime(session.starts_at, zone);
    events.push({
      id: `session-${session.id}`,
      title: filmingLabel(session.title),
      start: calendarDate(start),
      end: calendarDate(addMinutes(start, session.duration_minutes)),
      editable: false,
      backgroundColor: 'transparent',
      borderColor: '#868e96',
      textColor: 'var(--mantine-color-text)',
      classNames: ['tend-session'],
      extendedProps: { sessionId: session.id },
    });
  }
  return events;
}

/**
 * The month, week and list views, with drag and drop: moving a post reschedules it, dropping a
 * backlog item gives it a date. Times are on the workspace's clock (see ../time.ts).
 */
export function PostCalendar({ posts, sessions, pillars, zone, view, onViewChange, onRangeChange, onOpenPost, onNewPost, onMove, onDropIdea }: PostCalendarProps) {
  const { t, i18n } = useTranslation();
  const ref = useRef<FullCalendar>(null);
  const [title, setTitle] = useState('');
  const events = useMemo(
    () => calendarEvents(posts, sessions, pillars, zone, (name) => t('calendar.filming.event', { title: name })),
    [posts, sessions, pillars, zone, t],
  );
  const api = () => ref.current?.getApi();
  const now = useCallback(() => calendarDate(wallTime(new Date(), zone)), [zone]);

  function handleDrop(info: EventDropArg) {
    const id = info.event.extendedProps.postId as number | undefined;
    if (id === undefined || info.event.start === null) {
      info.revert();
      return;
    }
    void onMove(id, wallOf(info.event.start)).then((ok) => {
      if (!ok) info.revert();
    });
  }

  function handleReceive(info: EventReceiveArg) {
    const id = Number(info.draggedEl.dataset.postId);
    const start = info.event.start;
    // The real event comes back with the refetched posts.
    info.event.remove();
    if (!Number.isFinite(id) || start === null) return;
    const wall = wallOf(start);
    onDropIdea(id, info.event.allDay ? `${dayOf(wall)}T${DEFAULT_DROP_TIME}` : wall);
  }

  function handleDateClick(info: DateClickArg) {
    const wall = wallOf(info.date);
    onNewPost(info.allDay ? `${dayOf(wall)}T${DEFAULT_DROP_TIME}` : wall);
  }

  function handleClick(info: EventClickArg) {
    info.jsEvent.preventDefault();
    const id = info.event.extendedProps.postId as number | undefined;
    if (id !== undefined) onOpenPost(id);
  }

  function handleMount(info: EventMountArg) {
    const id = info.event.extendedProps.postId as number | undefined;
    if (id === undefined) {
      info.el.dataset.testid = `calendar-session-${String(info.event.extendedProps.sessionId)}`;
      return;
    }
    info.el.dataset.testid = `calendar-event-${id}`;
    info.el.dataset.postId = String(id);
    info.el.dataset.status = String(info.event.extendedProps.status);
    const outside = info.event.extendedProps.outsideRights === true;
    if (outside) {
      info.el.dataset.rights = 'outside';
      info.el.title = t('calendar.rights.mark');
    }
    const rights = outside ? ` — ${t('calendar.rights.mark')}` : '';
    info.el.setAttribute('aria-label', `${info.event.title} — ${t(`calendar.status.${String(info.event.extendedProps.status)}`)}${rights}`);
  }

  function handleDatesSet(info: DatesSetArg) {
    setTitle(info.view.title);
    onRangeChange({ start: info.start, end: info.end, current: dayOf(wallOf(info.view.currentStart)) });
  }

  return (
    <div data-testid="post-calendar" className={classes.calendar}>
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Group gap={4} wrap="nowrap">
          <Tooltip label={t('calendar.toolbar.previous')}>
            <ActionIcon variant="default" size="lg" aria-label={t('calendar.toolbar.previous')} onClick={() => api()?.prev()}>
              <IconChevronLeft size={18} />
            </ActionIcon>
          </Tooltip>
          <Button variant="default" onClick={() => api()?.today()}>
            {t('calendar.toolbar.today')}
          </Button>
          <Tooltip label={t('calendar.toolbar.next')}>
            <ActionIcon variant="default" size="lg" aria-label={t('calendar.toolbar.next')} onClick={() => api()?.next()}>
              <IconChevronRight size={18} />
            </ActionIcon>
          </Tooltip>
          <Text fw={650} size="lg" ml="xs" data-testid="calendar-title" aria-live="polite">
            {title}
          </Text>
        </Group>
        <SegmentedControl
          aria-label={t('calendar.toolbar.view')}
          value={view}
          onChange={(value) => {
            onViewChange(value as CalendarView);
            api()?.changeView(value);
          }}
          data={CALENDAR_VIEWS.map((v) => ({ value: v, label: t(`calendar.toolbar.views.${v}`) }))}
        />
      </Group>
      <FullCalendar
        ref={ref}
        plugins={PLUGINS}
        initialView={view}
        headerToolbar={false}
        // Wall-clock times of the workspace's zone, given as UTC (see ../time.ts).
        timeZone="UTC"
        now={now}
        locales={LOCALES}
        locale={i18n.language.startsWith('fr') ? 'fr' : 'en'}
        firstDay={1}
        height="auto"
        dayMaxEvents={4}
        eventDisplay="block"
        allDaySlot={false}
        slotMinTime="06:00:00"
        scrollTime="08:00:00"
        nowIndicator
        editable
        droppable
        eventDurationEditable={false}
        defaultTimedEventDuration="00:15"
        eventTimeFormat={EVENT_TIME_FORMAT}
        slotLabelFormat={EVENT_TIME_FORMAT}
        eventMinHeight={22}
        events={events}
        eventDrop={handleDrop}
        eventReceive={handleReceive}
        eventClick={handleClick}
        dateClick={handleDateClick}
        eventDidMount={handleMount}
        datesSet={handleDatesSet}
        noEventsContent={t('calendar.noPosts')}
      />
    </div>
  );
}
