import { Badge, Box, Button, ColorSwatch, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconCalendarEvent, IconCheck, IconExternalLink, IconX } from '@tabler/icons-react';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PlatformIcon } from '@/components/platform-icon';
import { CaptionSourceBadge } from '@/components/reply-badges';
import { formatDateTime } from '@/lib/format';
import { useFormat } from '@/lib/format-context';
import { useAccountNames } from '../api/list-account-names';
import type { CaptionCount, CaptionGroup } from '../post-captions';
import { MAX_NOTE_CHARS, type ReviewPillar, type ReviewPost } from '../types';
import classes from './approvals.module.css';

/** Where the calendar opens a post's editor. */
export function calendarPostHref(id: number): string {
  return `/calendar?post=${id}`;
}

export interface PostItemProps {
  post: ReviewPost;
  /** The post's pillar, undefined when it has none or the settings are not loaded. */
  pillar: ReviewPillar | undefined;
  captions: CaptionGroup[];
  /** A caption is over its channel's limit: it cannot be approved. */
  over: boolean;
  focused: boolean;
  note: string;
  /** The action running on this post, if any. */
  pending: 'approve' | 'reject' | null;
  onFocus: () => void;
  onNoteChange: (note: string) => void;
  onApprove: () => void;
  onReject: () => void;
}

/** One channel's caption length against its limit, in red naming the limit once over. */
function CaptionCounter({ count }: { count: CaptionCount }) {
  const { t } = useTranslation();
  const format = useFormat();
  const channel = t(`platformName.${count.channel}`, { defaultValue: count.channel });
  const length = format.number(count.length);
  const text =
    count.limit === null
      ? t('approvals.posts.counterLength', { channel, length })
      : t(count.over ? 'approvals.posts.counterOver' : 'approvals.posts.counter', { channel, length, limit: format.number(count.limit) });
  return (
    <Group gap={4} wrap="nowrap" data-testid={`caption-count-${count.channel}`} data-over={count.over || undefined}>
      <PlatformIcon platform={count.channel} size={14} />
      <Text size="xs" c={count.over ? 'red' : 'dimmed'} fw={count.over ? 700 : 400}>
        {text}
      </Text>
    </Group>
  );
}

/** A channel publishing through an account the post chose, rather than its platform's default. */
interface PublishTarget {
  channel: string;
  accountId: number;
}

/** Where the post goes out, for its channels on a chosen account: "Instagram as shop-page". */
function PublishTargets({ targets }: { targets: PublishTarget[] }) {
  const { t } = useTranslation();
  const accounts = useAccountNames();
  if (accounts.isPending) return null;
  return (
    <Stack gap={0} align="flex-end" role="group" aria-label={t('approvals.posts.accounts')}>
      {targets.map(({ channel, accountId }) => {
        const channelName = t(`platformName.${channel}`, { defaultValue: channel });
        const name = accounts.data?.find((account) => account.id === accountId)?.name;
        return (
          <Text key={channel} size="xs" c="dimmed" ta="right" data-testid={`approval-post-account-${channel}`}>
            {name === undefined
              ? t('approvals.posts.publishAsUnknown', { channel: channelName, id: accountId })
              : t('approvals.posts.publishAs', { channel: channelName, name })}
          </Text>
        );
      })}
    </Stack>
  );
}

