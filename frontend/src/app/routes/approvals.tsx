import { ApprovalQueue } from '@/features/approvals/components/approval-queue';

/** The approval queue: replies waiting for a person, QA reviews, and replies in trouble. */
export function ApprovalsRoute() {
  return <ApprovalQueue />;
}
