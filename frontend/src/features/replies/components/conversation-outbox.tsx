import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConversationOutbox } from '../api/list-replies';
import { OutboxItem } from './outbox-item';

const SHOWN = 2;

/** The conversation's replies not plainly sent: held for approval, on their way, failed, blocked or rejected. */
export function ConversationOutbox({ conversationId, sandbox }: { conversationId: number; sandbox: boolean }) {
  const { t } = useTranslation();
  const outbox = useConversationOutbox(conversationId);
  const [showAll, setShowAll] = useState(false);
  const replies = outbox.data?.replies ?? [];
  if (replies.length === 0) return null;
  const shown = showAll ? replies : replies.slice(0, SHOWN);

  return (
    <Paper withBorder radius="md" p={0} mb="xs" component="section" aria-label={t('replies.outbox.label')} data-testid="conversation-outbox">
      <Stack gap={0} mah={200} style={{ overflowY: 'auto' }}>
        {shown.map((reply) => (
          <OutboxItem key={reply.id} reply={reply} sandbox={sandbox || reply.sandbox} />
        ))}
      </Stack>
      {replies.length > SHOWN && (
        <Group justify="center" py={4} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          <Button size="compact-xs" variant="subtle" onClick={() => setShowAll((all) => !all)}>
            {showAll ? t('replies.outbox.showFewer') : t('replies.outbox.showAll', { count: replies.length })}
          </Button>
        </Group>
      )}
      {outbox.isError && (
        <Text size="xs" c="red" px="sm" py={4}>
          {t('replies.outbox.loadFailed')}
        </Text>
      )}
    </Paper>
  );
}
