import type { TFunction } from 'i18next';
import type { Explanation } from './types';

/**
 * Why the drafter wrote what it wrote, in the interface language: the template and the reason
 * ("draft_explanation_<reason>"), or the model that wrote it ("draft_explain_model"). The
 * backend's English text when the key is unknown.
 */
export function explanationText(t: TFunction, exists: (key: string) => boolean, explanation: Explanation): string {
  const key = `replies.explanations.${explanation.key}`;
  if (explanation.key === '' || !exists(key)) return explanation.text;
  const params = explanation.params ?? {};
  const named = {
    ...params,
    category: t(`replies.category.${params.category ?? ''}`, { defaultValue: params.category ?? '' }),
    language: t(`replies.languageName.${params.language ?? ''}`, { defaultValue: params.language ?? '' }),
    platform: t(`replies.platform.${params.platform ?? ''}`, { defaultValue: params.platform ?? '' }),
    kind: t(`replies.conversationKind.${params.kind ?? ''}`, { defaultValue: params.kind ?? '' }),
    issue: t(`replies.issue.${params.issue ?? ''}`, { defaultValue: params.issue ?? '' }),
  };
  const because = t(key, named);
  if (explanation.key.startsWith('draft_explanation_') && params.category !== undefined) {
    return `${t('replies.explainTemplate', named)} ${because}`;
  }
  return because;
}
