import { Group, Kbd, Modal, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { POST_ACTIONS, SHORTCUTS } from '../shortcuts';

/** Every shortcut of the reply queue, or of the posts in review (`posts`), in the interface language. */
export function ShortcutsDialog({ opened, onClose, posts = false }: { opened: boolean; onClose: () => void; posts?: boolean }) {
  const { t } = useTranslation();
  const shortcuts = posts ? SHORTCUTS.filter(({ action }) => (POST_ACTIONS as readonly string[]).includes(action)) : SHORTCUTS;
  return (
    <Modal opened={opened} onClose={onClose} title={t('approvals.shortcuts.title')} centered size="md">
      <Table verticalSpacing={6} aria-label={t('approvals.shortcuts.title')}>
        <Table.Tbody>
          {shortcuts.map(({ action, keys }) => (
            <Table.Tr key={action}>
              <Table.Td w={90}>
                <Group gap={4}>
                  {keys.map((key) => (
                    <Kbd key={key} size="sm">
                      {key}
                    </Kbd>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(posts ? `approvals.posts.shortcuts.${action}` : `approvals.shortcuts.${action}`)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="sm">
        {t('approvals.shortcuts.typingHint')}
      </Text>
    </Modal>
  );
}
