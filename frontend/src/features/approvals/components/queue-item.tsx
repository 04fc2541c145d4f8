import { Badge, Box, Button, Checkbox, Group, Paper, Skeleton, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconCheck, IconEdit, IconQuote, IconX } from '@tabler/icons-react';
import { forwardRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isLowRisk, ReasonChips } from '@/components/approval-reasons';
import { PlatformIcon } from '@/components/platform-icon';
import { AiBadge, AutomatedBadge, ReplyStateBadge, SandboxBadge } from '@/components/reply-badges';
import { describeError } from '@/lib/errors';
import { useFormat } from '@/lib/format-context';
import { useConversationContext } from '../api/get-conversation-context';
import { MAX_NOTE_CHARS, MAX_REPLY_CHARS, QA_OUTCOMES, type ApprovalTab, type QAOutcome, type Reply } from '../types';
import classes from './approvals.module.css';
import { TextDiff } from './text-diff';

export interface QueueItemProps {
  reply: Reply;
  tab: ApprovalTab;
  focused: boolean;
  selected: boolean;
  editing: boolean;
  /** The action running on this item, if any. */
  pending: 'approve' | 'retry' | 'sent' | 'again' | 'qa' | null;
  onFocus: () => void;
  onToggleSelected: () => void;
  onApprove: () => void;
  onEdit: () => void;
  onCancelEdit: () => void;
  onApproveEdited: (text: string, note: string) => void;
  onReject: () => void;
  onRetry: () => void;
  onResolve: (sent: boolean) => void;
  onReview: (outcome: QAOutcome, note: string) => void;
}

