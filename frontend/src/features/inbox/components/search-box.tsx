import { ActionIcon, CloseButton, Code, Group, Kbd, Popover, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconHelpCircle, IconSearch } from '@tabler/icons-react';
import { forwardRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

const OPERATORS = [
  { syntax: 'word', key: 'words' },
  { syntax: '"exact phrase"', key: 'phrase' },
  { syntax: 'from:@handle', key: 'from' },
  { syntax: 'channel:instagram', key: 'channel' },
  { syntax: 'intent:sale', key: 'intent' },
  { syntax: 'kind:dm|comment|live', key: 'kind' },
  { syntax: 'is:open|pending|snoozed|resolved', key: 'status' },
  { syntax: 'is:escalated|unanswered', key: 'flags' },
] as const;

function SearchHelp() {
  const { t } = useTranslation();
  return (
    <Popover position="bottom-end" withArrow shadow="md" width={340}>
      <Popover.Target>
        <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('inbox.search.help')}>
          <IconHelpCircle size={16} aria-hidden />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {t('inbox.search.helpTitle')}
          </Text>
          <Table withRowBorders={false} verticalSpacing={3} horizontalSpacing={4}>
            <Table.Tbody>
              {OPERATORS.map(({ syntax, key }) => (
                <Table.Tr key={key}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Code>{syntax}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{t(`inbox.search.operators.${key}`)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed">
            {t('inbox.search.helpKeys')}
          </Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

export interface SearchBoxProps {
  value: string;
  onChange: (value: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
}

/** The inbox's search field, with the operators it understands a click away. */
export const SearchBox = forwardRef<HTMLInputElement, SearchBoxProps>(function SearchBox({ value, onChange, onKeyDown }, ref) {
  const { t } = useTranslation();
  return (
    <TextInput
      ref={ref}
      size="sm"
      aria-label={t('inbox.search.label')}
      placeholder={t('inbox.search.placeholder')}
      leftSection={<IconSearch size={15} aria-hidden />}
      rightSectionWidth={value === '' ? 56 : 60}
      rightSection={
        <Group gap={2} wrap="nowrap">
          {value === '' ? <Kbd size="xs">/</Kbd> : <CloseButton size="sm" aria-label={t('inbox.search.clear')} onClick={() => onChange('')} />}
          <SearchHelp />
        </Group>
      }
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onKeyDown={onKeyDown}
      autoComplete="off"
      spellCheck={false}
    />
  );
});
