import type { CalendarOptions, DatesSetArg, EventInput } from '@fullcalendar/core';
import { forwardRef, useEffect, useImperativeHandle } from 'react';

/** The props the calendar was last rendered with, for tests to call its callbacks (eventDrop, eventReceive...). */
export const lastCalendar: { props: CalendarOptions | null } = { props: null };

/** The range the fake reports when it mounts: the month view of December 2026. */
export const FAKE_RANGE = { start: new Date('2026-11-30T00:00:00Z'), end: new Date('2027-01-11T00:00:00Z'), currentStart: new Date('2026-12-01T00:00:00Z') };

/**
 * Stands in for @fullcalendar/react under jsdom, which cannot lay a real calendar out: it reports
 * a visible range and lists its events as buttons.
 */
const FakeFullCalendar = forwardRef(function FakeFullCalendar(props: CalendarOptions, ref) {
  lastCalendar.props = props;
  useImperativeHandle(ref, () => ({ getApi: () => ({ prev() {}, next() {}, today() {}, changeView() {} }) }));
  // Like FullCalendar, report the range once, not at every render.
  useEffect(() => {
    lastCalendar.props?.datesSet?.({
      start: FAKE_RANGE.start,
      end: FAKE_RANGE.end,
      startStr: '',
      endStr: '',
      timeZone: 'UTC',
      view: { title: 'December 2026', currentStart: FAKE_RANGE.currentStart },
    } as unknown as DatesSetArg);
  }, []);
  const events = (props.events ?? []) as EventInput[];
  return (
    <div data-testid="fake-fullcalendar">
      {events.map((event) => (
        <button key={String(event.id)} type="button" data-testid={String(event.id)}>
          {String(event.title)} {event.start instanceof Date ? event.start.toISOString().slice(0, 16) : ''}
        </button>
      ))}
    </div>
  );
});

export default FakeFullCalendar;
