import { screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { installFakeDesktop } from '@/testing/fake-desktop';
import { renderWithProviders } from '@/testing/render';
import type { AuditEntry, AuditFilter, AuditVerification } from '../types';
import { AuditPage } from './audit-page';

function entry(seq: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    seq,
    at: new Date(Date.UTC(2026, 10, 28, 9, seq)).toISOString(),
    actor: 'Inès',
    action: 'reply.approved',
    subject: `reply:${seq}`,
    reason: '',
    before: null,
    after: null,
    prev_hash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
    ...overrides,
  };
}

/** 120 entries, newest first, listed like Audit.List: filtered, then a page before the cursor. */
const trail: AuditEntry[] = Array.from({ length: 120 }, (_, index) => {
  const seq = 120 - index;
  if (seq === 120) {
    return entry(seq, {
      actor: 'Inès',
      action: 'policy.changed',
      subject: 'reply_settings',
      reason: 'QA sampling raised',
      before: { qa_sample_rate: 0.1, kinds: ['money'] },
      after: { qa_sample_rate: 0.25, kinds: ['money'] },
    });
  }
  if (seq === 119) return entry(seq, { actor: 'tend:autopilot', action: 'reply.sent' });
  if (seq === 118) return entry(seq, { actor: 'contact:5', action: 'consent.opt_out', subject: 'contact:5', reason: 'STOP' });
  return entry(seq);
});

function fakeAudit(verification: AuditVerification) {
  return installFakeDesktop({
    Audit: {
      List: (filter: AuditFilter & { before: number; limit: number }) => {
        const selected = trail.filter(
          (each) =>
            (filter.action === '' || (filter.action.endsWith('.') ? each.action.startsWith(filter.action) : each.action === filter.action)) &&
            (filter.actor === '' || each.actor === filter.actor) &&
            (filter.subject === '' || each.subject === filter.subject) &&
            (filter.before === 0 || each.seq < filter.before),
        );
        const page = selected.slice(0, filter.limit);
        const last = page[page.length - 1];
        return { entries: page, next: selected.length > filter.limit && last !== undefined ? last.seq : 0 };
      },
      Verify: () => verification,
    },
  });
}

function renderAudit(url = '/audit', verification: AuditVerification = { ok: true, entries: 120, first_bad: 0, problem: '' }) {
  const fake = fakeAudit(verification);
  const router = createMemoryRouter([{ path: '/audit', element: <AuditPage /> }], { initialEntries: [url] });
  return { ...renderWithProviders(<RouterProvider router={router} />), router, fake };
}

const rows = () => within(screen.getByRole('table', { name: 'Audit entries' })).getAllByRole('row').slice(1);

describe('AuditPage', () => {
  it('lists the newest entries first and loads older ones on request', async () => {
    const { user, fake } = renderAudit();
    expect(await screen.findByText('50 entries shown')).toBeInTheDocument();
    expect(fake.Audit.List).toHaveBeenCalledWith({ action: '', actor: '', subject: '', before: 0, limit: 50 });
    const first = rows()[0]!;
    expect(within(first).getByText('Approval policy changed')).toBeInTheDocument();
    expect(within(first).getByText('Reply settings')).toBeInTheDocument();
    expect(within(first).getByText('QA sampling raised')).toBeInTheDocument();
    expect(within(rows()[1]!).getByText('Autopilot')).toBeInTheDocument();
    expect(within(rows()[2]!).getByText('Opted out')).toBeInTheDocument();
    // A contact's opt-out: the contact is both who acted and what it is about.
    expect(within(rows()[2]!).getAllByText('Contact #5')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('100 entries shown')).toBeInTheDocument();
    expect(fake.Audit.List).toHaveBeenLastCalledWith({ action: '', actor: '', subject: '', before: 71, limit: 50 });
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('120 entries shown')).toBeInTheDocument();
    expect(fake.Audit.List).toHaveBeenLastCalledWith({ action: '', actor: '', subject: '', before: 21, limit: 50 });
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(screen.getByText('Beginning of the trail')).toBeInTheDocument();
  });

  it('unfolds an entry’s before and after, field by field', async () => {
    const { user } = renderAudit();
    await screen.findByText('50 entries shown');
    const toggle = screen.getByRole('button', { name: 'Show or hide the changes of entry 120' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const changes = screen.getByRole('table', { name: 'Changes' });
    const changed = within(changes).getByRole('row', { name: /qa_sample_rate/ });
    expect(within(changed).getByText('0.1')).toBeInTheDocument();
    expect(within(changed).getByText('0.25')).toBeInTheDocument();
    expect(within(changes).queryByText('kinds[0]')).not.toBeInTheDocument();
    await user.click(screen.getByRole('switch', { name: 'Show the 1 unchanged field' }));
    expect(within(changes).getByText('kinds[0]')).toBeInTheDocument();
    // Entries without snapshots have nothing to unfold.
    expect(screen.getByRole('button', { name: 'Show or hide the changes of entry 119' })).toBeDisabled();
  });

  it('filters by action area, actor and subject, kept in the URL', async () => {
    const { user, router, fake } = renderAudit('/audit?actor=tend%3Aautopilot');
    expect(await screen.findByText('1 entry shown')).toBeInTheDocument();
    expect(fake.Audit.List).toHaveBeenCalledWith({ action: '', actor: 'tend:autopilot', subject: '', before: 0, limit: 50 });
    expect(screen.getByRole('textbox', { name: 'Actor' })).toHaveValue('tend:autopilot');

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await screen.findByText('50 entries shown');
    await user.click(screen.getByRole('textbox', { name: 'Action' }));
    await user.click(await screen.findByRole('option', { name: 'Consent' }));
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('action')).toBe('consent.'));
    expect(await screen.findByText('1 entry shown')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Show only entries about contact:5' }));
    await waitFor(() => expect(fake.Audit.List).toHaveBeenLastCalledWith({ action: 'consent.', actor: '', subject: 'contact:5', before: 0, limit: 50 }));
    expect(screen.getByRole('textbox', { name: 'Subject' })).toHaveValue('contact:5');
  });

  it('says when the chain is intact', async () => {
    const { user, fake } = renderAudit();
    await user.click(await screen.findByRole('button', { name: 'Verify the chain' }));
    expect(await screen.findByText('Chain verified: 120 entries, none edited, removed or reordered.')).toBeInTheDocument();
    expect(fake.Audit.Verify).toHaveBeenCalledTimes(1);
  });

  it('says where the chain is broken, in French too', async () => {
    await i18n.changeLanguage('fr');
    const { user } = renderAudit('/audit', { ok: false, entries: 120, first_bad: 37, problem: 'its hash does not match its content' });
    await user.click(await screen.findByRole('button', { name: 'Vérifier la chaîne' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText("Le journal d'audit a été altéré")).toBeInTheDocument();
    expect(within(alert).getByText("Chaîne rompue à l'entrée 37 : its hash does not match its content")).toBeInTheDocument();
  });
});
