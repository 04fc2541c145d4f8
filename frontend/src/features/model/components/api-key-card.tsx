import { Alert, Button, Card, Group, PasswordInput, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconKey, IconLock, IconLockOpen, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, toApiError } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { useDeleteModelKey } from '../api/delete-model-key';
import { useSetModelKey } from '../api/set-model-key';
import type { ModelPreset, ModelSettings } from '../types';

/**
 * Why the key could not be stored. Without a keyring the backend's own message says what to
 * install, which the short translation cannot: it follows, as the backend wrote it.
 */
function KeyError({ error }: { error: unknown }) {
  const { i18n } = useTranslation();
  const apiError = toApiError(error);
  const { message } = describeError(apiError, i18n);
  const hint = apiError.key === 'keyring_unavailable' && apiError.message !== message ? apiError.message : null;
  return (
    <>
      {message}
      {hint !== null && (
        <Text component="span" display="block" size="xs" c="dimmed" mt={2}>
          {hint}
        </Text>
      )}
    </>
  );
}

/**
 * The API key: typed once, stored in the OS keyring, never shown nor sent back. The card only
 * says whether one is stored.
 */
export function ApiKeyCard({ settings, preset }: { settings: ModelSettings; preset: ModelPreset | undefined }) {
  const { t } = useTranslation();
  const [key, setKey] = useState('');
  const save = useSetModelKey();
  const remove = useDeleteModelKey();
  const keyError = save.error === null ? undefined : <KeyError error={save.error} />;

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = key.trim();
    if (trimmed === '') return;
    save.mutate(trimmed, {
      onSuccess: () => {
        setKey('');
        notifySuccess(t('aiModel.key.saved'));
      },
    });
  }

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="model-key">
      <Stack gap="md">
        <div>
          <Title order={2} size="h4" id="model-key">
            {t('aiModel.key.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('aiModel.key.hint')}
          </Text>
        </div>

        <Group gap="sm" wrap="nowrap" role="status">
          <ThemeIcon variant="light" color={settings.has_key ? 'teal' : 'gray'} radius="xl">
            {settings.has_key ? <IconLock size={16} aria-hidden /> : <IconLockOpen size={16} aria-hidden />}
          </ThemeIcon>
          <Text size="sm" fw={500}>
            {settings.has_key ? t('aiModel.key.stored') : t('aiModel.key.none')}
          </Text>
          {settings.has_key && (
            <Button
              variant="subtle"
              color="red"
              size="compact-sm"
              leftSection={<IconTrash size={14} aria-hidden />}
              loading={remove.isPending}
              onClick={() => remove.mutate(undefined, { onSuccess: () => notifySuccess(t('aiModel.key.removed')) })}
              ml="auto"
            >
              {t('aiModel.key.remove')}
            </Button>
          )}
        </Group>
        {!settings.has_key && preset?.needs_key === true && (
          <Alert color="orange" variant="light" icon={<IconKey size={18} aria-hidden />}>
            {t('aiModel.key.needed', { server: preset.name })}
          </Alert>
        )}

        <form onSubmit={submit} noValidate>
          <Group align="flex-start" gap="sm" wrap="wrap">
            <PasswordInput
              label={settings.has_key ? t('aiModel.key.replace') : t('aiModel.key.input')}
              placeholder={t('aiModel.key.placeholder')}
              value={key}
              onChange={(event) => {
                setKey(event.currentTarget.value);
                if (save.isError) save.reset();
              }}
              error={keyError}
              // PasswordInput marks only its wrapper as invalid; assistive technologies read this.
              aria-invalid={keyError !== undefined}
              autoComplete="off"
              spellCheck={false}
              visibilityToggleButtonProps={{ 'aria-label': t('aiModel.key.toggleVisibility') }}
              style={{ flex: '1 1 280px' }}
            />
            <Button type="submit" mt={25} leftSection={<IconKey size={16} aria-hidden />} loading={save.isPending} disabled={key.trim() === ''}>
              {t('aiModel.key.save')}
            </Button>
          </Group>
        </form>
      </Stack>
    </Card>
  );
}
