import { Center, Loader, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useScrollingList } from '../hooks/use-scrolling-list';
import type { Conversation } from '../types';
import { ConversationRow } from './conversation-row';
import classes from './inbox.module.css';

export interface ConversationListProps {
  conversations: Conversation[];
  loading: boolean;
  focusIndex: number;
  openId: number | null;
  selected: ReadonlySet<number>;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onOpen: (conversation: Conversation, index: number) => void;
  onToggleSelected: (id: number) => void;
  /** Shown when nothing matches: differs when filters are on. */
  emptyMessage: string;
}

export function ListSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <Stack gap={0} aria-hidden>
      {Array.from({ length: rows }, (_, index) => (
        <Stack key={index} gap={8} p="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <Skeleton height={12} width="55%" />
          <Skeleton height={10} width="90%" />
          <Skeleton height={10} width="40%" />
        </Stack>
      ))}
    </Stack>
  );
}

/**
 * The conversations as a listbox whose focused row follows j/k (kept in view); more rows load
 * as the end of the list scrolls into view.
 */
export function ConversationList({
  conversations,
  loading,
  focusIndex,
  openId,
  selected,
  hasMore,
  loadingMore,
  onLoadMore,
  onOpen,
  onToggleSelected,
  emptyMessage,
}: ConversationListProps) {
  const { t } = useTranslation();
  const focusedId = conversations[focusIndex]?.id;
  const { rowRef, sentinel } = useScrollingList(focusedId, conversations.length, hasMore, onLoadMore);

  if (loading) return <ListSkeleton />;
  if (conversations.length === 0) {
    return (
      <Center p="xl" mt="xl">
        <Stack align="center" gap="xs">
          <ThemeIcon size={44} radius="xl" variant="light" color="gray">
            <IconInbox size={24} aria-hidden />
          </ThemeIcon>
          <Text fw={600}>{t('inbox.list.emptyTitle')}</Text>
          <Text size="sm" c="dimmed" ta="center" maw={260}>
            {emptyMessage}
          </Text>
        </Stack>
      </Center>
    );
  }

  return (
    <div
      role="listbox"
      aria-label={t('inbox.list.label')}
      aria-multiselectable={false}
      aria-activedescendant={focusedId === undefined ? undefined : `conversation-row-${focusedId}`}
      className={classes.list}
      tabIndex={0}
    >
      {conversations.map((conversation, index) => (
        <ConversationRow
          key={conversation.id}
          ref={rowRef(conversation.id)}
          conversation={conversation}
          focused={index === focusIndex}
          open={conversation.id === openId}
          selected={selected.has(conversation.id)}
          onOpen={() => onOpen(conversation, index)}
          onToggleSelected={() => onToggleSelected(conversation.id)}
        />
      ))}
      <div ref={sentinel} />
      {(hasMore || loadingMore) && (
        <Center p="sm">
          {loadingMore ? (
            <Loader size="sm" aria-label={t('common.loading')} />
          ) : (
            <Text size="xs" c="dimmed" component="button" onClick={onLoadMore} style={{ background: 'none', border: 0, cursor: 'pointer' }}>
              {t('inbox.list.loadMore')}
            </Text>
          )}
        </Center>
      )}
    </div>
  );
}
