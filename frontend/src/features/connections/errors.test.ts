import { describe, expect, it } from 'vitest';
import { catalogues } from '@/locales';

/** The reasons the importer gives refused items (backend/importer/importer.go, Key… constants). */
const REJECTION_KEYS = [
  'import_item_unreadable',
  'import_item_unknown_type',
  'import_item_no_id',
  'import_item_no_author',
  'import_item_bad_date',
  'import_item_empty',
  'import_item_invalid',
  'import_chat_no_id',
  'import_file_unreadable',
  'import_file_not_meta',
  'import_csv_syntax',
  'import_csv_field_count',
  'import_csv_required',
  'import_csv_too_long',
  'import_csv_bad_platform',
  'import_csv_other_platform',
  'import_csv_bad_direction',
  'import_csv_bad_kind',
  'import_csv_bad_time',
  'import_csv_duplicate_message',
];

/** Keys the connectors send that the Go test cannot see (their constants live in another file than the call). */
const CONNECTOR_KEYS = [
  'send_too_long',
  'moderation_unsupported',
  'telegram_message_id_invalid',
  'webhook_invalid',
  'whatsapp_webhook_only',
  'whatsapp_template_required',
  'whatsapp_webhook_malformed',
  'youtube_channel_not_found',
  'youtube_channel_mismatch',
  'import_meta_mixed_platforms',
  'import_csv_unknown_column',
  'import_csv_missing_column',
  'import_csv_duplicate_column',
];

describe('the connections catalogue', () => {
  it.each(['en', 'fr'] as const)('translates every import rejection and connector error in %s', (language) => {
    const errors = catalogues[language].errors;
    expect(typeof errors).toBe('object');
    const missing = [...REJECTION_KEYS, ...CONNECTOR_KEYS].filter((key) => typeof (errors as Record<string, unknown>)[key] !== 'string');
    expect(missing).toEqual([]);
  });
});
