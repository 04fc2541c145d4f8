import {
  INTENTS,
  KINDS,
  LANGUAGES,
  PRIORITIES,
  SLA_STATES,
  STATUSES,
  type ConversationFilter,
  type Intent,
  type Kind,
  type Language,
  type Priority,
  type SlaFilter,
  type Status,
} from './types';

export const STATUS_TABS = [...STATUSES, 'all'] as const;
export type StatusTab = (typeof STATUS_TABS)[number];

/** What the filter panel and the status tabs choose; it lives in the URL query string. */
export interface InboxFilters {
  status: StatusTab;
  channels: number[];
  kinds: Kind[];
  intents: Intent[];
  priorities: Priority[];
  languages: Language[];
  sla: SlaFilter | null;
  /** "" = anyone, "-" = unassigned, else a name. */
  assignee: string;
  tag: string;
  escalated: boolean;
}

export const DEFAULT_FILTERS: InboxFilters = {
  status: 'open',
  channels: [],
  kinds: [],
  intents: [],
  priorities: [],
  languages: [],
  sla: null,
  assignee: '',
  tag: '',
  escalated: false,
};

/** The query-string parameters the filters own; others (the open conversation…) are kept as they are. */
const FILTER_PARAMS = ['status', 'channel', 'kind', 'intent', 'priority', 'lang', 'sla', 'assignee', 'tag', 'escalated'] as const;

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function listOf<T extends string>(allowed: readonly T[], value: string | null): T[] {
  if (value === null) return [];
  return [...new Set(value.split(','))].filter((item): item is T => (allowed as readonly string[]).includes(item));
}

export function filtersFromParams(params: URLSearchParams): InboxFilters {
  const channels = (params.get('channel') ?? '')
    .split(',')
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0);
  return {
    status: oneOf(STATUS_TABS, params.get('status')) ?? DEFAULT_FILTERS.status,
    channels: [...new Set(channels)],
    kinds: listOf(KINDS, params.get('kind')),
    intents: listOf(INTENTS, params.get('intent')),
    priorities: listOf(PRIORITIES, params.get('priority')),
    languages: listOf(LANGUAGES, params.get('lang')),
    sla: oneOf(SLA_STATES, params.get('sla')),
    assignee: params.get('assignee') ?? '',
    tag: params.get('tag') ?? '',
    escalated: params.get('escalated') === '1',
  };
}

/** The query string for filters, keeping the parameters of base that are not filters. */
export function filtersToParams(filters: InboxFilters, base: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const params = new URLSearchParams(base);
  for (const name of FILTER_PARAMS) params.delete(name);
  const set = (name: string, value: string) => {
    if (value !== '') params.set(name, value);
  };
  if (filters.status !== DEFAULT_FILTERS.status) set('status', filters.status);
  set('channel', filters.channels.join(','));
  set('kind', filters.kinds.join(','));
  set('intent', filters.intents.join(','));
  set('priority', filters.priorities.join(','));
  set('lang', filters.languages.join(','));
  set('sla', filters.sla ?? '');
  set('assignee', filters.assignee);
  set('tag', filters.tag.trim());
  if (filters.escalated) set('escalated', '1');
  return params;
}

/** The backend filter for filters: empty criteria are left out. */
export function toConversationFilter(filters: InboxFilters): ConversationFilter {
  const filter: ConversationFilter = {};
  if (filters.status !== 'all') filter.statuses = [filters.status satisfies Status];
  if (filters.channels.length > 0) filter.channel_ids = filters.channels;
  if (filters.kinds.length > 0) filter.kinds = filters.kinds;
  if (filters.intents.length > 0) filter.intents = filters.intents;
  if (filters.priorities.length > 0) filter.priorities = filters.priorities;
  if (filters.languages.length > 0) filter.languages = filters.languages;
  if (filters.sla !== null) filter.sla = filters.sla;
  if (filters.assignee !== '') filter.assignee = filters.assignee;
  if (filters.tag.trim() !== '') filter.tag = filters.tag.trim();
  if (filters.escalated) filter.escalated = true;
  return filter;
}

/** How many criteria besides the status are chosen. */
export function activeFilterCount(filters: InboxFilters): number {
  return (
    filters.channels.length +
    filters.kinds.length +
    filters.intents.length +
    filters.priorities.length +
    filters.languages.length +
    (filters.sla === null ? 0 : 1) +
    (filters.assignee === '' ? 0 : 1) +
    (filters.tag.trim() === '' ? 0 : 1) +
    (filters.escalated ? 1 : 0)
  );
}
