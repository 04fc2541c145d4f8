import { Badge, Card, Checkbox, Group, ScrollArea, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PlatformIcon } from '@/components/platform-icon';
import { AUTOPILOT_INTENTS, PLATFORMS } from '../types';
import type { PolicySectionProps } from './approval-reasons-card';

/**
 * Which template replies may go out with no person at all: one checkbox per intent and platform.
 * Spam (never answered) and danger (always a person) are not offered.
 */
export function AutopilotCard({ policy, onChange, errorFor }: PolicySectionProps) {
  const { t } = useTranslation();
  const isOn = (intent: string, platform: string) => policy.autopilot.some((rule) => rule.intent === intent && rule.platform === platform);

  function toggle(intent: string, platform: string, on: boolean) {
    const others = policy.autopilot.filter((rule) => !(rule.intent === intent && rule.platform === platform));
    onChange({ ...policy, autopilot: on ? [...others, { intent, platform }] : others });
  }

  const error = errorFor('autopilot');
  const count = policy.autopilot.length;

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="policy-autopilot">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={2} size="h4" id="policy-autopilot">
              {t('replyPolicy.autopilot.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('replyPolicy.autopilot.hint')}
            </Text>
          </div>
          <Badge variant="light" color={count === 0 ? 'gray' : 'teal'} style={{ flexShrink: 0 }}>
            {count === 0 ? t('replyPolicy.autopilot.off') : t('replyPolicy.autopilot.count', { count })}
          </Badge>
        </Group>
        <ScrollArea type="auto" offsetScrollbars>
          <Table withTableBorder withColumnBorders verticalSpacing={6} horizontalSpacing="xs" miw={720} aria-label={t('replyPolicy.autopilot.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={120}>{t('replyPolicy.autopilot.intent')}</Table.Th>
                {PLATFORMS.map((platform) => (
                  <Table.Th key={platform} ta="center">
                    <Tooltip label={t(`platformName.${platform}`)}>
                      <Group gap={4} justify="center" wrap="nowrap">
                        <PlatformIcon platform={platform} size={15} />
                        <Text size="xs" fw={600} truncate="end">
                          {t(`platformName.${platform}`)}
                        </Text>
                      </Group>
                    </Tooltip>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {AUTOPILOT_INTENTS.map((intent) => (
                <Table.Tr key={intent}>
                  <Table.Th scope="row">
                    <Text size="sm" fw={500}>
                      {t(`inbox.intent.${intent}`)}
                    </Text>
                  </Table.Th>
                  {PLATFORMS.map((platform) => (
                    <Table.Td key={platform} ta="center">
                      <Checkbox
                        display="inline-block"
                        checked={isOn(intent, platform)}
                        onChange={(event) => toggle(intent, platform, event.currentTarget.checked)}
                        aria-label={t('replyPolicy.autopilot.cell', { intent: t(`inbox.intent.${intent}`), platform: t(`platformName.${platform}`) })}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
        <Text size="xs" c="dimmed">
          {t('replyPolicy.autopilot.excluded')}
        </Text>
        {error !== undefined && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
