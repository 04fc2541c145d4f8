import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE_FILTER, templateFilterFromParams, templateFilterToParams } from './filters';
import type { TemplateFilter } from './types';

describe('template filters in the URL', () => {
  it('survive a round trip and keep the other parameters', () => {
    const filter: TemplateFilter = { category: 'order_support', language: 'fr', channel: 'instagram', include_archived: true, query: 'livraison rapide' };
    const params = templateFilterToParams(filter, new URLSearchParams('template=faq.hours.fr&category=welcome'));
    expect(params.get('template')).toBe('faq.hours.fr');
    expect(templateFilterFromParams(new URLSearchParams(params.toString()))).toEqual(filter);
  });

  it('leave the defaults out and ignore values they do not know', () => {
    expect(templateFilterToParams(DEFAULT_TEMPLATE_FILTER).toString()).toBe('');
    expect(templateFilterFromParams(new URLSearchParams('category=bogus&lang=de&channel=myspace&archived=yes'))).toEqual(DEFAULT_TEMPLATE_FILTER);
  });
});
