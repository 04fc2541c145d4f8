import { Box, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconHelpCircle, IconBan } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ReasonChips } from '@/components/approval-reasons';
import { AiBadge, AutomatedBadge, ReplyStateBadge, SandboxBadge } from '@/components/reply-badges';
import { describeError } from '@/lib/errors';
import { useFormat } from '@/lib/format-context';
import { useResolveInDoubt } from '../api/resolve-in-doubt';
import { useRetryReply } from '../api/retry-reply';
import type { Reply } from '../types';

/** One reply of the outbox under a conversation, with what can be done about it. */
export function OutboxItem({ reply, sandbox }: { reply: Reply; sandbox: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const retry = useRetryReply();
  const resolve = useResolveInDoubt();
  const error = reply.last_error === null ? null : describeError(reply.last_error, i18n).message;
  const at = reply.sent_at ?? reply.queued_at ?? reply.decided_at ?? reply.updated_at;

  return (
    <Box
      px="sm"
      py={8}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      data-testid="outbox-item"
      data-reply-id={reply.id}
      data-state={reply.state}
      aria-label={t('replies.outbox.item', { state: t(`replies.state.${reply.state}`) })}
      role="article"
    >
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Group gap={6} wrap="wrap">
          <ReplyStateBadge state={reply.state} />
          {reply.ai_generated && <AiBadge />}
          {reply.automated && <AutomatedBadge />}
          {sandbox && (reply.state === 'queued' || reply.state === 'sending' || reply.state === 'sent') && <SandboxBadge />}
        </Group>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {format.dateTime(at)}
        </Text>
      </Group>
      <Text size="sm" mt={4} lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
        {reply.text}
      </Text>

      {reply.state === 'pending_approval' && (
        <Stack gap={4} mt={6}>
          <Text size="xs" c="dimmed">
            {t('replies.outbox.waiting')}
          </Text>
          <ReasonChips reasons={reply.reasons} size="xs" />
        </Stack>
      )}

      {(reply.state === 'queued' || reply.state === 'sending') && (error !== null || reply.next_attempt_at !== null) && (
        <Text size="xs" c="dimmed" mt={4} data-testid="reply-retrying">
          {error !== null && (
            <Text span size="xs" c="orange.8">
              {error}{' '}
            </Text>
          )}
          {reply.next_attempt_at !== null && t('replies.outbox.nextTry', { time: format.dateTime(reply.next_attempt_at) })}
          {reply.attempts > 0 && ` ${t('replies.outbox.attempts', { count: reply.attempts })}`}
        </Text>
      )}

      {reply.state === 'failed' && (
        <Group gap="xs" mt={6} justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconAlertCircle size={16} color="var(--mantine-color-red-6)" aria-hidden style={{ flexShrink: 0 }} />
            <Text size="xs" c="red.7" data-testid="reply-error">
              {error ?? t('replies.outbox.failedUnknown')}
            </Text>
          </Group>
          <Button size="compact-xs" variant="light" onClick={() => retry.mutate(reply.id)} loading={retry.isPending}>
            {t('replies.outbox.retry')}
          </Button>
        </Group>
      )}

      {reply.state === 'in_doubt' && (
        <Stack gap={6} mt={6}>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconHelpCircle size={16} color="var(--mantine-color-orange-6)" aria-hidden style={{ flexShrink: 0 }} />
            <Text size="xs">{t('replies.outbox.inDoubt')}</Text>
          </Group>
          <Group gap="xs">
            <Button
              size="compact-xs"
              variant="light"
              color="teal"
              onClick={() => resolve.mutate({ id: reply.id, sent: true })}
              loading={resolve.isPending && resolve.variables.sent}
              disabled={resolve.isPending}
            >
              {t('replies.outbox.wasSent')}
            </Button>
            <Button
              size="compact-xs"
              variant="light"
              color="orange"
              onClick={() => resolve.mutate({ id: reply.id, sent: false })}
              loading={resolve.isPending && !resolve.variables.sent}
              disabled={resolve.isPending}
            >
              {t('replies.outbox.sendAgain')}
            </Button>
          </Group>
        </Stack>
      )}

      {reply.state === 'blocked' && (
        <Group gap={6} mt={6} wrap="nowrap" align="flex-start">
          <IconBan size={16} color="var(--mantine-color-orange-6)" aria-hidden style={{ flexShrink: 0 }} />
          <Text size="xs" c="orange.8" data-testid="reply-blocked">
            {error ?? t('replies.outbox.blockedUnknown')}
          </Text>
        </Group>
      )}

      {reply.state === 'rejected' && (
        <Text size="xs" c="dimmed" mt={4}>
          {reply.decided_by === ''
            ? t('replies.outbox.rejected', { note: reply.decision_note })
            : t('replies.outbox.rejectedBy', { name: reply.decided_by, note: reply.decision_note })}
        </Text>
      )}
    </Box>
  );
}
