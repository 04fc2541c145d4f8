import { screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { creatorFixture, fakeCreatorsBackend, rightsFixture } from '../testing/fixtures';
import type { RightsAlert } from '../types';
import { CreatorsPage } from './creators-page';

const chloe = creatorFixture({ id: 1, name: 'Chloé Vasseur', stage: 'live', rights_status: 'expiring', codes: ['CHLOE15'] });
const ines = creatorFixture({ id: 2, name: 'Inès Garnier', stage: 'prospect', handles: [{ platform: 'instagram', handle: 'ines.fait.maison' }] });
const alert: RightsAlert = { rights: rightsFixture({ creator_id: 1 }), creator_id: 1, creator_name: 'Chloé Vasseur', creator_stage: 'live', campaign_name: 'Noël cosy 2026', days_left: 9 };

function renderPage(url = '/creators') {
  const fake = installFakeDesktop(fakeCreatorsBackend({ creators: [chloe, ines], rights: [rightsFixture({ creator_id: 1 })], alerts: [alert] }));
  const router = createMemoryRouter([{ path: '/creators', element: <CreatorsPage /> }], { initialEntries: [url] });
  return { ...renderWithProviders(<RouterProvider router={router} />), router, fake };
}

const search = (router: ReturnType<typeof renderPage>['router']) => new URLSearchParams(router.state.location.search);

describe('CreatorsPage', () => {
  it('lists the rights ending soon, and opens the creator on their usage rights', async () => {
    const { user, router } = renderPage();
    const alerts = await screen.findByTestId('rights-alerts');
    expect(alerts).toHaveTextContent('1 usage right ends within 14 days');
    expect(within(alerts).getByTestId('rights-alert-item')).toHaveTextContent('Chloé Vasseur · Noël cosy 2026 — Ends in 9 days (Dec 7, 2026)');

    await user.click(within(alerts).getByRole('link', { name: 'Chloé Vasseur' }));
    await waitFor(() => expect(search(router).get('creator')).toBe('1'));
    expect(search(router).get('tab')).toBe('rights');
    const drawer = await screen.findByRole('dialog', { name: 'Chloé Vasseur' });
    expect(await within(drawer).findByTestId('rights-expiry-alert')).toHaveTextContent('Ends in 9 days');
  });

  it('adds a creator, then opens them to add codes and rights', async () => {
    const { user, router, fake } = renderPage();
    await user.click(await screen.findByTestId('new-creator'));
    const drawer = await screen.findByRole('dialog', { name: 'New creator' });
    await user.type(within(drawer).getByRole('textbox', { name: 'Name' }), 'Sacha Moreau');
    await user.type(within(drawer).getByRole('textbox', { name: 'Handle 1' }), '@sacha.slowliving');
    await user.click(within(drawer).getByTestId('save-creator'));
    await waitFor(() =>
      expect(fake.Creators.Create).toHaveBeenCalledWith(
        expect.objectContaining({ name: 'Sacha Moreau', handles: [{ platform: 'instagram', handle: '@sacha.slowliving' }], audience_size: null }),
      ),
    );
    await waitFor(() => expect(search(router).get('creator')).toBe('12'));
    expect(await screen.findByText('Sacha Moreau added.')).toBeInTheDocument();
  });

  it('shows the fit score with its inputs and the contact each handle links to', async () => {
    renderPage('/creators?creator=2');
    const drawer = await screen.findByRole('dialog', { name: 'Inès Garnier' });
    expect(await within(drawer).findByTestId('fit-score-value')).toHaveTextContent('81');
    expect(within(drawer).getByTestId('fit-input-audience')).toHaveTextContent('48,200 followers: micro (10,000 to 100,000)');
    expect(within(drawer).getByTestId('fit-input-engagement')).toHaveTextContent('4.1 % against a 2 % benchmark: above the benchmark');
    expect(within(drawer).queryByTestId('linked-contact')).not.toBeInTheDocument();
  });

  it('switches to the list, keeping the view in the URL', async () => {
    const { user, router } = renderPage();
    await user.click(await screen.findByText('List'));
    await waitFor(() => expect(search(router).get('view')).toBe('list'));
    const table = await screen.findByTestId('creator-table');
    expect(within(table).getByRole('link', { name: 'Chloé Vasseur' })).toHaveAttribute('href', expect.stringContaining('creator=1'));
    expect(within(table).getByText('CHLOE15')).toBeInTheDocument();
  });
});
