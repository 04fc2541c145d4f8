import type { Consent, Reply, Template } from '../types';

/** A reply as the backend sends it, with overrides. */
export function replyFixture(overrides: Partial<Reply> = {}): Reply {
  return {
    id: 100,
    kind: 'reply',
    conversation_id: 1,
    contact_id: 10,
    channel_id: 1,
    platform: 'instagram',
    sandbox: false,
    state: 'draft',
    source: 'human',
    template_id: '',
    ai_generated: false,
    automated: false,
    language: 'fr',
    text: '',
    draft_text: '',
    out_text: '',
    reply_to: 'm42',
    needs_approval: false,
    reasons: [],
    explanation: null,
    usage: null,
    created_by: 'Léa',
    created_at: '2026-11-28T09:05:00Z',
    updated_at: '2026-11-28T09:05:00Z',
    decided_by: '',
    decided_at: null,
    decision_note: '',
    edited: false,
    idempotency_key: 'k100',
    attempts: 0,
    next_attempt_at: null,
    last_error: null,
    platform_message_id: '',
    queued_at: null,
    sent_at: null,
    qa_sampled: false,
    qa_outcome: '',
    qa_note: '',
    qa_reviewed_by: '',
    qa_reviewed_at: null,
    ...overrides,
  };
}

export function templateFixture(overrides: Partial<Template> = {}): Template {
  return {
    id: 'order_support.delivery.fr',
    name: 'Retard de livraison',
    category: 'order_support',
    language: 'fr',
    channel: '',
    body: 'Bonjour {first_name}, votre commande {order_id} est en route.',
    keywords: [],
    archived: false,
    usage_count: 3,
    shipped: true,
    created_at: '2026-11-01T00:00:00Z',
    updated_at: '2026-11-01T00:00:00Z',
    ...overrides,
  };
}

export function consentFixture(overrides: Partial<Consent> = {}): Consent {
  return { contact_id: 10, opted_out: false, since: null, events: [], ...overrides };
}
