import type { Conversation, Message } from '../types';

/** A conversation as the backend sends it, with overrides. */
export function conversationFixture(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: 1,
    channel_id: 1,
    platform: 'instagram',
    channel_name: 'Instagram · @maisonlumiere',
    kind: 'dm',
    thread_key: 't1',
    post: null,
    contact: { id: 10, display_name: 'Camille Martin', handle: 'camille', influencer: false, vip: false },
    status: 'open',
    snoozed_until: null,
    assignee: '',
    priority: 'high',
    intent: 'support',
    sentiment: 'neutral',
    sentiment_score: 0,
    language: 'fr',
    escalated: false,
    reasons: [],
    awaiting_since: '2026-11-28T09:00:00Z',
    sla_due: '2026-11-28T10:00:00Z',
    first_inbound_at: '2026-11-28T09:00:00Z',
    first_response_at: null,
    resolved_at: null,
    last_message_at: '2026-11-28T09:00:00Z',
    last_preview: 'Bonjour, ma commande est arrivée cassée',
    last_direction: 'in',
    message_count: 1,
    tags: [],
    ...overrides,
  };
}

/** An inbound message with its triage, with overrides. */
export function messageFixture(overrides: Partial<Message> = {}): Message {
  return {
    id: 42,
    conversation_id: 1,
    platform_message_id: 'm42',
    direction: 'in',
    author_contact_id: 10,
    author_name: 'Camille Martin',
    author_handle: 'camille',
    text: 'Bonjour, ma commande est arrivée cassée',
    sent_at: '2026-11-28T09:00:00Z',
    reply_to: '',
    attachments: [],
    hidden: false,
    deleted: false,
    triage: {
      intent: 'support',
      intent_scores: { sale: 0.1, support: 0.8, spam: 0.02, danger: 0.03, other: 0.05 },
      sentiment: 'negative',
      sentiment_score: -0.4,
      language: 'fr',
      priority: 'high',
      escalate: true,
      reasons: [{ kind: 'keyword', detail: 'matched "cassée"' }],
      sla_due: '2026-11-28T10:00:00Z',
    },
    intent_corrected: false,
    sentiment_corrected: false,
    ...overrides,
  };
}
