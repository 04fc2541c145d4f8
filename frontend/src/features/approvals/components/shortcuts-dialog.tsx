import { Group, Kbd, Modal, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SHORTCUTS } from '../shortcuts';

/** Every approval queue shortcut, in the interface language. */
export function ShortcutsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('approvals.shortcuts.title')} centered size="md">
      <Table verticalSpacing={6} aria-label={t('approvals.shortcuts.title')}>
        <Table.Tbody>
          {SHORTCUTS.map(({ action, keys }) => (
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
                <Text size="sm">{t(`approvals.shortcuts.${action}`)}</Text>
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
