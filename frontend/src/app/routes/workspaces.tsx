import { Container } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';
import { WorkspaceManager } from '@/features/workspaces/components/workspace-manager';

export function WorkspacesRoute() {
  const { t } = useTranslation();
  return (
    <Container size="lg" px={0}>
      <PageHeader title={t('workspaces.title')} subtitle={t('workspaces.subtitle')} />
      <WorkspaceManager />
    </Container>
  );
}
