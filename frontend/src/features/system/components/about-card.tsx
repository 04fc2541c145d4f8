import { Card, Skeleton, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DetailList } from '@/components/detail-list';
import { useSystemInfo } from '../api/get-system-info';

/** Version, transport and where Tend keeps its files. */
export function AboutCard() {
  const { t } = useTranslation();
  const info = useSystemInfo();
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="lg">
        <Title order={2} size="h4">
          {t('about.title')}
        </Title>
        {info.data === undefined ? (
          <Skeleton height={96} />
        ) : (
          <DetailList
            details={[
              { label: t('about.version'), value: info.data.version },
              { label: t('about.transport'), value: t(`transport.${info.data.transport}`) },
              { label: t('about.dataDir'), value: info.data.paths.data_dir, monospace: true },
              { label: t('about.configDir'), value: info.data.paths.config_dir, monospace: true },
              { label: t('about.workspaceFile'), value: info.data.workspace, monospace: true },
            ]}
          />
        )}
      </Stack>
    </Card>
  );
}
