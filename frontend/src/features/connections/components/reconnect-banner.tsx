import { Button, Group, Text } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Account } from '../types';

/** The banner's height: the shell makes room for it in its header. */
export const RECONNECT_BANNER_HEIGHT = 40;

/**
 * Says, above every page, that Tend has stopped syncing accounts until they are reconnected, and
 * links to where that is done: Tend never stops silently.
 */
export function ReconnectBanner({ accounts, href }: { accounts: Account[]; href: (account: Account | null) => string }) {
  const { t } = useTranslation();
  const [first] = accounts;
  if (first === undefined) return null;
  const single = accounts.length === 1;
  const message = single
    ? t('connections.banner.one', { name: first.name, platform: first.platform })
    : t('connections.banner.many', { count: accounts.length, names: accounts.map((account) => account.name).join(', ') });
  return (
    <Group
      h={RECONNECT_BANNER_HEIGHT}
      px="md"
      gap="sm"
      wrap="nowrap"
      justify="space-between"
      role="alert"
      data-testid="reconnect-banner"
      bg="var(--mantine-color-red-light)"
      c="var(--mantine-color-red-light-color)"
      style={{ borderBottom: '1px solid var(--mantine-color-red-light-hover)' }}
    >
      <Group gap={8} wrap="nowrap" miw={0}>
        <IconPlugConnectedX size={18} aria-hidden style={{ flexShrink: 0 }} />
        <Text size="sm" fw={500} truncate="end" c="inherit">
          {message}
        </Text>
      </Group>
      <Button component={Link} to={href(single ? first : null)} size="compact-sm" color="red" style={{ flexShrink: 0 }}>
        {single ? t('connections.banner.reconnect') : t('connections.banner.open')}
      </Button>
    </Group>
  );
}
