import { Draggable } from '@fullcalendar/interaction';
import { Button, Group, Paper, ScrollArea, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconGripVertical, IconPlus } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PlatformIcon } from '@/components/platform-icon';
import type { CalendarPost, Pillar } from '../types';
import { PostStatusBadge } from './post-status-badge';

export interface IdeasBacklogProps {
  posts: CalendarPost[];
  pillars: Pillar[];
  onOpen: (id: number) => void;
  onNewIdea: () => void;
}

/**
 * Undated posts — ideas, and drafts not placed yet — to drag onto the calendar (FullCalendar's
 * external dragging: the calendar receives them as new events and gives them a date).
 */
export function IdeasBacklog({ posts, pillars, onOpen, onNewIdea }: IdeasBacklogProps) {
  const { t } = useTranslation();
  const list = useRef<HTMLDivElement>(null);
  const colors = new Map(pillars.map((p) => [p.key, p.color]));

  useEffect(() => {
    if (list.current === null) return;
    const draggable = new Draggable(list.current, {
      itemSelector: '[data-post-id]',
      eventData: (el) => ({ title: el.dataset.title ?? '', duration: '00:15', create: true }),
    });
    return () => draggable.destroy();
  }, []);

  return (
    <Paper withBorder p="md" radius="md" data-testid="ideas-backlog" aria-labelledby="backlog-title">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h5" id="backlog-title">
            {t('calendar.backlog.title', { count: posts.length })}
          </Title>
          <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={onNewIdea}>
            {t('calendar.backlog.newIdea')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('calendar.backlog.hint')}
        </Text>
        <ScrollArea.Autosize mah={360}>
          <Stack gap={6} ref={list}>
            {posts.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('calendar.backlog.empty')}
              </Text>
            )}
            {posts.map((post) => (
              <Paper
                key={post.id}
                withBorder
                p={6}
                radius="sm"
                data-post-id={post.id}
                data-title={post.title}
                data-testid={`backlog-item-${post.id}`}
                style={{ cursor: 'grab', borderLeft: `4px solid ${colors.get(post.pillar) ?? '#868e96'}` }}
              >
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <IconGripVertical size={14} aria-hidden style={{ marginTop: 3, flexShrink: 0 }} />
                  <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                    <UnstyledButton onClick={() => onOpen(post.id)} aria-label={t('calendar.backlog.open', { title: post.title })}>
                      <Text size="sm" fw={550} lineClamp={2}>
                        {post.title}
                      </Text>
                    </UnstyledButton>
                    <Group gap={6}>
                      <PostStatusBadge status={post.status} size="xs" />
                      <Text size="xs" c="dimmed">
                        {t(`calendar.format.${post.format}`)}
                      </Text>
                      {post.channels.map((channel) => (
                        <PlatformIcon key={channel} platform={channel} size={12} label={t(`platformName.${channel}`)} />
                      ))}
                    </Group>
                  </Stack>
                </Group>
              </Paper>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Stack>
    </Paper>
  );
}
