import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '@/lib/format-context';
import { formatDay } from '../links';
import type { CampaignSummary } from '../types';

/** The campaigns a creator takes part in, linking to the campaigns view. */
export function CreatorCampaigns({ campaigns }: { campaigns: CampaignSummary[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (campaigns.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('creators.campaigns.noneForCreator')}
      </Text>
    );
  }
  return (
    <Stack gap="xs" data-testid="creator-campaigns">
      <Table verticalSpacing={6}>
        <Table.Tbody>
          {campaigns.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Anchor component={Link} to={`?view=campaigns&edit=${c.id}`} size="sm" fw={600}>
                  {c.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {t('creators.rights.period', { start: formatDay(c.start_date, format.locale) || '…', end: formatDay(c.end_date, format.locale) || '…' })}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
