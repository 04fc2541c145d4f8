import { Badge, Box, Checkbox, Group, Text, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconCrown, IconStarFilled } from '@tabler/icons-react';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format-context';
import { useNow } from '@/lib/use-now';
import { awaitedSla } from '../sla';
import type { Conversation } from '../types';
import classes from './inbox.module.css';
import { PlatformIcon } from '@/components/platform-icon';
import { SlaCountdown } from './sla-countdown';
import { IntentBadge, KindBadge, PriorityBadge, SentimentDot } from './triage-badges';

export interface ConversationRowProps {
  conversation: Conversation;
  focused: boolean;
  open: boolean;
  selected: boolean;
  onOpen: () => void;
  onToggleSelected: () => void;
}

/** The name a conversation goes by: its contact, else its post or the live chat. */
export function useConversationTitle(conversation: Conversation): string {
  const { t } = useTranslation();
  if (conversation.contact !== null) return conversation.contact.display_name;
  if (conversation.post !== null && conversation.post.title !== '') return conversation.post.title;
  return t(`inbox.kind.${conversation.kind}`);
}

/** One conversation of the list: who, where, what, how urgent. */
export const ConversationRow = forwardRef<HTMLDivElement, ConversationRowProps>(function ConversationRow(
  { conversation, focused, open, selected, onOpen, onToggleSelected },
  ref,
) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const title = useConversationTitle(conversation);
  const contact = conversation.contact;
  const unanswered = conversation.last_direction === 'in' && conversation.status !== 'resolved';

  return (
    <div
      ref={ref}
      id={`conversation-row-${conversation.id}`}
      role="option"
      aria-selected={open}
      aria-label={title}
      data-focused={focused || undefined}
      data-open={open || undefined}
      data-unanswered={unanswered || undefined}
      className={classes.row}
      onClick={onOpen}
    >
      <Checkbox
        size="xs"
        mt={3}
        checked={selected}
        onChange={onToggleSelected}
        onClick={(event) => event.stopPropagation()}
        aria-label={t('inbox.list.selectNamed', { name: title })}
        tabIndex={-1}
      />
      <Box miw={0} style={{ flex: 1 }}>
        <Group gap={6} wrap="nowrap" justify="space-between">
          <Group gap={6} wrap="nowrap" miw={0}>
            <PlatformIcon platform={conversation.platform} label={conversation.channel_name} />
            <Text size="sm" fw={unanswered ? 700 : 500} truncate="end" className={classes.rowTitle}>
              {title}
            </Text>
            {contact !== null && contact.handle !== '' && (
              <Text size="xs" c="dimmed" truncate="end" miw={0} style={{ flexShrink: 2 }}>
                @{contact.handle}
              </Text>
            )}
            {contact?.vip === true && (
              <Tooltip label={t('inbox.contact.vip')} withArrow>
                <IconCrown size={14} color="var(--mantine-color-yellow-7)" aria-label={t('inbox.contact.vip')} style={{ flexShrink: 0 }} />
              </Tooltip>
            )}
            {contact?.influencer === true && (
              <Tooltip label={t('inbox.contact.influencer')} withArrow>
                <IconStarFilled size={13} color="var(--mantine-color-violet-5)" aria-label={t('inbox.contact.influencer')} style={{ flexShrink: 0 }} />
              </Tooltip>
            )}
          </Group>
          <Text size="xs" c={unanswered ? undefined : 'dimmed'} fw={unanswered ? 600 : 400} style={{ whiteSpace: 'nowrap' }} title={format.dateTime(conversation.last_message_at)}>
            {format.listTime(conversation.last_message_at, now)}
          </Text>
        </Group>
        <Group gap={4} wrap="nowrap" mt={2}>
          {conversation.last_direction === 'out' && (
            <IconArrowBackUp size={13} color="var(--mantine-color-dimmed)" aria-label={t('inbox.list.youReplied')} style={{ flexShrink: 0 }} />
          )}
          <Text size="sm" c={unanswered ? undefined : 'dimmed'} truncate="end">
            {conversation.last_preview}
          </Text>
        </Group>
        <Group gap={6} wrap="nowrap" mt={6} justify="space-between">
          <Group gap={4} wrap="nowrap" miw={0} style={{ overflow: 'hidden' }}>
            <SentimentDot sentiment={conversation.sentiment} />
            <KindBadge kind={conversation.kind} />
            {conversation.priority !== 'low' && <PriorityBadge priority={conversation.priority} />}
            <IntentBadge intent={conversation.intent} />
            {conversation.tags.map((tag) => (
              <Badge key={tag} size="xs" radius="sm" variant="default" tt="none" fw={500} miw={40} style={{ flexShrink: 1 }}>
                #{tag}
              </Badge>
            ))}
          </Group>
          <SlaCountdown slaDue={awaitedSla(conversation)} />
        </Group>
      </Box>
    </div>
  );
});
