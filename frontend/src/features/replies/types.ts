import type { backend } from '../../../wailsjs/go/models';
import type { ApprovalReason, ReplyState } from '@/lib/reply-types';

export {
  APPROVAL_KINDS,
  MAX_NOTE_CHARS,
  MAX_REPLY_CHARS,
  REPLY_STATES,
  type ApprovalKind,
  type ApprovalReason,
  type Explanation,
  type Reply,
  type ReplyError,
  type ReplyFilter,
  type ReplyPage,
  type ReplyState,
} from '@/lib/reply-types';

/** Times travel as RFC 3339 text; null where nothing happened yet. */
type Iso = string;


/** The replies shown under a conversation's thread: everything not yet, or not plainly, sent. */
export const OUTBOX_STATES: ReplyState[] = ['pending_approval', 'queued', 'sending', 'failed', 'in_doubt', 'blocked', 'rejected'];


export type DraftMode = 'blank' | 'builtin' | 'template' | 'model';





export interface NewDraft {
  conversation_id: number;
  mode: DraftMode;
  template_id?: string;
  stream_id?: string;
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
