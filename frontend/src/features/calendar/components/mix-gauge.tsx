import { Group, Paper, Progress, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMix } from '../api/get-mix';
import { TIERS, type MixTier } from '../types';

export const TIER_COLORS: Record<MixTier, string> = { core: 'blue', experiment: 'violet', high_risk: 'pink' };

/** The visible month's 70/20/10 mix: each tier's share of the planned posts against its target. */
export function MixGauge({ month }: { month: string }) {
  const { t } = useTranslation();
  const mix = useMix(month);
  const report = mix.data;
  return (
    <Paper withBorder p="md" radius="md" data-testid="mix-gauge" aria-labelledby="mix-title">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h5" id="mix-title">
            {t('calendar.mix.title')}
          </Title>
          {report !== undefined && (
            <Text size="xs" c="dimmed">
              {t('calendar.mix.total', { count: report.total })}
            </Text>
          )}
        </Group>
        {mix.isPending && <Skeleton height={60} />}
        {report !== undefined && (
          <>
            <Progress.Root size={18} aria-label={t('calendar.mix.gaugeLabel')}>
              {TIERS.map((tier) =>
                report.shares[tier] > 0 ? (
                  <Tooltip key={tier} label={`${t(`calendar.tier.${tier}`)}: ${report.shares[tier]} %`}>
                    <Progress.Section value={report.shares[tier]} color={TIER_COLORS[tier]} aria-label={`${t(`calendar.tier.${tier}`)} ${report.shares[tier]} %`}>
                      <Progress.Label>{report.shares[tier]} %</Progress.Label>
                    </Progress.Section>
                  </Tooltip>
                ) : null,
              )}
            </Progress.Root>
            {report.total === 0 && (
              <Text size="sm" c="dimmed">
                {t('calendar.mix.empty')}
              </Text>
            )}
            {TIERS.map((tier) => {
              const off = report.total > 0 && report.off_target.includes(tier);
              return (
                <Group key={tier} justify="space-between" gap="xs" wrap="nowrap" data-testid={`mix-row-${tier}`} data-off-target={off || undefined}>
                  <Group gap={6}>
                    <span aria-hidden style={{ width: 10, height: 10, borderRadius: 2, background: `var(--mantine-color-${TIER_COLORS[tier]}-6)` }} />
                    <Text size="sm">{t(`calendar.tier.${tier}`)}</Text>
                  </Group>
                  <Text size="xs" c={off ? 'orange' : undefined} fw={off ? 700 : 400} ta="right">
                    {t('calendar.mix.share', { share: report.shares[tier], target: report.target[tier], count: report.counts[tier] })}
                  </Text>
                </Group>
              );
            })}
          </>
        )}
      </Stack>
    </Paper>
  );
}
