import { Button, Card, Center, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconPlugConnected, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadError } from '@/components/load-error';
import { PageHeader } from '@/components/page-header';
import { useNow } from '@/lib/use-now';
import { useAccounts } from '../api/list-accounts';
import { RECONNECT_PARAM } from '../params';
import type { Account, ImportSummary } from '../types';
import { AccountCard, type AccountCardActions } from './account-card';
import { ConnectAccountDrawer } from './connect-account-drawer';
import { ImportCard } from './import-card';
import { ReconnectAccountModal } from './reconnect-account-modal';
import { RemoveAccountModal } from './remove-account-modal';
import { RenameAccountModal } from './rename-account-modal';

function EmptyState({ onConnect }: { onConnect: () => void }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="xl">
      <Center>
        <Stack align="center" gap="xs" maw={460} ta="center">
          <ThemeIcon size={44} radius="xl" variant="light" color="gray">
            <IconPlugConnected size={24} aria-hidden />
          </ThemeIcon>
          <Text fw={600}>{t('connections.empty.title')}</Text>
          <Text size="sm" c="dimmed">
            {t('connections.empty.message')}
          </Text>
          <Button mt="xs" leftSection={<IconPlus size={16} aria-hidden />} onClick={onConnect}>
            {t('connections.connect')}
          </Button>
        </Stack>
      </Center>
    </Card>
  );
}

/**
 * The connected accounts (status, last and next sync, first sync's progress, actions), the wizard
 * to connect one, and the import of platform data exports.
 */
export function ConnectionsPage({ onImported }: { onImported?: (summary: ImportSummary) => void }) {
  const { t } = useTranslation();
  const accounts = useAccounts();
  const now = useNow();
  const [params, setParams] = useSearchParams();
  const [connecting, setConnecting] = useState(false);
  const [renaming, setRenaming] = useState<Account | null>(null);
  const [removing, setRemoving] = useState<Account | null>(null);
  const reconnectId = params.get(RECONNECT_PARAM);
  const reconnecting = accounts.data?.find((account) => String(account.id) === reconnectId) ?? null;

  function setReconnecting(account: Account | null) {
    const next = new URLSearchParams(params);
    if (account === null) next.delete(RECONNECT_PARAM);
    else next.set(RECONNECT_PARAM, String(account.id));
    setParams(next, { replace: account === null });
  }

  const actions: AccountCardActions = { onReconnect: setReconnecting, onRename: setRenaming, onRemove: setRemoving };

  function list() {
    if (accounts.isError) return <LoadError message={t('connections.loadFailed')} onRetry={() => void accounts.refetch()} />;
    if (accounts.data === undefined) return <Skeleton height={180} radius="md" />;
    if (accounts.data.length === 0) return <EmptyState onConnect={() => setConnecting(true)} />;
    return (
      <Stack gap="md">
        {accounts.data.map((account) => (
          <AccountCard key={account.id} account={account} now={now} actions={actions} />
        ))}
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title={t('connections.title')}
        subtitle={t('connections.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setConnecting(true)}>
            {t('connections.connect')}
          </Button>
        }
      />
      <Stack gap="xl">
        <Stack gap="sm" component="section" aria-labelledby="accounts-title">
          <Title order={2} size="h4" id="accounts-title">
            {t('connections.accounts')}
          </Title>
          {list()}
        </Stack>
        <ImportCard onImported={onImported} />
      </Stack>
      <ConnectAccountDrawer opened={connecting} onClose={() => setConnecting(false)} takenNames={accounts.data?.map((account) => account.name) ?? []} />
      <ReconnectAccountModal key={`reconnect-${reconnecting?.id ?? ''}`} account={reconnecting} onClose={() => setReconnecting(null)} />
      <RenameAccountModal key={`rename-${renaming?.id ?? ''}`} account={renaming} onClose={() => setRenaming(null)} />
      <RemoveAccountModal account={removing} onClose={() => setRemoving(null)} />
    </>
  );
}
