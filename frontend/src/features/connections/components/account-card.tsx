import { ActionIcon, Alert, Box, Button, Card, Group, Menu, SimpleGrid, Stack, Text, ThemeIcon, Title, Tooltip, type MantineColor } from '@mantine/core';
import {
  IconAlertTriangle,
  IconClockPause,
  IconDots,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlugConnected,
  IconPlugConnectedX,
  IconRefresh,
  IconStethoscope,
  IconTrash,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PlatformIcon } from '@/components/platform-icon';
import { useFormat } from '@/lib/format-context';
import { notifySuccess } from '@/lib/notify';
import { usePauseAccount } from '../api/pause-account';
import { useSyncAccount } from '../api/sync-account';
import { useTestAccount } from '../api/test-account';
import { accountErrorMessage } from '../errors';
import { accountHandle, isConnectorPlatform, PLATFORM_SPECS } from '../platforms';
import type { Account } from '../types';
import { AccountStatusBadge } from './account-status-badge';
import { WebhookAddress } from './platform-instructions';
import { ProgressLine } from './progress-line';

export interface AccountCardActions {
  onReconnect: (account: Account) => void;
  onRename: (account: Account) => void;
  onRemove: (account: Account) => void;
}

const PROBLEMS: Record<string, { color: MantineColor; icon: ReactNode }> = {
  needs_reconnect: { color: 'red', icon: <IconPlugConnectedX size={18} aria-hidden /> },
  rate_limited: { color: 'yellow', icon: <IconClockPause size={18} aria-hidden /> },
  error: { color: 'orange', icon: <IconAlertTriangle size={18} aria-hidden /> },
};

/** A time as "5 minutes ago" / "in 3 minutes", its full date and time on hover. */
function RelativeTime({ iso, now }: { iso: string; now: number }) {
  const format = useFormat();
  return (
    <Tooltip label={format.dateTime(iso)} withArrow openDelay={300}>
      <time dateTime={iso}>{format.relative(iso, now)}</time>
    </Tooltip>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Text component="dt" size="xs" tt="uppercase" fw={600} c="dimmed" lts={0.4}>
        {label}
      </Text>
      <Text component="dd" m={0} mt={2} size="sm">
        {children}
      </Text>
    </Box>
  );
}

/** When the account syncs next, in words that say why when it does not. */
function NextSync({ account, now, webhookOnly }: { account: Account; now: number; webhookOnly: boolean }) {
  const { t } = useTranslation();
  if (account.status === 'paused') return <>{t('connections.account.nextPaused')}</>;
  if (account.status === 'needs_reconnect') return <>{t('connections.account.nextReconnect')}</>;
  if (webhookOnly) return <>{t('connections.account.nextWebhook')}</>;
  const next = account.next_sync_at;
  if (next === null || next === undefined || next === '') return <>{t('connections.account.notScheduled')}</>;
  if (Date.parse(next) <= now) return <>{t('connections.account.due')}</>;
  return <RelativeTime iso={next} now={now} />;
}

/**
 * One connected account: its platform and name, whether it syncs (and why not, translated), when
 * it last did and will next, its first sync's progress, and what can be done to it.
 */
