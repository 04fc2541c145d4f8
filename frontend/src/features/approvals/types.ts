import type { backend } from '../../../wailsjs/go/models';

/** Times travel as RFC 3339 text; null where nothing happened yet. */
type Iso = string;

export const APPROVAL_TABS = ['approve', 'qa', 'failed'] as const;
export type ApprovalTab = (typeof APPROVAL_TABS)[number];

/** The approvals page's tabs: the reply queue's, and the posts whose captions are in review. */
export const PAGE_TABS = ['approve', 'posts', 'qa', 'failed'] as const;
export type PageTab = (typeof PAGE_TABS)[number];

export type ReplyCounts = Omit<backend.ReplyCounts, 'convertValues'>;

export type ReplyState =
  | 'draft'
  | 'discarded'
  | 'pending_approval'
  | 'rejected'
  | 'queued'
  | 'sending'
  | 'sent'
  | 'failed'
  | 'blocked'
  | 'in_doubt';

export type QAOutcome = 'good' | 'needs_work' | 'bad';
export const QA_OUTCOMES: QAOutcome[] = ['good', 'needs_work', 'bad'];

export interface ApprovalReason {
  kind: string;
  detail: string;
  key: string;
  params?: Record<string, string> | null;
}

export interface ReplyError {
  code: string;
  message: string;
  key?: string;
  params?: Record<string, string> | null;
}

export type Reply = Omit<
  backend.Reply,
  | 'convertValues'
  | 'contact_id'
  | 'state'
  | 'reasons'
  | 'explanation'
  | 'usage'
  | 'created_at'
  | 'updated_at'
  | 'decided_at'
  | 'next_attempt_at'
  | 'last_error'
  | 'queued_at'
  | 'sent_at'
  | 'qa_reviewed_at'
  | 'qa_outcome'
> & {
  contact_id: number | null;
  state: ReplyState;
  reasons: ApprovalReason[] | null;
  explanation: { text: string; key: string; params?: Record<string, string> | null } | null;
  usage: backend.ModelUsage | null;
  created_at: Iso;
  updated_at: Iso;
  decided_at: Iso | null;
  next_attempt_at: Iso | null;
  last_error: ReplyError | null;
  queued_at: Iso | null;
  sent_at: Iso | null;
  qa_outcome: '' | QAOutcome;
  qa_reviewed_at: Iso | null;
};

export interface ReplyFilter {
  states?: ReplyState[];
  conversation_id?: number;
  qa_pending?: boolean;
  before?: number;
  limit?: number;
}

export interface ReplyPage {
  replies: Reply[] | null;
  next: number;
}

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
  pillar: string;
  format: string;
  channels: string[] | null;
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
export const MAX_NOTE_CHARS = 1000;
export const MAX_REPLY_CHARS = 5000;
export const MAX_BULK = 200;
