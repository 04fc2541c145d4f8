import { act } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { installFakeEvents } from '@/testing/fake-events';
import { renderWithProviders } from '@/testing/render';
import { EventInvalidation } from './event-invalidation';

function setup() {
  installFakeDesktop({});
  const events = installFakeEvents();
  const { queryClient } = renderWithProviders(<EventInvalidation />);
  const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
  const keys = () => invalidate.mock.calls.map(([filters]) => filters?.queryKey);
  return { events, invalidate, keys, queryClient };
}

describe('EventInvalidation', () => {
  it('refetches replies and the queue on replies:changed, and the conversations it names once a second', () => {
    vi.useFakeTimers();
    try {
      const { events, keys } = setup();
      act(() => {
        events.emit('replies:changed', { ids: [5], conversation_ids: [7] });
        events.emit('replies:changed', { ids: [6], conversation_ids: [7, 8] });
      });
      expect(keys()).toEqual([['replies', 'list'], ['approvals'], ['replies', 'list'], ['approvals']]);
      act(() => {
        vi.advanceTimersByTime(1_000);
      });
      expect(keys().slice(4)).toEqual([['inbox', 'detail', 7], ['inbox', 'detail', 8]]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refetches consents on consent:changed, and the other reply areas by their roots', () => {
    const { events, keys } = setup();
    act(() => {
      events.emit('consent:changed', { contact_id: 3, opted_out: true });
      events.emit('templates:changed', {});
      events.emit('replies:settings_updated', {});
      events.emit('model:settings_updated', {});
      events.emit('audit:appended', null);
    });
    expect(keys()).toEqual([['replies', 'consent'], ['templates'], ['reply-settings'], ['model'], ['audit']]);
  });

  it('refetches the posts in review and creators’ performance when posts change, and posts’ rights checks and the editor’s creators when creators change', () => {
    const { events, keys } = setup();
    act(() => {
      events.emit('calendar:changed', { ids: [4] });
      events.emit('creators:changed', { creator_ids: [1] });
    });
    expect(keys()).toEqual([
      ['calendar'],
      ['approval-posts', 'in-review'],
      ['creators', 'performance'],
      ['creators'],
      ['calendar', 'posts'],
      ['calendar', 'post'],
      ['calendar', 'rights'],
      ['calendar', 'creators'],
    ]);
  });

  it('refetches the calendar and the pillars of the posts in review on calendar:settings_updated', () => {
    const { events, keys } = setup();
    act(() => events.emit('calendar:settings_updated', {}));
    expect(keys()).toEqual([['calendar'], ['approval-posts', 'pillars']]);
  });

  it('refetches the accounts, the inbox channels and the accounts posts publish through on accounts:changed, and the channels during an import', () => {
    const { events, keys } = setup();
    act(() => {
      events.emit('accounts:changed', { id: 1, name: 'shop-bot', status: 'active' });
      events.emit('import:progress', { path: '/tmp/export', done: 2000, total: 4000 });
    });
    expect(keys()).toEqual([
      ['connections', 'accounts'],
      ['inbox', 'channels'],
      ['calendar', 'accounts'],
      ['approval-posts', 'accounts'],
      ['inbox', 'channels'],
    ]);
  });

  it('shows a sync’s progress from accounts:sync_progress without refetching, and refetches an account it does not know', () => {
    const { events, keys, queryClient } = setup();
    const account = { id: 1, name: 'shop-bot', platform: 'telegram', status: 'active', backfill: { done: 0, total: 100 } };
    queryClient.setQueryData(['connections', 'accounts'], [account]);
    act(() => events.emit('accounts:sync_progress', { ...account, backfill: { done: 40, total: 100 } }));
    expect(queryClient.getQueryData(['connections', 'accounts'])).toEqual([{ ...account, backfill: { done: 40, total: 100 } }]);
    expect(keys()).toEqual([]);
    act(() => events.emit('accounts:sync_progress', { ...account, id: 2 }));
    expect(keys()).toEqual([['connections', 'accounts']]);
  });
});
