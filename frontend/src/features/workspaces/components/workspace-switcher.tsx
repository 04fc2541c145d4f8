import { Box, Button, Menu, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconDatabase, IconPlus, IconSelector, IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCurrentWorkspace } from '../api/get-current-workspace';
import { useWorkspaces } from '../api/list-workspaces';
import { useSwitchWorkspace } from '../hooks/use-switch-workspace';
import { CreateWorkspaceModal } from './create-workspace-modal';

/** The header's workspace menu: every workspace (the open one checked), new and manage. */
export function WorkspaceSwitcher({ onManage }: { onManage: () => void }) {
  const { t } = useTranslation();
  const workspaces = useWorkspaces();
  const current = useCurrentWorkspace();
  const { switchTo, isSwitching } = useSwitchWorkspace();
  const [creating, createModal] = useDisclosure(false);
  const currentName = current.data?.name ?? '';

  return (
    <>
      <Menu position="bottom-end" width={260} shadow="md">
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconDatabase size={16} aria-hidden />}
            rightSection={<IconSelector size={14} aria-hidden />}
            loading={isSwitching}
            aria-label={t('workspaces.switcherLabel', { name: currentName })}
            maw={240}
          >
            <Text span size="sm" fw={500} truncate="end">
              {currentName}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('workspaces.menuTitle')}</Menu.Label>
          {workspaces.data?.map((workspace) => (
            <Menu.Item
              key={workspace.name}
              aria-current={workspace.current ? 'true' : undefined}
              leftSection={workspace.current ? <IconCheck size={16} aria-hidden /> : <Box w={16} />}
              onClick={() => {
                if (!workspace.current) switchTo(workspace.name);
              }}
              fw={workspace.current ? 600 : undefined}
            >
              {workspace.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconPlus size={16} aria-hidden />} onClick={createModal.open}>
            {t('workspaces.new')}
          </Menu.Item>
          <Menu.Item leftSection={<IconSettings size={16} aria-hidden />} onClick={onManage}>
            {t('workspaces.manage')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <CreateWorkspaceModal opened={creating} onClose={createModal.close} />
    </>
  );
}
