import type { TFunction } from 'i18next';
import { formatDuration } from '@/lib/format';
import type { Conversation } from './types';

/** Minutes left under which an SLA shows as at risk. */
export const SLA_SOON_MINUTES = 30;

export type SlaState = 'none' | 'due' | 'soon' | 'breached';

export interface SlaDescription {
  state: SlaState;
  /** "due in 23 min", "late by 2 hr", or "" when nothing is awaited. */
  label: string;
}

/** Where a conversation's answer stands against its SLA at now (ms). */
export function describeSla(slaDue: string | null, now: number, locale: string, t: TFunction): SlaDescription {
  if (slaDue === null) return { state: 'none', label: '' };
  const due = new Date(slaDue).getTime();
  if (Number.isNaN(due)) return { state: 'none', label: '' };
  const minutes = (due - now) / 60_000;
  if (minutes < 0) return { state: 'breached', label: t('inbox.sla.lateBy', { duration: formatDuration(Math.max(1, -minutes), locale) }) };
  return {
    state: minutes <= SLA_SOON_MINUTES ? 'soon' : 'due',
    label: t('inbox.sla.dueIn', { duration: formatDuration(Math.max(1, minutes), locale) }),
  };
}

/** A resolved conversation awaits nothing, whatever its last due time was. */
export function awaitedSla(conversation: Pick<Conversation, 'status' | 'sla_due'>): string | null {
  return conversation.status === 'resolved' ? null : conversation.sla_due;
}
