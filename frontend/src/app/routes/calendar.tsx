import { Container } from '@mantine/core';
import { CalendarPage } from '@/features/calendar/components/calendar-page';

/** The content calendar: planned posts, their approval, cadence and mix. */
export function CalendarRoute() {
  return (
    <Container size="xl" px={0} fluid>
      <CalendarPage />
    </Container>
  );
}
