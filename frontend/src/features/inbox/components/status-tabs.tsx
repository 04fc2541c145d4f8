import { Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format-context';
import { STATUS_TABS, type StatusTab } from '../filters';
import { STATUSES, type InboxCounts } from '../types';

function isStatusTab(value: string | null): value is StatusTab {
  return (STATUS_TABS as readonly (string | null)[]).includes(value);
}

/** Open, pending, snoozed, resolved or all, with how many each holds under the other filters. */
export function StatusTabs({ value, counts, onChange }: { value: StatusTab; counts: InboxCounts | undefined; onChange: (status: StatusTab) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const count = (status: StatusTab): number | undefined => {
    if (counts === undefined) return undefined;
    if (status === 'all') return STATUSES.reduce((sum, each) => sum + (counts.statuses[each] ?? 0), 0);
    return counts.statuses[status] ?? 0;
  };
  return (
    <Tabs
      value={value}
      onChange={(next) => {
        if (isStatusTab(next)) onChange(next);
      }}
      variant="default"
      activateTabWithKeyboard
    >
      <Tabs.List grow style={{ flexWrap: 'nowrap' }}>
        {STATUS_TABS.map((status) => {
          const n = count(status);
          return (
            <Tabs.Tab key={status} value={status} px={4} py={6}>
              <Stack gap={0} align="center">
                <Text span size="xs" fw={value === status ? 700 : 500} style={{ whiteSpace: 'nowrap' }}>
                  {t(`inbox.statusTab.${status}`)}
                </Text>
                <Text span size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {n === undefined ? '–' : format.number(n)}
                </Text>
              </Stack>
            </Tabs.Tab>
          );
        })}
      </Tabs.List>
    </Tabs>
  );
}
