import { ActionIcon, Alert, Badge, Card, Group, List, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconPencil, IconTrash, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format-context';
import { formatDay } from '../links';
import { territoryName } from '../territory';
import type { CampaignSummary, Rights } from '../types';
import { RightsStatusBadge } from './badges';

/** "Ends in 9 days", "Ends today", "Ended 3 days ago". */
export function useCountdown() {
  const { t } = useTranslation();
  return (daysLeft: number) => {
    if (daysLeft > 0) return t('creators.rights.endsIn', { count: daysLeft });
    if (daysLeft === 0) return t('creators.rights.endsToday');
    return t('creators.rights.endedAgo', { count: -daysLeft });
  };
}

/**
 * One rights record as the guide's checklist: each item settled or not, the status, and a
 * countdown to the end date that turns into an alert within the alert window.
 */
export function RightsChecklist({
  rights,
  campaigns,
  onEdit,
  onDelete,
}: {
  rights: Rights;
  campaigns: CampaignSummary[];
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const countdown = useCountdown();
  const campaign = campaigns.find((c) => c.id === rights.campaign_id)?.name ?? t('creators.rights.general');
  const territories = rights.territories.map((code) => territoryName(code, format.locale, t('creators.territory.WW'), t('creators.territory.EU'))).join(', ');
  const detail: Record<string, string> = {
    scope: rights.scopes.map((s) => t(`creators.scope.${s}`)).join(', '),
    duration:
      rights.start_date !== '' || rights.end_date !== ''
        ? t('creators.rights.period', { start: formatDay(rights.start_date, format.locale) || '…', end: formatDay(rights.end_date, format.locale) || '…' })
        : '',
    territories,
    compensation: rights.compensation_terms,
    edit_consent: rights.edit_consent == null ? '' : rights.edit_consent ? t('creators.rights.consent.yes') : t('creators.rights.consent.no'),
    signed: rights.signed_date === '' ? '' : formatDay(rights.signed_date, format.locale),
  };
  const urgent = rights.days_left != null && (rights.status === 'expiring' || rights.status === 'expired');

  return (
    <Card withBorder radius="md" padding="md" data-testid="rights-checklist" data-rights-id={rights.id}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="wrap">
            <Text fw={600} size="sm">
              {campaign}
            </Text>
            <RightsStatusBadge status={rights.status} />
            {rights.days_left != null && !urgent && (
              <Badge variant="outline" color="gray" size="sm" data-testid="rights-countdown">
                {countdown(rights.days_left)}
              </Badge>
            )}
          </Group>
          <Group gap={4} wrap="nowrap">
            <ActionIcon variant="subtle" color="gray" onClick={onEdit} aria-label={t('creators.rights.edit', { campaign })}>
              <IconPencil size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon variant="subtle" color="gray" onClick={onDelete} aria-label={t('creators.rights.delete', { campaign })}>
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>
        {urgent && rights.days_left != null && (
          <Alert
            color={rights.status === 'expired' ? 'red' : 'orange'}
            variant="light"
            icon={<IconAlertTriangle size={18} aria-hidden />}
            title={countdown(rights.days_left)}
            role="alert"
            data-testid="rights-expiry-alert"
          >
            {rights.status === 'expired'
              ? t('creators.rights.expiredHint', { end: formatDay(rights.end_date, format.locale) })
              : t('creators.rights.expiringHint', { end: formatDay(rights.end_date, format.locale) })}
          </Alert>
        )}
        <List spacing={6} size="sm" center>
          {rights.checklist.map((item) => (
            <List.Item
              key={item.item}
              data-testid={`checklist-${item.item}`}
              data-done={item.done || undefined}
              icon={
                <ThemeIcon size={20} radius="xl" color={item.done ? 'teal' : 'gray'} variant={item.done ? 'filled' : 'light'}>
                  {item.done ? <IconCheck size={12} aria-hidden /> : <IconX size={12} aria-hidden />}
                </ThemeIcon>
              }
            >
              <Text span size="sm" fw={500}>
                {t(`creators.checklist.${item.item}`)}
              </Text>
              <Text span size="sm" c="dimmed">
                {' — '}
                {detail[item.item] !== '' ? detail[item.item] : t(item.done ? 'creators.checklist.done' : 'creators.checklist.missing')}
              </Text>
            </List.Item>
          ))}
        </List>
        {rights.notes !== '' && (
          <Text size="xs" c="dimmed">
            {rights.notes}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
