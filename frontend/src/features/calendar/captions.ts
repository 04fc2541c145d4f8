import { captionFor, captionLength } from '@/lib/captions';
import { CAPTION_LIMITS, TELEGRAM_MEDIA_CAPTION_LIMIT, type PostChannel } from './types';


/** channel's caption limit, under a photo or video or not. */
export function captionLimit(channel: string, withMedia: boolean): number {
  if (channel === 'telegram' && withMedia) return TELEGRAM_MEDIA_CAPTION_LIMIT;
  return CAPTION_LIMITS[channel as PostChannel] ?? Number.POSITIVE_INFINITY;
}

export { captionFor, captionLength };

export interface CaptionDraft {
  caption: string;
  channel_captions: Record<string, string>;
  channels: string[];
  media_paths: string[];
}


export interface CaptionCount {
  channel: string;
  length: number;
  limit: number;
  over: boolean;
}

/** Each channel's caption length against its limit. */
export function captionCounts(draft: CaptionDraft): CaptionCount[] {
  const withMedia = draft.media_paths.some((path) => path.trim() !== '');
  return draft.channels.map((channel) => {
    const length = captionLength(captionFor(draft, channel));
    const limit = captionLimit(channel, withMedia);
    return { channel, length, limit, over: length > limit };
  });
}
