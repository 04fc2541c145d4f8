import { Badge, Code, Group, ScrollArea, Stack, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { diffSnapshots, parseSnapshot, showValue, type DiffRow } from '../diff';

const CHANGE_COLORS: Record<DiffRow['change'], string> = { added: 'teal', removed: 'red', changed: 'yellow', same: 'gray' };

function Value({ value, tone }: { value: unknown; tone: 'before' | 'after' }) {
  if (value === undefined) return <Text c="dimmed">—</Text>;
  return (
    <Code
      block
      fz="xs"
      style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      bg={tone === 'before' ? 'var(--mantine-color-red-light)' : 'var(--mantine-color-teal-light)'}
    >
      {showValue(value)}
    </Code>
  );
}

/** An entry's before and after snapshots, field by field: what changed, and on request what did not. */
export function SnapshotDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const [showSame, setShowSame] = useState(false);
  const rows = diffSnapshots(parseSnapshot(before), parseSnapshot(after));
  const changed = rows.filter((row) => row.change !== 'same');
  const shown = showSame ? rows : changed;
  const unchanged = rows.length - changed.length;

  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('audit.diff.none')}
      </Text>
    );
  }

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {t('audit.diff.summary', { count: changed.length })}
        </Text>
        {unchanged > 0 && (
          <Switch size="xs" label={t('audit.diff.showSame', { count: unchanged })} checked={showSame} onChange={(event) => setShowSame(event.currentTarget.checked)} />
        )}
      </Group>
      <ScrollArea.Autosize mah={360} type="auto">
        <Table verticalSpacing={4} horizontalSpacing="xs" layout="fixed" aria-label={t('audit.diff.label')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="28%">{t('audit.diff.field')}</Table.Th>
              <Table.Th>{t('audit.diff.before')}</Table.Th>
              <Table.Th>{t('audit.diff.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((row) => (
              <Table.Tr key={row.path}>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  <Group gap={6} wrap="nowrap" align="flex-start">
                    <Badge size="xs" variant="light" color={CHANGE_COLORS[row.change]} style={{ flexShrink: 0 }}>
                      {t(`audit.diff.change.${row.change}`)}
                    </Badge>
                    <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                      {row.path === '' ? t('audit.diff.root') : row.path}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  {row.change === 'same' ? <Code fz="xs">{showValue(row.before)}</Code> : <Value value={row.before} tone="before" />}
                </Table.Td>
                <Table.Td style={{ verticalAlign: 'top' }}>
                  {row.change === 'same' ? <Code fz="xs">{showValue(row.after)}</Code> : <Value value={row.after} tone="after" />}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Stack>
  );
}
