import { Group, Text } from '@mantine/core';
import { IconAlarm } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format-context';
import { useNow } from '@/lib/use-now';
import { describeSla } from '../sla';

const SLA_COLORS = { none: 'dimmed', due: 'dimmed', soon: 'orange.7', breached: 'red.7' } as const;

/** "due in 23 min" / "late by 2 hr", red once breached, refreshed every 30 seconds. */
export function SlaCountdown({ slaDue }: { slaDue: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const { state, label } = describeSla(slaDue, now, format.locale, t);
  if (state === 'none' || slaDue === null) return null;
  return (
    <Group gap={3} wrap="nowrap" title={t('inbox.sla.dueAt', { time: format.dateTime(slaDue) })} data-sla={state}>
      <IconAlarm size={13} aria-hidden color={`var(--mantine-color-${state === 'breached' ? 'red-7' : state === 'soon' ? 'orange-7' : 'dimmed'})`} />
      <Text size="xs" c={SLA_COLORS[state]} fw={state === 'breached' ? 600 : 500} style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Text>
    </Group>
  );
}
