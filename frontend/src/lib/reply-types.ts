import type { backend } from '../../wailsjs/go/models';

// The replies' wire types, shared by the features that show replies (the composer and the
// approval queue): features may not import one another.

/** Times travel as RFC 3339 text; null where nothing happened yet. */
type Iso = string;

export const REPLY_STATES = [
  'draft',
  'discarded',
  'pending_approval',
  'rejected',
  'queued',
  'sending',
  'sent',
  'failed',
  'blocked',
  'in_doubt',
] as const;
export type ReplyState = (typeof REPLY_STATES)[number];

/** Reasons a reply needs a person's approval (backend.ApprovalKinds), in display order. */
export const APPROVAL_KINDS = [
  'money',
  'legal',
  'refund',
  'personal_data',
  'negative_sentiment',
  'danger',
  'influencer',
  'ai_generated',
  'qa_sample',
] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

export interface ApprovalReason {
  kind: ApprovalKind;
  detail: string;
  key: string;
  params?: Record<string, string> | null;
}

export interface Explanation {
  text: string;
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
  | 'source'
  | 'kind'
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
  kind: 'reply' | 'consent_confirmation';
  contact_id: number | null;
  state: ReplyState;
  source: 'human' | 'template' | 'model';
  reasons: ApprovalReason[] | null;
  explanation: Explanation | null;
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

export type QAOutcome = 'good' | 'needs_work' | 'bad';
export const QA_OUTCOMES: QAOutcome[] = ['good', 'needs_work', 'bad'];

export const MAX_REPLY_CHARS = 5000;
export const MAX_NOTE_CHARS = 1000;
