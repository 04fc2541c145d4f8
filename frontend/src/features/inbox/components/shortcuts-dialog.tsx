import { Group, Kbd, Modal, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SHORTCUTS } from '../shortcuts';

/** Every inbox shortcut, in the interface language. */
export function ShortcutsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('inbox.shortcuts.title')} centered size="md">
      <Table verticalSpacing={6} aria-label={t('inbox.shortcuts.title')}>
        <Table.Tbody>
          {SHORTCUTS.map(({ action, keys }) => (
            <Table.Tr key={action}>
              <Table.Td w={90}>
                <Group gap={4}>
                  {keys.map((key) => (
                    <Kbd key={key} size="sm">
                      {key === 'Enter' || key === 'Esc' ? t(`inbox.shortcuts.keys.${key}`) : key}
                    </Kbd>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`inbox.shortcuts.${action}`)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="sm">
        {t('inbox.shortcuts.typingHint')}
      </Text>
    </Modal>
  );
}
