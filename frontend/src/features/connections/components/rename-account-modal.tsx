import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { useUpdateAccount } from '../api/update-account';
import { errorMessage } from '../errors';
import { ACCOUNT_NAME_PATTERN } from '../platforms';
import type { Account } from '../types';
import { ErrorAlert } from './error-alert';

const NAME_KEYS = ['account_name_invalid', 'account_exists'];

/** Renames `account`; mount it with a key per account so that the field starts from its name. */
export function RenameAccountModal({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState(account?.name ?? '');
  const [localError, setLocalError] = useState<string | null>(null);
  const update = useUpdateAccount();
  const serverKey = update.error === null ? undefined : toApiError(update.error).key;
  const nameError = localError ?? (serverKey !== undefined && NAME_KEYS.includes(serverKey) ? errorMessage(update.error, i18n) : undefined);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (account === null) return;
    const next = name.trim();
    if (!ACCOUNT_NAME_PATTERN.test(next)) {
      setLocalError(t('errors.account_name_invalid', { name: next }));
      return;
    }
    if (next === account.name) {
      onClose();
      return;
    }
    update.mutate(
      { id: account.id, update: { name: next } },
      {
        onSuccess: (renamed) => {
          notifySuccess(t('connections.rename.done', { name: renamed.name }));
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened={account !== null} onClose={onClose} title={t('connections.rename.title', { name: account?.name ?? '' })} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('connections.field.name.label')}
            description={t('connections.field.name.description')}
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
              setLocalError(null);
              if (update.isError) update.reset();
            }}
            error={nameError}
            required
            data-autofocus
            autoComplete="off"
            spellCheck={false}
          />
          <Text size="sm" c="dimmed">
            {t('connections.rename.webhookWarning')}
          </Text>
          {update.isError && nameError === undefined && <ErrorAlert error={update.error} />}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('connections.rename.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
