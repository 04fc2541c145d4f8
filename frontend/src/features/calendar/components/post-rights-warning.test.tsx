import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { fakeCalendarBackend, postFixture, settingsFixture } from '../testing/fixtures';
import type { RightsVerdict } from '../types';
import { calendarEvents } from './post-calendar';
import { PostEditorDrawer } from './post-editor-drawer';
import { PostRightsWarning } from './post-rights-warning';

const expired: RightsVerdict = {
  allowed: false,
  rights_id: 11,
  problems: [
    { kind: 'expired', message: 'The rights ended on 2026-12-31.', params: { date: '2027-01-05', end: '2026-12-31' } },
    { kind: 'territory', message: 'The rights do not cover the territory "DE".', params: { territory: 'DE' } },
    { kind: 'territory', message: 'The rights do not cover the territory "US".', params: { territory: 'US' } },
  ],
};

function renderInRouter(ui: ReactElement) {
  const router = createMemoryRouter(
    [
      { path: '/calendar', element: ui },
      { path: '/creators', element: <p data-testid="creators-route">creators</p> },
    ],
    { initialEntries: ['/calendar'] },
  );
  return { ...renderWithProviders(<RouterProvider router={router} />), router };
}

describe('PostRightsWarning', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('lists why the post is outside its creator’s rights, translated, and links to their rights', async () => {
    const { user, router } = renderInRouter(<PostRightsWarning post={postFixture({ creator_id: 7, rights: expired })} />);
    const warning = screen.getByTestId('post-rights-warning');
    expect(warning).toHaveRole('alert');
    expect(warning).toHaveTextContent('Outside the creator\'s usage rights');
    const items = within(warning).getAllByRole('listitem').map((item) => item.textContent);
    expect(items).toEqual(['The rights ended on Dec 31, 2026.', 'DE is not among the territories.', 'US is not among the territories.']);
    const link = within(warning).getByRole('link', { name: 'Open the creator\'s rights' });
    expect(link).toHaveAttribute('href', '/creators?creator=7&tab=rights');
    await user.click(link);
    expect(router.state.location.search).toBe('?creator=7&tab=rights');
    expect(await screen.findByTestId('creators-route')).toBeInTheDocument();
  });

  it('speaks French, with the scope and the start date', async () => {
    await i18n.changeLanguage('fr');
    const verdict: RightsVerdict = {
      allowed: false,
      rights_id: 3,
      problems: [
        { kind: 'scope', message: 'The rights do not cover organic use.', params: { scope: 'organic' } },
        { kind: 'not_started', message: 'The rights start on 2027-02-01.', params: { date: '2027-01-05', start: '2027-02-01' } },
      ],
    };
    renderInRouter(<PostRightsWarning post={postFixture({ creator_id: 7, rights: verdict })} />);
    const warning = screen.getByTestId('post-rights-warning');
    expect(warning).toHaveTextContent('Hors des droits d\'usage du créateur');
    const items = within(warning).getAllByRole('listitem').map((item) => item.textContent ?? '');
    expect(items).toHaveLength(2);
    expect(items[0]).toBe('Publications organiques : non couvert.');
    expect(items[1]).toMatch(/^Les droits ne commencent que le .*2027\.$/);
    expect(within(warning).getByRole('link', { name: 'Ouvrir les droits du créateur' })).toBeInTheDocument();
  });

  it('says that no rights were granted', () => {
    const verdict: RightsVerdict = { allowed: false, rights_id: null, problems: [{ kind: 'no_rights', message: 'The creator has granted no usage rights.', params: {} }] };
    renderInRouter(<PostRightsWarning post={postFixture({ creator_id: 7, rights: verdict })} />);
    expect(screen.getByTestId('post-rights-warning')).toHaveTextContent('They have granted no usage rights.');
  });

  it('shows nothing for a new post, a post within the rights, or one without a verdict', () => {
    const allowed: RightsVerdict = { allowed: true, rights_id: 11, problems: [] };
    for (const post of [null, postFixture({ creator_id: 7, rights: allowed }), postFixture({ creator_id: 7, rights: null }), postFixture({ rights: null, scheduled_at: null })]) {
      const { unmount } = renderInRouter(<PostRightsWarning post={post} />);
      expect(screen.queryByTestId('post-rights-warning')).not.toBeInTheDocument();
      unmount();
    }
  });

  it('shows in the post editor of a saved post outside its creator’s rights', async () => {
    const post = postFixture({ id: 5, creator_id: 7, rights: expired });
    installFakeDesktop(fakeCalendarBackend([post]));
    renderInRouter(<PostEditorDrawer editing={{ id: 5 }} pillars={settingsFixture().pillars} onOpen={() => undefined} onClose={() => undefined} />);
    const editor = await screen.findByTestId('post-editor');
    const warning = await within(editor).findByTestId('post-rights-warning');
    expect(within(warning).getByRole('link', { name: 'Open the creator\'s rights' })).toHaveAttribute('href', '/creators?creator=7&tab=rights');
  });

  it('checks another creator or date as they are chosen, before the post is saved', async () => {
    const post = postFixture({ id: 5, creator_id: 7, rights: expired, local: '2026-12-01T18:00' });
    const fake = installFakeDesktop(
      fakeCalendarBackend([post], {
        creators: [
          { id: 7, name: 'Chloé Vasseur', handles: [{ platform: 'instagram', handle: 'chloe.v' }] },
          { id: 8, name: 'Inès Morel', handles: null },
        ],
        checkRights: (creatorId, date) =>
          creatorId === 7 && date >= '2026-12-15'
            ? { allowed: false, rights_id: 11, problems: [{ kind: 'expired', message: 'The rights ended on 2026-12-14.', params: { date, end: '2026-12-14' } }] }
            : { allowed: true, rights_id: creatorId, problems: [] },
      }),
    );
    const { user } = renderInRouter(<PostEditorDrawer editing={{ id: 5 }} pillars={settingsFixture().pillars} onOpen={() => undefined} onClose={() => undefined} />);
    const editor = await screen.findByTestId('post-editor');
    expect(await within(editor).findByTestId('post-rights-warning')).toBeInTheDocument();
    // The saved verdict needs no check.
    expect(fake.Calendar.CheckRights).not.toHaveBeenCalled();

    // Another creator, picked by name: within their rights, the warning goes.
    const picker = within(editor).getByRole('textbox', { name: 'Creator' });
    await waitFor(() => expect(picker).toHaveValue('Chloé Vasseur (@chloe.v)'));
    await user.click(picker);
    await user.click(await screen.findByRole('option', { name: 'Inès Morel' }));
    await waitFor(() => expect(fake.Calendar.CheckRights).toHaveBeenCalledWith(8, '2026-12-01'));
    await waitFor(() => expect(within(editor).queryByTestId('post-rights-warning')).not.toBeInTheDocument());

    // Back to Chloé on a later date, after her rights end: the warning says why.
    fireEvent.change(within(editor).getByLabelText('Date and time'), { target: { value: '2026-12-20T18:00' } });
    await user.click(picker);
    await user.click(await screen.findByRole('option', { name: 'Chloé Vasseur (@chloe.v)' }));
    await waitFor(() => expect(fake.Calendar.CheckRights).toHaveBeenCalledWith(7, '2026-12-20'));
    expect(await within(editor).findByTestId('post-rights-warning')).toHaveTextContent('The rights ended on Dec 14, 2026.');
    expect(fake.Calendar.UpdatePost).not.toHaveBeenCalled();
  });
});

describe('calendarEvents', () => {
  it('marks the events of posts outside their creator’s rights', () => {
    const posts = [
      postFixture({ id: 1, creator_id: 7, rights: expired }),
      postFixture({ id: 2, creator_id: 7, rights: { allowed: true, rights_id: 11, problems: [] } }),
      postFixture({ id: 3, rights: null }),
    ];
    const events = calendarEvents(posts, [], settingsFixture().pillars, 'Europe/Paris', (title) => title);
    expect(events.map((e) => [e.id, e.classNames, (e.extendedProps as { outsideRights: boolean }).outsideRights])).toEqual([
      ['post-1', ['tend-post', 'tend-post-draft', 'tend-post-rights'], true],
      ['post-2', ['tend-post', 'tend-post-draft'], false],
      ['post-3', ['tend-post', 'tend-post-draft'], false],
    ]);
  });
});
