import { toApiError, type ErrorParams } from '@/lib/errors';
import { LIMIT_RANGES, MAX_DISCLOSURE_CHARS, POLICY_LANGUAGES, type LimitName, type ReplySettings } from './types';

/**
 * The form's fields an error can sit on: `kinds`, `legal.<lang>`, `qa`, `autopilot`, `mode`,
 * `text.<lang>` (the active mode's text), `notice.<lang>` and `limits.<name>`.
 */
export type PolicyField = string;

/** A problem in the form: an `errors.<key>` entry with its params, on a field. */
export interface PolicyIssue {
  field: PolicyField | null;
  key: string;
  params: ErrorParams;
}

const LIMIT_KEYS: Record<LimitName, string> = {
  per_contact_per_hour: 'limits_per_contact',
  per_channel_per_minute: 'limits_per_channel',
  max_automated_streak: 'limits_streak',
};

function activeTexts(settings: ReplySettings): Record<string, string> {
  const { disclosure } = settings.policy;
  return disclosure.mode === 'footer' ? disclosure.footer : disclosure.prefix;
}

function characters(text: string): number {
  return [...text].length;
}

/**
 * What the form can tell before asking the backend, in the backend's own words (its error keys):
 * the disclosure texts and the notice in both languages, within their length; the QA rate and
 * the limits within their ranges.
 */
export function validateReplySettings(settings: ReplySettings): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const texts = activeTexts(settings);
  const { notice } = settings.policy.disclosure;
  for (const language of POLICY_LANGUAGES) {
    for (const [field, set] of [
      [`text.${language}`, texts],
      [`notice.${language}`, notice],
    ] as const) {
      const text = set[language] ?? '';
      if (text.trim() === '') issues.push({ field, key: 'disclosure_text_required', params: { language } });
      else if (characters(text) > MAX_DISCLOSURE_CHARS) issues.push({ field, key: 'disclosure_text_too_long', params: { language, limit: String(MAX_DISCLOSURE_CHARS) } });
    }
  }
  const rate = settings.policy.qa_sample_rate;
  if (!(rate >= 0 && rate <= 1)) issues.push({ field: 'qa', key: 'approval_qa_rate', params: {} });
  for (const [name, range] of Object.entries(LIMIT_RANGES) as [LimitName, { min: number; max: number }][]) {
    const value = settings.limits[name];
    if (!Number.isInteger(value) || value < range.min || value > range.max) issues.push({ field: `limits.${name}`, key: LIMIT_KEYS[name], params: {} });
  }
  return issues;
}

/** The field a refusal from the backend is about, given the settings that were sent; null when none fits. */
export function fieldOfServerError(error: unknown, settings: ReplySettings): PolicyIssue | null {
  const apiError = toApiError(error);
  const { key, params } = apiError;
  if (key === undefined) return null;
  const issue = (field: PolicyField | null): PolicyIssue => ({ field, key, params });
  if (key.startsWith('approval_kind')) return issue('kinds');
  if (key === 'approval_legal_word_invalid') {
    const inFrench = (settings.policy.extra_legal_words.fr ?? []).includes(params.word ?? '');
    return issue(inFrench ? 'legal.fr' : 'legal.en');
  }
  if (key.startsWith('approval_legal')) return issue('legal.fr');
  if (key === 'approval_qa_rate') return issue('qa');
  if (key.startsWith('approval_autopilot') || key === 'channel_platform_unknown') return issue('autopilot');
  if (key === 'disclosure_mode_unknown') return issue('mode');
  if (key === 'disclosure_text_required' || key === 'disclosure_text_too_long') {
    const language = params.language ?? 'fr';
    const text = activeTexts(settings)[language] ?? '';
    const wrongText = key === 'disclosure_text_required' ? text.trim() === '' : characters(text) > MAX_DISCLOSURE_CHARS;
    return issue(wrongText ? `text.${language}` : `notice.${language}`);
  }
  const limit = (Object.entries(LIMIT_KEYS) as [LimitName, string][]).find(([, limitKey]) => limitKey === key);
  if (limit !== undefined) return issue(`limits.${limit[0]}`);
  return issue(null);
}
