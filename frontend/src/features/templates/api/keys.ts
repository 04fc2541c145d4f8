import type { TemplateFilter } from '../types';

export const templateKeys = {
  all: ['templates'] as const,
  lists: () => [...templateKeys.all, 'list'] as const,
  list: (filter: TemplateFilter) => [...templateKeys.lists(), filter] as const,
  details: () => [...templateKeys.all, 'detail'] as const,
  detail: (id: string) => [...templateKeys.details(), id] as const,
  previews: () => [...templateKeys.all, 'preview'] as const,
  preview: (body: string, conversationId: number) => [...templateKeys.previews(), conversationId, body] as const,
  /** The recent conversations the editor's preview can render against (read from the inbox). */
  previewConversations: () => [...templateKeys.all, 'preview-conversations'] as const,
};
