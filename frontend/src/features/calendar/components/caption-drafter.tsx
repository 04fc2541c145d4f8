import { Button, Group, Menu, Text, Tooltip } from '@mantine/core';
import { IconPlayerStop, IconSparkles } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '@/lib/errors';
import { onEvent } from '@/lib/events';
import { newStreamId } from '@/lib/stream-id';
import { cancelCaption, draftCaption } from '../api/draft-caption';
import { useModelSettings } from '../api/get-model-settings';
import type { CaptionDraft } from '../types';

export interface CaptionDrafterProps {
  /** The saved post; drafting needs one. */
  postId: number | null;
  /** The channel whose own caption is drafted, '' for the shared one. */
  channel: string;
  /** Whether what a caption is drafted from (title, pillar, format...) changed and is not saved: the drafter reads the saved post. */
  dirty: boolean;
  disabled?: boolean;
  /** The field's text now: put back when a model draft fails or is stopped. */
  value: string;
  /** Called with the text as it streams, then with the whole draft. */
  onText: (text: string) => void;
  onDrafted?: (draft: CaptionDraft) => void;
}

interface DraftDelta {
  stream_id: string;
  delta: string;
}

/**
 * "Draft caption": the built-in drafter, or the configured model streaming its text into the
 * field. A failed or cancelled model draft puts the field back as it was.
 */
export function CaptionDrafter({ postId, channel, dirty, disabled, value, onText, onDrafted }: CaptionDrafterProps) {
  const { t, i18n } = useTranslation();
  const model = useModelSettings();
  const [streamId, setStreamId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [explanation, setExplanation] = useState<string | null>(null);
  const modelOn = model.data?.enabled === true;

  async function run(useModel: boolean, before: string) {
    setBusy(true);
    setError(null);
    setExplanation(null);
    const id = useModel ? newStreamId() : '';
    let stop = () => {};
    if (useModel) {
      let text = '';
      setStreamId(id);
      onText('');
      // Listen before asking: the first pieces may come before the call returns.
      stop = onEvent('draft:delta', (payload) => {
        const delta = payload as DraftDelta | null;
        if (delta?.stream_id === id && typeof delta.delta === 'string') {
          text += delta.delta;
          onText(text);
        }
      });
    }
    try {
      const draft = await draftCaption({ post_id: postId ?? 0, channel, model: useModel, stream_id: id });
      onText(draft.text);
      onDrafted?.(draft);
      const why = draft.explanation.key !== '' ? t(`calendar.caption.explain.${draft.explanation.key}`, { ...draft.explanation.params, defaultValue: draft.explanation.text }) : draft.explanation.text;
      setExplanation(draft.over_limit ? `${why} ${t('calendar.caption.overLimit', { length: draft.length, limit: draft.limit })}` : why);
    } catch (caught) {
      onText(before);
      const cancelled = caught !== null && typeof caught === 'object' && (caught as { key?: unknown }).key === 'model_cancelled';
      if (!cancelled) setError(describeError(caught, i18n).message);
    } finally {
      stop();
      setStreamId(null);
      setBusy(false);
    }
  }

  const label = channel === '' ? t('calendar.caption.draft') : t('calendar.caption.draftFor', { channel: t(`platformName.${channel}`) });
  const unsaved = postId === null;

  return (
    <Group gap="xs" wrap="wrap" data-testid={`caption-drafter-${channel === '' ? 'common' : channel}`}>
      {streamId !== null ? (
        <Button size="compact-sm" variant="light" color="red" leftSection={<IconPlayerStop size={14} />} onClick={() => void cancelCaption(streamId)}>
          {t('calendar.caption.stop')}
        </Button>
      ) : (
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Tooltip label={t('calendar.caption.saveFirst')} disabled={!unsaved}>
              <Button size="compact-sm" variant="light" leftSection={<IconSparkles size={14} />} loading={busy} disabled={disabled === true || unsaved}>
                {label}
              </Button>
            </Tooltip>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => void run(false, value)}>{t('calendar.caption.builtin')}</Menu.Item>
            <Menu.Item disabled={!modelOn} onClick={() => void run(true, value)}>
              {modelOn ? t('calendar.caption.withModel', { model: model.data?.model ?? '' }) : t('calendar.caption.modelOff')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
      {dirty && !unsaved && (
        <Text size="xs" c="dimmed">
          {t('calendar.caption.usesSaved')}
        </Text>
      )}
      {explanation !== null && (
        <Text size="xs" c="dimmed" data-testid="caption-explanation">
          {explanation}
        </Text>
      )}
      {error !== null && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
    </Group>
  );
}
