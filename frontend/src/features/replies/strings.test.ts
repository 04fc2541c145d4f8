import { describe, expect, it } from 'vitest';
import { reasonDetail } from '@/components/approval-reasons';
import { describeError } from '@/lib/errors';
import { i18n } from '@/lib/i18n';
import { explanationText } from './explanation';
import { APPROVAL_KINDS, REPLY_STATES } from './types';

const exists = (key: string) => i18n.exists(key);

describe('the replies strings', () => {
  it('translate every backend key of replies, consent and drafts', () => {
    const keys = [
      'reply_text_required', 'reply_text_too_long', 'reply_not_found', 'reply_limit', 'reply_state_unknown', 'reply_wrong_state',
      'reply_tokens_missing', 'reply_reject_reason_required', 'reply_note_too_long', 'reply_bulk_size', 'reply_not_low_risk',
      'consent_opted_out', 'limit_contact_hour', 'limit_streak', 'draft_no_template', 'draft_none_spam', 'draft_none_danger_public',
      'draft_no_inbound', 'draft_mode_unknown', 'draft_stream_id', 'draft_stream_busy', 'send_unreachable', 'qa_not_sampled', 'qa_outcome_unknown', 'channel_not_connected',
    ];
    expect(keys.filter((key) => !exists(`errors.${key}`))).toEqual([]);
    expect(REPLY_STATES.filter((state) => !exists(`replies.state.${state}`))).toEqual([]);
    expect(APPROVAL_KINDS.filter((kind) => !exists(`replies.reasons.approval_reason_${kind}`) || !exists(`replies.reasonKind.${kind}`))).toEqual([]);
  });

  it('names the state a reply moved to', () => {
    const error = { code: 'ECONFLICT', message: 'Reply 4 is sent.', key: 'reply_wrong_state', params: { id: '4', state: 'sent' } };
    expect(describeError(error, i18n).message).toBe('This reply is now “Sent”: this cannot be done any more.');
  });

  it('translates reasons with their parameters', () => {
    const t = i18n.getFixedT('fr');
    expect(reasonDetail(t, exists, { kind: 'personal_data', key: 'approval_reason_personal_data', detail: 'contains email, phone', params: { types: 'email,phone' } })).toBe(
      'Contient des données personnelles : adresse e-mail, numéro de téléphone',
    );
    expect(reasonDetail(t, exists, { kind: 'influencer', key: 'approval_reason_influencer', detail: '', params: { flags: 'influencer,VIP' } })).toBe(
      'Contact signalé : influenceur, VIP',
    );
    // An unknown key falls back to the backend's English detail.
    expect(reasonDetail(t, exists, { kind: 'money', key: 'approval_reason_new', detail: 'matched "10 $"' })).toBe('matched "10 $"');
  });

  it('explains drafts in French', () => {
    const t = i18n.getFixedT('fr');
    expect(
      explanationText(t, exists, {
        text: '…',
        key: 'draft_explanation_keyword',
        params: { category: 'faq', language: 'fr', platform: 'instagram', kind: 'comment_thread', keyword: 'livraison' },
      }),
    ).toBe('Modèle « FAQ » en français (Instagram, fil de commentaires). Le message mentionne « livraison ».');
    expect(explanationText(t, exists, { text: 'Something new', key: 'draft_explanation_unknown_reason' })).toBe('Something new');
  });
});
