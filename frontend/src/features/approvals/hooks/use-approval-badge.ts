import { useTranslation } from 'react-i18next';
import { useReplyCounts } from '../api/get-reply-counts';
import { usePostsInReview } from '../api/list-posts-in-review';

export interface ApprovalBadge {
  /** Replies waiting for approval plus posts whose captions are in review. */
  count: number;
  /** What the count stands for, for screen readers ("" when nothing waits). */
  label: string;
}

/** The Approvals nav item's badge: pending replies and posts in review (EventInvalidation refetches both). */
export function useApprovalBadge(): ApprovalBadge {
  const { t } = useTranslation();
  const replies = useReplyCounts().data?.pending_approval ?? 0;
  const posts = usePostsInReview().data?.length ?? 0;
  const count = replies + posts;
  let label = '';
  if (replies > 0 && posts > 0) {
    label = t('approvals.badge.both', {
      replies: t('approvals.badge.replies', { count: replies }),
      posts: t('approvals.badge.posts', { count: posts }),
    });
  } else if (posts > 0) {
    label = t('approvals.badge.postsOnly', { count: posts });
  } else if (replies > 0) {
    label = t('nav.pendingApproval', { count: replies });
  }
  return { count, label };
}