/** A post whose captions are in review: where and when it goes out, its captions, and the decision. */
export const PostItem = forwardRef<HTMLDivElement, PostItemProps>(function PostItem(props, ref) {
  const { post, pillar, captions, over, focused, note, pending, onFocus } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const when =
    post.scheduled_at === null
      ? t('approvals.posts.notDated')
      : t('approvals.posts.when', { time: formatDateTime(post.scheduled_at, format.locale, post.time_zone), time_zone: post.time_zone });
  const submitted = post.submitted_at === null ? null : format.dateTime(post.submitted_at);
  const targets = (post.channels ?? []).flatMap((channel) => {
    const accountId = post.accounts?.[channel];
    return accountId === undefined ? [] : [{ channel, accountId }];
  });

  return (
    <Paper
      ref={ref}
      withBorder
      radius="md"
      p="md"
      className={classes.item}
      data-focused={focused || undefined}
      data-testid={`approval-post-${post.id}`}
      data-post-id={post.id}
      onClick={onFocus}
      component="article"
      aria-label={t('approvals.posts.item', { title: post.title })}
      aria-current={focused || undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Text fw={650} miw={0} style={{ overflowWrap: 'anywhere' }}>
            {post.title}
          </Text>
          <Stack gap={4} align="flex-end">
            <Group gap={6} wrap="nowrap" role="group" aria-label={t('approvals.posts.channels')} data-testid="approval-post-channels">
              {(post.channels ?? []).map((channel) => (
                <PlatformIcon key={channel} platform={channel} size={18} label={t(`platformName.${channel}`, { defaultValue: channel })} />
              ))}
            </Group>
            {targets.length > 0 && <PublishTargets targets={targets} />}
          </Stack>
        </Group>

        <Group gap="md" wrap="wrap" style={{ rowGap: 4 }}>
          <Group gap={4} wrap="nowrap">
            <IconCalendarEvent size={14} aria-hidden style={{ opacity: 0.6 }} />
            <Text size="xs" c="dimmed" data-testid="approval-post-when">
              {when}
            </Text>
          </Group>
          <Group gap={6} wrap="nowrap" data-testid="approval-post-pillar">
            {pillar !== undefined && <ColorSwatch color={pillar.color} size={10} withShadow={false} aria-hidden />}
            <Text size="xs">{pillar?.name ?? (post.pillar === '' ? t('approvals.posts.noPillar') : post.pillar)}</Text>
          </Group>
          <Badge size="sm" radius="sm" variant="light" color="gray" tt="none">
            {t(`calendar.format.${post.format}`, { defaultValue: post.format })}
          </Badge>
          <CaptionSourceBadge source={post.caption_source} />
          {submitted !== null && (
            <Text size="xs" c="dimmed">
              {post.submitted_by === ''
                ? t('approvals.posts.submittedAt', { time: submitted })
                : t('approvals.posts.submittedBy', { name: post.submitted_by, time: submitted })}
            </Text>
          )}
        </Group>

        <Stack gap="xs" role="group" aria-label={t('approvals.posts.captions')}>
          {captions.map((group) => {
            const groupOver = group.counts.some((count) => count.over);
            return (
              <Stack key={group.counts.map((count) => count.channel).join(' ')} gap={4}>
                <Group gap="md" wrap="wrap" style={{ rowGap: 2 }}>
                  {group.counts.map((count) => (
                    <CaptionCounter key={count.channel} count={count} />
                  ))}
                </Group>
                <Box className={classes.caption} data-over={groupOver || undefined} data-testid="approval-post-caption">
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {group.text}
                  </Text>
                </Box>
              </Stack>
            );
          })}
        </Stack>

        {over && (
          <Text size="xs" c="red" data-testid="approval-post-over">
            {t('approvals.posts.overHint')}
          </Text>
        )}

        <Group gap="xs" align="flex-end" wrap="wrap" onClick={(event) => event.stopPropagation()}>
          <TextInput
            size="xs"
            style={{ flex: 1, minWidth: 200 }}
            aria-label={t('approvals.posts.note')}
            placeholder={t('approvals.posts.notePlaceholder')}
            value={note}
            onChange={(event) => props.onNoteChange(event.currentTarget.value)}
            onFocus={onFocus}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
                event.preventDefault();
                props.onApprove();
              }
            }}
            maxLength={MAX_NOTE_CHARS}
            disabled={over}
          />
          <Button size="xs" leftSection={<IconCheck size={14} aria-hidden />} onClick={props.onApprove} loading={pending === 'approve'} disabled={over || pending === 'reject'}>
            {t('approvals.actions.approve')}
          </Button>
          <Button size="xs" variant="subtle" color="red" leftSection={<IconX size={14} aria-hidden />} onClick={props.onReject} disabled={pending !== null}>
            {t('approvals.actions.reject')}
          </Button>
          <Button size="xs" variant="default" component={Link} to={calendarPostHref(post.id)} leftSection={<IconExternalLink size={14} aria-hidden />}>
            {t('approvals.posts.open')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
});
