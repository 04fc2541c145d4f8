import { Container } from '@mantine/core';
import { CreatorsPage } from '@/features/creators/components/creators-page';

/** The creator tracker: pipeline, list, campaigns, and a creator's drawer. */
export function CreatorsRoute() {
  return (
    <Container size="xl" px={0}>
      <CreatorsPage />
    </Container>
  );
}
