import type { backend } from '../../../wailsjs/go/models';

/** Whether an account is syncing and, if not, why (backend.AccountStatus). */
export const ACCOUNT_STATUSES = ['active', 'paused', 'needs_reconnect', 'rate_limited', 'error'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** Why an account is not active, as the backend sends errors: translated by its key and params. */
export interface AccountError {
  code: string;
  message: string;
  key?: string;
  params?: Record<string, string>;
}

/** What a long operation has done; `total` is 0 when unknown. */
export type Progress = Omit<backend.Progress, 'convertValues'>;

/**
 * A connected platform account. Its secrets live in the OS keyring and never come back. Times
 * are RFC 3339 strings; `backfill` is the progress of the first sync, null once done.
 */
export interface Account {
  id: number;
  name: string;
  platform: string;
  base_url: string;
  ids: Record<string, string> | null;
  channels: Record<string, number> | null;
  status: string;
  last_error?: AccountError | null;
  last_success_at?: string | null;
  last_error_at?: string | null;
  next_sync_at?: string | null;
  backfill?: Progress | null;
  created_at: string;
}

/** What a connection test learnt: the account's name on the platform and the ids it told. */
export type AccountInfo = Omit<backend.AccountInfo, 'convertValues'>;

/** An account to connect; Add tests the credentials first. Secrets go to the OS keyring. */
export type NewAccount = Omit<backend.NewAccount, 'convertValues'>;

/** Changes the fields that are set; `secrets` replaces every stored secret (reconnecting). */
export type AccountUpdate = Omit<backend.AccountUpdate, 'convertValues'>;

/** The formats a data export is imported from (backend/importer). */
export const IMPORT_FORMATS = ['telegram', 'meta', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type ImportRequest = Omit<backend.ImportRequest, 'convertValues'>;

/** An item of an export that was not imported: where, and why (translated by key and params). */
export type ImportRejection = Omit<backend.ImportRejection, 'convertValues'>;

export interface ImportSummary {
  platform: string;
  channel_id: number;
  /** Messages found in the export. */
  read: number;
  /** New messages stored. */
  imported: number;
  /** Messages already there: importing again adds nothing. */
  duplicates: number;
  /** Service messages and the like, left out on purpose. */
  skipped: number;
  /** Texts cut to the size limit. */
  truncated: number;
  rejected: ImportRejection[];
  /** Rejections beyond the ones listed. */
  more_rejected: number;
}

/** The payload of `import:progress`: messages stored so far out of those read. */
export interface ImportProgress {
  path: string;
  done: number;
  total: number;
}
