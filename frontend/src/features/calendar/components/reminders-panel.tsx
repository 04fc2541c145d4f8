import { Button, CopyButton, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from '@/lib/clipboard';
import { describeError } from '@/lib/errors';
import { useFormat } from '@/lib/format-context';
import { notifySuccess } from '@/lib/notify';
import { useMarkPublished } from '../api/mark-published';
import { usePublishNow } from '../api/publish-now';
import { captionFor } from '../captions';
import type { CalendarPost } from '../types';
import { PostStatusBadge } from './post-status-badge';

/** The channels of a due post a person must post on: those left as reminders. */
export function handChannels(post: CalendarPost): string[] {
  const reminders = post.publications.filter((p) => p.state === 'reminder').map((p) => p.channel);
  return reminders.length > 0 ? post.channels.filter((c) => reminders.includes(c)) : post.channels;
}

/**
 * When a post becomes due while Tend is open, its caption goes to the clipboard (the first channel
 * a person must post on) with a notice saying where to paste it.
 */
function useCopyWhenDue(posts: CalendarPost[]) {
  const { t } = useTranslation();
  const seen = useRef<Set<number> | null>(null);
  useEffect(() => {
    const due = posts.filter((p) => p.status === 'due');
    if (seen.current === null) {
      // Those already due when the page opened were announced before.
      seen.current = new Set(due.map((p) => p.id));
      return;
    }
    for (const post of due) {
      if (seen.current.has(post.id)) continue;
      seen.current.add(post.id);
      const channel = handChannels(post)[0];
      if (channel === undefined) continue;
      void copyText(captionFor(post, channel)).then((copied) => {
        if (copied) notifySuccess(t('calendar.reminders.copied', { title: post.title, channel: t(`platformName.${channel}`) }));
      });
    }
  }, [posts, t]);
}

/**
 * Posts a person must act on: due (their time came and no API can publish them: copy the caption,
 * post it, mark it published), missed (their time passed while Tend was closed) and failed.
 */
export function RemindersPanel({ posts, onOpen }: { posts: CalendarPost[]; onOpen: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const markPublished = useMarkPublished();
  const publishNow = usePublishNow();
  useCopyWhenDue(posts);
  if (posts.length === 0) return null;
  return (
    <Paper withBorder p="md" radius="md" data-testid="reminders-panel" aria-labelledby="reminders-title" bg="var(--mantine-color-orange-light)">
      <Stack gap="sm">
        <Title order={2} size="h5" id="reminders-title">
          {t('calendar.reminders.title', { count: posts.length })}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
          {posts.map((post) => (
            <Stack key={post.id} gap={6} data-testid={`reminder-${post.id}`}>
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Button variant="subtle" size="compact-sm" px={0} onClick={() => onOpen(post.id)} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} truncate="end">
                    {post.title}
                  </Text>
                </Button>
                <PostStatusBadge status={post.status} size="xs" />
              </Group>
              {post.scheduled_at !== null && (
                <Text size="xs" c="dimmed">
                  {t(`calendar.reminders.when.${post.status === 'due' ? 'due' : 'missed'}`, { time: format.dateTime(post.scheduled_at) })}
                </Text>
              )}
              {post.status === 'due' && (
                <Stack gap={4}>
                  {handChannels(post).map((channel) => {
                    const reason = post.publications.find((p) => p.channel === channel && p.state === 'reminder')?.reason;
                    return (
                      <Stack key={channel} gap={2}>
                        <CopyButton value={captionFor(post, channel)}>
                          {({ copied, copy }) => (
                            <Button
                              size="compact-xs"
                              variant="default"
                              leftSection={copied ? <IconCheck size={12} /> : <IconCopy size={12} />}
                              onClick={copy}
                            >
                              {copied ? t('calendar.caption.copied') : t('calendar.caption.copyFor', { channel: t(`platformName.${channel}`) })}
                            </Button>
                          )}
                        </CopyButton>
                        {reason !== undefined && reason !== null && (
                          <Text size="xs" c="dimmed" data-testid={`reminder-reason-${channel}`}>
                            {describeError(reason, i18n).message}
                          </Text>
                        )}
                      </Stack>
                    );
                  })}
                </Stack>
              )}
              <Group gap={6}>
                {post.status !== 'due' && (
                  <Button size="compact-sm" variant="light" loading={publishNow.isPending && publishNow.variables === post.id}
                    onClick={() => publishNow.mutate(post.id)}>
                    {t('calendar.actions.publishNow')}
                  </Button>
                )}
                <Button
                  size="compact-sm"
                  loading={markPublished.isPending && markPublished.variables === post.id}
                  onClick={() => markPublished.mutate(post.id, { onSuccess: () => notifySuccess(t('calendar.actions.publishedDone', { title: post.title })) })}
                >
                  {t('calendar.actions.markPublished')}
                </Button>
                {post.status !== 'due' && (
                  <Button size="compact-sm" variant="subtle" onClick={() => onOpen(post.id)}>
                    {t('calendar.actions.reschedule')}
                  </Button>
                )}
              </Group>
              {post.last_error !== '' && (
                <Text size="xs" c="red">
                  {post.last_error}
                </Text>
              )}
            </Stack>
          ))}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
