import { Alert, Button, Card, Group, Loader, Mark, Select, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconCircleCheck, IconCursorText, IconMessageOff } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, toApiError } from '@/lib/errors';
import { useFormat } from '@/lib/format-context';
import { useNow } from '@/lib/use-now';
import { usePreviewConversations } from '../api/list-preview-conversations';
import { usePreview } from '../api/preview-template';
import { lineAndColumn } from '../body';
import type { PreviewConversation } from '../types';

/** How long typing must pause before the preview is asked again. */
export const PREVIEW_DEBOUNCE_MS = 250;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The rendered text, each unfilled `{token}` marked in red. */
function HighlightedText({ text, missing }: { text: string; missing: string[] }) {
  if (missing.length === 0) return <>{text}</>;
  const pattern = new RegExp(`(\\{(?:${missing.map(escapeRegExp).join('|')})\\})`, 'g');
  const parts: ReactNode[] = text.split(pattern).map((part, index) =>
    index % 2 === 1 ? (
      <Mark key={index} color="red" c="red.9" fw={600}>
        {part}
      </Mark>
    ) : (
      part
    ),
  );
  return <>{parts}</>;
}

function conversationLabel(conversation: PreviewConversation, t: (key: string, options?: Record<string, unknown>) => string, when: string): string {
  const who = conversation.contact?.display_name ?? conversation.channel_name;
  return `${who} · ${t(`platformName.${conversation.platform}`, { defaultValue: conversation.platform })} · ${when}`;
}

/**
 * The body filled for a conversation the user picks (the most recent by default), asked again
 * once typing pauses: the text as it would be sent, each token with neither a value nor a
 * fallback in red, or the body's first mistake with its position.
 */
export function TemplatePreview({ body, onGoToPosition }: { body: string; onGoToPosition: (position: number) => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const conversations = usePreviewConversations();
  const [picked, setPicked] = useState<number | null>(null);
  const list = useMemo(() => conversations.data ?? [], [conversations.data]);
  const conversationId = picked !== null && list.some((each) => each.id === picked) ? picked : (list[0]?.id ?? null);
  const [debouncedBody] = useDebouncedValue(body, PREVIEW_DEBOUNCE_MS);
  const preview = usePreview(debouncedBody, conversationId);

  function result() {
    if (conversations.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
    if (list.length === 0) {
      return (
        <Alert variant="light" color="gray" icon={<IconMessageOff size={18} aria-hidden />}>
          {t('templates.preview.noConversation')}
        </Alert>
      );
    }
    if (debouncedBody.trim() === '') {
      return (
        <Text size="sm" c="dimmed">
          {t('templates.preview.empty')}
        </Text>
      );
    }
    if (preview.isError) {
      const error = toApiError(preview.error);
      const raw = Number(error.params.position);
      const position = Number.isInteger(raw) && raw > 0 ? raw : null;
      const where = position === null ? null : lineAndColumn(debouncedBody, position);
      return (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} aria-hidden />}
          title={where === null ? t('templates.preview.invalid') : t('templates.preview.mistakeAt', where)}
          role="alert"
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{describeError(error, i18n).message}</Text>
            {position !== null && (
              <Button size="compact-sm" variant="light" color="red" leftSection={<IconCursorText size={14} aria-hidden />} onClick={() => onGoToPosition(position)}>
                {t('templates.preview.goTo')}
              </Button>
            )}
          </Stack>
        </Alert>
      );
    }
    if (preview.data === undefined) return <Loader size="sm" aria-label={t('common.loading')} />;
    const { text, missing } = preview.data;
    return (
      <Stack gap="sm">
        <Card withBorder radius="md" padding="sm" bg="var(--mantine-color-body)">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="preview-text">
            <HighlightedText text={text} missing={missing} />
          </Text>
        </Card>
        {missing.length === 0 ? (
          <Group gap={6} wrap="nowrap">
            <IconCircleCheck size={16} color="var(--mantine-color-teal-6)" aria-hidden />
            <Text size="sm" c="teal.7">
              {t('templates.preview.complete')}
            </Text>
          </Group>
        ) : (
          <Stack gap={4} role="list" aria-label={t('templates.preview.missingLabel')}>
            {missing.map((token) => (
              <Group key={token} gap={6} wrap="nowrap" align="flex-start" role="listitem">
                <IconAlertTriangle size={16} color="var(--mantine-color-red-6)" aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
                <Text size="sm" c="red.7">
                  {t('templates.preview.missing', { token: `{${token}}` })}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="template-preview-title">
      <Group justify="space-between" wrap="nowrap">
        <Title order={3} size="h5" id="template-preview-title">
          {t('templates.preview.title')}
        </Title>
        {preview.isFetching && <Loader size="xs" aria-label={t('templates.preview.updating')} />}
      </Group>
      <Select
        label={t('templates.preview.conversation')}
        description={t('templates.preview.conversationHint')}
        placeholder={t('templates.preview.noConversationShort')}
        data={list.map((conversation) => ({ value: String(conversation.id), label: conversationLabel(conversation, t, format.listTime(conversation.last_message_at, now)) }))}
        value={conversationId === null ? null : String(conversationId)}
        onChange={(value) => value !== null && setPicked(Number(value))}
        disabled={list.length === 0}
        searchable
        allowDeselect={false}
        nothingFoundMessage={t('templates.preview.nothingFound')}
        maxDropdownHeight={280}
      />
      <div aria-live="polite">{result()}</div>
    </Stack>
  );
}
