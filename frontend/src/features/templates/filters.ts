import { CATEGORIES, PLATFORMS, TEMPLATE_LANGUAGES, type TemplateFilter } from './types';

export const DEFAULT_TEMPLATE_FILTER: TemplateFilter = { category: '', language: '', channel: '', include_archived: false, query: '' };

/** The query-string parameters the filters own; others (the template being edited…) are kept. */
const FILTER_PARAMS = ['category', 'lang', 'channel', 'archived', 'q'] as const;

/** The editor's parameter: a template id, or NEW_TEMPLATE. */
export const EDITOR_PARAM = 'template';
export const NEW_TEMPLATE = 'new';

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | '' {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

export function templateFilterFromParams(params: URLSearchParams): TemplateFilter {
  return {
    category: oneOf(CATEGORIES, params.get('category')),
    language: oneOf(TEMPLATE_LANGUAGES, params.get('lang')),
    channel: oneOf(PLATFORMS, params.get('channel')),
    include_archived: params.get('archived') === '1',
    query: (params.get('q') ?? '').slice(0, 200),
  };
}

/** The query string for filter, keeping the parameters of base that are not filters. */
export function templateFilterToParams(filter: TemplateFilter, base: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const params = new URLSearchParams(base);
  for (const name of FILTER_PARAMS) params.delete(name);
  if (filter.category !== '') params.set('category', filter.category);
  if (filter.language !== '') params.set('lang', filter.language);
  if (filter.channel !== '') params.set('channel', filter.channel);
  if (filter.include_archived) params.set('archived', '1');
  if (filter.query.trim() !== '') params.set('q', filter.query);
  return params;
}

export function isFiltered(filter: TemplateFilter): boolean {
  return filter.category !== '' || filter.language !== '' || filter.channel !== '' || filter.include_archived || filter.query.trim() !== '';
}
