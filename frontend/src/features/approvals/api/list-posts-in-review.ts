import { queryOptions, useQuery } from '@tanstack/react-query';
import { call } from '@/lib/transport';
import type { ReviewPost } from '../types';
import { postReviewKeys } from './keys';

/** When the post went to review: its submission, else its last change. */
function submittedTime(post: ReviewPost): number {
  const time = Date.parse(post.submitted_at ?? post.updated_at);
  return Number.isNaN(time) ? 0 : time;
}

/** Posts newest submission first (then highest id, for a stable order). */
export function bySubmissionNewestFirst(posts: ReviewPost[]): ReviewPost[] {
  return [...posts].sort((a, b) => submittedTime(b) - submittedTime(a) || b.id - a.id);
}

/** Every post whose captions wait for a decision, newest submission first. */
export function listPostsInReview(): Promise<ReviewPost[]> {
  return call<ReviewPost[] | null>('Calendar', 'ListPosts', { statuses: ['in_review'] }).then((posts) => bySubmissionNewestFirst(posts ?? []));
}

export const postsInReviewQueryOptions = queryOptions({ queryKey: postReviewKeys.posts(), queryFn: listPostsInReview });

/** The posts in review; calendar:changed refetches them (src/app/event-invalidation.tsx). */
export function usePostsInReview() {
  return useQuery(postsInReviewQueryOptions);
}
