import { STAGES, type CreatorFilter, type Stage } from './types';

/** The page's views, kept in the URL as `?view=`. */
export const VIEWS = ['board', 'list', 'campaigns'] as const;
export type View = (typeof VIEWS)[number];

/** `?creator=<id>` opens a creator in the drawer, `?creator=new` the form for a new one. */
export const CREATOR_PARAM = 'creator';
export const NEW_CREATOR = 'new';

export const DEFAULT_CREATOR_FILTER: CreatorFilter = { stages: [], niche: '', territory: '', tag: '', campaign_id: 0, min_fit: 0, query: '' };

function positive(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

export function viewFromParams(params: URLSearchParams): View {
  const view = params.get('view');
  return (VIEWS as readonly string[]).includes(view ?? '') ? (view as View) : 'board';
}

export function creatorFilterFromParams(params: URLSearchParams): CreatorFilter {
  const stages = (params.get('stage') ?? '')
    .split(',')
    .filter((stage): stage is Stage => (STAGES as readonly string[]).includes(stage));
  return {
    stages,
    niche: params.get('niche') ?? '',
    territory: params.get('territory') ?? '',
    tag: params.get('tag') ?? '',
    campaign_id: positive(params.get('campaign')),
    min_fit: Math.min(100, positive(params.get('fit'))),
    query: params.get('q') ?? '',
  };
}

/** The params with the filter's set fields, others kept (the view, the open creator). */
export function creatorFilterToParams(filter: CreatorFilter, base: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(base);
  const set = (name: string, value: string) => (value === '' ? params.delete(name) : params.set(name, value));
  set('stage', filter.stages.join(','));
  set('niche', filter.niche);
  set('territory', filter.territory);
  set('tag', filter.tag);
  set('campaign', filter.campaign_id > 0 ? String(filter.campaign_id) : '');
  set('fit', filter.min_fit > 0 ? String(filter.min_fit) : '');
  set('q', filter.query);
  return params;
}

export function isFiltered(filter: CreatorFilter): boolean {
  return (
    filter.stages.length > 0 ||
    filter.niche !== '' ||
    filter.territory !== '' ||
    filter.tag !== '' ||
    filter.campaign_id > 0 ||
    filter.min_fit > 0 ||
    filter.query !== ''
  );
}

/** The creator the drawer shows: an id, NEW_CREATOR, or null when closed. */
export function openCreatorFromParams(params: URLSearchParams): number | typeof NEW_CREATOR | null {
  const value = params.get(CREATOR_PARAM);
  if (value === NEW_CREATOR) return NEW_CREATOR;
  const id = positive(value);
  return id > 0 ? id : null;
}
