/**
 * The creator tracker's data as the backend sends it (backend/creator.go). Dates without a time
 * are "YYYY-MM-DD" text, "" when not set; times are RFC 3339 text.
 */

import type { RightsProblem } from '@/lib/rights-problems';

/** Pipeline stages in board order (backend.CreatorStages). */
export const STAGES = ['prospect', 'contacted', 'negotiating', 'contracted', 'live', 'done'] as const;
export type Stage = (typeof STAGES)[number];

/** backend.CreatorNiches */
export const NICHES = ['home_decor', 'beauty', 'fashion', 'food', 'lifestyle', 'wellness', 'parenting', 'travel', 'tech', 'other'] as const;
export type Niche = (typeof NICHES)[number];

export const BRAND_SAFETY = ['clear', 'minor', 'major'] as const;
export type BrandSafety = (typeof BRAND_SAFETY)[number];

/** backend.RightsScopes */
export const SCOPES = ['organic', 'paid_ads', 'whitelisting', 'website', 'email', 'offline'] as const;
export type Scope = (typeof SCOPES)[number];

/** The guide's legal checklist, in display order. */
export const CHECKLIST_ITEMS = ['scope', 'duration', 'territories', 'compensation', 'edit_consent', 'signed'] as const;

export const RIGHTS_STATUSES = ['expired', 'expiring', 'incomplete', 'unsigned', 'not_started', 'active', 'none'] as const;
export type RightsStatus = (typeof RIGHTS_STATUSES)[number];

/** Platforms in display order (backend.Platforms). */
export const PLATFORMS = ['instagram', 'facebook', 'messenger', 'tiktok', 'youtube', 'whatsapp', 'telegram', 'linkedin', 'other'] as const;

type Iso = string;
type Day = string;

export interface CreatorHandle {
  platform: string;
  handle: string;
  /** The inbox contact with this identity; read-only. */
  contact_id?: number | null;
  contact_name?: string;
}

export interface FitInput {
  factor: 'audience' | 'engagement' | 'territory' | 'brand_safety';
  points: number;
  max: number;
  band: string;
  value: number;
  benchmark: number;
}

export interface Fit {
  score: number;
  inputs: FitInput[];
}

export interface Creator {
  id: number;
  name: string;
  stage: Stage;
  handles: CreatorHandle[];
  niche: string;
  audience_size?: number | null;
  engagement_rate?: number | null;
  territory: string;
  email: string;
  phone: string;
  notes: string;
  tags: string[];
  brand_safety: string;
  brand_safety_notes: string;
  fit: Fit;
  rights_status: RightsStatus;
  codes: string[];
  campaign_ids: number[];
  stage_changed_at: Iso;
  created_at: Iso;
  updated_at: Iso;
}

/** What the profile form sends: the backend fills the rest. */
export type CreatorProfile = Pick<
  Creator,
  'name' | 'niche' | 'territory' | 'email' | 'phone' | 'notes' | 'tags' | 'brand_safety' | 'brand_safety_notes'
> & {
  stage?: Stage;
  handles: Pick<CreatorHandle, 'platform' | 'handle'>[];
  audience_size: number | null;
  engagement_rate: number | null;
};

export interface CreatorFilter {
  stages: Stage[];
  niche: string;
  territory: string;
  tag: string;
  campaign_id: number;
  min_fit: number;
  query: string;
}

export interface CreatorCode {
  id: number;
  creator_id: number;
  campaign_id?: number | null;
  code: string;
  discount_percent: number;
  created_at: Iso;
}

export interface NewCode {
  creator_id: number;
  campaign_id: number | null;
  /** "" asks the backend to generate one. */
  code: string;
  discount_percent: number;
}

export interface UTMParams {
  source: string;
  medium: string;
  campaign: string;
  content: string;
}

export type UTMParam = keyof UTMParams;

export interface UTMLink {
  id: number;
  creator_id: number;
  campaign_id?: number | null;
  base_url: string;
  params: UTMParams;
  original: UTMParams;
  changed: UTMParam[] | null;
  url: string;
  created_at: Iso;
}

export interface NewLink {
  creator_id: number;
  campaign_id: number | null;
  base_url: string;
  params: UTMParams;
}

export interface Suggestion {
  code: string;
  base_url: string;
  params: UTMParams;
}

