import { Alert, Badge, Button, Code, Group, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconArchive, IconArchiveOff, IconCopy, IconDeviceFloppy } from '@tabler/icons-react';
import { useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { describeError, fieldMessage } from '@/lib/errors';
import { useFormat } from '@/lib/format-context';
import { notifySuccess } from '@/lib/notify';
import { useArchiveTemplate } from '../api/archive-template';
import { useCreateTemplate } from '../api/create-template';
import { useDuplicateTemplate } from '../api/duplicate-template';
import { useUpdateTemplate } from '../api/update-template';
import { characterCount, insertToken, isBodyErrorKey, offsetOfPosition } from '../body';
import {
  CATEGORIES,
  MAX_BODY_CHARS,
  MAX_KEYWORDS,
  MAX_NAME_CHARS,
  PLATFORMS,
  TEMPLATE_LANGUAGES,
  TOKENS,
  type Category,
  type Template,
  type TemplateLanguage,
} from '../types';
import { TemplatePreview } from './template-preview';

/** What the editor edits. */
export interface TemplateDraft {
  name: string;
  category: Category;
  language: TemplateLanguage;
  /** "" for every platform. */
  channel: string;
  body: string;
  keywords: string[];
}

export function draftOf(template: Template): TemplateDraft {
  return {
    name: template.name,
    category: template.category,
    language: template.language,
    channel: template.channel,
    body: template.body,
    keywords: template.keywords ?? [],
  };
}

export function sameDraft(a: TemplateDraft, b: TemplateDraft): boolean {
  return (
    a.name === b.name &&
    a.category === b.category &&
    a.language === b.language &&
    a.channel === b.channel &&
    a.body === b.body &&
    a.keywords.length === b.keywords.length &&
    a.keywords.every((keyword, index) => keyword === b.keywords[index])
  );
}

const ANY_CHANNEL = 'any';

export interface TemplateEditorProps {
  /** The saved template, or null for a new one. */
  template: Template | null;
  /** Where a new template starts. */
  initial: TemplateDraft;
  /** After a create, a duplicate: the editor should show this template. */
  onOpen: (id: string) => void;
  onClose: () => void;
  /** Tells the drawer whether closing would lose changes. */
  onDirtyChange: (dirty: boolean) => void;
}

/**
 * A template's fields, its body with token buttons and a character counter, and its live
 * preview; create, save, duplicate, archive and restore. A refused save shows its reason next
 * to the field it names.
 */
export function TemplateEditor({ template, initial, onOpen, onClose, onDirtyChange }: TemplateEditorProps) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [draft, setDraft] = useState<TemplateDraft>(() => (template === null ? initial : draftOf(template)));
  const saved = template === null ? initial : draftOf(template);
  const dirty = template === null ? draft.body.trim() !== '' || draft.name.trim() !== '' : !sameDraft(draft, saved);

  const create = useCreateTemplate();
  const update = useUpdateTemplate();
  const duplicate = useDuplicateTemplate();
  const archive = useArchiveTemplate();
  const save = template === null ? create : update;

  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const pendingSelection = useRef<{ from: number; to: number } | null>(null);

  useLayoutEffect(() => {
    onDirtyChange(dirty);
  }, [dirty, onDirtyChange]);

  // Puts the caret where a token insertion asked, once the new body is rendered.
  useLayoutEffect(() => {
    const selection = pendingSelection.current;
    const textarea = bodyRef.current;
    if (selection === null || textarea === null) return;
    pendingSelection.current = null;
    textarea.focus();
    textarea.setSelectionRange(selection.from, selection.to);
  }, [draft.body]);

  const matches = (predicate: (key: string) => boolean) => fieldMessage(save.error, i18n, predicate);
  const errors = {
    name: matches((key) => key === 'template_name_required'),
    category: matches((key) => key === 'template_category_unknown'),
    language: matches((key) => key === 'template_language_unsupported'),
    channel: matches((key) => key === 'channel_platform_unknown'),
    body: matches(isBodyErrorKey),
    keywords: matches((key) => key.startsWith('template_keyword')),
  };
  const fieldError = Object.values(errors).some((message) => message !== undefined);
  const otherError = save.error !== null && !fieldError ? describeError(save.error, i18n) : null;

  function edit(change: Partial<TemplateDraft>) {
    setDraft((current) => ({ ...current, ...change }));
    if (save.isError) save.reset();
  }

  function insert(token: string) {
    const textarea = bodyRef.current;
    const start = textarea?.selectionStart ?? draft.body.length;
    const end = textarea?.selectionEnd ?? draft.body.length;
    const inserted = insertToken(draft.body, start, end, token);
    pendingSelection.current = { from: inserted.selectFrom, to: inserted.selectTo };
    edit({ body: inserted.text });
  }

  function goToPosition(position: number) {
    const textarea = bodyRef.current;
    if (textarea === null) return;
    const offset = offsetOfPosition(draft.body, position);
    textarea.focus();
    textarea.setSelectionRange(offset, Math.min(offset + 1, draft.body.length));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const fields = { ...draft, name: draft.name.trim(), keywords: draft.keywords.map((keyword) => keyword.trim()).filter((keyword) => keyword !== '') };
    if (template === null) {
      create.mutate(
        { id: '', ...fields },
        {
          onSuccess: (created) => {
            notifySuccess(t('templates.editor.created', { name: created.name }));
            onOpen(created.id);
          },
        },
      );
    } else {
      update.mutate({ id: template.id, update: fields }, { onSuccess: (updated) => notifySuccess(t('templates.editor.saved', { name: updated.name })) });
    }
  }

  function duplicateTemplate() {
    if (template === null) return;
    duplicate.mutate(template.id, {
      onSuccess: (copy) => {
        notifySuccess(t('templates.editor.duplicated', { name: copy.name }));
        onOpen(copy.id);
      },
    });
  }

  function toggleArchived() {
    if (template === null) return;
    const archived = !template.archived;
    archive.mutate(
      { id: template.id, archived },
      { onSuccess: (changed) => notifySuccess(t(archived ? 'templates.editor.archived' : 'templates.editor.restored', { name: changed.name })) },
    );
  }

  const length = characterCount(draft.body);
  const tooLong = length > MAX_BODY_CHARS;

  return (
    <form onSubmit={submit} noValidate aria-label={template === null ? t('templates.editor.newTitle') : t('templates.editor.editTitle', { name: template.name })}>
      <Stack gap="lg">
        {template !== null && (
          <Group gap="xs">
            {template.shipped && (
              <Tooltip label={t('templates.badge.shippedHint')} multiline w={260}>
                <Badge variant="light" color="gray" tabIndex={0}>
                  {t('templates.badge.shipped')}
                </Badge>
              </Tooltip>
            )}
            {template.archived && (
              <Tooltip label={t('templates.badge.archivedHint')} multiline w={260}>
                <Badge variant="light" color="orange" tabIndex={0}>
                  {t('templates.badge.archived')}
                </Badge>
              </Tooltip>
            )}
            <Text size="xs" c="dimmed">
              {t('templates.editor.usage', { count: template.usage_count, formatted: format.number(template.usage_count) })}
            </Text>
            <Text size="xs" c="dimmed">
              ·
            </Text>
            <Text size="xs" c="dimmed">
              {t('templates.editor.updatedAt', { time: format.dateTime(template.updated_at) })}
            </Text>
          </Group>
        )}

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl" verticalSpacing="xl">
          <Stack gap="md">
            <TextInput
              label={t('templates.editor.name')}
              value={draft.name}
              onChange={(event) => edit({ name: event.currentTarget.value })}
              error={errors.name}
              maxLength={MAX_NAME_CHARS}
              required
              data-autofocus
            />
            <Group grow align="flex-start" gap="sm">
              <Select
                label={t('templates.editor.category')}
                data={CATEGORIES.map((value) => ({ value, label: t(`templates.category.${value}`) }))}
                value={draft.category}
                onChange={(value) => {
                  const category = CATEGORIES.find((each) => each === value);
                  if (category !== undefined) edit({ category });
                }}
                error={errors.category}
                allowDeselect={false}
              />
              <Select
                label={t('templates.editor.language')}
                data={TEMPLATE_LANGUAGES.map((value) => ({ value, label: t(`languages.${value}`) }))}
                value={draft.language}
                onChange={(value) => {
                  const language = TEMPLATE_LANGUAGES.find((each) => each === value);
                  if (language !== undefined) edit({ language });
                }}
                error={errors.language}
                allowDeselect={false}
              />
            </Group>
            <Select
              label={t('templates.editor.channel')}
              description={t('templates.editor.channelHint')}
              data={[{ value: ANY_CHANNEL, label: t('templates.anyChannel') }, ...PLATFORMS.map((value) => ({ value, label: t(`platformName.${value}`) }))]}
              value={draft.channel === '' ? ANY_CHANNEL : draft.channel}
              onChange={(value) => edit({ channel: value === null || value === ANY_CHANNEL ? '' : value })}
              error={errors.channel}
              allowDeselect={false}
            />

            <Stack gap={6}>
              <Group gap={6} role="group" aria-label={t('templates.editor.insertToken')}>
                <Text size="sm" fw={500} mr={4}>
                  {t('templates.editor.insertToken')}
                </Text>
                {TOKENS.map((token) => (
                  <Tooltip key={token} label={t(`templates.token.${token.replace('.', '_')}`)} openDelay={300} multiline w={240}>
                    <Button size="compact-xs" variant="light" color="gray" ff="monospace" fw={500} onClick={() => insert(token)}>
                      {`{${token}}`}
                    </Button>
                  </Tooltip>
                ))}
              </Group>
              <Textarea
                ref={bodyRef}
                label={t('templates.editor.body')}
                description={t('templates.editor.counter', { length: format.number(length), limit: format.number(MAX_BODY_CHARS) })}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                value={draft.body}
                onChange={(event) => edit({ body: event.currentTarget.value })}
                error={errors.body ?? (tooLong ? t('templates.editor.tooLong', { limit: format.number(MAX_BODY_CHARS) }) : undefined)}
                autosize
                minRows={6}
                maxRows={16}
                required
                styles={{ description: { textAlign: 'right', color: tooLong ? 'var(--mantine-color-error)' : undefined } }}
              />
              <Text size="xs" c="dimmed">
                <Trans
                  i18nKey="templates.editor.fallbackHelp"
                  values={{ open: '{{', close: '}}' }}
                  components={{ code: <Code fz="xs" /> }}
                  t={t}
                />
              </Text>
            </Stack>

            <TagsInput
              label={t('templates.editor.keywords')}
              description={t('templates.editor.keywordsHint')}
              placeholder={draft.keywords.length === 0 ? t('templates.editor.keywordsPlaceholder') : undefined}
              value={draft.keywords}
              onChange={(keywords) => edit({ keywords })}
              error={errors.keywords}
              maxTags={MAX_KEYWORDS}
              splitChars={[',']}
              clearable
            />
          </Stack>

          <TemplatePreview body={draft.body} onGoToPosition={goToPosition} />
        </SimpleGrid>

        {otherError !== null && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} aria-hidden />} title={otherError.title} role="alert">
            {otherError.message}
          </Alert>
        )}

        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="xs">
            {template !== null && (
              <>
                <Button variant="default" leftSection={<IconCopy size={16} aria-hidden />} onClick={duplicateTemplate} loading={duplicate.isPending}>
                  {t('templates.actions.duplicate')}
                </Button>
                <Button
                  variant="default"
                  color={template.archived ? undefined : 'orange'}
                  leftSection={template.archived ? <IconArchiveOff size={16} aria-hidden /> : <IconArchive size={16} aria-hidden />}
                  onClick={toggleArchived}
                  loading={archive.isPending}
                >
                  {template.archived ? t('templates.actions.restore') : t('templates.actions.archive')}
                </Button>
              </>
            )}
          </Group>
          <Group gap="xs">
            <Button variant="subtle" color="gray" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" leftSection={<IconDeviceFloppy size={16} aria-hidden />} loading={save.isPending} disabled={template !== null && !dirty}>
              {template === null ? t('templates.editor.create') : t('common.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
