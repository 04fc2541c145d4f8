import { Center, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconChecks } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '@/components/load-error';
import { describeError } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { useApprovePost } from '../api/approve-post';
import { useCaptionLimits } from '../api/get-caption-limits';
import { usePillars } from '../api/get-pillars';
import { usePostsInReview } from '../api/list-posts-in-review';
import { useRejectPost } from '../api/reject-post';
import { useQueueShortcuts } from '../hooks/use-queue-shortcuts';
import { anyOver, captionGroups } from '../post-captions';
import type { ReviewPost } from '../types';
import { PostItem } from './post-item';
import { RejectModal } from './reject-modal';

/** A post's turn in review: the same post submitted again after a rejection is a new turn. */
function turn(post: ReviewPost): string {
  return `${post.id}:${post.submitted_at ?? ''}`;
}

function EmptyPosts() {
  const { t } = useTranslation();
  return (
    <Center py={64}>
      <Stack align="center" gap="xs" maw={420}>
        <ThemeIcon size={52} radius="xl" variant="light" color="teal">
          <IconChecks size={28} aria-hidden />
        </ThemeIcon>
        <Text fw={600}>{t('approvals.posts.empty.title')}</Text>
        <Text size="sm" c="dimmed" ta="center">
          {t('approvals.posts.empty.hint')}
        </Text>
      </Stack>
    </Center>
  );
}

/**
 * The posts whose captions are in review, newest submission first: each with its channels, time,
 * pillar, format and captions against their limits, to approve (with a note) or reject (with a
 * reason), or to open in the calendar. j/k move, a approves, r rejects.
 */
export function PostsTab({ helpOpen, onHelp }: { helpOpen: boolean; onHelp: () => void }) {
  const { t, i18n } = useTranslation();
  const query = usePostsInReview();
  const pillars = usePillars().data;
  const limits = useCaptionLimits().data;
  const approve = useApprovePost();
  const reject = useRejectPost();
  // Posts decided here leave the list at once, before the refetch confirms it.
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set());
  const posts = useMemo(() => (query.data ?? []).filter((post) => !decided.has(turn(post))), [query.data, decided]);
  const [focusIndex, setFocusIndex] = useState(0);
  const focus = Math.max(0, Math.min(focusIndex, posts.length - 1));
  const focused = posts[focus];
  const [notes, setNotes] = useState<Readonly<Record<number, string>>>({});
  const [rejectingId, setRejectingId] = useState<number | null>(null);
  const rejecting = posts.find((post) => post.id === rejectingId);
  const itemRefs = useRef(new Map<number, HTMLDivElement>());

  const captions = useMemo(() => new Map(posts.map((post) => [post.id, captionGroups(post, limits)])), [posts, limits]);
  const isOver = (post: ReviewPost) => anyOver(captions.get(post.id) ?? []);

  function markDecided(post: ReviewPost) {
    setDecided((current) => new Set(current).add(turn(post)));
  }

  function move(delta: number) {
    if (posts.length === 0) return;
    const next = Math.max(0, Math.min(focus + delta, posts.length - 1));
    setFocusIndex(next);
    const post = posts[next];
    if (post !== undefined) itemRefs.current.get(post.id)?.scrollIntoView({ block: 'nearest' });
  }

  function approveOne(post: ReviewPost) {
    if (isOver(post) || approve.isPending) return;
    approve.mutate(
      { id: post.id, note: (notes[post.id] ?? '').trim() },
      {
        onSuccess: (saved) => {
          markDecided(post);
          notifySuccess(t('approvals.posts.done.approved', { title: saved.title }));
        },
      },
    );
  }

  useQueueShortcuts(
    {
      next: () => move(1),
      previous: () => move(-1),
      approve: () => {
        if (focused !== undefined) approveOne(focused);
      },
      reject: () => {
        if (focused !== undefined) setRejectingId(focused.id);
      },
      help: onHelp,
    },
    !helpOpen && rejectingId === null,
  );

  if (query.isError) {
    return (
      <LoadError message={t('approvals.posts.loadFailed', { reason: describeError(query.error, i18n).message })} onRetry={() => void query.refetch()} />
    );
  }
  if (query.isPending) {
    return (
      <Stack gap="md" aria-hidden>
        {[0, 1].map((index) => (
          <Skeleton key={index} height={180} radius="md" />
        ))}
      </Stack>
    );
  }
  if (posts.length === 0) return <EmptyPosts />;

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('approvals.posts.count', { count: posts.length })}
      </Text>
      <Stack gap="sm" role="feed" aria-label={t('approvals.posts.list')} aria-busy={query.isFetching || undefined} data-testid="approval-posts">
        {posts.map((post, index) => (
          <PostItem
            key={post.id}
            ref={(element) => {
              if (element === null) itemRefs.current.delete(post.id);
              else itemRefs.current.set(post.id, element);
            }}
            post={post}
            pillar={pillars?.find((pillar) => pillar.key === post.pillar)}
            captions={captions.get(post.id) ?? []}
            over={isOver(post)}
            focused={index === focus}
            note={notes[post.id] ?? ''}
            pending={approve.isPending && approve.variables.id === post.id ? 'approve' : reject.isPending && reject.variables.id === post.id ? 'reject' : null}
            onFocus={() => setFocusIndex(index)}
            onNoteChange={(note) => setNotes((current) => ({ ...current, [post.id]: note }))}
            onApprove={() => {
              setFocusIndex(index);
              approveOne(post);
            }}
            onReject={() => {
              setFocusIndex(index);
              setRejectingId(post.id);
            }}
          />
        ))}
      </Stack>
      <RejectModal
        key={rejectingId ?? 0}
        opened={rejecting !== undefined}
        pending={reject.isPending}
        texts={{
          title: t('approvals.posts.reject.title'),
          body: t('approvals.posts.reject.body'),
          placeholder: t('approvals.posts.reject.placeholder'),
          required: t('approvals.posts.reject.required'),
        }}
        onClose={() => setRejectingId(null)}
        onReject={(reason) => {
          if (rejecting === undefined) return;
          reject.mutate(
            { id: rejecting.id, reason },
            {
              onSuccess: (saved) => {
                setRejectingId(null);
                markDecided(rejecting);
                notifySuccess(t('approvals.posts.done.rejected', { title: saved.title }));
              },
            },
          );
        }}
      />
    </Stack>
  );
}
