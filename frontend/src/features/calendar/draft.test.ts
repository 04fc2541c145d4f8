import { describe, expect, it } from 'vitest';
import { draftOf, emptyDraft, inputOf, updateOf, validateDraft } from './draft';
import { postFixture } from './testing/fixtures';

describe('the post draft', () => {
  it('says what is wrong before anything is sent', () => {
    expect(validateDraft(emptyDraft('Europe/Paris'))).toEqual({ title: 'calendar.editor.errors.titleRequired' });
    const long = { ...emptyDraft('UTC'), title: 'x', channels: ['instagram'], caption: 'é'.repeat(2201), utm_link: 'maison.example' };
    expect(validateDraft(long)).toEqual({ caption: 'calendar.editor.errors.captionTooLong', utm_link: 'calendar.editor.errors.utmInvalid' });
    // A channel's own caption is what counts there.
    expect(validateDraft({ ...long, own: ['instagram'], channel_captions: { instagram: 'short' }, utm_link: 'https://maison.example/?utm_source=ig' })).toEqual({});
  });

  it('sends only what changed', () => {
    const post = postFixture({ channel_captions: { tiktok: 'TikTok' } });
    const draft = draftOf(post);
    expect(draft.own).toEqual(['tiktok']);
    expect(updateOf(post, draft)).toEqual({});
    expect(updateOf(post, { ...draft, caption: 'New', own: [], media: ' /a.mp4 \n\n' })).toEqual({
      caption: 'New',
      channel_captions: {},
      media_paths: ['/a.mp4'],
    });
    expect(updateOf(post, { ...draft, time_zone: 'America/New_York' }, true)).toEqual({ time_zone: 'America/New_York', local: '2026-12-01T18:00', force: true });
    expect(inputOf({ ...emptyDraft('UTC'), title: ' Idea ', creator_id: '7' })).toMatchObject({ title: 'Idea', creator_id: 7, local: '' });
  });

  it('sends the accounts chosen for the post’s channels, in the channels’ order', () => {
    // Go sends an empty map as null.
    const post = postFixture({ channels: ['instagram', 'facebook'], accounts: null });
    const draft = draftOf(post);
    expect(draft.accounts).toEqual({});
    expect(updateOf(post, draft)).toEqual({});
    // A choice for a channel taken off the post, or left on the default, is not sent.
    const chosen = { ...draft, accounts: { tiktok: '2', facebook: '5', instagram: '' } };
    expect(updateOf(post, chosen)).toEqual({ accounts: { facebook: 5 } });

    const saved = postFixture({ channels: ['instagram', 'facebook'], accounts: { facebook: 5, instagram: 4 } });
    const reordered = { ...draftOf(saved), accounts: { facebook: '5', instagram: '4' } };
    expect(Object.keys(inputOf(reordered).accounts)).toEqual(['instagram', 'facebook']);
    expect(updateOf(saved, reordered)).toEqual({});
    expect(updateOf(saved, { ...reordered, accounts: {} })).toEqual({ accounts: {} });
  });
});
