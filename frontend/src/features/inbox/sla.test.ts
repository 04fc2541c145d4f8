import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { awaitedSla, describeSla } from './sla';

const now = Date.parse('2026-11-28T10:00:00Z');
const t = i18n.t.bind(i18n);

describe('describeSla', () => {
  it('counts down to a due time', () => {
    expect(describeSla('2026-11-28T10:45:00Z', now, 'en', t)).toEqual({ state: 'due', label: 'due in 45 min' });
    expect(describeSla('2026-11-28T13:10:00Z', now, 'en', t)).toEqual({ state: 'due', label: 'due in 3 hr' });
  });

  it('warns when the due time is close', () => {
    expect(describeSla('2026-11-28T10:23:00Z', now, 'en', t)).toEqual({ state: 'soon', label: 'due in 23 min' });
  });

  it('says how late a breached SLA is', () => {
    expect(describeSla('2026-11-28T08:00:00Z', now, 'en', t)).toEqual({ state: 'breached', label: 'late by 2 hr' });
    expect(describeSla('2026-11-25T10:00:00Z', now, 'en', t)).toEqual({ state: 'breached', label: 'late by 3 days' });
    expect(describeSla('2026-11-28T09:59:50Z', now, 'en', t)).toEqual({ state: 'breached', label: 'late by 1 min' });
  });

  it('shows nothing when no answer is awaited', () => {
    expect(describeSla(null, now, 'en', t)).toEqual({ state: 'none', label: '' });
    expect(awaitedSla({ status: 'resolved', sla_due: '2026-11-28T08:00:00Z' })).toBeNull();
    expect(awaitedSla({ status: 'open', sla_due: '2026-11-28T08:00:00Z' })).toBe('2026-11-28T08:00:00Z');
  });

  it('speaks French', async () => {
    await i18n.changeLanguage('fr');
    expect(describeSla('2026-11-28T08:00:00Z', now, 'fr', t).label).toMatch(/^retard de 2\sh$/u);
    expect(describeSla('2026-11-28T10:23:00Z', now, 'fr', t).label).toMatch(/^dans 23\smin$/u);
  });
});
