import { Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError } from '@/components/load-error';
import { useModelSettings } from '@/features/model/api/get-model-settings';
import { useModelPresets } from '@/features/model/api/list-model-presets';
import { ApiKeyCard } from '@/features/model/components/api-key-card';
import { ModelSettingsForm } from '@/features/model/components/model-settings-form';
import { useCurrentWorkspace } from '@/features/workspaces/api/get-current-workspace';

/** Settings → AI model: the optional OpenAI-compatible drafter and its key in the OS keyring. */
export function ModelSettingsRoute() {
  const { t } = useTranslation();
  const settings = useModelSettings();
  const presets = useModelPresets();
  // The form starts again from the saved values whenever another workspace opens.
  const workspacePath = useCurrentWorkspace().data?.path ?? '';
  if (settings.isError || presets.isError) {
    return (
      <LoadError
        message={t('aiModel.loadFailed')}
        onRetry={() => {
          void settings.refetch();
          void presets.refetch();
        }}
      />
    );
  }
  if (settings.data === undefined || presets.data === undefined) return <Skeleton height={560} radius="md" />;
  const preset = presets.data.find((each) => each.id === settings.data.preset);
  return (
    <Stack gap="lg">
      <ModelSettingsForm key={workspacePath} settings={settings.data} presets={presets.data} />
      <ApiKeyCard settings={settings.data} preset={preset} />
    </Stack>
  );
}
