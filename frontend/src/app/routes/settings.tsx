import { Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError } from '@/components/load-error';
import { useSettings } from '@/features/settings/api/get-settings';
import { AppearanceSettings } from '@/features/settings/components/appearance-settings';
import { BrandSettingsForm } from '@/features/settings/components/brand-settings-form';
import { AboutCard } from '@/features/system/components/about-card';
import { useCurrentWorkspace } from '@/features/workspaces/api/get-current-workspace';

/** General settings: brand, appearance, about. */
export function SettingsRoute() {
  const { t } = useTranslation();
  const settings = useSettings();
  // The brand form starts again from the saved values whenever another workspace opens.
  const workspacePath = useCurrentWorkspace().data?.path ?? '';

  function content() {
    if (settings.isError) return <LoadError message={t('settings.loadFailed')} onRetry={() => void settings.refetch()} />;
    if (settings.data === undefined) return <Skeleton height={360} radius="md" />;
    return (
      <>
        <BrandSettingsForm key={workspacePath} settings={settings.data} />
        <AppearanceSettings settings={settings.data} />
      </>
    );
  }

  return (
    <Stack gap="lg">
      {content()}
      <AboutCard />
    </Stack>
  );
}
