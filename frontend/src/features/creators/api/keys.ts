import type { CreatorFilter, UTMParams } from '../types';

export const creatorKeys = {
  all: ['creators'] as const,
  lists: () => [...creatorKeys.all, 'list'] as const,
  list: (filter: CreatorFilter) => [...creatorKeys.lists(), filter] as const,
  details: () => [...creatorKeys.all, 'detail'] as const,
  detail: (id: number) => [...creatorKeys.details(), id] as const,
  campaigns: () => [...creatorKeys.all, 'campaigns'] as const,
  alerts: () => [...creatorKeys.all, 'alerts'] as const,
  performances: () => [...creatorKeys.all, 'performance'] as const,
  performance: (id: number) => [...creatorKeys.performances(), id] as const,
  suggestion: (creatorId: number, campaignId: number) => [...creatorKeys.all, 'suggestion', creatorId, campaignId] as const,
  linkPreview: (baseUrl: string, params: UTMParams) => [...creatorKeys.all, 'link-preview', baseUrl, params] as const,
  settings: () => [...creatorKeys.all, 'settings'] as const,
};
