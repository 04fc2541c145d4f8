import { ActionIcon, Badge, Button, Center, Checkbox, Container, Group, Paper, Skeleton, Stack, Tabs, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconChecks, IconClipboardCheck, IconKeyboard, IconPhotoCheck, IconUserCheck } from '@tabler/icons-react';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isLowRisk } from '@/components/approval-reasons';
import { ReplyStateBadge } from '@/components/reply-badges';
import { LoadError } from '@/components/load-error';
import { PageHeader } from '@/components/page-header';
import { useFormat } from '@/lib/format-context';
import { notifySuccess } from '@/lib/notify';
import { useApproveReplies } from '../api/approve-replies';
import { useApproveReply } from '../api/approve-reply';
import { useReplyCounts } from '../api/get-reply-counts';
import { usePostsInReview } from '../api/list-posts-in-review';
import { useQueue } from '../api/list-queue';
import { useRejectReply } from '../api/reject-reply';
import { useResolveInDoubt } from '../api/resolve-in-doubt';
import { useRetryReply } from '../api/retry-reply';
import { useReviewQA } from '../api/review-qa';
import { useQueueShortcuts } from '../hooks/use-queue-shortcuts';
import { MAX_BULK, PAGE_TABS, type ApprovalTab, type PageTab, type Reply, type ReplyCounts } from '../types';
import { PostsTab } from './posts-tab';
import { QueueItem, type QueueItemProps } from './queue-item';
import { RejectModal } from './reject-modal';
import { ShortcutsDialog } from './shortcuts-dialog';

function parseTab(value: string | null): PageTab {
  return (PAGE_TABS as readonly string[]).includes(value ?? '') ? (value as PageTab) : 'approve';
}

function tabCount(tab: PageTab, counts: ReplyCounts | undefined, postsInReview: number | undefined): number | undefined {
  if (tab === 'posts') return postsInReview;
  if (counts === undefined) return undefined;
  if (tab === 'approve') return counts.pending_approval;
  if (tab === 'qa') return counts.qa_pending;
  return counts.failed + counts.in_doubt;
}

const TAB_ICONS: Record<PageTab, ReactNode> = {
  approve: <IconUserCheck size={16} aria-hidden />,
  posts: <IconPhotoCheck size={16} aria-hidden />,
  qa: <IconClipboardCheck size={16} aria-hidden />,
  failed: <IconAlertTriangle size={16} aria-hidden />,
};

/**
 * The approval queue: replies held for a person (with every reason), posts whose captions are in
 * review, automated replies sampled for a quality review, and replies that failed or whose
 * sending is in doubt.
 */
