import { Container } from '@mantine/core';
import { TemplatesPage } from '@/features/templates/components/templates-page';

/** The reply template library and its editor. */
export function TemplatesRoute() {
  return (
    <Container size="xl" px={0}>
      <TemplatesPage />
    </Container>
  );
}
