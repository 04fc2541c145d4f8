import { Alert, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconSearchOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { describeError } from '@/lib/errors';
import { useFormat } from '@/lib/format-context';
import { useNow } from '@/lib/use-now';
import { useScrollingList } from '../hooks/use-scrolling-list';
import type { SearchResult } from '../types';
import { HighlightedSnippet } from './highlighted-snippet';
import classes from './inbox.module.css';
import { ListSkeleton } from './conversation-list';
import { PlatformIcon } from '@/components/platform-icon';

export interface SearchResultsProps {
  results: SearchResult[];
  loading: boolean;
  error: unknown;
  focusIndex: number;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onOpen: (result: SearchResult) => void;
}

/** Matching messages, newest first, with their matches marked. */
export function SearchResults({ results, loading, error, focusIndex, hasMore, loadingMore, onLoadMore, onOpen }: SearchResultsProps) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const focusedId = results[focusIndex]?.message.id;
  const { rowRef, sentinel } = useScrollingList(focusedId, results.length, hasMore, onLoadMore);

  if (error !== null && error !== undefined) {
    return (
      <Alert m="sm" color="orange" variant="light" title={t('inbox.search.invalid')}>
        {describeError(error, i18n).message}
      </Alert>
    );
  }
  if (loading) return <ListSkeleton rows={6} />;
  if (results.length === 0) {
    return (
      <Center p="xl" mt="lg">
        <Stack align="center" gap={6}>
          <IconSearchOff size={28} color="var(--mantine-color-dimmed)" aria-hidden />
          <Text fw={600}>{t('inbox.search.noResults')}</Text>
          <Text size="sm" c="dimmed" ta="center">
            {t('inbox.search.noResultsHint')}
          </Text>
        </Stack>
      </Center>
    );
  }

  return (
    <div role="listbox" aria-label={t('inbox.search.results')} aria-activedescendant={focusedId === undefined ? undefined : `search-result-${focusedId}`}>
      {results.map((result, index) => {
        const { message, conversation } = result;
        const author = message.direction === 'out' ? t('inbox.thread.you') : message.author_name || message.author_handle;
        return (
          <div
            key={message.id}
            id={`search-result-${message.id}`}
            ref={rowRef(message.id)}
            role="option"
            aria-selected={index === focusIndex}
            data-focused={index === focusIndex || undefined}
            className={classes.searchResult}
            onClick={() => onOpen(result)}
          >
            <Group gap={6} wrap="nowrap" justify="space-between">
              <Group gap={6} wrap="nowrap" miw={0}>
                <PlatformIcon platform={conversation.platform} label={conversation.channel_name} size={14} />
                <Text size="sm" fw={600} truncate="end">
                  {author}
                </Text>
                <Text size="xs" c="dimmed" truncate="end">
                  {conversation.channel_name}
                </Text>
              </Group>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} title={format.dateTime(message.sent_at)}>
                {format.listTime(message.sent_at, now)}
              </Text>
            </Group>
            <Text size="sm" mt={4} lineClamp={2} data-testid="search-snippet">
              <HighlightedSnippet snippet={result.snippet} />
            </Text>
          </div>
        );
      })}
      <div ref={sentinel} />
      {loadingMore && (
        <Center p="sm">
          <Loader size="sm" aria-label={t('common.loading')} />
        </Center>
      )}
    </div>
  );
}