export interface ChecklistItem {
  item: (typeof CHECKLIST_ITEMS)[number];
  done: boolean;
}

export interface Rights {
  id: number;
  creator_id: number;
  campaign_id?: number | null;
  scopes: string[];
  start_date: Day;
  end_date: Day;
  territories: string[];
  compensation_terms: string;
  /** null while not settled. */
  edit_consent?: boolean | null;
  signed_date: Day;
  notes: string;
  status: RightsStatus;
  days_left?: number | null;
  checklist: ChecklistItem[];
  created_at: Iso;
  updated_at: Iso;
}

export type RightsDraft = Pick<
  Rights,
  'id' | 'creator_id' | 'scopes' | 'start_date' | 'end_date' | 'territories' | 'compensation_terms' | 'signed_date' | 'notes'
> & { campaign_id: number | null; edit_consent: boolean | null };

export interface RightsUse {
  date: Day;
  territory: string;
  scope: string;
}

/** One reason a use is outside the rights; shared with the calendar's warning on posts. */
export type { RightsProblem };

export interface RightsVerdict {
  allowed: boolean;
  rights_id?: number | null;
  problems: RightsProblem[] | null;
}

export interface RightsAlert {
  rights: Rights;
  creator_id: number;
  creator_name: string;
  creator_stage: Stage;
  campaign_name: string;
  days_left: number;
}

export interface Deliverable {
  id: number;
  creator_id?: number | null;
  title: string;
  due_date: Day;
  done: boolean;
  done_at?: Iso | null;
}

export interface Campaign {
  id: number;
  name: string;
  brief: string;
  start_date: Day;
  end_date: Day;
  compensation: string;
  discount_percent: number;
  utm_campaign: string;
  landing_url: string;
  creator_ids: number[];
  deliverables: Deliverable[];
  post_ids: number[];
  created_at: Iso;
  updated_at: Iso;
}

export type CampaignDraft = Omit<Campaign, 'created_at' | 'updated_at'>;

export interface CampaignSummary {
  id: number;
  name: string;
  start_date: Day;
  end_date: Day;
}

export interface CreatorDetail {
  creator: Creator;
  codes: CreatorCode[];
  links: UTMLink[];
  rights: Rights[];
  campaigns: CampaignSummary[];
}

export interface CreatorResult {
  id: number;
  creator_id: number;
  campaign_id?: number | null;
  code: string;
  date: Day;
  orders: number;
  revenue_cents: number;
  currency: string;
  note: string;
  created_at: Iso;
}

export type NewResult = Omit<CreatorResult, 'id' | 'created_at' | 'campaign_id'> & { campaign_id: number | null };

export interface ContactSummary {
  id: number;
  display_name: string;
  handle: string;
  influencer: boolean;
  vip: boolean;
}

export interface ConversationSummary {
  id: number;
  platform: string;
  kind: string;
  last_preview: string;
  last_message_at: Iso;
  contact?: { display_name: string; handle: string } | null;
}

export interface SearchResult {
  message: { id: number; conversation_id: number; text: string; sent_at: Iso; author_name: string };
  snippet: string;
}

export interface CodeMention {
  code: string;
  count: number;
  more: boolean;
  recent: SearchResult[];
}

export interface ResultTotal {
  currency: string;
  orders: number;
  revenue_cents: number;
}

/** A calendar post in a creator's performance (backend.PostSummary). */
export interface PostSummary {
  id: number;
  title: string;
  status: string;
  /** null while undated. */
  scheduled_at?: Iso | null;
  /** scheduled_at on the post's zone's clock ("2026-12-05T18:00"), "" when undated. */
  local: string;
  time_zone: string;
  channels: string[];
}

export interface CreatorPerformance {
  creator_id: number;
  contacts: ContactSummary[];
  conversation_count: number;
  conversations: ConversationSummary[];
  /** The posts of their campaigns and the posts linked to them, by id. */
  post_ids: number[];
  /** Those of them still in the calendar, dated ones by date, then undated ones. */
  posts: PostSummary[];
  mentions: CodeMention[];
  results: CreatorResult[];
  totals: ResultTotal[];
}

export interface CreatorSettings {
  alert_days: number;
  target_territories: string[];
  benchmarks: Record<string, number>;
}
