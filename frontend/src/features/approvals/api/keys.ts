import type { ApprovalTab } from '../types';

export const approvalKeys = {
  all: ['approvals'] as const,
  counts: () => [...approvalKeys.all, 'counts'] as const,
  lists: () => [...approvalKeys.all, 'list'] as const,
  list: (tab: ApprovalTab) => [...approvalKeys.lists(), tab] as const,
  conversations: () => [...approvalKeys.all, 'conversation'] as const,
  conversation: (id: number) => [...approvalKeys.conversations(), id] as const,
};

/**
 * The posts whose captions are in review, and what they are shown with. Kept apart from
 * approvalKeys.all, which every reply change refetches: calendar events refetch these.
 */
export const postReviewKeys = {
  all: ['approval-posts'] as const,
  posts: () => [...postReviewKeys.all, 'in-review'] as const,
  pillars: () => [...postReviewKeys.all, 'pillars'] as const,
  captionLimits: () => [...postReviewKeys.all, 'caption-limits'] as const,
  /** The connected accounts' names (Accounts.List), refetched on accounts:changed. */
  accounts: () => [...postReviewKeys.all, 'accounts'] as const,
};
