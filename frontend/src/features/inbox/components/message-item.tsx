import { ActionIcon, Badge, Box, Group, Menu, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconDots, IconEyeOff, IconPaperclip, IconPencilCheck } from '@tabler/icons-react';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format-context';
import { safeHttpUrl } from '@/lib/url';
import { useCorrectWithUndo } from '../hooks/use-correct-with-undo';
import { INTENTS, SENTIMENTS, type Message, type TriageResult } from '../types';
import classes from './inbox.module.css';
import { IntentBadge, PriorityBadge, SentimentDot } from './triage-badges';

function IntentScores({ triage }: { triage: TriageResult }) {
  const { t } = useTranslation();
  const scores = Object.entries(triage.intent_scores).sort(([, a], [, b]) => b - a);
  return (
    <Stack gap={2}>
      {scores.map(([intent, score]) => (
        <Group key={intent} gap="md" justify="space-between" wrap="nowrap">
          <Text size="xs" c="inherit">
            {t(`inbox.intent.${intent}`, { defaultValue: intent })}
          </Text>
          <Text size="xs" c="inherit" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {Math.round(score * 100)} %
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** The labels triage gave an inbound message, with the menu to correct them. */
function TriageChips({ message, triage }: { message: Message; triage: TriageResult }) {
  const { t } = useTranslation();
  const { correctAll, isPending } = useCorrectWithUndo();
  const corrected = message.intent_corrected || message.sentiment_corrected;

  return (
    <Group gap={4} wrap="wrap" mt={4} data-testid="triage-chips">
      <Tooltip label={<IntentScores triage={triage} />} withArrow>
        <span>
          <IntentBadge intent={triage.intent} />
        </span>
      </Tooltip>
      <Group gap={4} wrap="nowrap">
        <SentimentDot sentiment={triage.sentiment} score={triage.sentiment_score} />
        <Text size="xs" c="dimmed">
          {t(`inbox.sentiment.${triage.sentiment}`)}
        </Text>
      </Group>
      <Badge size="xs" radius="sm" variant="default" fw={500}>
        {t(`inbox.languageShort.${triage.language}`)}
      </Badge>
      <PriorityBadge priority={triage.priority} />
      {triage.reasons.map((reason, index) => (
        <Tooltip key={index} label={reason.detail} withArrow>
          <Badge size="xs" radius="sm" variant="light" color="orange" leftSection={<IconAlertTriangle size={10} aria-hidden />} tt="none">
            {t(`inbox.reason.${reason.kind}`, { defaultValue: reason.kind })}
          </Badge>
        </Tooltip>
      ))}
      {corrected && (
        <Tooltip label={t('inbox.correct.correctedHint')} withArrow>
          <Badge size="xs" radius="sm" variant="transparent" color="teal" leftSection={<IconPencilCheck size={11} aria-hidden />} tt="none" px={2}>
            {t('inbox.correct.corrected')}
          </Badge>
        </Tooltip>
      )}
      <Menu position="bottom-start" withArrow shadow="md" withinPortal>
        <Menu.Target>
          <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('inbox.correct.menu')} loading={isPending}>
            <IconDots size={14} aria-hidden />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('inbox.correct.intent')}</Menu.Label>
          {INTENTS.map((intent) => (
            <Menu.Item
              key={intent}
              disabled={intent === triage.intent}
              rightSection={intent === triage.intent ? <IconCheck size={14} aria-hidden /> : undefined}
              onClick={() => void correctAll([{ messageId: message.id, intent }])}
            >
              {t(`inbox.intent.${intent}`)}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Label>{t('inbox.correct.sentiment')}</Menu.Label>
          {SENTIMENTS.map((sentiment) => (
            <Menu.Item
              key={sentiment}
              disabled={sentiment === triage.sentiment}
              rightSection={sentiment === triage.sentiment ? <IconCheck size={14} aria-hidden /> : undefined}
              onClick={() => void correctAll([{ messageId: message.id, sentiment }])}
            >
              {t(`inbox.sentiment.${sentiment}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}

export interface MessageItemProps {
  message: Message;
  depth: number;
  /** Comment threads and live chats have several authors: each message names its own. */
  showAuthor: boolean;
  highlighted: boolean;
}

/** One message: inbound on the left with its triage, outbound on the right. */
export const MessageItem = forwardRef<HTMLDivElement, MessageItemProps>(function MessageItem({ message, depth, showAuthor, highlighted }, ref) {
  const { t } = useTranslation();
  const format = useFormat();
  const inbound = message.direction === 'in';
  const author = inbound ? message.author_name || message.author_handle : t('inbox.thread.you');

  return (
    <Box
      ref={ref}
      className={classes.message}
      data-highlighted={highlighted || undefined}
      data-message-id={message.id}
      data-direction={message.direction}
      pl={depth > 0 ? 36 : 0}
      style={{ display: 'flex', flexDirection: 'column', alignItems: inbound ? 'flex-start' : 'flex-end' }}
    >
      <Group gap={6} mb={3} wrap="nowrap">
        {(showAuthor || !inbound) && (
          <Text size="xs" fw={600}>
            {author}
          </Text>
        )}
        {showAuthor && inbound && message.author_handle !== '' && message.author_handle !== author && (
          <Text size="xs" c="dimmed">
            @{message.author_handle}
          </Text>
        )}
        <Text size="xs" c="dimmed" title={format.dateTime(message.sent_at)}>
          {format.dateTime(message.sent_at)}
        </Text>
        {message.hidden && (
          <Badge size="xs" variant="light" color="gray" leftSection={<IconEyeOff size={10} aria-hidden />}>
            {t('inbox.thread.hidden')}
          </Badge>
        )}
      </Group>
      <div className={classes.bubble} data-direction={message.direction}>
        {message.deleted ? (
          <Text size="sm" c="dimmed" fs="italic">
            {t('inbox.thread.deleted')}
          </Text>
        ) : (
          <Text size="sm" component="div" data-testid="message-text">
            {message.text}
          </Text>
        )}
        {message.attachments.length > 0 && (
          <Group gap={4} mt={6}>
            {message.attachments.map((attachment, index) => {
              const href = safeHttpUrl(attachment.url);
              return (
              <Badge
                key={index}
                component="a"
                href={href}
                target="_blank"
                rel="noreferrer noopener"
                variant="default"
                tt="none"
                fw={500}
                leftSection={<IconPaperclip size={11} aria-hidden />}
                style={{ cursor: href === undefined ? 'default' : 'pointer' }}
              >
                {attachment.name || t(`inbox.attachment.${attachment.kind}`, { defaultValue: attachment.kind })}
                {attachment.size > 0 ? ` · ${format.bytes(attachment.size)}` : ''}
              </Badge>
              );
            })}
          </Group>
        )}
      </div>
      {inbound && message.triage !== null && <TriageChips message={message} triage={message.triage} />}
    </Box>
  );
});
