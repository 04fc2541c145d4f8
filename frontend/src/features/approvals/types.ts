import type { backend } from '../../../wailsjs/go/models';
import type { ReplyFilter } from '@/lib/reply-types';

export {
  MAX_NOTE_CHARS,
  MAX_REPLY_CHARS,
  QA_OUTCOMES,
  type ApprovalReason,
  type QAOutcome,
  type Reply,
  type ReplyError,
  type ReplyFilter,
  type ReplyPage,
  type ReplyState,
} from '@/lib/reply-types';

/** Times travel as RFC 3339 text; null where nothing happened yet. */
type Iso = string;

export const APPROVAL_TABS = ['approve', 'qa', 'failed'] as const;
export type ApprovalTab = (typeof APPROVAL_TABS)[number];

/** The approvals page's tabs: the reply queue's, and the posts whose captions are in review. */
export const PAGE_TABS = ['approve', 'posts', 'qa', 'failed'] as const;
export type PageTab = (typeof PAGE_TABS)[number];

export type ReplyCounts = Omit<backend.ReplyCounts, 'convertValues'>;








export interface Approval {
  text?: string;
  note: string;
}

/** What a queue item shows of the conversation it answers (the parts of Inbox.Get it reads). */
export interface ConversationContext {
  conversation: {
    id: number;
    platform: string;
    kind: string;
    channel_name: string;
    language: string;
    contact: { display_name: string; handle: string } | null;
  };
  messages: { id: number; direction: 'in' | 'out'; text: string; author_name: string; author_handle: string; sent_at: Iso }[];
  contact: { display_name: string } | null;
}

/** The replies each tab lists. */
export function tabFilter(tab: ApprovalTab): ReplyFilter {
  switch (tab) {
    case 'approve':
      return { states: ['pending_approval'] };
    case 'qa':
      return { qa_pending: true };
    case 'failed':
      return { states: ['failed', 'in_doubt'] };
  }
}

/**
 * What the posts tab shows of a post whose captions are in review: the parts of Calendar.ListPosts
 * it reads. Go sends nil maps and slices as null.
 */
export interface ReviewPost {
  id: number;
  title: string;
  caption: string;
  channel_captions: Record<string, string> | null;
  /** Who wrote the captions: '' a person, 'builtin' or 'model' (possibly edited by a person since). */
  caption_source: string;
  pillar: string;
  format: string;
  channels: string[] | null;
  /** The account a channel publishes through, for the channels not on their platform's default. */
  accounts: Record<string, number> | null;
  status: string;
  /** When it goes out, null while undated; `time_zone` is the zone it was planned in. */
  scheduled_at: Iso | null;
  time_zone: string;
  media_paths: string[] | null;
  submitted_by: string;
  submitted_at: Iso | null;
  updated_at: Iso;
}

/** A content pillar of the calendar settings (the parts of Calendar.GetSettings the tab reads). */
export interface ReviewPillar {
  key: string;
  name: string;
  color: string;
}

/** One channel's caption limit in characters (Unicode code points), and under a photo or video. */
export type CaptionLimitInfo = Pick<backend.CaptionLimitInfo, 'channel' | 'limit' | 'media_limit'>;

/** Decision notes and reasons: backend.MaxDecisionNoteRunes for posts, the same for replies. */
export const MAX_BULK = 200;
