import { captionFor, captionLength } from '@/lib/captions';
import type { CaptionLimitInfo, ReviewPost } from './types';

export { captionFor, captionLength };

/** One channel's caption length against its limit; `limit` is null until the limits are known. */
export interface CaptionCount {
  channel: string;
  length: number;
  limit: number | null;
  over: boolean;
}

/** One caption text and, for each channel it goes out on, its length against that channel's limit. */
export interface CaptionGroup {
  text: string;
  counts: CaptionCount[];
}


/**
 * channel's caption limit from the backend's table: `media_limit` when the post has media (only
 * Telegram's is lower), else `limit`; null when the table does not name the channel.
 */
export function limitFor(limits: readonly CaptionLimitInfo[] | undefined, channel: string, withMedia: boolean): number | null {
  const info = limits?.find((each) => each.channel === channel);
  if (info === undefined) return null;
  return withMedia && info.media_limit > 0 ? info.media_limit : info.limit;
}

/**
 * The captions a post sends, each with the channels it goes out on, in the post's channel order:
 * channels sharing a caption (the common one) share a group.
 */
export function captionGroups(
  post: Pick<ReviewPost, 'caption' | 'channel_captions' | 'channels' | 'media_paths'>,
  limits: readonly CaptionLimitInfo[] | undefined,
): CaptionGroup[] {
  const withMedia = (post.media_paths ?? []).length > 0;
  const groups: CaptionGroup[] = [];
  for (const channel of post.channels ?? []) {
    const text = captionFor(post, channel);
    const length = captionLength(text);
    const limit = limitFor(limits, channel, withMedia);
    const count: CaptionCount = { channel, length, limit, over: limit !== null && length > limit };
    const group = groups.find((each) => each.text === text);
    if (group === undefined) groups.push({ text, counts: [count] });
    else group.counts.push(count);
  }
  return groups;
}

/** Whether a caption of the post is over its channel's limit: the backend refuses to approve it. */
export function anyOver(groups: readonly CaptionGroup[]): boolean {
  return groups.some((group) => group.counts.some((count) => count.over));
}
