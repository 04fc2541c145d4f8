import { Container } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ConnectionsPage } from '@/features/connections/components/connections-page';
import { inboxKeys } from '@/features/inbox/api/keys';

/** The connected platform accounts, connecting one, and importing data exports. */
export function ConnectionsRoute() {
  const queryClient = useQueryClient();
  // An import fills the inbox (and may create its import channel): what the inbox shows is refetched.
  const onImported = useCallback(() => {
    for (const queryKey of [inboxKeys.channels(), inboxKeys.lists(), inboxKeys.counts(), inboxKeys.searches()]) {
      void queryClient.invalidateQueries({ queryKey });
    }
  }, [queryClient]);
  return (
    <Container size="lg" px={0}>
      <ConnectionsPage onImported={onImported} />
    </Container>
  );
}
