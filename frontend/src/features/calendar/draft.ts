import type { CaptionSource } from '@/components/reply-badges';
import { captionCounts } from './captions';
import { MAX_TITLE_CHARS, type CalendarPost, type MixTier, type PostFormat, type PostGoal, type PostInput, type PostUpdate } from './types';

/** What the post editor edits. */
export interface PostDraft {
  title: string;
  caption: string;
  channel_captions: Record<string, string>;
  /** The channels that have a caption of their own. */
  own: string[];
  caption_source: CaptionSource;
  pillar: string;
  format: PostFormat;
  channels: string[];
  /** Channel → account id as text; '' or missing publishes through the platform's default account. */
  accounts: Record<string, string>;
  goal: PostGoal;
  tier: MixTier;
  /** "2026-03-29T18:00" on time_zone's clock; "" for an undated post. */
  local: string;
  time_zone: string;
  duration_minutes: number;
  /** One path per line. */
  media: string;
  creator_id: string;
  utm_link: string;
}

export function emptyDraft(zone: string, local = ''): PostDraft {
  return {
    title: '',
    caption: '',
    channel_captions: {},
    own: [],
    caption_source: '',
    pillar: '',
    format: 'short_video',
    channels: [],
    accounts: {},
    goal: 'awareness',
    tier: 'core',
    local,
    time_zone: zone,
    duration_minutes: 15,
    media: '',
    creator_id: '',
    utm_link: '',
  };
}

export function draftOf(post: CalendarPost): PostDraft {
  const own = Object.keys(post.channel_captions).filter((channel) => (post.channel_captions[channel] ?? '').trim() !== '');
  return {
    title: post.title,
    caption: post.caption,
    channel_captions: { ...post.channel_captions },
    own,
    caption_source: post.caption_source,
    pillar: post.pillar,
    format: post.format,
    channels: [...post.channels],
    accounts: Object.fromEntries(Object.entries(post.accounts ?? {}).map(([channel, id]) => [channel, String(id)])),
    goal: post.goal,
    tier: post.tier,
    local: post.local,
    time_zone: post.time_zone,
    duration_minutes: post.duration_minutes,
    media: post.media_paths.join('\n'),
    creator_id: post.creator_id === null ? '' : String(post.creator_id),
    utm_link: post.utm_link,
  };
}

function mediaPaths(draft: PostDraft): string[] {
  return draft.media
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The captions of the channels with their own, the others dropped. */
function ownCaptions(draft: PostDraft): Record<string, string> {
  const out: Record<string, string> = {};
  for (const channel of draft.own) {
    const text = draft.channel_captions[channel] ?? '';
    if (text.trim() !== '') out[channel] = text;
  }
  return out;
}

/**
 * The accounts chosen for the post's channels, built in the channels' order so that comparing two
 * of them as JSON is stable; a channel no longer on the post drops its choice.
 */
function chosenAccounts(draft: PostDraft): Record<string, number> {
  const out: Record<string, number> = {};
  for (const channel of draft.channels) {
    const id = Number.parseInt(draft.accounts[channel] ?? '', 10);
    if (id > 0) out[channel] = id;
  }
  return out;
}

/** The draft's creator, null for none. */
export function creatorId(draft: PostDraft): number | null {
  const n = Number.parseInt(draft.creator_id, 10);
  return Number.isFinite(n) && n > 0 ? n : null;
}

export function inputOf(draft: PostDraft, force = false): PostInput {
  return {
    title: draft.title.trim(),
    caption: draft.caption,
    channel_captions: ownCaptions(draft),
    caption_source: draft.caption_source,
    pillar: draft.pillar,
    format: draft.format,
    channels: draft.channels,
    accounts: chosenAccounts(draft),
    goal: draft.goal,
    tier: draft.tier,
    local: draft.local,
    time_zone: draft.time_zone,
    duration_minutes: draft.duration_minutes,
    media_paths: mediaPaths(draft),
    creator_id: creatorId(draft),
    utm_link: draft.utm_link.trim(),
    force,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of draft that differ from post. */
export function updateOf(post: CalendarPost, draft: PostDraft, force = false): PostUpdate {
  const next = inputOf(draft);
  const before = inputOf(draftOf(post));
  const update: PostUpdate = {};
  for (const key of Object.keys(next) as (keyof PostInput)[]) {
    if (key === 'force' || same(next[key], before[key])) continue;
    (update as Record<string, unknown>)[key] = key === 'creator_id' && next[key] === null ? 0 : next[key];
  }
  // A new time is read on the post's (possibly new) zone.
  if (update.time_zone !== undefined && draft.local !== '' && update.local === undefined) update.local = draft.local;
  if (force) update.force = true;
  return update;
}

export function isDirty(post: CalendarPost | null, draft: PostDraft, initial: PostDraft): boolean {
  return post === null ? !same(draft, initial) : Object.keys(updateOf(post, draft)).length > 0;
}

export type DraftField = 'title' | 'caption' | 'utm_link';

/** What is wrong with draft before it is sent, as translation keys by field. */
export function validateDraft(draft: PostDraft): Partial<Record<DraftField, string>> {
  const errors: Partial<Record<DraftField, string>> = {};
  const title = draft.title.trim();
  if (title === '') errors.title = 'calendar.editor.errors.titleRequired';
  else if ([...title].length > MAX_TITLE_CHARS) errors.title = 'calendar.editor.errors.titleTooLong';
  if (captionCounts({ ...draft, channel_captions: ownCaptions(draft), media_paths: mediaPaths(draft) }).some((count) => count.over)) {
    errors.caption = 'calendar.editor.errors.captionTooLong';
  }
  const utm = draft.utm_link.trim();
  if (utm !== '' && !/^https?:\/\/[^\s/]+/.test(utm)) errors.utm_link = 'calendar.editor.errors.utmInvalid';
  return errors;
}
