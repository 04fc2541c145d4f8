import { Anchor, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PlatformIcon } from '@/components/platform-icon';
import { useFormat } from '@/lib/format-context';
import type { Creator } from '../types';
import { FitBadge, RightsStatusBadge, StageBadge } from './badges';

/** The creators as a table: stage, niche, audience, engagement, territory, fit, rights, codes. */
export function CreatorTable({ creators, href }: { creators: Creator[]; href: (id: number) => string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="sm" data-testid="creator-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('creators.table.name')}</Table.Th>
            <Table.Th>{t('creators.table.stage')}</Table.Th>
            <Table.Th>{t('creators.table.niche')}</Table.Th>
            <Table.Th ta="right">{t('creators.table.audience')}</Table.Th>
            <Table.Th ta="right">{t('creators.table.engagement')}</Table.Th>
            <Table.Th>{t('creators.table.territory')}</Table.Th>
            <Table.Th>{t('creators.table.fit')}</Table.Th>
            <Table.Th>{t('creators.table.rights')}</Table.Th>
            <Table.Th>{t('creators.table.codes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {creators.map((c) => (
            <Table.Tr key={c.id} data-testid={`creator-row-${c.id}`}>
              <Table.Td>
                <Anchor component={Link} to={href(c.id)} fw={600} size="sm">
                  {c.name}
                </Anchor>
                <Group gap={6} wrap="nowrap">
                  {c.handles.slice(0, 2).map((h) => (
                    <Group key={`${h.platform}:${h.handle}`} gap={2} wrap="nowrap">
                      <PlatformIcon platform={h.platform} size={12} />
                      <Text size="xs" c="dimmed">
                        @{h.handle}
                      </Text>
                    </Group>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <StageBadge stage={c.stage} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{c.niche === '' ? '—' : t(`creators.niche.${c.niche}`, { defaultValue: c.niche })}</Text>
              </Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {c.audience_size == null ? '—' : format.number(c.audience_size)}
              </Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {c.engagement_rate == null ? '—' : `${new Intl.NumberFormat(format.locale, { maximumFractionDigits: 2 }).format(c.engagement_rate)} %`}
              </Table.Td>
              <Table.Td>{c.territory === '' ? '—' : c.territory}</Table.Td>
              <Table.Td>
                <FitBadge score={c.fit.score} />
              </Table.Td>
              <Table.Td>
                <RightsStatusBadge status={c.rights_status} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {c.codes.join(', ')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
