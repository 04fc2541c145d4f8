import { Alert, Box, Code, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format-context';
import { rejectionReason } from '../errors';
import type { ImportSummary as Summary } from '../types';

const STATS = ['read', 'imported', 'duplicates', 'skipped', 'truncated', 'rejected'] as const;
type Stat = (typeof STATS)[number];

function statValue(summary: Summary, stat: Stat): number {
  return stat === 'rejected' ? summary.rejected.length + summary.more_rejected : summary[stat];
}

/** What an import did: counts of what it read, stored and left out, and why items were refused. */
export function ImportSummary({ summary }: { summary: Summary }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="md" data-testid="import-summary">
      <Alert color="teal" variant="light" icon={<IconCircleCheck size={20} aria-hidden />} title={t('connections.import.summary.title')} role="status">
        {summary.read === 0
          ? t('connections.import.summary.nothing')
          : t('connections.import.summary.message', { count: summary.imported, imported: format.number(summary.imported), platform: summary.platform })}
      </Alert>
      <SimpleGrid component="dl" cols={{ base: 2, sm: 3, md: 6 }} spacing="sm" m={0}>
        {STATS.map((stat) => (
          <Paper key={stat} withBorder radius="md" p="sm" data-testid={`import-stat-${stat}`}>
            <Text component="dt" size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.4}>
              {t(`connections.import.summary.${stat}`)}
            </Text>
            <Text component="dd" m={0} fw={700} fz="xl" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {format.number(statValue(summary, stat))}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {summary.duplicates > 0 && (
        <Text size="sm" c="dimmed">
          {t('connections.import.summary.duplicatesHint')}
        </Text>
      )}
      {summary.rejected.length > 0 && (
        <Box component="section" aria-labelledby="import-rejected">
          <Title order={4} size="h6" id="import-rejected" mb="xs">
            {t('connections.import.summary.rejectedTitle')}
          </Title>
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing={6} horizontalSpacing="sm" striped aria-labelledby="import-rejected" data-testid="import-rejections">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="35%">{t('connections.import.summary.location')}</Table.Th>
                  <Table.Th>{t('connections.import.summary.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {summary.rejected.map((rejection, index) => (
                  <Table.Tr key={`${rejection.location}-${index}`}>
                    <Table.Td>
                      <Code fz="xs" style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}>
                        {rejection.location}
                      </Code>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{rejectionReason(rejection, i18n)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {summary.more_rejected > 0 && (
            <Text size="sm" c="dimmed" mt="xs" data-testid="import-more-rejected">
              {t('connections.import.summary.more', { count: summary.more_rejected, number: format.number(summary.more_rejected) })}
            </Text>
          )}
        </Box>
      )}
    </Stack>
  );
}
