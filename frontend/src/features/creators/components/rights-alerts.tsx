import { Alert, Anchor, List, Text } from '@mantine/core';
import { IconAlarm } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '@/lib/format-context';
import { useRightsAlerts } from '../api/list-alerts';
import { useCreatorSettings } from '../api/get-settings';
import { formatDay } from '../links';
import { useCountdown } from './rights-checklist';

/** The usage rights ending within the alert window (or just ended), each opening its creator's rights. */
export function RightsAlerts({ href }: { href: (creatorId: number) => string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const alerts = useRightsAlerts();
  const settings = useCreatorSettings();
  const countdown = useCountdown();
  const list = alerts.data ?? [];
  if (list.length === 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlarm size={20} aria-hidden />}
      title={t('creators.alerts.title', { count: list.length, days: settings.data?.alert_days ?? 14 })}
      data-testid="rights-alerts"
    >
      <List size="sm" spacing={4}>
        {list.map((a) => (
          <List.Item key={a.rights.id} data-testid="rights-alert-item">
            <Anchor component={Link} to={href(a.creator_id)} fw={600} size="sm">
              {a.creator_name}
            </Anchor>
            <Text span size="sm">
              {a.campaign_name !== '' ? ` · ${a.campaign_name}` : ''}
              {' — '}
              {countdown(a.days_left)} ({formatDay(a.rights.end_date, format.locale)})
            </Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
