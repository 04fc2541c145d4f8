import { Card, Container, Skeleton, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DetailList } from '@/components/detail-list';
import { LoadError } from '@/components/load-error';
import { PageHeader } from '@/components/page-header';
import { useSettings } from '@/features/settings/api/get-settings';
import { useSystemInfo } from '@/features/system/api/get-system-info';
import { useCurrentWorkspace } from '@/features/workspaces/api/get-current-workspace';
import { useFormat } from '@/lib/format-context';

/** The overview of the open workspace; later areas add their own sections below it. */
export function HomeRoute() {
  const { t } = useTranslation();
  const format = useFormat();
  const workspace = useCurrentWorkspace();
  const system = useSystemInfo();
  const settings = useSettings();

  function overview() {
    if (workspace.isError || system.isError) {
      return (
        <LoadError
          message={t('workspaces.loadFailed')}
          onRetry={() => {
            void workspace.refetch();
            void system.refetch();
          }}
        />
      );
    }
    if (workspace.data === undefined || system.data === undefined) return <Skeleton height={160} />;
    return (
      <DetailList
        details={[
          { label: t('home.workspace'), value: workspace.data.name },
          { label: t('home.brand'), value: settings.data?.brand_name || t('common.notSet') },
          { label: t('home.file'), value: workspace.data.path, monospace: true },
          { label: t('home.size'), value: format.bytes(workspace.data.size_bytes) },
          { label: t('home.modified'), value: format.dateTime(workspace.data.modified_at) },
          { label: t('home.version'), value: system.data.version },
          { label: t('home.transport'), value: t(`transport.${system.data.transport}`) },
        ]}
      />
    );
  }

  return (
    <Container size="lg" px={0}>
      <PageHeader title={t('home.title')} subtitle={t('home.subtitle')} />
      <Stack gap="lg">
        <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="home-overview">
          <Title order={2} size="h4" mb="lg" id="home-overview">
            {t('home.overview')}
          </Title>
          {overview()}
        </Card>
      </Stack>
    </Container>
  );
}
