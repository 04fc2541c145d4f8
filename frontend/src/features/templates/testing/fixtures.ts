import { BackendRejection } from '@/testing/fake-desktop';
import type { NewTemplate, PreviewConversation, Rendered, Template, TemplateFilter, TemplateUpdate } from '../types';

/** A template as the backend sends it, with overrides. */
export function templateFixture(overrides: Partial<Template> = {}): Template {
  return {
    id: 'welcome.menu.fr',
    name: 'Bienvenue avec menu',
    category: 'welcome',
    language: 'fr',
    channel: '',
    body: 'Salut {first_name|à vous} ! Bienvenue chez {brand}.',
    keywords: [],
    archived: false,
    usage_count: 0,
    shipped: false,
    created_at: '2026-11-01T09:00:00Z',
    updated_at: '2026-11-20T09:00:00Z',
    ...overrides,
  };
}

export function previewConversationFixture(overrides: Partial<PreviewConversation> = {}): PreviewConversation {
  return {
    id: 1,
    platform: 'instagram',
    channel_name: 'Instagram · @maisonlumiere',
    kind: 'dm',
    language: 'fr',
    last_preview: 'Bonjour',
    contact: { display_name: 'Camille Martin', handle: 'camille' },
    last_message_at: '2026-11-28T09:00:00Z',
    ...overrides,
  };
}

const VALUES: Record<string, string> = { first_name: 'Camille', brand: 'Maison Lumière' };

/**
 * Renders like the backend's reply.Parse/Render, far enough for tests: an unclosed "{" is refused
 * with its 1-based position; a token takes its value, else its fallback, else stays and is missing.
 */
export function fakeRender(body: string): Rendered {
  for (let index = 0; index < body.length; index += 1) {
    if (body[index] !== '{') continue;
    const end = body.indexOf('}', index);
    const newline = body.indexOf('\n', index);
    if (end < 0 || (newline >= 0 && newline < end)) {
      const position = String([...body.slice(0, index)].length + 1);
      throw new BackendRejection({
        code: 'EINVALID',
        message: `The "{" at character ${position} is not closed on its line.`,
        key: 'template_brace_unclosed',
        params: { position },
      });
    }
    index = end;
  }
  const missing: string[] = [];
  const text = body.replace(/\{([a-z_.]+)(\|([^}]*))?\}/g, (_match, name: string, withFallback: string | undefined, fallback: string | undefined) => {
    const value = VALUES[name];
    if (value !== undefined) return value;
    if (withFallback !== undefined) return fallback ?? '';
    if (!missing.includes(name)) missing.push(name);
    return `{${name}}`;
  });
  return { text, missing };
}

/** A template store in memory behind the Templates and Inbox bindings. */
export function fakeTemplatesBackend(initial: Template[], conversations: PreviewConversation[] = [previewConversationFixture()]) {
  let templates = [...initial];
  const find = (id: string) => {
    const found = templates.find((template) => template.id === id);
    if (found === undefined) throw new BackendRejection({ code: 'ENOTFOUND', message: `There is no template "${id}".`, key: 'template_not_found', params: { id } });
    return found;
  };
  const replace = (changed: Template) => {
    templates = templates.map((template) => (template.id === changed.id ? changed : template));
    return changed;
  };
  return {
    Templates: {
      List: (filter: TemplateFilter) =>
        templates.filter(
          (template) =>
            (filter.category === '' || template.category === filter.category) &&
            (filter.language === '' || template.language === filter.language) &&
            (filter.channel === '' || template.channel === '' || template.channel === filter.channel) &&
            (filter.include_archived || !template.archived) &&
            (filter.query === '' || template.name.toLowerCase().includes(filter.query.toLowerCase())),
        ),
      Get: (id: string) => find(id),
      Create: (template: NewTemplate) => {
        if (template.name.trim() === '') {
          throw new BackendRejection({ code: 'EINVALID', message: 'A template needs a name of at most 100 characters.', key: 'template_name_required' });
        }
        fakeRender(template.body);
        const created = templateFixture({ ...template, id: `custom.${template.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` });
        templates = [...templates, created];
        return created;
      },
      Update: (id: string, update: TemplateUpdate) => replace({ ...find(id), ...update }),
      Duplicate: (id: string) => {
        const source = find(id);
        const copy = { ...source, id: `${source.id}-2`, name: `${source.name} (copy)`, usage_count: 0, archived: false, shipped: false };
        templates = [...templates, copy];
        return copy;
      },
      Archive: (id: string, archived: boolean) => replace({ ...find(id), archived }),
      Preview: (body: string) => fakeRender(body),
    },
    Inbox: {
      List: () => ({ conversations, next_cursor: '' }),
    },
  };
}
