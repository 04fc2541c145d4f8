import { BackendRejection } from '@/testing/fake-desktop';
import type { CaptionLimitInfo, ReviewPost } from '../types';

/** A post in review as Calendar.ListPosts sends it (the fields the tab reads, and a few more). */
export function reviewPost(overrides: Partial<ReviewPost> = {}): ReviewPost {
  return {
    id: 1,
    title: 'Tuto : premier allumage',
    caption: 'La première combustion décide de tout.',
    channel_captions: {},
    caption_source: '',
    pillar: 'education',
    format: 'short_video',
    channels: ['instagram', 'tiktok'],
    accounts: {},
    status: 'in_review',
    scheduled_at: '2026-12-01T17:00:00Z',
    time_zone: 'Europe/Paris',
    media_paths: [],
    submitted_by: 'Camille',
    submitted_at: '2026-11-28T09:00:00Z',
    updated_at: '2026-11-28T09:00:00Z',
    ...overrides,
  };
}

/** backend.CaptionLimitTable. */
export const CAPTION_LIMIT_TABLE: CaptionLimitInfo[] = [
  { channel: 'instagram', limit: 2200, media_limit: 2200 },
  { channel: 'facebook', limit: 63206, media_limit: 63206 },
  { channel: 'tiktok', limit: 2200, media_limit: 2200 },
  { channel: 'youtube', limit: 5000, media_limit: 5000 },
  { channel: 'linkedin', limit: 3000, media_limit: 3000 },
  { channel: 'telegram', limit: 4096, media_limit: 1024 },
  { channel: 'whatsapp', limit: 4096, media_limit: 4096 },
];

/** The Calendar binding as far as the posts tab uses it: posts in review leave it when decided. */
export function fakeReviewCalendar(initial: ReviewPost[]) {
  let posts = [...initial];
  const decide = (id: number, changes: Partial<ReviewPost>) => {
    const post = posts.find((each) => each.id === id && each.status === 'in_review');
    if (post === undefined) {
      throw new BackendRejection({ code: 'ECONFLICT', message: 'wrong state', key: 'post_wrong_state', params: { title: `#${id}`, status: 'draft' } });
    }
    const decided = { ...post, ...changes };
    posts = posts.map((each) => (each.id === id ? decided : each));
    return decided;
  };
  const bindings = {
    CaptionLimits: () => CAPTION_LIMIT_TABLE,
    GetSettings: () => ({
      pillars: [
        { key: 'education', name: 'Savoir-faire', color: '#1c7ed6', description: '' },
        { key: 'promotions', name: 'Offres', color: '#e03131', description: '' },
      ],
      time_zone: 'Europe/Paris',
    }),
    ListPosts: (filter: { statuses?: string[] }) => posts.filter((post) => filter.statuses?.includes(post.status) ?? true),
    Approve: (id: number) => decide(id, { status: 'approved' }),
    Reject: (id: number) => decide(id, { status: 'draft' }),
  };
  return {
    bindings,
    /** Changes the posts behind the binding, as another window would. */
    set: (next: ReviewPost[]) => {
      posts = [...next];
    },
  };
}
