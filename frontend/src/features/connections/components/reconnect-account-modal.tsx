import { Alert, Button, Collapse, Group, Modal, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconInfoCircle, IconLock, IconPlugConnected } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '@/lib/notify';
import { useUpdateAccount } from '../api/update-account';
import { accountErrorField, accountErrorMessage, errorMessage, type FieldKey } from '../errors';
import { fieldValues, isConnectorPlatform, PLATFORM_SPECS } from '../platforms';
import type { Account } from '../types';
import { CredentialInputs } from './credential-inputs';
import { ErrorAlert } from './error-alert';
import { PlatformInstructions } from './platform-instructions';

/**
 * New secrets for `account` (a new token after the old one expired or was revoked): tested against
 * the platform, then stored in the keyring instead of the old ones; the account syncs again.
 * Mount it with a key per account.
 */
export function ReconnectAccountModal({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Partial<Record<FieldKey, string>>>({});
  const [help, setHelp] = useState(false);
  const update = useUpdateAccount();
  if (account === null || !isConnectorPlatform(account.platform)) return null;
  const spec = PLATFORM_SPECS[account.platform];
  const platformTitle = t(`connections.platform.${spec.platform}.title`);

  const serverField = accountErrorField(update.error, spec);
  const fieldErrors = { ...errors };
  if (serverField !== null) fieldErrors[serverField] = errorMessage(update.error, i18n);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (account === null) return;
    const missing: Partial<Record<FieldKey, string>> = {};
    for (const field of spec.secrets) {
      if (field.required && (secrets[field.name] ?? '').trim() === '') missing[`secret.${field.name}`] = t('connections.form.required');
    }
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    update.mutate(
      { id: account.id, update: { secrets: fieldValues(spec.secrets, secrets) } },
      {
        onSuccess: (reconnected) => {
          notifySuccess(t('connections.reconnect.done', { name: reconnected.name }));
          onClose();
        },
      },
    );
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('connections.reconnect.title', { name: account.name })}
      centered
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {account.status === 'needs_reconnect' && account.last_error !== null && account.last_error !== undefined && (
            <Alert color="red" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
              {accountErrorMessage(account.last_error, i18n)}
            </Alert>
          )}
          <Text size="sm">{t('connections.reconnect.intro', { platform: platformTitle })}</Text>
          <div>
            <UnstyledButton onClick={() => setHelp(!help)} aria-expanded={help} aria-controls="reconnect-help">
              <Group gap={4}>
                {help ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
                <Text size="sm" fw={500}>
                  {t('connections.reconnect.help', { platform: platformTitle })}
                </Text>
              </Group>
            </UnstyledButton>
            <Collapse in={help} id="reconnect-help">
              <Stack mt="sm">
                <PlatformInstructions spec={spec} accountName={account.name} />
              </Stack>
            </Collapse>
          </div>
          <CredentialInputs
            platform={spec.platform}
            fields={spec.secrets}
            kind="secret"
            values={secrets}
            onChange={(name, value) => {
              setSecrets({ ...secrets, [name]: value });
              setErrors({ ...errors, [`secret.${name}`]: undefined });
              if (update.isError) update.reset();
            }}
            errors={fieldErrors}
          />
          <Group gap={8} wrap="nowrap" align="flex-start">
            <IconLock size={16} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} color="var(--mantine-color-dimmed)" />
            <Text size="xs" c="dimmed">
              {t('connections.reconnect.replaces')}
            </Text>
          </Group>
          {update.isError && serverField === null && <ErrorAlert error={update.error} title={t('connections.reconnect.failed')} />}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending} leftSection={<IconPlugConnected size={16} aria-hidden />}>
              {t('connections.reconnect.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
