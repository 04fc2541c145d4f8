import { describe, expect, it } from 'vitest';
import { captionGroups, limitFor } from './post-captions';

const limits = [
  { channel: 'instagram', limit: 2200, media_limit: 2200 },
  { channel: 'telegram', limit: 4096, media_limit: 1024 },
];

describe('captionGroups', () => {
  it('groups the channels sharing a caption and counts code points against each limit', () => {
    const groups = captionGroups(
      { caption: 'Été 🌞', channel_captions: { telegram: '  ' , instagram: 'Own' }, channels: ['telegram', 'instagram', 'tiktok'], media_paths: null },
      limits,
    );
    expect(groups).toEqual([
      { text: 'Été 🌞', counts: [{ channel: 'telegram', length: 5, limit: 4096, over: false }, { channel: 'tiktok', length: 5, limit: null, over: false }] },
      { text: 'Own', counts: [{ channel: 'instagram', length: 3, limit: 2200, over: false }] },
    ]);
  });

  it('uses the media limit when the post has media', () => {
    expect(limitFor(limits, 'telegram', true)).toBe(1024);
    expect(limitFor(limits, 'telegram', false)).toBe(4096);
    const [group] = captionGroups({ caption: 'x'.repeat(1025), channel_captions: null, channels: ['telegram'], media_paths: ['/v.mp4'] }, limits);
    expect(group?.counts).toEqual([{ channel: 'telegram', length: 1025, limit: 1024, over: true }]);
  });
});
