import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '@/lib/notify';
import { useRemoveAccount } from '../api/remove-account';
import type { Account } from '../types';

/** Asks before disconnecting `account`, saying what goes (sync, secrets) and what stays (its messages). */
export function RemoveAccountModal({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useRemoveAccount();

  function confirm() {
    if (account === null) return;
    remove.mutate(account.id, {
      onSuccess: () => {
        notifySuccess(t('connections.remove.done', { name: account.name }));
        onClose();
      },
    });
  }

  return (
    <Modal opened={account !== null} onClose={onClose} title={t('connections.remove.title', { name: account?.name ?? '' })} centered>
      <Stack gap="md">
        <Text size="sm">{t('connections.remove.intro')}</Text>
        <List size="sm" spacing={6}>
          <List.Item>{t('connections.remove.stops')}</List.Item>
          <List.Item>{t('connections.remove.secrets')}</List.Item>
          <List.Item>{t('connections.remove.stays')}</List.Item>
        </List>
        <Text size="sm" c="dimmed">
          {t('connections.remove.again')}
        </Text>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" leftSection={<IconTrash size={16} aria-hidden />} loading={remove.isPending} onClick={confirm}>
            {t('connections.remove.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
