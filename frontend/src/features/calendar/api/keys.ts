import type { PostFilter } from '../types';

export const calendarKeys = {
  all: ['calendar'] as const,
  posts: () => [...calendarKeys.all, 'posts'] as const,
  postList: (filter: PostFilter) => [...calendarKeys.posts(), filter] as const,
  postDetails: () => [...calendarKeys.all, 'post'] as const,
  post: (id: number) => [...calendarKeys.postDetails(), id] as const,
  sessions: (from: string, to: string) => [...calendarKeys.all, 'sessions', from, to] as const,
  settings: () => [...calendarKeys.all, 'settings'] as const,
  cadence: (day: string) => [...calendarKeys.all, 'cadence', day] as const,
  mix: (month: string) => [...calendarKeys.all, 'mix', month] as const,
  /** The creators the editor links posts to (Creators.List), refetched on creators:changed. */
  creators: () => [...calendarKeys.all, 'creators'] as const,
  /** The accounts posts publish through (Accounts.List), refetched on accounts:changed. */
  publishAccounts: () => [...calendarKeys.all, 'accounts'] as const,
  rightsChecks: () => [...calendarKeys.all, 'rights'] as const,
  rights: (creatorId: number, date: string) => [...calendarKeys.rightsChecks(), creatorId, date] as const,
  /** The model settings, read under their own root so that model:settings_updated refreshes them. */
  modelSettings: () => ['model', 'settings'] as const,
};
