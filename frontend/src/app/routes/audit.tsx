import { Container } from '@mantine/core';
import { AuditPage } from '@/features/audit/components/audit-page';

/** The workspace's audit trail and the check of its hash chain. */
export function AuditRoute() {
  return (
    <Container size="xl" px={0}>
      <AuditPage />
    </Container>
  );
}