/** Who the reply answers and what they last wrote. */
function ConversationContextLine({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const context = useConversationContext(conversationId);
  if (context.isPending) return <Skeleton height={38} radius="sm" />;
  if (context.data === undefined) {
    return (
      <Text size="xs" c="dimmed">
        {t('approvals.item.contextUnavailable')}
      </Text>
    );
  }
  const { conversation, messages, contact } = context.data;
  const lastInbound = [...messages].reverse().find((message) => message.direction === 'in');
  const name = contact?.display_name ?? conversation.contact?.display_name ?? lastInbound?.author_name ?? t('approvals.item.unknownContact');
  return (
    <Stack gap={4}>
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={650} data-testid="queue-contact">
          {name}
        </Text>
        <PlatformIcon platform={conversation.platform} size={14} label={t(`replies.platform.${conversation.platform}`, { defaultValue: conversation.platform })} />
        <Text size="xs" c="dimmed">
          {t(`inbox.kind.${conversation.kind}`, { defaultValue: conversation.kind })} · {conversation.channel_name}
        </Text>
      </Group>
      {lastInbound !== undefined && (
        <Group gap={6} wrap="nowrap" align="flex-start" className={classes.inbound}>
          <IconQuote size={14} aria-hidden style={{ flexShrink: 0, marginTop: 2, opacity: 0.6 }} />
          <Stack gap={0} miw={0}>
            <Text size="sm" lineClamp={3} style={{ whiteSpace: 'pre-wrap' }} data-testid="queue-inbound">
              {lastInbound.text}
            </Text>
            <Text size="xs" c="dimmed">
              {t('approvals.item.wrote', { name: lastInbound.author_name || name, time: format.dateTime(lastInbound.sent_at) })}
            </Text>
          </Stack>
        </Group>
      )}
    </Stack>
  );
}

/** One reply of the queue: its conversation, its text and edits, why it waits, and what to do. */
export const QueueItem = forwardRef<HTMLDivElement, QueueItemProps>(function QueueItem(props, ref) {
  const { reply, tab, focused, selected, editing, pending, onFocus, onToggleSelected } = props;
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const lowRisk = isLowRisk(reply.reasons);
  const edited = reply.draft_text !== '' && reply.draft_text !== reply.text;
  const error = reply.last_error === null ? null : describeError(reply.last_error, i18n).message;

  return (
    <Paper
      ref={ref}
      withBorder
      radius="md"
      p="md"
      className={classes.item}
      data-focused={focused || undefined}
      data-testid="queue-item"
      data-reply-id={reply.id}
      data-low-risk={lowRisk || undefined}
      onClick={onFocus}
      component="article"
      aria-label={t('approvals.item.label', { id: reply.id })}
      aria-current={focused || undefined}
    >
      <Group align="flex-start" wrap="nowrap" gap="sm">
        {tab === 'approve' && (
          <Checkbox
            mt={4}
            checked={selected}
            onChange={onToggleSelected}
            onClick={(event) => event.stopPropagation()}
            aria-label={t('approvals.item.select', { id: reply.id })}
          />
        )}
        <Stack gap="sm" style={{ flex: 1 }} miw={0}>
          <ConversationContextLine conversationId={reply.conversation_id} />

          <Group gap={6} wrap="wrap">
            {tab !== 'approve' && <ReplyStateBadge state={reply.state} />}
            {reply.ai_generated && <AiBadge />}
            {reply.automated && <AutomatedBadge />}
            {reply.sandbox && <SandboxBadge />}
            {edited && (
              <Badge size="sm" radius="sm" variant="light" color="blue" tt="none">
                {reply.ai_generated ? t('approvals.item.editedAi') : t('approvals.item.editedDraft')}
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              {reply.created_by === ''
                ? t('approvals.item.createdAt', { time: format.dateTime(reply.created_at) })
                : t('approvals.item.createdBy', { name: reply.created_by, time: format.dateTime(reply.created_at) })}
            </Text>
          </Group>

          <ReasonChips reasons={reply.reasons} size="sm" />

          {editing ? (
            <EditForm reply={reply} pending={pending === 'approve'} onCancel={props.onCancelEdit} onApprove={props.onApproveEdited} />
          ) : (
            <Box className={classes.replyText} data-testid="queue-reply-text">
              {edited ? <TextDiff before={reply.draft_text} after={reply.text} /> : <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{reply.text}</Text>}
            </Box>
          )}

          {tab === 'approve' && !editing && (
            <Group gap="xs">
              <Button size="xs" leftSection={<IconCheck size={14} aria-hidden />} onClick={props.onApprove} loading={pending === 'approve'}>
                {t('approvals.actions.approve')}
              </Button>
              <Button size="xs" variant="default" leftSection={<IconEdit size={14} aria-hidden />} onClick={props.onEdit} disabled={pending !== null}>
                {t('approvals.actions.edit')}
              </Button>
              <Button size="xs" variant="subtle" color="red" leftSection={<IconX size={14} aria-hidden />} onClick={props.onReject} disabled={pending !== null}>
                {t('approvals.actions.reject')}
              </Button>
              {!lowRisk && (
                <Text size="xs" c="dimmed">
                  {t('approvals.item.notBulk')}
                </Text>
              )}
            </Group>
          )}

          {tab === 'qa' && <QAReview reply={reply} pending={pending === 'qa'} onReview={props.onReview} />}

          {tab === 'failed' && (
            <Stack gap={6}>
              {reply.state === 'failed' ? (
                <Text size="sm" c="red.7" data-testid="queue-error">
                  {error ?? t('replies.outbox.failedUnknown')}
                </Text>
              ) : (
                <Text size="sm">{t('replies.outbox.inDoubt')}</Text>
              )}
              <Group gap="xs">
                {reply.state === 'failed' ? (
                  <Button size="xs" variant="light" onClick={props.onRetry} loading={pending === 'retry'}>
                    {t('replies.outbox.retry')}
                  </Button>
                ) : (
                  <>
                    <Button size="xs" variant="light" color="teal" onClick={() => props.onResolve(true)} loading={pending === 'sent'} disabled={pending !== null}>
                      {t('replies.outbox.wasSent')}
                    </Button>
                    <Button size="xs" variant="light" color="orange" onClick={() => props.onResolve(false)} loading={pending === 'again'} disabled={pending !== null}>
                      {t('replies.outbox.sendAgain')}
                    </Button>
                  </>
                )}
              </Group>
            </Stack>
          )}

          {reply.decided_at !== null && reply.decided_by !== '' && tab !== 'approve' && (
            <Text size="xs" c="dimmed">
              {t('approvals.item.approvedBy', { name: reply.decided_by, time: format.dateTime(reply.decided_at) })}
            </Text>
          )}
        </Stack>
      </Group>
    </Paper>
  );
});

function EditForm({
  reply,
  pending,
  onCancel,
  onApprove,
}: {
  reply: Reply;
  pending: boolean;
  onCancel: () => void;
  onApprove: (text: string, note: string) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(reply.text);
  const [note, setNote] = useState('');
  const blank = text.trim() === '';
  const tooLong = [...text].length > MAX_REPLY_CHARS;

  function keyDown(event: KeyboardEvent<HTMLTextAreaElement | HTMLInputElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !blank && !tooLong) {
      event.preventDefault();
      onApprove(text, note.trim());
    }
  }

  return (
    <Stack gap="xs" onClick={(event) => event.stopPropagation()}>
      <Textarea
        label={t('approvals.edit.text')}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onKeyDown={keyDown}
        autosize
        minRows={3}
        maxRows={14}
        data-autofocus
        autoFocus
        error={blank ? t('approvals.edit.blank') : tooLong ? t('replies.composer.tooLong', { limit: MAX_REPLY_CHARS }) : undefined}
      />
      <TextInput
        label={t('approvals.edit.note')}
        placeholder={t('approvals.edit.notePlaceholder')}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
        onKeyDown={keyDown}
        maxLength={MAX_NOTE_CHARS}
      />
      {text !== reply.text && (
        <Box className={classes.replyText}>
          <Text size="xs" c="dimmed" mb={4}>
            {t('approvals.edit.changes')}
          </Text>
          <TextDiff before={reply.text} after={text} />
        </Box>
      )}
      <Group gap="xs">
        <Button size="xs" leftSection={<IconCheck size={14} aria-hidden />} onClick={() => onApprove(text, note.trim())} loading={pending} disabled={blank || tooLong}>
          {t('approvals.edit.approve')}
        </Button>
        <Button size="xs" variant="default" onClick={onCancel} disabled={pending}>
          {t('common.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}

const QA_COLORS: Record<QAOutcome, string> = { good: 'teal', needs_work: 'yellow', bad: 'red' };

function QAReview({ reply, pending, onReview }: { reply: Reply; pending: boolean; onReview: (outcome: QAOutcome, note: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [outcome, setOutcome] = useState<QAOutcome | null>(null);
  const [note, setNote] = useState('');
  return (
    <Stack gap="xs" onClick={(event) => event.stopPropagation()}>
      {reply.sent_at !== null && (
        <Text size="xs" c="dimmed">
          {t('approvals.qa.sentAt', { time: format.dateTime(reply.sent_at) })}
        </Text>
      )}
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Text size="xs" fw={500} id={`qa-${reply.id}`}>
            {t('approvals.qa.verdict')}
          </Text>
          <Group gap={4} role="group" aria-labelledby={`qa-${reply.id}`}>
            {QA_OUTCOMES.map((value) => (
              <Button
                key={value}
                size="xs"
                variant={outcome === value ? 'filled' : 'default'}
                color={QA_COLORS[value]}
                aria-pressed={outcome === value}
                onClick={() => setOutcome(value)}
              >
                {t(`approvals.qa.${value}`)}
              </Button>
            ))}
          </Group>
        </Stack>
        <TextInput
          size="xs"
          style={{ flex: 1, minWidth: 200 }}
          label={t('approvals.qa.note')}
          placeholder={t('approvals.qa.notePlaceholder')}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          maxLength={MAX_NOTE_CHARS}
        />
        <Button size="xs" onClick={() => outcome !== null && onReview(outcome, note.trim())} disabled={outcome === null} loading={pending}>
          {t('approvals.qa.save')}
        </Button>
      </Group>
    </Stack>
  );
}
