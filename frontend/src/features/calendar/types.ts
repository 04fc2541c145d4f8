import type { CaptionSource } from '@/components/reply-badges';
import type { RightsProblem } from '@/lib/rights-problems';
import type { backend } from '../../../wailsjs/go/models';

/** Post formats in display order (backend.PostFormats). */
export const FORMATS = ['short_video', 'micro_article', 'live', 'story', 'carousel', 'dm_touchpoint'] as const;
export type PostFormat = (typeof FORMATS)[number];

/** Post goals in display order (backend.PostGoals). */
export const GOALS = ['awareness', 'community', 'conversion', 'retention'] as const;
export type PostGoal = (typeof GOALS)[number];

/** Mix tiers in display order (backend.MixTiers). */
export const TIERS = ['core', 'experiment', 'high_risk'] as const;
export type MixTier = (typeof TIERS)[number];

/** Post statuses in workflow order (backend.PostStatuses). */
export const STATUSES = ['idea', 'draft', 'in_review', 'approved', 'scheduled', 'publishing', 'due', 'published', 'failed', 'missed'] as const;
export type PostStatus = (typeof STATUSES)[number];

/** The platforms posts are planned for, in display order (backend.PostChannels). */
export const POST_CHANNELS = ['instagram', 'facebook', 'tiktok', 'youtube', 'linkedin', 'telegram', 'whatsapp'] as const;
export type PostChannel = (typeof POST_CHANNELS)[number];

/**
 * Caption limits in characters (Unicode code points), as backend.CaptionLimits; Telegram allows
 * 1,024 under a photo or video.
 */
export const CAPTION_LIMITS: Record<PostChannel, number> = {
  instagram: 2200,
  facebook: 63206,
  tiktok: 2200,
  youtube: 5000,
  linkedin: 3000,
  telegram: 4096,
  whatsapp: 4096,
};
export const TELEGRAM_MEDIA_CAPTION_LIMIT = 1024;

/** Limits of backend/calendar.go. */
export const MAX_TITLE_CHARS = 200;
export const MIN_PILLARS = 3;
export const MAX_PILLARS = 5;

/** A post's check against its creator's usage rights (backend.RightsVerdict, read-only). */
export interface RightsVerdict {
  allowed: boolean;
  rights_id: number | null;
  problems: RightsProblem[] | null;
}

/** Times travel as RFC 3339 text. */
type Iso = string;

export type Publication = Omit<backend.Publication, 'convertValues' | 'at'> & { at: Iso };

export type CalendarPost = Omit<
  backend.CalendarPost,
  | 'convertValues'
  | 'format'
  | 'goal'
  | 'tier'
  | 'status'
  | 'channels'
  | 'accounts'
  | 'scheduled_at'
  | 'submitted_at'
  | 'decided_at'
  | 'published_at'
  | 'created_at'
  | 'updated_at'
  | 'publications'
  | 'creator_id'
  | 'session_id'
  | 'rights'
  | 'caption_source'
> & {
  caption_source: CaptionSource;
  format: PostFormat;
  goal: PostGoal;
  tier: MixTier;
  status: PostStatus;
  channels: string[];
  /** The account each listed channel publishes through; the others use their platform's default. Go sends an empty map as null. */
  accounts: Record<string, number> | null;
  scheduled_at: Iso | null;
  submitted_at: Iso | null;
  decided_at: Iso | null;
  published_at: Iso | null;
  created_at: Iso;
  updated_at: Iso;
  publications: Publication[];
  creator_id: number | null;
  session_id: number | null;
  /** Whether the post's date is within its creator's usage rights; null without a creator or a date. */
  rights: RightsVerdict | null;
};

/** A new post: `local` is the wall-clock time in `time_zone` ("2026-03-29T18:00"), "" for an idea. */
export interface PostInput {
  title: string;
  caption: string;
  channel_captions: Record<string, string>;
  caption_source: CaptionSource;
  pillar: string;
  format: PostFormat;
  channels: string[];
  /** Channel → account id; a channel left out publishes through its platform's default account. */
  accounts: Record<string, number>;
  goal: PostGoal;
  tier: MixTier;
  local: string;
  time_zone: string;
  duration_minutes: number;
  media_paths: string[];
  creator_id: number | null;
  utm_link: string;
  force: boolean;
}

/** Only the fields present change. */
export type PostUpdate = Partial<Omit<PostInput, 'force'>> & { force?: boolean };

export interface Reschedule {
  local: string;
  time_zone: string;
  force: boolean;
}

/** Empty fields do not filter; `undated` lists only the backlog. */
export interface PostFilter {
  from?: Iso;
  to?: Iso;
  undated?: boolean;
  statuses?: PostStatus[];
  pillars?: string[];
  channels?: string[];
  formats?: PostFormat[];
}

export type Pillar = Omit<backend.Pillar, 'convertValues'>;
export interface CadenceTarget {
  format: PostFormat;
  /** "" for any channel. */
  channel: string;
  per_week: number;
}
export interface MixTarget {
  core: number;
  experiment: number;
  high_risk: number;
}
export interface ChannelRole {
  channel: string;
  primary: PostGoal;
  goals: PostGoal[];
  role: string;
}
export interface CalendarSettings {
  pillars: Pillar[];
  cadence: CadenceTarget[];
  mix: MixTarget;
  matrix: ChannelRole[];
  live_announce_hours: number;
  live_reminder_minutes: number;
  /** The workspace's time zone: the calendar shows times on its clock. */
  time_zone: string;
}
export type CalendarSettingsUpdate = Partial<Omit<CalendarSettings, 'time_zone'>>;

export type CadenceProgress = Omit<backend.CadenceProgress, 'convertValues' | 'format'> & { format: PostFormat };
export interface CadenceReport {
  week_start: string;
  time_zone: string;
  items: CadenceProgress[];
}

export interface MixReport {
  month: string;
  target: MixTarget;
  counts: MixTarget;
  total: number;
  shares: MixTarget;
  off_target: MixTier[];
}

export type CalendarSession = Omit<backend.CalendarSession, 'convertValues' | 'starts_at' | 'created_at' | 'kind'> & {
  kind: 'live' | 'filming';
  starts_at: Iso;
  created_at: Iso;
};

export interface LiveInput {
  title: string;
  local: string;
  time_zone: string;
  duration_minutes: number;
  channels: string[];
  pillar: string;
  goal: PostGoal | '';
  tier: MixTier | '';
  announce_hours?: number;
  reminder_minutes?: number;
  announce_format: PostFormat | '';
  notes: string;
  force: boolean;
}

export interface FilmingDraft {
  title: string;
  format: PostFormat | '';
  pillar: string;
  channels: string[];
  goal: PostGoal | '';
  tier: MixTier | '';
  local: string;
}

export interface FilmingInput {
  title: string;
  local: string;
  time_zone: string;
  duration_minutes: number;
  location: string;
  notes: string;
  drafts: FilmingDraft[];
  force: boolean;
}

export type ImportProblem = Omit<backend.ImportProblem, 'convertValues' | 'params'> & { params?: Record<string, string> | null };
export interface ImportReport {
  format: 'csv' | 'ics';
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  problems: ImportProblem[];
  ignored: { name: string; count: number }[];
  ids: number[];
}

export type CaptionRequest = Omit<backend.CaptionRequest, 'convertValues'>;

export type CaptionDraft = Omit<backend.CaptionDraft, 'convertValues' | 'explanation' | 'usage'> & {
  explanation: { text: string; key: string; params?: Record<string, string> };
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
};

export type ModelSettings = Omit<backend.ModelSettings, 'convertValues'>;
