import { Group, Progress, RingProgress, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format-context';
import type { Fit, FitInput } from '../types';
import { fitColor } from './badges';

/** What a fit factor's band means, with its values. */
function InputDetail({ input }: { input: FitInput }) {
  const { t } = useTranslation();
  const format = useFormat();
  const band = t(`creators.fit.band.${input.factor}.${input.band}`, { defaultValue: input.band });
  const percent = (value: number) => new Intl.NumberFormat(format.locale, { maximumFractionDigits: 2 }).format(value);
  switch (input.factor) {
    case 'audience':
      return <>{input.band === 'unknown' ? band : t('creators.fit.detail.audience', { band, value: new Intl.NumberFormat(format.locale).format(input.value) })}</>;
    case 'engagement':
      return (
        <>
          {input.band === 'unknown'
            ? t('creators.fit.detail.engagementUnknown', { benchmark: percent(input.benchmark) })
            : t('creators.fit.detail.engagement', { band, value: percent(input.value), benchmark: percent(input.benchmark) })}
        </>
      );
    default:
      return <>{band}</>;
  }
}

/** The fit score with each of its inputs and the points it gave, and how it is computed. */
export function FitScore({ fit }: { fit: Fit }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="fit-score">
      <Group gap="md" wrap="nowrap">
        <RingProgress
          size={84}
          thickness={8}
          roundCaps
          sections={[{ value: fit.score, color: fitColor(fit.score) }]}
          label={
            <Text ta="center" fw={700} size="lg" data-testid="fit-score-value">
              {fit.score}
            </Text>
          }
          aria-label={t('creators.fit.aria', { score: fit.score })}
        />
        <Stack gap={2}>
          <Title order={3} size="h5">
            {t('creators.fit.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('creators.fit.formula')}
          </Text>
        </Stack>
      </Group>
      <Table verticalSpacing={6} fz="sm">
        <Table.Tbody>
          {fit.inputs.map((input) => (
            <Table.Tr key={input.factor} data-testid={`fit-input-${input.factor}`}>
              <Table.Td w={140}>
                <Text size="sm" fw={500}>
                  {t(`creators.fit.factor.${input.factor}`)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  <InputDetail input={input} />
                </Text>
              </Table.Td>
              <Table.Td w={120}>
                <Stack gap={2}>
                  <Text size="xs" ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {t('creators.fit.points', { points: input.points, max: input.max })}
                  </Text>
                  <Progress value={(input.points / input.max) * 100} size="xs" color={fitColor((input.points / input.max) * 100)} />
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
