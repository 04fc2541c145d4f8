import type { ConversationFilter } from '../types';

export const inboxKeys = {
  all: ['inbox'] as const,
  channels: () => [...inboxKeys.all, 'channels'] as const,
  lists: () => [...inboxKeys.all, 'list'] as const,
  list: (filter: ConversationFilter) => [...inboxKeys.lists(), filter] as const,
  counts: () => [...inboxKeys.all, 'counts'] as const,
  count: (filter: ConversationFilter) => [...inboxKeys.counts(), filter] as const,
  details: () => [...inboxKeys.all, 'detail'] as const,
  detail: (id: number) => [...inboxKeys.details(), id] as const,
  searches: () => [...inboxKeys.all, 'search'] as const,
  search: (query: string) => [...inboxKeys.searches(), query] as const,
  corrections: () => [...inboxKeys.all, 'corrections'] as const,
  triageSettings: () => [...inboxKeys.all, 'triage-settings'] as const,
};
