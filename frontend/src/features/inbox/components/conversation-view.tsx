import { ActionIcon, Anchor, Badge, Box, Center, Group, Skeleton, Stack, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { IconArrowLeft, IconExternalLink, IconLayoutSidebarRight, IconMessages } from '@tabler/icons-react';
import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format-context';
import { safeHttpUrl } from '@/lib/url';
import { awaitedSla } from '../sla';
import { threadEntries } from '../thread';
import type { ConversationDetail } from '../types';
import { ContactPanel } from './contact-panel';
import { useConversationTitle } from './conversation-row';
import classes from './inbox.module.css';
import { MessageItem } from './message-item';
import { PlatformIcon } from '@/components/platform-icon';
import { SlaCountdown } from './sla-countdown';
import { IntentBadge, KindBadge, PriorityBadge } from './triage-badges';

const STATUS_COLORS = { open: 'teal', pending: 'yellow', snoozed: 'blue', resolved: 'gray' } as const;

export function NoConversation() {
  const { t } = useTranslation();
  return (
    <Center style={{ flex: 1 }}>
      <Stack align="center" gap="xs">
        <ThemeIcon size={48} radius="xl" variant="light" color="gray">
          <IconMessages size={26} aria-hidden />
        </ThemeIcon>
        <Text fw={600}>{t('inbox.view.noneTitle')}</Text>
        <Text size="sm" c="dimmed" ta="center" maw={300}>
          {t('inbox.view.noneHint')}
        </Text>
      </Stack>
    </Center>
  );
}

export function ConversationSkeleton() {
  return (
    <Stack p="lg" gap="lg" style={{ flex: 1 }} aria-hidden>
      <Skeleton height={22} width="40%" />
      <Skeleton height={12} width="60%" />
      {Array.from({ length: 4 }, (_, index) => (
        <Skeleton key={index} height={56} width={index % 2 === 0 ? '60%' : '50%'} ml={index % 2 === 0 ? 0 : 'auto'} radius="lg" />
      ))}
    </Stack>
  );
}

export interface ConversationViewProps {
  detail: ConversationDetail;
  /** The message to scroll to and flash (from a search result). */
  highlightMessageId: number | null;
  /** The conversation's channel is the demo's. */
  sandbox: boolean;
  actionBar: ReactNode;
  contactPanelOpen: boolean;
  onToggleContactPanel: () => void;
  onClose: () => void;
  onOpenConversation: (id: number) => void;
  /** Shown under the thread: the reply composer, from the app. */
  composer?: ReactNode;
  /** Shown in the contact panel, from the app. */
  contactExtra?: ReactNode;
}

/** A conversation: who and where, its status, the thread with each message's triage, the contact. */
export function ConversationView({
  detail,
  highlightMessageId,
  sandbox,
  actionBar,
  contactPanelOpen,
  onToggleContactPanel,
  onClose,
  onOpenConversation,
  composer,
  contactExtra,
}: ConversationViewProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { conversation, messages, contact } = detail;
  const title = useConversationTitle(conversation);
  const thread = useRef<HTMLDivElement>(null);
  const messageRefs = useRef(new Map<number, HTMLDivElement>());
  const entries = threadEntries(messages);
  const manyAuthors = conversation.kind !== 'dm';
  const postUrl = conversation.post === null ? undefined : safeHttpUrl(conversation.post.url);

  // Opening a conversation shows its latest messages, or the message a search result points at.
  const lastId = messages[messages.length - 1]?.id;
  useLayoutEffect(() => {
    const target = highlightMessageId === null ? undefined : messageRefs.current.get(highlightMessageId);
    if (target !== undefined) target.scrollIntoView({ block: 'center' });
    else if (thread.current !== null) thread.current.scrollTop = thread.current.scrollHeight;
  }, [conversation.id, highlightMessageId, lastId]);

  const heading = useRef<HTMLHeadingElement>(null);
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    // Unless the composer took the focus (the `r` shortcut), the conversation's title gets it.
    const active = document.activeElement;
    if (active instanceof HTMLTextAreaElement && section.current?.contains(active) === true) return;
    heading.current?.focus({ preventScroll: true });
  }, [conversation.id]);

  return (
    <Box style={{ display: 'flex', flex: 1, minWidth: 0, minHeight: 0 }}>
      <Box ref={section} style={{ display: 'flex', flexDirection: 'column', flex: 1, minWidth: 0 }} component="section" aria-labelledby="conversation-title">
        <Box px="lg" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)', backgroundColor: 'var(--mantine-color-body)' }}>
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="xs" wrap="nowrap" miw={0}>
              <Tooltip label={`${t('inbox.view.back')} (Esc)`} withArrow>
                <ActionIcon variant="subtle" color="gray" onClick={onClose} aria-label={t('inbox.view.back')}>
                  <IconArrowLeft size={18} aria-hidden />
                </ActionIcon>
              </Tooltip>
              <Stack gap={0} miw={0}>
                <Title order={2} size="h4" id="conversation-title" ref={heading} tabIndex={-1} lineClamp={1} style={{ outline: 'none' }}>
                  {title}
                </Title>
                <Group gap={6} wrap="nowrap" miw={0}>
                  <PlatformIcon platform={conversation.platform} size={14} />
                  <Text size="xs" c="dimmed" truncate="end">
                    {conversation.channel_name}
                  </Text>
                  {sandbox && (
                    <Badge size="xs" variant="light" color="gray" radius="sm" style={{ flexShrink: 0 }}>
                      {t('inbox.sandbox')}
                    </Badge>
                  )}
                  {conversation.post !== null && (
                    <>
                      <Text size="xs" c="dimmed">
                        ·
                      </Text>
                      {postUrl === undefined ? (
                        <Text size="xs" truncate="end">
                          {conversation.post.title}
                        </Text>
                      ) : (
                        <Anchor size="xs" href={postUrl} target="_blank" rel="noreferrer noopener" truncate="end">
                          {conversation.post.title || t('inbox.view.post')} <IconExternalLink size={11} aria-hidden />
                        </Anchor>
                      )}
                    </>
                  )}
                </Group>
              </Stack>
            </Group>
            <Tooltip label={t('inbox.view.toggleContact')} withArrow>
              <ActionIcon
                variant={contactPanelOpen ? 'light' : 'subtle'}
                color="gray"
                onClick={onToggleContactPanel}
                aria-label={t('inbox.view.toggleContact')}
                aria-pressed={contactPanelOpen}
                visibleFrom="lg"
              >
                <IconLayoutSidebarRight size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
          </Group>
          <Group gap={6} mt={8} wrap="wrap">
            <Badge size="sm" radius="sm" variant="light" color={STATUS_COLORS[conversation.status]} data-testid="conversation-status">
              {t(`inbox.status.${conversation.status}`)}
            </Badge>
            {conversation.status === 'snoozed' && conversation.snoozed_until !== null && (
              <Text size="xs" c="dimmed">
                {t('inbox.view.snoozedUntil', { time: format.dateTime(conversation.snoozed_until) })}
              </Text>
            )}
            <KindBadge kind={conversation.kind} />
            <PriorityBadge priority={conversation.priority} />
            <IntentBadge intent={conversation.intent} />
            {conversation.escalated && (
              <Badge size="xs" radius="sm" color="orange" variant="filled">
                {t('inbox.view.escalated')}
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              {conversation.assignee === '' ? t('inbox.view.unassigned') : t('inbox.view.assignedTo', { name: conversation.assignee })}
            </Text>
            {conversation.tags.map((tag) => (
              <Badge key={tag} size="xs" radius="sm" variant="default" tt="none" fw={500}>
                #{tag}
              </Badge>
            ))}
          </Group>
          <Group gap={6} mt={8} justify="space-between" wrap="wrap">
            {actionBar}
            <SlaCountdown slaDue={awaitedSla(conversation)} />
          </Group>
        </Box>
        <div ref={thread} className={classes.thread} aria-label={t('inbox.thread.label')} role="log">
          <Stack gap="md">
            {messages.length >= 2000 && (
              <Text size="xs" c="dimmed" ta="center">
                {t('inbox.thread.truncated')}
              </Text>
            )}
            {entries.map(({ message, depth }) => (
              <MessageItem
                key={message.id}
                ref={(element) => {
                  if (element === null) messageRefs.current.delete(message.id);
                  else messageRefs.current.set(message.id, element);
                }}
                message={message}
                depth={depth}
                showAuthor={manyAuthors}
                highlighted={message.id === highlightMessageId}
              />
            ))}
          </Stack>
        </div>
        {composer}
      </Box>
      {contactPanelOpen && (
        <aside className={classes.contactPanel} aria-label={t('inbox.contact.panel')}>
          <ContactPanel
            contact={contact}
            history={detail.history}
            currentId={conversation.id}
            onOpenConversation={onOpenConversation}
            extra={contact === null ? undefined : contactExtra}
          />
        </aside>
      )}
    </Box>
  );
}
