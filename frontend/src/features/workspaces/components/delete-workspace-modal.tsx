import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '@/lib/notify';
import { useDeleteWorkspace } from '../api/delete-workspace';
import type { Workspace } from '../types';

/**
 * Deletes `workspace` once the user has typed its exact name; the open workspace cannot be
 * deleted and the modal says so. Mount it with a key per workspace.
 */
export function DeleteWorkspaceModal({ workspace, onClose }: { workspace: Workspace | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [confirmation, setConfirmation] = useState('');
  const remove = useDeleteWorkspace();
  const name = workspace?.name ?? '';
  const confirmed = workspace !== null && confirmation === workspace.name;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!confirmed) return;
    remove.mutate(
      { name, confirmation },
      {
        onSuccess: () => {
          notifySuccess(t('workspaces.deleted', { name }));
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened={workspace !== null} onClose={onClose} title={t('workspaces.deleteTitle', { name })} centered>
      {workspace?.current === true ? (
        <Stack gap="md">
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {t('workspaces.openCannotBeDeleted')}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm">{t('workspaces.deleteWarning', { name })}</Text>
            <TextInput
              label={t('workspaces.deleteConfirmLabel', { name })}
              value={confirmation}
              onChange={(event) => setConfirmation(event.currentTarget.value)}
              data-autofocus
              autoComplete="off"
              spellCheck={false}
            />
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red" disabled={!confirmed} loading={remove.isPending}>
                {t('workspaces.deleteSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
