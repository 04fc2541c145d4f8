import { Button, CopyButton, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@/lib/format-context';
import { notifySuccess } from '@/lib/notify';
import { useMarkPublished } from '../api/mark-published';
import { usePublishNow } from '../api/publish-now';
import { captionFor } from '../captions';
import type { CalendarPost } from '../types';
import { PostStatusBadge } from './post-status-badge';

/**
 * Posts a person must act on: due (their time came and no API can publish them: copy the caption,
 * post it, mark it published), missed (their time passed while Tend was closed) and failed.
 */
export function RemindersPanel({ posts, onOpen }: { posts: CalendarPost[]; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const markPublished = useMarkPublished();
  const publishNow = usePublishNow();
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
                <Group gap={4}>
                  {post.channels.map((channel) => (
                    <CopyButton key={channel} value={captionFor(post, channel)}>
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
                  ))}
                </Group>
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
