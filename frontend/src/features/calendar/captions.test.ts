import { describe, expect, it } from 'vitest';
import { captionCounts, captionFor, captionLength, captionLimit } from './captions';

describe('captions', () => {
  it('counts code points, as the backend does', () => {
    expect(captionLength('abc')).toBe(3);
    expect(captionLength('🌿é')).toBe(2);
    expect(captionLength('👩‍👩‍👧')).toBe(5);
  });

  it('knows each platform’s limit, and Telegram’s under media', () => {
    expect(captionLimit('instagram', false)).toBe(2200);
    expect(captionLimit('facebook', true)).toBe(63206);
    expect(captionLimit('youtube', false)).toBe(5000);
    expect(captionLimit('linkedin', false)).toBe(3000);
    expect(captionLimit('whatsapp', false)).toBe(4096);
    expect(captionLimit('telegram', false)).toBe(4096);
    expect(captionLimit('telegram', true)).toBe(1024);
  });

  it('measures each channel’s own caption, else the common one', () => {
    const draft = { caption: 'x'.repeat(2300), channel_captions: { instagram: 'short' }, channels: ['instagram', 'tiktok', 'telegram'], media_paths: ['/a.mp4'] };
    expect(captionFor(draft, 'instagram')).toBe('short');
    expect(captionCounts(draft)).toEqual([
      { channel: 'instagram', length: 5, limit: 2200, over: false },
      { channel: 'tiktok', length: 2300, limit: 2200, over: true },
      { channel: 'telegram', length: 2300, limit: 1024, over: true },
    ]);
  });
});
