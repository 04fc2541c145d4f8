import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { fakeCreatorsBackend, NOEL, rightsFixture } from '../testing/fixtures';
import { RightsPanel } from './rights-panel';

describe('RightsPanel', () => {
  it('alerts when rights end within the alert window, with a countdown and the checklist', () => {
    installFakeDesktop(fakeCreatorsBackend());
    renderWithProviders(<RightsPanel creatorId={1} rights={[rightsFixture()]} campaigns={[NOEL]} />);
    const alert = screen.getByTestId('rights-expiry-alert');
    expect(alert).toHaveRole('alert');
    expect(alert).toHaveTextContent('Ends in 9 days');
    expect(alert).toHaveTextContent('The rights end on Dec 7, 2026');
    const card = screen.getByTestId('rights-checklist');
    expect(within(card).getByText('Rights ending')).toBeInTheDocument();
    expect(within(card).getByTestId('checklist-territories')).toHaveTextContent('Territories — France, Belgium');
    expect(within(card).getByTestId('checklist-signed')).toHaveAttribute('data-done', 'true');
  });

  it('shows no alert for rights far from their end, and lists what the checklist lacks', () => {
    installFakeDesktop(fakeCreatorsBackend());
    const draft = rightsFixture({
      status: 'incomplete',
      days_left: 120,
      signed_date: '',
      edit_consent: null,
      checklist: [
        { item: 'scope', done: true },
        { item: 'duration', done: true },
        { item: 'territories', done: true },
        { item: 'compensation', done: true },
        { item: 'edit_consent', done: false },
        { item: 'signed', done: false },
      ],
    });
    renderWithProviders(<RightsPanel creatorId={1} rights={[draft]} campaigns={[NOEL]} />);
    expect(screen.queryByTestId('rights-expiry-alert')).not.toBeInTheDocument();
    expect(screen.getByTestId('rights-countdown')).toHaveTextContent('Ends in 120 days');
    expect(screen.getByTestId('checklist-edit_consent')).toHaveTextContent('Consent for edits — missing');
    expect(screen.getByTestId('checklist-signed')).not.toHaveAttribute('data-done');
  });

  it('says when the last day is past', () => {
    installFakeDesktop(fakeCreatorsBackend());
    renderWithProviders(<RightsPanel creatorId={1} rights={[rightsFixture({ status: 'expired', days_left: -3 })]} campaigns={[NOEL]} />);
    expect(screen.getByTestId('rights-expiry-alert')).toHaveTextContent('Ended 3 days ago');
  });

  it('refuses an end date before the start date next to the field, keeping what was typed', async () => {
    const fake = installFakeDesktop(fakeCreatorsBackend());
    const { user } = renderWithProviders(<RightsPanel creatorId={1} rights={[]} campaigns={[NOEL]} />);
    await user.click(screen.getByTestId('add-rights'));
    const form = screen.getByTestId('rights-form');
    await user.click(within(form).getByRole('checkbox', { name: 'Organic posts' }));
    await user.type(within(form).getByTestId('rights-start'), '2026-12-31');
    await user.type(within(form).getByTestId('rights-end'), '2026-12-01');
    await user.click(within(form).getByTestId('save-rights'));
    expect(await within(form).findByText('The end date (2026-12-01) comes before the start date (2026-12-31).')).toBeInTheDocument();
    expect(fake.Creators.SaveRights).toHaveBeenCalledWith(expect.objectContaining({ scopes: ['organic'], start_date: '2026-12-31', end_date: '2026-12-01', edit_consent: null }));
    expect(within(form).getByTestId('rights-start')).toHaveValue('2026-12-31');
  });

  it('checks a use of their content and says why it is outside the rights', async () => {
    const fake = installFakeDesktop(fakeCreatorsBackend());
    const { user } = renderWithProviders(<RightsPanel creatorId={1} rights={[rightsFixture()]} campaigns={[NOEL]} />);
    await user.type(screen.getByTestId('check-date'), '2026-12-05');
    await user.type(screen.getByTestId('check-territory'), 'de');
    await user.click(screen.getByTestId('check-rights'));
    await waitFor(() => expect(fake.Creators.CheckRights).toHaveBeenCalledWith(1, { date: '2026-12-05', territory: 'DE', scope: 'organic' }));
    expect(await screen.findByTestId('rights-verdict')).toHaveTextContent('DE is not among the territories.');
  });
});
