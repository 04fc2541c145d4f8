import type { backend } from '../../../wailsjs/go/models';

export const STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type Status = (typeof STATUSES)[number];

export const KINDS = ['dm', 'comment_thread', 'live_chat'] as const;
export type Kind = (typeof KINDS)[number];

export const INTENTS = ['sale', 'support', 'spam', 'danger', 'other'] as const;
export type Intent = (typeof INTENTS)[number];

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const LANGUAGES = ['fr', 'en', 'other'] as const;
export type Language = (typeof LANGUAGES)[number];

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const SLA_STATES = ['due', 'breached'] as const;
export type SlaFilter = (typeof SLA_STATES)[number];

export const REASON_KINDS = ['keyword', 'low_sentiment', 'danger', 'influencer', 'repeated_contact'] as const;

export const KEYWORD_LANGUAGES = ['fr', 'en'] as const;
export const KEYWORD_KINDS = [
  'refund',
  'wrong_item',
  'not_delivered',
  'damaged',
  'dispute',
  'fraud',
  'legal',
  'safety',
  'human_agent',
] as const;
export type KeywordKind = (typeof KEYWORD_KINDS)[number];

/** Times travel as RFC 3339 text; null where nothing happened yet. */
type Iso = string;

export type Channel = Omit<backend.Channel, 'convertValues' | 'created_at' | 'kind'> & {
  kind: 'sandbox' | 'account' | 'import';
  created_at: Iso;
};

export type EscalationReason = backend.EscalationReason;
export type Post = backend.Post;
export type ContactSummary = backend.ContactSummary;

export type Conversation = Omit<
  backend.Conversation,
  | 'convertValues'
  | 'post'
  | 'contact'
  | 'kind'
  | 'status'
  | 'priority'
  | 'intent'
  | 'sentiment'
  | 'language'
  | 'snoozed_until'
  | 'awaiting_since'
  | 'sla_due'
  | 'first_inbound_at'
  | 'first_response_at'
  | 'resolved_at'
  | 'last_message_at'
  | 'last_direction'
> & {
  post: Post | null;
  contact: ContactSummary | null;
  kind: Kind;
  status: Status;
  priority: Priority;
  intent: Intent;
  sentiment: Sentiment;
  language: Language;
  snoozed_until: Iso | null;
  awaiting_since: Iso | null;
  sla_due: Iso | null;
  first_inbound_at: Iso | null;
  first_response_at: Iso | null;
  resolved_at: Iso | null;
  last_message_at: Iso;
  last_direction: 'in' | 'out';
};

export interface ConversationPage {
  conversations: Conversation[];
  next_cursor: string;
}

/** Every criterion is optional; the backend ANDs the ones present. */
export interface ConversationFilter {
  channel_ids?: number[];
  kinds?: Kind[];
  intents?: Intent[];
  priorities?: Priority[];
  statuses?: Status[];
  languages?: Language[];
  tag?: string;
  /** "-" means unassigned. */
  assignee?: string;
  sla?: SlaFilter;
  contact_id?: number;
  escalated?: boolean;
  cursor?: string;
  limit?: number;
}

export type InboxCounts = Omit<backend.InboxCounts, 'convertValues' | 'channels'> & {
  channels: Record<string, number>;
};

export type TriageResult = Omit<backend.TriageResult, 'convertValues' | 'intent' | 'sentiment' | 'language' | 'priority' | 'sla_due'> & {
  intent: Intent;
  sentiment: Sentiment;
  language: Language;
  priority: Priority;
  sla_due: Iso | null;
};

export type Attachment = backend.Attachment;

export type Message = Omit<backend.Message, 'convertValues' | 'direction' | 'sent_at' | 'triage' | 'author_contact_id'> & {
  direction: 'in' | 'out';
  sent_at: Iso;
  triage: TriageResult | null;
  author_contact_id: number | null;
};

export type Identity = backend.Identity;

export type Contact = Omit<backend.Contact, 'convertValues' | 'created_at' | 'follower_count'> & {
  follower_count: number | null;
  created_at: Iso;
};

export interface ConversationDetail {
  conversation: Conversation;
  messages: Message[];
  contact: Contact | null;
  history: Conversation[];
}

/** Only the fields present change; `snoozed_until` is required with status "snoozed". */
export interface ConversationUpdate {
  status?: Status;
  snoozed_until?: Iso;
  assignee?: string;
  add_tags?: string[];
  remove_tags?: string[];
  mark_spam?: boolean;
}

export type ContactUpdate = Partial<Pick<Contact, 'display_name' | 'tags' | 'influencer' | 'vip'>>;

export type Correction = Omit<backend.Correction, 'convertValues' | 'field' | 'created_at'> & {
  field: 'intent' | 'sentiment';
  created_at: Iso;
};

export interface SearchResult {
  message: Message;
  conversation: Conversation;
  /** Matches sit between U+E000 and U+E001. */
  snippet: string;
}

export interface SearchPage {
  results: SearchResult[];
  next_cursor: string;
}

export type Keyword = Omit<backend.Keyword, 'convertValues' | 'lang' | 'kind'> & {
  lang: (typeof KEYWORD_LANGUAGES)[number];
  kind: KeywordKind;
};

export type BusinessHours = backend.BusinessHours;

export type SlaPolicy = Omit<backend.SLAPolicy, 'convertValues' | 'business_hours'> & {
  business_hours?: BusinessHours | null;
};

export interface TriageSettings {
  keywords: Keyword[];
  sla: SlaPolicy;
}
