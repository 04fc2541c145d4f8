import type { ApprovalTab } from '../types';

export const approvalKeys = {
  all: ['approvals'] as const,
  counts: () => [...approvalKeys.all, 'counts'] as const,
  lists: () => [...approvalKeys.all, 'list'] as const,
  list: (tab: ApprovalTab) => [...approvalKeys.lists(), tab] as const,
  conversations: () => [...approvalKeys.all, 'conversation'] as const,
  conversation: (id: number) => [...approvalKeys.conversations(), id] as const,
};
