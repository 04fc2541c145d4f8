import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import { consentFixture } from '../testing/fixtures';
import type { Consent, ConsentChange } from '../types';
import { ConsentPanel } from './consent-panel';

const optedOut: Consent = consentFixture({
  opted_out: true,
  since: '2026-11-27T18:30:00Z',
  events: [
    { id: 1, contact_id: 10, kind: 'opt_in', source: 'import', message_id: null, note: 'Newsletter sign-up', actor: 'import', at: '2026-10-01T08:00:00Z' },
    { id: 2, contact_id: 10, kind: 'opt_out', source: 'message', message_id: 41, note: '', actor: 'contact', at: '2026-11-27T18:30:00Z' },
  ],
});

function fakeConsent(initial: Consent) {
  let current = initial;
  return installFakeDesktop({
    Replies: {
      GetConsent: () => current,
      SetConsent: (contactId: number, change: ConsentChange) => {
        current = {
          contact_id: contactId,
          opted_out: change.opted_out,
          since: '2026-11-28T10:00:00Z',
          events: [
            ...(current.events ?? []),
            { id: 9, contact_id: contactId, kind: change.opted_out ? 'opt_out' : 'opt_in', source: 'manual', message_id: null, note: change.note, actor: 'Léa', at: '2026-11-28T10:00:00Z' },
          ],
        };
        return current;
      },
    },
  });
}

describe('ConsentPanel', () => {
  it('shows an opt-out by STOP, says a person can still answer, and lists the ledger', async () => {
    fakeConsent(optedOut);
    const { user } = renderWithProviders(<ConsentPanel contactId={10} contactName="Camille Martin" />);
    expect(await screen.findByTestId('consent-state')).toHaveTextContent('Opted out');
    expect(screen.getByText(/^since /)).toBeInTheDocument();
    expect(screen.getByText('The contact wrote STOP.')).toBeInTheDocument();
    expect(screen.getByText('No automated reply goes to this contact. A person can still answer them from the inbox.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'History (2)' }));
    const ledger = await screen.findByTestId('consent-ledger');
    const entries = within(ledger).getAllByText(/^(Opted out|Opted in)$/);
    // Newest first.
    expect(entries.map((entry) => entry.textContent)).toEqual(['Opted out', 'Opted in']);
    expect(within(ledger).getByText(/by message · contact/)).toBeInTheDocument();
    expect(within(ledger).getByText('Newsletter sign-up')).toBeInTheDocument();
  });

  it('opts a contact out with a note, then back in', async () => {
    const fake = fakeConsent(consentFixture());
    const { user } = renderWithProviders(<ConsentPanel contactId={10} contactName="Camille Martin" />);
    expect(await screen.findByTestId('consent-state')).toHaveTextContent('Allowed');

    await user.click(screen.getByRole('button', { name: 'Opt out' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop automated messages' });
    expect(within(dialog).getByText(/Camille Martin will get no more automated replies/)).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: 'Note (optional)' }), 'Asked by email');
    await user.click(within(dialog).getByRole('button', { name: 'Opt out' }));
    await waitFor(() => expect(fake.Replies.SetConsent).toHaveBeenCalledWith(10, { opted_out: true, note: 'Asked by email' }));
    await waitFor(() => expect(screen.getByTestId('consent-state')).toHaveTextContent('Opted out'));
    expect(screen.getByText('Opted out by a person in Tend.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Opt back in' }));
    const back = await screen.findByRole('dialog', { name: 'Allow automated messages again' });
    await user.click(within(back).getByRole('button', { name: 'Opt back in' }));
    await waitFor(() => expect(fake.Replies.SetConsent).toHaveBeenLastCalledWith(10, { opted_out: false, note: '' }));
    await waitFor(() => expect(screen.getByTestId('consent-state')).toHaveTextContent('Allowed'));
  });
});
