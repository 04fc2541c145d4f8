import type { backend } from '../../../wailsjs/go/models';

import type { ApprovalKind } from '@/lib/reply-types';

export { APPROVAL_KINDS, type ApprovalKind } from '@/lib/reply-types';

/** The reasons the field guide says must never go out without a human. */
export const GUIDE_KINDS: readonly ApprovalKind[] = ['money', 'legal', 'refund', 'personal_data'];

/** The intents autopilot may answer: spam gets no answer, danger always gets a person. */
export const AUTOPILOT_INTENTS = ['sale', 'support', 'other'] as const;
export type AutopilotIntent = (typeof AUTOPILOT_INTENTS)[number];

/** Platforms in display order (backend.Platforms). */
export const PLATFORMS = ['instagram', 'facebook', 'messenger', 'tiktok', 'youtube', 'whatsapp', 'telegram', 'linkedin', 'other'] as const;

export const POLICY_LANGUAGES = ['fr', 'en'] as const;
export type PolicyLanguage = (typeof POLICY_LANGUAGES)[number];

export const DISCLOSURE_MODES = ['prefix', 'footer'] as const;
export type DisclosureMode = (typeof DISCLOSURE_MODES)[number];

/** Limits of backend/reply.go and backend/outbox.go. */
export const MAX_DISCLOSURE_CHARS = 300;
export const MAX_LEGAL_WORD_CHARS = 80;
export const MAX_EXTRA_LEGAL_WORDS = 200;
export const LIMIT_RANGES = {
  per_contact_per_hour: { min: 1, max: 100 },
  per_channel_per_minute: { min: 1, max: 1000 },
  max_automated_streak: { min: 1, max: 20 },
} as const;
export type LimitName = keyof typeof LIMIT_RANGES;

export type AutopilotRule = backend.AutopilotRule;

export interface Disclosure {
  mode: DisclosureMode;
  prefix: Record<string, string>;
  footer: Record<string, string>;
  notice: Record<string, string>;
}

export interface ApprovalPolicy {
  kinds: string[];
  extra_legal_words: Record<string, string[] | null>;
  /** In [0, 1]. */
  qa_sample_rate: number;
  autopilot: AutopilotRule[];
  disclosure: Disclosure;
}

export type RateLimits = Omit<backend.RateLimits, 'convertValues'>;

export interface ReplySettings {
  policy: ApprovalPolicy;
  limits: RateLimits;
}
