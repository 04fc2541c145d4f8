import type { backend } from '../../../wailsjs/go/models';

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

/** The replies shown under a conversation's thread: everything not yet, or not plainly, sent. */
export const OUTBOX_STATES: ReplyState[] = ['pending_approval', 'queued', 'sending', 'failed', 'in_doubt', 'blocked', 'rejected'];

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

export type DraftMode = 'blank' | 'builtin' | 'template' | 'model';

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
  qa_outcome: '' | 'good' | 'needs_work' | 'bad';
  qa_reviewed_at: Iso | null;
};

export interface NewDraft {
  conversation_id: number;
  mode: DraftMode;
  template_id?: string;
  stream_id?: string;
}

export interface ReplyFilter {
  states?: ReplyState[];
  conversation_id?: number;
  qa_pending?: boolean;
  before?: number;
  limit?: number;
}

export interface ReplyPage {
  replies: Reply[];
  next: number;
}

export interface ApprovalDecision {
  needs_approval: boolean;
  reasons: ApprovalReason[] | null;
  autopilot: boolean;
  qa_sample?: boolean;
  /** The text with its {tokens} filled, as it would be sent. */
  rendered?: string;
  /** Tokens with no value and no fallback: the reply cannot be sent while any is left. */
  missing?: string[] | null;
}

export interface SubmitReply {
  text: string;
  request_approval: boolean;
}

export type ConsentEvent = Omit<backend.ConsentEvent, 'convertValues' | 'kind' | 'message_id' | 'at'> & {
  kind: 'opt_out' | 'opt_in';
  message_id: number | null;
  at: Iso;
};

export interface Consent {
  contact_id: number;
  opted_out: boolean;
  since: Iso | null;
  events: ConsentEvent[] | null;
}

export interface ConsentChange {
  opted_out: boolean;
  note: string;
}

/** What the template picker shows of a template. */
export type Template = Omit<backend.Template, 'convertValues' | 'created_at' | 'updated_at'> & {
  created_at: Iso;
  updated_at: Iso;
};

export interface TemplateFilter {
  language?: string;
  channel?: string;
  category?: string;
  query?: string;
  include_archived?: boolean;
}

/** The part of the model settings the composer needs. */
export type ModelSettings = Omit<backend.ModelSettings, 'convertValues'>;

/** What the composer knows of the conversation it answers. */
export interface ComposerConversation {
  id: number;
  platform: string;
  language: string;
  /** The conversation's channel only records what it would send (the demo). */
  sandbox: boolean;
}

/** The payload of `draft:delta`. */
export interface DraftDelta {
  stream_id: string;
  delta: string;
}

/** Bounds from the backend (backend/outbox.go). */
export const MAX_REPLY_CHARS = 5000;
export const MAX_NOTE_CHARS = 1000;
