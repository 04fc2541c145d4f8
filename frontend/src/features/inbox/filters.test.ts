import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, filtersFromParams, filtersToParams, toConversationFilter, type InboxFilters } from './filters';

describe('inbox filters in the URL', () => {
  it('survive a round trip through the query string', () => {
    const filters: InboxFilters = {
      status: 'snoozed',
      channels: [3, 1],
      kinds: ['dm', 'live_chat'],
      intents: ['support'],
      priorities: ['urgent', 'high'],
      languages: ['fr'],
      sla: 'breached',
      assignee: 'Inès',
      tag: 'vip client',
      escalated: true,
    };
    const params = filtersToParams(filters);
    expect(filtersFromParams(new URLSearchParams(params.toString()))).toEqual(filters);
  });

  it('leave the defaults out and keep the other parameters', () => {
    const params = filtersToParams({ ...DEFAULT_FILTERS, intents: ['sale'] }, new URLSearchParams('c=12&status=resolved'));
    expect(params.toString()).toBe('c=12&intent=sale');
    expect(filtersFromParams(new URLSearchParams(''))).toEqual(DEFAULT_FILTERS);
  });

  it('ignore values they do not know', () => {
    const filters = filtersFromParams(new URLSearchParams('status=bogus&intent=sale,nope&channel=2,x,-1&sla=soon'));
    expect(filters).toEqual({ ...DEFAULT_FILTERS, intents: ['sale'], channels: [2] });
  });

  it('become the backend filter', () => {
    expect(toConversationFilter(DEFAULT_FILTERS)).toEqual({ statuses: ['open'] });
    expect(toConversationFilter({ ...DEFAULT_FILTERS, status: 'all', assignee: '-', tag: ' x ', escalated: true, channels: [4] })).toEqual({
      assignee: '-',
      tag: 'x',
      escalated: true,
      channel_ids: [4],
    });
  });
});
