import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { fakeReviewCalendar, reviewPost } from '../testing/post-fixtures';
import { useApprovalBadge } from './use-approval-badge';

function Badge() {
  const { count, label } = useApprovalBadge();
  return (
    <p data-testid="badge" data-count={count}>
      {label}
    </p>
  );
}

function setup(pendingReplies: number, posts = [reviewPost({ id: 1 }), reviewPost({ id: 2 }), reviewPost({ id: 3, status: 'draft' })]) {
  const calendar = fakeReviewCalendar(posts);
  installFakeDesktop({
    Calendar: calendar.bindings,
    Replies: { Counts: () => ({ pending_approval: pendingReplies, qa_pending: 4, failed: 1, in_doubt: 0, queued: 0 }) },
  });
  renderWithProviders(<Badge />);
  return { calendar };
}

describe('useApprovalBadge', () => {
  it('sums the replies waiting for approval and the posts in review', async () => {
    setup(3);
    await screen.findByText('3 replies and 2 posts waiting for approval');
    expect(screen.getByTestId('badge')).toHaveAttribute('data-count', '5');
  });

  it('names only what waits', async () => {
    setup(0);
    expect(await screen.findByText('2 posts waiting for approval')).toBeInTheDocument();
    expect(screen.getByTestId('badge')).toHaveAttribute('data-count', '2');
  });
});
