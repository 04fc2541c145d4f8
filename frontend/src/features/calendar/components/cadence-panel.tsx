import { Badge, Group, Paper, Progress, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useCadence } from '../api/get-cadence';
import type { CadenceProgress } from '../types';

/** "2 of 3 short videos this week", "1 of 2 stories this week on Instagram". */
export function cadenceText(item: CadenceProgress, t: TFunction): string {
  const what = t(`calendar.cadence.progress.${item.format}`, { planned: item.planned, count: item.target });
  return item.channel === ''
    ? t('calendar.cadence.thisWeek', { what })
    : t('calendar.cadence.thisWeekOn', { what, channel: t(`platformName.${item.channel}`) });
}

/** The week's progress against each cadence target, gaps highlighted. */
export function CadencePanel({ day }: { day: string }) {
  const { t } = useTranslation();
  const cadence = useCadence(day);
  const items = cadence.data?.items ?? [];
  return (
    <Paper withBorder p="md" radius="md" data-testid="cadence-panel" aria-labelledby="cadence-title">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h5" id="cadence-title">
            {t('calendar.cadence.title')}
          </Title>
          {cadence.data !== undefined && (
            <Text size="xs" c="dimmed">
              {t('calendar.cadence.week', { date: cadence.data.week_start })}
            </Text>
          )}
        </Group>
        {cadence.isPending && <Skeleton height={60} />}
        {cadence.data !== undefined && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('calendar.cadence.none')}
          </Text>
        )}
        {items.map((item) => (
          <Stack gap={4} key={`${item.format}-${item.channel}`} data-testid={`cadence-row-${item.format}-${item.channel || 'any'}`} data-met={item.met}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm">{cadenceText(item, t)}</Text>
              {item.met ? (
                <Badge color="green" variant="light" size="sm" tt="none" style={{ flexShrink: 0 }}>
                  {t('calendar.cadence.met')}
                </Badge>
              ) : (
                <Badge color="orange" variant="filled" size="sm" tt="none" style={{ flexShrink: 0 }}>
                  {t('calendar.cadence.gap', { count: item.gap })}
                </Badge>
              )}
            </Group>
            <Progress
              value={Math.min(100, Math.round((100 * item.planned) / Math.max(1, item.target)))}
              color={item.met ? 'green' : 'orange'}
              size="sm"
              aria-label={cadenceText(item, t)}
            />
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