export function ApprovalQueue() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = parseTab(params.get('tab'));
  const counts = useReplyCounts();
  const postsInReview = usePostsInReview().data?.length;
  const [helpOpen, setHelpOpen] = useState(false);
  const [recent, setRecent] = useState<Reply[]>([]);

  function changeTab(value: string | null) {
    const next = new URLSearchParams(params);
    if (value === null || value === 'approve') next.delete('tab');
    else next.set('tab', value);
    setParams(next, { replace: true });
  }

  const decided = (replies: Reply[]) => setRecent((current) => [...replies, ...current.filter((each) => !replies.some((reply) => reply.id === each.id))].slice(0, 10));

  return (
    <Container size="lg" px={0}>
      <PageHeader
        title={t('approvals.title')}
        subtitle={t('approvals.subtitle')}
        actions={
          <Tooltip label={`${t('approvals.shortcuts.title')} (?)`} withArrow>
            <ActionIcon variant="subtle" color="gray" size={36} onClick={() => setHelpOpen(true)} aria-label={t('approvals.shortcuts.title')}>
              <IconKeyboard size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
        }
      />
      <Tabs value={tab} onChange={changeTab} keepMounted={false}>
        <Tabs.List mb="md">
          {PAGE_TABS.map((value) => {
            const count = tabCount(value, counts.data, postsInReview);
            return (
              <Tabs.Tab
                key={value}
                value={value}
                leftSection={TAB_ICONS[value]}
                rightSection={
                  count !== undefined && count > 0 ? (
                    <Badge size="sm" variant="light" color={value === 'failed' ? 'red' : 'yellow'} circle={count < 10}>
                      {count}
                    </Badge>
                  ) : undefined
                }
              >
                {value === 'posts' ? t('approvals.posts.tab') : t(`approvals.tabs.${value}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        <Tabs.Panel value={tab}>
          {tab === 'posts' ? (
            <PostsTab helpOpen={helpOpen} onHelp={() => setHelpOpen(true)} />
          ) : (
            <QueueTab key={tab} tab={tab} helpOpen={helpOpen} onHelp={() => setHelpOpen(true)} onDecided={decided} />
          )}
        </Tabs.Panel>
      </Tabs>
      {recent.length > 0 && <RecentDecisions replies={recent} />}
      <ShortcutsDialog opened={helpOpen} onClose={() => setHelpOpen(false)} posts={tab === 'posts'} />
    </Container>
  );
}

function EmptyQueue({ tab }: { tab: ApprovalTab }) {
  const { t } = useTranslation();
  return (
    <Center py={64}>
      <Stack align="center" gap="xs" maw={420}>
        <ThemeIcon size={52} radius="xl" variant="light" color="teal">
          <IconChecks size={28} aria-hidden />
        </ThemeIcon>
        <Text fw={600}>{t(`approvals.empty.${tab}.title`)}</Text>
        <Text size="sm" c="dimmed" ta="center">
          {t(`approvals.empty.${tab}.hint`)}
        </Text>
      </Stack>
    </Center>
  );
}

function QueueTab({
  tab,
  helpOpen,
  onHelp,
  onDecided,
}: {
  tab: ApprovalTab;
  helpOpen: boolean;
  onHelp: () => void;
  onDecided: (replies: Reply[]) => void;
}) {
  const { t } = useTranslation();
  const queue = useQueue(tab);
  const replies = queue.data?.pages.flatMap((page) => page.replies ?? []) ?? [];
  const [focusIndex, setFocusIndex] = useState(0);
  const focus = Math.max(0, Math.min(focusIndex, replies.length - 1));
  const focused = replies[focus];
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<number>>(new Set());
  const [editingId, setEditingId] = useState<number | null>(null);
  const [rejectingId, setRejectingId] = useState<number | null>(null);
  const itemRefs = useRef(new Map<number, HTMLDivElement>());

  const approve = useApproveReply();
  const approveMany = useApproveReplies();
  const reject = useRejectReply();
  const retry = useRetryReply();
  const resolve = useResolveInDoubt();
  const review = useReviewQA();

  // The selection keeps only replies still listed.
  const selected = replies.filter((reply) => selectedIds.has(reply.id));
  const bulkAllowed = selected.length > 0 && selected.length <= MAX_BULK && selected.every((reply) => isLowRisk(reply.reasons));
  const allSelected = replies.length > 0 && selected.length === replies.length;

  function toggle(id: number) {
    setSelectedIds((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  function move(delta: number) {
    if (replies.length === 0) return;
    const next = Math.max(0, Math.min(focus + delta, replies.length - 1));
    setFocusIndex(next);
    const reply = replies[next];
    if (reply !== undefined) itemRefs.current.get(reply.id)?.scrollIntoView({ block: 'nearest' });
    if (delta > 0 && next >= replies.length - 3 && queue.hasNextPage && !queue.isFetchingNextPage) void queue.fetchNextPage();
  }

  function approveOne(reply: Reply, text?: string, note = '') {
    approve.mutate(
      { id: reply.id, approval: text === undefined || text === reply.text ? { note } : { text, note } },
      {
        onSuccess: (approved) => {
          setEditingId(null);
          onDecided([approved]);
          notifySuccess(approved.sandbox ? t('approvals.done.approvedSandbox') : t('approvals.done.approved'));
        },
      },
    );
  }

  function approveSelected() {
    if (!bulkAllowed) return;
    approveMany.mutate(
      selected.map((reply) => reply.id),
      {
        onSuccess: (approved) => {
          setSelectedIds(new Set());
          onDecided(approved);
          notifySuccess(t('approvals.done.approvedMany', { count: approved.length }));
        },
      },
    );
  }

  const rejecting = replies.find((reply) => reply.id === rejectingId);

  useQueueShortcuts(
    {
      next: () => move(1),
      previous: () => move(-1),
      approve: () => {
        if (tab === 'approve' && focused !== undefined && editingId !== focused.id && !approve.isPending) approveOne(focused);
      },
      edit: () => {
        if (tab === 'approve' && focused !== undefined) setEditingId(focused.id);
      },
      select: () => {
        if (tab === 'approve' && focused !== undefined) toggle(focused.id);
      },
      reject: () => {
        if (tab === 'approve' && focused !== undefined) setRejectingId(focused.id);
      },
      help: onHelp,
    },
    !helpOpen && rejectingId === null,
  );

  function pendingFor(reply: Reply): QueueItemProps['pending'] {
    if (approve.isPending && approve.variables.id === reply.id) return 'approve';
    if (approveMany.isPending && approveMany.variables.includes(reply.id)) return 'approve';
    if (retry.isPending && retry.variables === reply.id) return 'retry';
    if (resolve.isPending && resolve.variables.id === reply.id) return resolve.variables.sent ? 'sent' : 'again';
    if (review.isPending && review.variables.id === reply.id) return 'qa';
    return null;
  }

  if (queue.isError) return <LoadError message={t('approvals.loadFailed')} onRetry={() => void queue.refetch()} />;
  if (queue.isPending) {
    return (
      <Stack gap="md" aria-hidden>
        {[0, 1, 2].map((index) => (
          <Skeleton key={index} height={150} radius="md" />
        ))}
      </Stack>
    );
  }
  if (replies.length === 0) return <EmptyQueue tab={tab} />;

  return (
    <Stack gap="md">
      {tab === 'approve' && (
        <Paper withBorder radius="md" px="md" py="xs" data-testid="bulk-bar">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Group gap="sm">
              <Checkbox
                aria-label={t('approvals.bulk.selectAll')}
                checked={allSelected}
                indeterminate={selected.length > 0 && !allSelected}
                onChange={() => setSelectedIds(allSelected ? new Set() : new Set(replies.map((reply) => reply.id)))}
              />
              <Text size="sm" c="dimmed" aria-live="polite">
                {selected.length > 0 ? t('approvals.bulk.selected', { count: selected.length }) : t('approvals.bulk.count', { count: replies.length })}
              </Text>
            </Group>
            <Group gap="xs">
              {selected.length > 0 && !bulkAllowed && (
                <Text size="xs" c="orange.8" data-testid="bulk-hint">
                  {selected.length > MAX_BULK ? t('approvals.bulk.tooMany', { limit: MAX_BULK }) : t('approvals.bulk.onlyLowRisk')}
                </Text>
              )}
              <Button
                size="xs"
                leftSection={<IconChecks size={14} aria-hidden />}
                disabled={!bulkAllowed}
                onClick={approveSelected}
                loading={approveMany.isPending}
              >
                {t('approvals.bulk.approve', { count: selected.length })}
              </Button>
            </Group>
          </Group>
        </Paper>
      )}
      <Stack gap="sm" role="feed" aria-label={t(`approvals.tabs.${tab}`)} aria-busy={queue.isFetching || undefined}>
        {replies.map((reply, index) => (
          <QueueItem
            key={reply.id}
            ref={(element) => {
              if (element === null) itemRefs.current.delete(reply.id);
              else itemRefs.current.set(reply.id, element);
            }}
            reply={reply}
            tab={tab}
            focused={index === focus}
            selected={selectedIds.has(reply.id)}
            editing={editingId === reply.id}
            pending={pendingFor(reply)}
            onFocus={() => setFocusIndex(index)}
            onToggleSelected={() => toggle(reply.id)}
            onApprove={() => approveOne(reply)}
            onEdit={() => {
              setFocusIndex(index);
              setEditingId(reply.id);
            }}
            onCancelEdit={() => setEditingId(null)}
            onApproveEdited={(text, note) => approveOne(reply, text, note)}
            onReject={() => {
              setFocusIndex(index);
              setRejectingId(reply.id);
            }}
            onRetry={() => retry.mutate(reply.id, { onSuccess: () => notifySuccess(t('approvals.done.retried')) })}
            onResolve={(sent) =>
              resolve.mutate(
                { id: reply.id, sent },
                { onSuccess: () => notifySuccess(sent ? t('approvals.done.markedSent') : t('approvals.done.requeued')) },
              )
            }
            onReview={(outcome, note) =>
              review.mutate(
                { id: reply.id, outcome, note },
                {
                  onSuccess: (reviewed) => {
                    onDecided([reviewed]);
                    notifySuccess(t('approvals.done.reviewed'));
                  },
                },
              )
            }
          />
        ))}
      </Stack>
      {queue.hasNextPage && (
        <Group justify="center">
          <Button variant="subtle" onClick={() => void queue.fetchNextPage()} loading={queue.isFetchingNextPage}>
            {t('approvals.loadMore')}
          </Button>
        </Group>
      )}
      <RejectModal
        key={rejectingId ?? 0}
        opened={rejecting !== undefined}
        pending={reject.isPending}
        onClose={() => setRejectingId(null)}
        onReject={(reason) => {
          if (rejecting === undefined) return;
          reject.mutate(
            { id: rejecting.id, reason },
            {
              onSuccess: (rejected) => {
                setRejectingId(null);
                onDecided([rejected]);
                notifySuccess(t('approvals.done.rejected'));
              },
            },
          );
        }}
      />
    </Stack>
  );
}

/** What was decided here in this session, with who and when. */
function RecentDecisions({ replies }: { replies: Reply[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="xs" mt="xl" component="section" aria-label={t('approvals.recent.title')} data-testid="recent-decisions">
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.4}>
        {t('approvals.recent.title')}
      </Text>
      {replies.map((reply) => (
        <Paper key={reply.id} withBorder radius="md" px="md" py="xs">
          <Group gap="sm" wrap="nowrap" justify="space-between">
            <Group gap="xs" wrap="nowrap" miw={0}>
              <ReplyStateBadge state={reply.state} />
              <Text size="sm" truncate="end">
                {reply.text}
              </Text>
            </Group>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {decisionLine(t, (iso) => format.dateTime(iso), reply)}
            </Text>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

function decisionLine(t: ReturnType<typeof useTranslation>['t'], dateTime: (iso: string) => string, reply: Reply): string {
  if (reply.qa_reviewed_at !== null && reply.qa_outcome !== '') {
    return t('approvals.recent.reviewed', {
      outcome: t(`approvals.qa.${reply.qa_outcome}`),
      name: reply.qa_reviewed_by,
      time: dateTime(reply.qa_reviewed_at),
    });
  }
  const time = reply.decided_at === null ? '' : dateTime(reply.decided_at);
  if (reply.state === 'rejected') return t('approvals.recent.rejected', { name: reply.decided_by, time, note: reply.decision_note });
  return t('approvals.recent.approved', { name: reply.decided_by, time });
}
