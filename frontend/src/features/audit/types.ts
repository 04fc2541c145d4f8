/** Audit actions by area ("subject.verb"), as backend/audit.go lists them; the list grows with the features that audit themselves. */
export const ACTION_PREFIXES = ['reply.', 'consent.', 'settings.', 'policy.', 'model.'] as const;

/** Times travel as RFC 3339 text. */
type Iso = string;

/** One line of the append-only audit trail. `before` and `after` are JSON snapshots (null when not applicable). */
export interface AuditEntry {
  seq: number;
  at: Iso;
  /** A person's name, "tend:…", or "contact:<id>". */
  actor: string;
  action: string;
  /** "reply:12", "contact:5", "settings"… */
  subject: string;
  /** Why, in English; "" when nothing more than the action. */
  reason: string;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
}

/** Empty fields do not filter; `action` is exact or a prefix ending in ".". */
export interface AuditFilter {
  action: string;
  actor: string;
  subject: string;
}

export interface AuditPage {
  entries: AuditEntry[] | null;
  /** The cursor of the following page, 0 on the last. */
  next: number;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The seq of the first wrong entry, 0 when ok. */
  first_bad: number;
  /** What is wrong there, in English. */
  problem: string;
}