export function AccountCard({ account, now, actions }: { account: Account; now: number; actions: AccountCardActions }) {
  const { t, i18n } = useTranslation();
  const sync = useSyncAccount();
  const test = useTestAccount();
  const pause = usePauseAccount();
  const format = useFormat();
  const spec = isConnectorPlatform(account.platform) ? PLATFORM_SPECS[account.platform] : undefined;
  const webhookOnly = spec?.webhookOnly === true;
  const platformTitle = t(`connections.platform.${account.platform}.title`, { defaultValue: t(`platformName.${account.platform}`, { defaultValue: account.platform }) });
  const handle = accountHandle(account.ids);
  const headingId = `account-${account.id}`;
  const needsReconnect = account.status === 'needs_reconnect';
  const paused = account.status === 'paused';
  const problem = account.status === 'active' ? undefined : PROBLEMS[account.status];
  const lastError = account.last_error ?? null;
  // Webhook-only accounts (WhatsApp) have no history to fetch: a first sync never runs for them.
  const backfill = webhookOnly ? null : (account.backfill ?? null);

  const problemMessage =
    lastError !== null ? accountErrorMessage(lastError, i18n) : needsReconnect ? t('connections.account.reconnectDefault') : null;

  return (
    <Card withBorder radius="md" padding="lg" component="article" aria-labelledby={headingId} data-testid="account-card" data-account={account.name} data-status={account.status}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
          <Group gap="md" wrap="nowrap" miw={0}>
            <ThemeIcon variant="light" color="gray" size={44} radius="md">
              <PlatformIcon platform={account.platform} size={26} label={platformTitle} />
            </ThemeIcon>
            <Stack gap={2} miw={0}>
              <Group gap="xs" wrap="wrap">
                <Title order={3} size="h5" id={headingId} style={{ overflowWrap: 'anywhere' }}>
                  {account.name}
                </Title>
                <AccountStatusBadge status={account.status} />
              </Group>
              <Text size="sm" c="dimmed">
                {handle === null ? platformTitle : `${platformTitle} · ${handle}`}
              </Text>
            </Stack>
          </Group>
          <Group gap="xs" wrap="wrap">
            {needsReconnect && (
              <Button color="red" size="compact-sm" leftSection={<IconPlugConnected size={14} aria-hidden />} onClick={() => actions.onReconnect(account)}>
                {t('connections.actions.reconnect')}
              </Button>
            )}
            {!webhookOnly && (
              <Button
                variant="light"
                size="compact-sm"
                leftSection={<IconRefresh size={14} aria-hidden />}
                disabled={paused || needsReconnect}
                loading={sync.isPending}
                onClick={() => sync.mutate(account.id, { onSuccess: () => notifySuccess(t('connections.actions.syncRequested', { name: account.name })) })}
              >
                {t('connections.actions.syncNow')}
              </Button>
            )}
            <Button
              variant="default"
              size="compact-sm"
              leftSection={<IconStethoscope size={14} aria-hidden />}
              loading={test.isPending}
              onClick={() =>
                test.mutate(account.id, {
                  onSuccess: (info) =>
                    notifySuccess(t('connections.actions.testOk', { name: account.name, display: info.display_name.trim() || account.name })),
                })
              }
            >
              {t('connections.actions.test')}
            </Button>
            <Button
              variant="default"
              size="compact-sm"
              leftSection={paused ? <IconPlayerPlay size={14} aria-hidden /> : <IconPlayerPause size={14} aria-hidden />}
              loading={pause.isPending}
              onClick={() =>
                pause.mutate(
                  { id: account.id, paused: !paused },
                  { onSuccess: () => notifySuccess(t(paused ? 'connections.actions.resumed' : 'connections.actions.paused', { name: account.name })) },
                )
              }
            >
              {paused ? t('connections.actions.resume') : t('connections.actions.pause')}
            </Button>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" aria-label={t('connections.actions.more', { name: account.name })}>
                  <IconDots size={16} aria-hidden />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconPencil size={15} aria-hidden />} onClick={() => actions.onRename(account)}>
                  {t('connections.actions.rename')}
                </Menu.Item>
                {!needsReconnect && (
                  <Menu.Item leftSection={<IconPlugConnected size={15} aria-hidden />} onClick={() => actions.onReconnect(account)}>
                    {t('connections.actions.reconnect')}
                  </Menu.Item>
                )}
                <Menu.Divider />
                <Menu.Item color="red" leftSection={<IconTrash size={15} aria-hidden />} onClick={() => actions.onRemove(account)}>
                  {t('connections.actions.remove')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>

        {problem !== undefined && problemMessage !== null && (
          <Alert
            color={problem.color}
            variant="light"
            icon={problem.icon}
            title={t(`connections.problem.${account.status}`)}
            data-testid="account-problem"
          >
            <Text size="sm" data-testid="account-error">
              {problemMessage}
            </Text>
            {account.last_error_at !== null && account.last_error_at !== undefined && account.last_error_at !== '' && (
              <Text size="xs" c="dimmed" mt={4}>
                {t('connections.account.since', { when: format.dateTime(account.last_error_at) })}
              </Text>
            )}
          </Alert>
        )}

        {backfill !== null && (
          <ProgressLine
            label={t('connections.account.backfill')}
            detail={
              backfill.total > 0
                ? t('connections.account.backfillOf', { done: format.number(backfill.done), total: format.number(backfill.total) })
                : t('connections.account.backfillSoFar', { done: format.number(backfill.done) })
            }
            done={backfill.done}
            total={backfill.total}
            testId="backfill"
          />
        )}

        <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} spacing="lg" verticalSpacing="xs" m={0}>
          <Fact label={t('connections.account.lastSuccess')}>
            {account.last_success_at === null || account.last_success_at === undefined || account.last_success_at === '' ? (
              t('connections.account.never')
            ) : (
              <RelativeTime iso={account.last_success_at} now={now} />
            )}
          </Fact>
          <Fact label={account.status === 'rate_limited' || account.status === 'error' ? t('connections.account.nextAttempt') : t('connections.account.nextSync')}>
            <NextSync account={account} now={now} webhookOnly={webhookOnly} />
          </Fact>
        </SimpleGrid>

        {webhookOnly && spec !== undefined && (
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {t('connections.account.webhookOnly')}
            </Text>
            <WebhookAddress spec={spec} accountName={account.name} />
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
