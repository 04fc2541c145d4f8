import type { backend } from '../../../wailsjs/go/models';

/** Template categories in display order (backend.TemplateCategories). */
export const CATEGORIES = ['welcome', 'qualification', 'order_support', 'reengagement', 'handoff', 'comment_ack', 'faq'] as const;
export type Category = (typeof CATEGORIES)[number];

export const TEMPLATE_LANGUAGES = ['fr', 'en'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

/** Platforms in display order (backend.Platforms). */
export const PLATFORMS = ['instagram', 'facebook', 'messenger', 'tiktok', 'youtube', 'whatsapp', 'telegram', 'linkedin', 'other'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** The tokens the editor offers, in the order of its buttons; `custom.field` stands for any contact field. */
export const TOKENS = ['first_name', 'author_name', 'order_id', 'product_name', 'brand', 'issue', 'custom.field'] as const;
export type TokenName = (typeof TOKENS)[number];

/** Limits of backend/reply.go. */
export const MAX_BODY_CHARS = 5000;
export const MAX_NAME_CHARS = 100;
export const MAX_KEYWORDS = 30;

/** Times travel as RFC 3339 text. */
type Iso = string;

export type Template = Omit<backend.Template, 'convertValues' | 'category' | 'language' | 'keywords' | 'created_at' | 'updated_at'> & {
  category: Category;
  language: TemplateLanguage;
  /** "" for every platform. */
  channel: string;
  keywords?: string[] | null;
  created_at: Iso;
  updated_at: Iso;
};

/** What the editor sends to create a template: the store fills the rest. */
export type NewTemplate = Pick<Template, 'name' | 'category' | 'language' | 'channel' | 'body'> & { id: string; keywords: string[] };

/** Empty fields do not filter. */
export interface TemplateFilter {
  category: Category | '';
  language: TemplateLanguage | '';
  channel: string;
  include_archived: boolean;
  query: string;
}

/** Only the fields present change. */
export type TemplateUpdate = Partial<Pick<Template, 'name' | 'category' | 'language' | 'channel' | 'body'>> & { keywords?: string[] };

/** A body filled for a conversation; `missing` lists the tokens with neither a value nor a fallback. */
export interface Rendered {
  text: string;
  missing: string[];
}

/** The few fields of an inbox conversation the preview's picker shows. */
export type PreviewConversation = Pick<backend.Conversation, 'id' | 'platform' | 'channel_name' | 'kind' | 'language' | 'last_preview'> & {
  contact?: Pick<backend.ContactSummary, 'display_name' | 'handle'> | null;
  last_message_at: Iso;
};

export interface PreviewConversationPage {
  conversations: PreviewConversation[];
  next_cursor: string;
}
