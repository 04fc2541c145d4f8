import { Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldMessage } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { useCreateWorkspace } from '../api/create-workspace';
import { useSwitchWorkspace } from '../hooks/use-switch-workspace';
import { isWorkspaceNameKey } from '../name-errors';

export function CreateWorkspaceModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState('');
  const [switchAfterCreate, setSwitchAfterCreate] = useState(true);
  const create = useCreateWorkspace();
  const { switchTo } = useSwitchWorkspace();
  const nameError = fieldMessage(create.error, i18n, isWorkspaceNameKey);

  function close() {
    setName('');
    create.reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(name, {
      onSuccess: (workspace) => {
        notifySuccess(t('workspaces.created', { name: workspace.name }));
        if (switchAfterCreate) switchTo(workspace.name);
        close();
      },
    });
  }

  return (
    <Modal opened={opened} onClose={close} title={t('workspaces.createTitle')} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('workspaces.createName')}
            description={t('workspaces.createNameHint')}
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
              if (create.isError) create.reset();
            }}
            error={nameError}
            required
            data-autofocus
            autoComplete="off"
          />
          <Checkbox
            label={t('workspaces.openAfterCreate')}
            checked={switchAfterCreate}
            onChange={(event) => setSwitchAfterCreate(event.currentTarget.checked)}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('workspaces.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
