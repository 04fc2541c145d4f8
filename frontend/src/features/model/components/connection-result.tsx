import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconAlertTriangle, IconCircleCheck, IconPlugConnected } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { describeError, toApiError } from '@/lib/errors';
import type { ModelCheck } from '../types';

/** How many offered models are listed before "and N more". */
const SHOWN_MODELS = 30;

/** The outcome of a connection test: the models offered and whether the configured one is there, or why it failed. */
export function ConnectionResult({
  result,
  error,
  model,
  onUseModel,
}: {
  result: ModelCheck | undefined;
  error: unknown;
  /** The model the test ran with. */
  model: string;
  onUseModel: (model: string) => void;
}) {
  const { t, i18n } = useTranslation();
  if (error !== null && error !== undefined) {
    const apiError = toApiError(error);
    const described = describeError(apiError, i18n);
    const { title } = described;
    // A local server that does not answer is named ("Is Ollama running at …?").
    const message =
      apiError.key === 'model_unreachable' && apiError.params.server !== undefined
        ? t('aiModel.check.unreachable', { server: apiError.params.server, url: apiError.params.url ?? '' })
        : described.message;
    return (
      <Alert color="red" variant="light" icon={<IconAlertCircle size={18} aria-hidden />} title={t('aiModel.check.failed', { reason: title })} role="alert">
        {message}
      </Alert>
    );
  }
  if (result === undefined) return null;
  const models = result.models ?? [];
  const shown = models.slice(0, SHOWN_MODELS);
  const modelList =
    models.length === 0 ? null : (
      <Stack gap={4}>
        <Text size="xs" c="dimmed" fw={600}>
          {t('aiModel.check.offered', { count: models.length })}
        </Text>
        <Group gap={6}>
          {shown.map((offered) => (
            <Button
              key={offered}
              size="compact-xs"
              variant={offered === model ? 'filled' : 'default'}
              ff="monospace"
              fw={500}
              onClick={() => onUseModel(offered)}
              aria-label={t('aiModel.check.use', { model: offered })}
              aria-pressed={offered === model}
            >
              {offered}
            </Button>
          ))}
          {models.length > shown.length && (
            <Text size="xs" c="dimmed">
              {t('aiModel.check.more', { count: models.length - shown.length })}
            </Text>
          )}
        </Group>
      </Stack>
    );

  if (result.model_found) {
    return (
      <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} aria-hidden />} title={t('aiModel.check.ok')} role="status">
        <Stack gap="xs">
          <Text size="sm">{t('aiModel.check.found', { model })}</Text>
          {modelList}
        </Stack>
      </Alert>
    );
  }
  if (models.length === 0) {
    return (
      <Alert color="blue" variant="light" icon={<IconPlugConnected size={18} aria-hidden />} title={t('aiModel.check.ok')} role="status">
        {t('aiModel.check.unlisted', { model })}
      </Alert>
    );
  }
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t('aiModel.check.okMissing')} role="status">
      <Stack gap="xs">
        <Text size="sm">{t('aiModel.check.notFound', { model })}</Text>
        {modelList}
      </Stack>
    </Alert>
  );
}
