import { Card, NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LIMIT_RANGES, type LimitName, type RateLimits } from '../types';
import type { PolicyField } from '../validate';

const LIMIT_NAMES = Object.keys(LIMIT_RANGES) as LimitName[];

/** The brakes on automated replies, so that nothing floods a contact or loops with a bot. */
export function LimitsCard({ limits, onChange, errorFor }: { limits: RateLimits; onChange: (limits: RateLimits) => void; errorFor: (field: PolicyField) => string | undefined }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="policy-limits">
      <Stack gap="lg">
        <div>
          <Title order={2} size="h4" id="policy-limits">
            {t('replyPolicy.limits.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('replyPolicy.limits.hint')}
          </Text>
        </div>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
          {LIMIT_NAMES.map((name) => {
            const { min, max } = LIMIT_RANGES[name];
            return (
              <NumberInput
                key={name}
                label={t(`replyPolicy.limits.${name}`)}
                description={t(`replyPolicy.limits.hints.${name}`, { min, max })}
                value={Number.isNaN(limits[name]) ? '' : limits[name]}
                onChange={(value) => onChange({ ...limits, [name]: typeof value === 'number' ? value : Number.NaN })}
                min={min}
                max={max}
                allowDecimal={false}
                allowNegative={false}
                error={errorFor(`limits.${name}`)}
              />
            );
          })}
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
