import { useTranslation } from 'react-i18next';
import { formatDay } from './format';
import { useFormat } from './format-context';

/**
 * One reason a use of a creator's content is outside their rights (backend.RightsProblem): its
 * kind, its English message and the parameters of the translated one ("scope", "date", "start",
 * "end", "territory").
 */
export interface RightsProblem {
  kind: string;
  message: string;
  params: Record<string, string> | null;
}

/**
 * Says a rights problem in the user's language (the creators.problem.* strings), with its dates
 * in the user's locale; an unknown kind falls back to the backend's English message. Shared by
 * the creator tracker's rights check and the calendar's warning on posts.
 */
export function useRightsProblemText(): (problem: RightsProblem) => string {
  const { t } = useTranslation();
  const format = useFormat();
  return (problem: RightsProblem) => {
    const params = problem.params ?? {};
    return t(`creators.problem.${problem.kind}`, {
      defaultValue: problem.message,
      scope: params.scope !== undefined ? t(`creators.scope.${params.scope}`) : '',
      territory: params.territory === '' || params.territory === undefined ? t('creators.problem.unknownTerritory') : params.territory,
      start: formatDay(params.start ?? '', format.locale),
      end: formatDay(params.end ?? '', format.locale),
    });
  };
}
