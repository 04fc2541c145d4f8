import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldMessage } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { useRenameWorkspace } from '../api/rename-workspace';
import { isWorkspaceNameKey } from '../name-errors';
import type { Workspace } from '../types';

/** Renames `workspace`; mount it with a key per workspace so that the field starts from its name. */
export function RenameWorkspaceModal({ workspace, onClose }: { workspace: Workspace | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState(workspace?.name ?? '');
  const rename = useRenameWorkspace();
  const nameError = fieldMessage(rename.error, i18n, isWorkspaceNameKey);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (workspace === null) return;
    rename.mutate(
      { from: workspace.name, to: name },
      {
        onSuccess: (renamed) => {
          notifySuccess(t('workspaces.renamed', { name: renamed.name }));
          onClose();
        },
      },
    );
  }

  return (
    <Modal
      opened={workspace !== null}
      onClose={onClose}
      title={t('workspaces.renameTitle', { name: workspace?.name ?? '' })}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('workspaces.renameName')}
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
              if (rename.isError) rename.reset();
            }}
            error={nameError}
            required
            data-autofocus
            autoComplete="off"
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={rename.isPending}>
              {t('workspaces.renameSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
