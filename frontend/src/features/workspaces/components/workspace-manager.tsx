import { ActionIcon, Badge, Button, Card, Group, Skeleton, Table, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPencil, IconPlus, IconSwitchHorizontal, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '@/components/load-error';
import { useFormat } from '@/lib/format-context';
import { useWorkspaces } from '../api/list-workspaces';
import { useSwitchWorkspace } from '../hooks/use-switch-workspace';
import type { Workspace } from '../types';
import { CreateWorkspaceModal } from './create-workspace-modal';
import { DeleteWorkspaceModal } from './delete-workspace-modal';
import { RenameWorkspaceModal } from './rename-workspace-modal';

/** Every workspace with its size and date, to create, rename, delete and switch. */
export function WorkspaceManager() {
  const { t } = useTranslation();
  const format = useFormat();
  const workspaces = useWorkspaces();
  const { switchTo, switchingTo } = useSwitchWorkspace();
  const [creating, createModal] = useDisclosure(false);
  const [renaming, setRenaming] = useState<Workspace | null>(null);
  const [deleting, setDeleting] = useState<Workspace | null>(null);

  if (workspaces.isError) {
    return <LoadError message={t('workspaces.loadFailed')} onRetry={() => void workspaces.refetch()} />;
  }

  return (
    <Card withBorder radius="md" padding={0}>
      <Group justify="flex-end" p="md">
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={createModal.open}>
          {t('workspaces.create')}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('workspaces.name')}</Table.Th>
              <Table.Th>{t('workspaces.size')}</Table.Th>
              <Table.Th>{t('workspaces.modified')}</Table.Th>
              <Table.Th ta="right">{t('workspaces.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {workspaces.isPending && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Skeleton height={24} />
                </Table.Td>
              </Table.Tr>
            )}
            {workspaces.data?.map((workspace) => (
              <Table.Tr key={workspace.name}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text fw={500}>{workspace.name}</Text>
                    {workspace.current && (
                      <Badge variant="light" size="sm">
                        {t('workspaces.current')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{format.bytes(workspace.size_bytes)}</Table.Td>
                <Table.Td>{format.dateTime(workspace.modified_at)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button
                      variant="light"
                      size="compact-sm"
                      leftSection={<IconSwitchHorizontal size={14} aria-hidden />}
                      disabled={workspace.current}
                      loading={switchingTo === workspace.name}
                      onClick={() => switchTo(workspace.name)}
                      aria-label={t('workspaces.switchNamed', { name: workspace.name })}
                    >
                      {t('workspaces.switch')}
                    </Button>
                    <Tooltip label={t('workspaces.rename')}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        onClick={() => setRenaming(workspace)}
                        aria-label={t('workspaces.renameNamed', { name: workspace.name })}
                      >
                        <IconPencil size={16} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={workspace.current ? t('workspaces.openCannotBeDeleted') : t('workspaces.delete')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() => setDeleting(workspace)}
                        aria-label={t('workspaces.deleteNamed', { name: workspace.name })}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" c="dimmed" p="md">
        {t('workspaces.openCannotBeDeleted')}
      </Text>
      <CreateWorkspaceModal opened={creating} onClose={createModal.close} />
      <RenameWorkspaceModal key={`rename-${renaming?.name ?? ''}`} workspace={renaming} onClose={() => setRenaming(null)} />
      <DeleteWorkspaceModal key={`delete-${deleting?.name ?? ''}`} workspace={deleting} onClose={() => setDeleting(null)} />
    </Card>
  );
}
