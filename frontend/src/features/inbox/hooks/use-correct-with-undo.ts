import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifySuccess, notifyUndoable } from '@/lib/notify';
import { useCorrectMessage, type CorrectMessageInput } from '../api/correct-message';
import { correctionsQueryOptions } from '../api/list-corrections';
import { useUndoCorrection } from '../api/undo-correction';
import type { Correction } from '../types';

/** The newest correction of field on message, if any. */
function newestCorrection(corrections: Correction[], messageId: number, field: Correction['field']): Correction | undefined {
  let newest: Correction | undefined;
  for (const correction of corrections) {
    if (correction.message_id === messageId && correction.field === field && (newest === undefined || correction.id > newest.id)) {
      newest = correction;
    }
  }
  return newest;
}

/**
 * Corrects the labels of messages (the classifier learns at once) and offers to undo it from
 * the success notification, with the ids of the corrections just made.
 */
export function useCorrectWithUndo() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const correct = useCorrectMessage();
  const undo = useUndoCorrection();

  async function correctAll(inputs: CorrectMessageInput[]): Promise<void> {
    if (inputs.length === 0) return;
    try {
      for (const input of inputs) await correct.mutateAsync(input);
    } catch {
      // Already notified by the mutation cache; what was corrected before the failure stays.
      return;
    }
    const corrections = await queryClient.fetchQuery({ ...correctionsQueryOptions(), staleTime: 0 }).catch(() => []);
    const made = inputs
      .map((input) => newestCorrection(corrections, input.messageId, input.intent === undefined ? 'sentiment' : 'intent'))
      .filter((correction): correction is Correction => correction !== undefined);
    const label = inputs[0]?.intent !== undefined ? t(`inbox.intent.${inputs[0].intent}`) : t(`inbox.sentiment.${inputs[0]?.sentiment ?? 'neutral'}`);
    const message = t('inbox.correct.done', { count: inputs.length, label });
    if (made.length === 0) {
      notifySuccess(message);
      return;
    }
    notifyUndoable(message, t('common.undo'), () => {
      void Promise.all(made.map((correction) => undo.mutateAsync(correction.id))).then(
        () => notifySuccess(t('inbox.correct.undone', { count: made.length })),
        () => undefined,
      );
    });
  }

  return { correctAll, isPending: correct.isPending };
}
