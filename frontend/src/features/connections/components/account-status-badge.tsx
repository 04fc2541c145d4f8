import { Badge, type MantineColor } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconClockPause, IconPlayerPause, IconPlugConnectedX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';

const STATUS_LOOK: Record<string, { color: MantineColor; icon: ReactNode }> = {
  active: { color: 'teal', icon: <IconCircleCheck size={12} aria-hidden /> },
  paused: { color: 'gray', icon: <IconPlayerPause size={12} aria-hidden /> },
  needs_reconnect: { color: 'red', icon: <IconPlugConnectedX size={12} aria-hidden /> },
  rate_limited: { color: 'yellow', icon: <IconClockPause size={12} aria-hidden /> },
  error: { color: 'orange', icon: <IconAlertTriangle size={12} aria-hidden /> },
};

/** Whether the account syncs and, if not, why, in words. */
export function AccountStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const look = STATUS_LOOK[status] ?? { color: 'gray', icon: null };
  return (
    <Badge
      size="sm"
      radius="sm"
      variant="light"
      color={look.color}
      leftSection={look.icon}
      tt="none"
      fw={600}
      data-testid="account-status"
      data-status={status}
    >
      {t(`connections.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}
