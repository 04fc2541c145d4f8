import { Alert, Box, Button, CloseButton, Group, Kbd, Loader, Select, Skeleton, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBulb, IconSend, IconSparkles, IconTrash, IconUserCheck, IconWand } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ReasonChips } from '@/components/approval-reasons';
import { AiBadge } from '@/components/reply-badges';
import { describeError } from '@/lib/errors';
import { onEvent } from '@/lib/events';
import { notifyError } from '@/lib/notify';
import { cancelDraft } from '../api/cancel-draft';
import { useCheckReply } from '../api/check-reply';
import { createDraft } from '../api/create-draft';
import { useDiscardDraft } from '../api/discard-draft';
import { useModelSettings } from '../api/get-model-settings';
import { useConversationDrafts } from '../api/list-replies';
import { usePickerTemplates } from '../api/list-templates';
import { useSubmitReply } from '../api/submit-reply';
import { updateDraft } from '../api/update-draft';
import { explanationText } from '../explanation';
import { newStreamId } from '@/lib/stream-id';
import { characterCount, missingTokens } from '../text';
import { MAX_REPLY_CHARS, type ApprovalReason, type ComposerConversation, type DraftDelta, type NewDraft, type Reply } from '../types';
import { ConversationOutbox } from './conversation-outbox';

const CHECK_DELAY_MS = 300;
const SAVE_DELAY_MS = 800;

export interface ReplyComposerProps {
  conversation: ComposerConversation;
  /** Grows each time the text field should take the focus (the inbox's `r` shortcut); 0 for none. */
  focusRequest?: number;
}

/**
 * The reply box under a conversation: the replies on their way or in trouble, then the composer.
 * It resumes the conversation's latest unsent draft.
 */
export function ReplyComposer({ conversation, focusRequest = 0 }: ReplyComposerProps) {
  const drafts = useConversationDrafts(conversation.id);
  return (
    <Box
      px="lg"
      py="sm"
      style={{ borderTop: '1px solid var(--mantine-color-default-border)', backgroundColor: 'var(--mantine-color-body)' }}
      data-testid="reply-composer"
    >
      <ConversationOutbox conversationId={conversation.id} sandbox={conversation.sandbox} />
      {drafts.isPending ? (
        <Skeleton height={96} radius="md" />
      ) : (
        <ComposerForm
          key={conversation.id}
          conversation={conversation}
          initialDraft={drafts.data?.replies?.[0] ?? null}
          focusRequest={focusRequest}
        />
      )}
    </Box>
  );
}

/** What the last submission came to, shown until the next edit. */
type Outcome = { kind: 'approval'; reasons: ApprovalReason[]; requested: boolean } | { kind: 'queued'; sandbox: boolean };

type Busy = 'builtin' | 'template' | 'model' | 'submit' | 'approval' | 'discard' | null;

function ComposerForm({
  conversation,
  initialDraft,
  focusRequest,
}: {
  conversation: ComposerConversation;
  initialDraft: Reply | null;
  focusRequest: number;
}) {
  const { t, i18n } = useTranslation();
  const [draft, setDraftState] = useState<Reply | null>(initialDraft);
  // The draft as of now, for the callbacks of calls started earlier.
  const currentDraft = useRef<Reply | null>(initialDraft);
  const setDraft = (next: Reply | null) => {
    currentDraft.current = next;
    setDraftState(next);
  };
  const [text, setText] = useState(initialDraft?.text ?? '');
  const [busy, setBusy] = useState<Busy>(null);
  const [streamId, setStreamId] = useState<string | null>(null);
  const [draftError, setDraftError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [templateId, setTemplateId] = useState<string | null>(null);
  const savedText = useRef(initialDraft?.text ?? '');
  const pendingDraft = useRef<Promise<Reply> | null>(null);
  const ownRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (focusRequest > 0) ownRef.current?.focus();
  }, [focusRequest]);

  const templates = usePickerTemplates(conversation.platform, conversation.language);
  const model = useModelSettings();
  const submit = useSubmitReply();
  const discard = useDiscardDraft();

  const [checkedText] = useDebouncedValue(text, CHECK_DELAY_MS);
  const [savingText] = useDebouncedValue(text, SAVE_DELAY_MS);
  const streaming = streamId !== null;
  const tooLong = characterCount(text) > MAX_REPLY_CHARS;
  const check = useCheckReply(streaming || tooLong ? null : (draft?.id ?? null), checkedText);

  // Edits are saved a moment after the typing stops (never a text typed for an earlier draft).
  const draftId = draft?.id ?? null;
  useEffect(() => {
    if (draftId === null || streaming || savingText !== text || savingText === savedText.current || savingText.trim() === '') return;
    savedText.current = savingText;
    updateDraft(draftId, savingText).catch(notifyError);
  }, [draftId, savingText, streaming, text]);

  const length = characterCount(text);
  const empty = text.trim() === '';
  const decision = empty ? undefined : check.data;
  const reasons = decision?.reasons ?? [];
  const needsApproval = decision?.needs_approval === true;
  // Leaving the conversation saves the last keystrokes and stops a model draft still writing.
  const latest = useRef({ draftId, text, streamId });
  useEffect(() => {
    latest.current = { draftId, text, streamId };
  });
  useEffect(
    () => () => {
      const last = latest.current;
      if (last.streamId !== null) cancelDraft(last.streamId).catch(() => undefined);
      else if (last.draftId !== null && last.text.trim() !== '' && last.text !== savedText.current) {
        updateDraft(last.draftId, last.text).catch(() => undefined);
      }
    },
    [],
  );

  // The backend fills tokens it has values for; those it cannot fill are missing. Until the first
  // check answers, any token left in the text counts.
  const missing = useMemo(
    () => {
      const inText = empty ? [] : missingTokens(text);
      return decision === undefined ? inText : inText.filter((token) => (decision.missing ?? []).includes(token));
    },
    [decision, empty, text],
  );
  const rendered = decision?.rendered !== undefined && decision.rendered !== '' && decision.rendered !== checkedText ? decision.rendered : null;
  const canSend = !empty && !tooLong && missing.length === 0 && busy === null && !streaming;

  const templateOptions = useMemo(() => {
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const template of templates.data ?? []) {
      const group = t(`replies.category.${template.category}`, { defaultValue: template.category });
      groups.set(group, [...(groups.get(group) ?? []), { value: template.id, label: template.name }]);
    }
    return [...groups].map(([group, items]) => ({ group, items }));
  }, [templates.data, t]);

  /** Makes the draft now replaced by `next` go away, so that it does not linger among the drafts. */
  function replaceDraft(next: Reply) {
    const previous = currentDraft.current;
    pendingDraft.current = null;
    setDraft(next);
    setText(next.text);
    savedText.current = next.text;
    if (previous !== null && previous.id !== next.id) discard.mutate(previous.id);
  }

  /** The draft typing goes into, created blank the first time. */
  function ensureDraft(): Promise<Reply> {
    if (currentDraft.current !== null) return Promise.resolve(currentDraft.current);
    if (pendingDraft.current === null) {
      const created = createDraft({ conversation_id: conversation.id, mode: 'blank' });
      pendingDraft.current = created;
      created.then(
        (reply) => {
          if (pendingDraft.current !== created) {
            // Replaced meanwhile (a template, a discard): this blank draft is not needed.
            discard.mutate(reply.id);
            return;
          }
          pendingDraft.current = null;
          setDraft(reply);
          savedText.current = reply.text;
        },
        (error: unknown) => {
          if (pendingDraft.current === created) pendingDraft.current = null;
          notifyError(error);
        },
      );
    }
    return pendingDraft.current;
  }

  function edit(value: string) {
    setText(value);
    setOutcome(null);
    if (value.trim() !== '' && draft === null) void ensureDraft().catch(() => undefined);
  }

  async function makeDraft(request: Omit<NewDraft, 'conversation_id'>, kind: Exclude<Busy, null>) {
    setBusy(kind);
    setDraftError(null);
    setOutcome(null);
    try {
      replaceDraft(await createDraft({ ...request, conversation_id: conversation.id }));
      ownRef.current?.focus();
    } catch (error) {
      setDraftError(error);
    } finally {
      setBusy(null);
    }
  }

  async function draftWithModel() {
    const id = newStreamId();
    const before = text;
    setBusy('model');
    setDraftError(null);
    setOutcome(null);
    setText('');
    setStreamId(id);
    // Listen before asking: the first pieces may come before the call returns.
    const stop = onEvent('draft:delta', (payload) => {
      const delta = payload as DraftDelta | null;
      if (delta?.stream_id === id && typeof delta.delta === 'string') setText((current) => current + delta.delta);
    });
    try {
      replaceDraft(await createDraft({ conversation_id: conversation.id, mode: 'model', stream_id: id }));
      ownRef.current?.focus();
    } catch (error) {
      // Cancelled or failed: the text goes back to what it was; a partial model text is never kept.
      setText(before);
      const cancelled = error !== null && typeof error === 'object' && (error as { key?: unknown }).key === 'model_cancelled';
      if (!cancelled) setDraftError(error);
    } finally {
      stop();
      setStreamId(null);
      setBusy(null);
    }
  }

  function cancelStream() {
    if (streamId !== null) cancelDraft(streamId).catch(notifyError);
  }

  async function send(requestApproval: boolean) {
    if (!canSend) return;
    setBusy(requestApproval ? 'approval' : 'submit');
    try {
      const target = await ensureDraft();
      const reply = await submit.mutateAsync({ id: target.id, submit: { text, request_approval: requestApproval } });
      setDraft(null);
      setText('');
      savedText.current = '';
      pendingDraft.current = null;
      if (reply.state === 'pending_approval') {
        setOutcome({ kind: 'approval', reasons: reply.reasons ?? [], requested: requestApproval && (reply.reasons ?? []).length === 0 });
      } else {
        setOutcome({ kind: 'queued', sandbox: reply.sandbox });
      }
    } catch {
      // The query client reported it.
    } finally {
      setBusy(null);
    }
  }

  function discardDraft() {
    const target = draft;
    setDraft(null);
    setText('');
    savedText.current = '';
    pendingDraft.current = null;
    setOutcome(null);
    setDraftError(null);
    if (target !== null) discard.mutate(target.id);
  }

  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send(false);
    } else if (event.key === 'Escape') {
      event.currentTarget.blur();
    }
  }

  const modelEnabled = model.data?.enabled === true;
  const explanation = draft?.explanation ?? null;
  const shortcut = navigator.platform.toLowerCase().includes('mac') ? '⌘' : 'Ctrl';

  return (
    <Stack gap={8} mt="xs">
      <Group gap="xs" wrap="wrap">
        <Select
          size="xs"
          style={{ flex: 1, minWidth: 150, maxWidth: 260 }}
          aria-label={t('replies.composer.template')}
          placeholder={t('replies.composer.templatePlaceholder')}
          data={templateOptions}
          value={templateId}
          onChange={(id) => {
            setTemplateId(null);
            if (id !== null) void makeDraft({ mode: 'template', template_id: id }, 'template');
          }}
          searchable
          clearable={false}
          nothingFoundMessage={t('replies.composer.noTemplate')}
          disabled={busy !== null || streaming}
          rightSection={busy === 'template' ? <Loader size={14} /> : undefined}
          comboboxProps={{ withinPortal: true }}
        />
        <Tooltip label={t('replies.composer.draftHint')} withArrow openDelay={400}>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconWand size={14} aria-hidden />}
            onClick={() => void makeDraft({ mode: 'builtin' }, 'builtin')}
            loading={busy === 'builtin'}
            disabled={(busy !== null && busy !== 'builtin') || streaming}
          >
            {t('replies.composer.draft')}
          </Button>
        </Tooltip>
        {streaming ? (
          <Button size="xs" variant="light" color="red" onClick={cancelStream} leftSection={<Loader size={12} color="red" />}>
            {t('replies.composer.cancelModel')}
          </Button>
        ) : (
          // A disabled button gets no pointer events: the wrapper shows why it is off.
          <Tooltip label={modelEnabled ? t('replies.composer.modelHint') : t('replies.composer.modelOff')} withArrow multiline w={260}>
            <span data-testid="draft-model">
              <Button
                size="xs"
                variant="light"
                color="grape"
                leftSection={<IconSparkles size={14} aria-hidden />}
                onClick={() => void draftWithModel()}
                disabled={!modelEnabled || busy !== null}
                aria-description={modelEnabled ? undefined : t('replies.composer.modelOff')}
              >
                {t('replies.composer.draftModel')}
              </Button>
            </span>
          </Tooltip>
        )}
      </Group>

      {draftError !== null && (
        <Alert color="orange" variant="light" p="xs" withCloseButton onClose={() => setDraftError(null)} closeButtonLabel={t('common.close')} role="alert">
          <Text size="sm">{describeError(draftError, i18n).message}</Text>
        </Alert>
      )}

      <Textarea
        ref={ownRef}
        aria-label={t('replies.composer.label')}
        placeholder={streaming ? t('replies.composer.streaming') : t('replies.composer.placeholder')}
        value={text}
        onChange={(event) => edit(event.currentTarget.value)}
        onKeyDown={keyDown}
        autosize
        minRows={2}
        maxRows={10}
        readOnly={streaming}
        aria-busy={streaming || undefined}
        data-testid="composer-text"
        error={tooLong ? t('replies.composer.tooLong', { limit: MAX_REPLY_CHARS }) : undefined}
      />

      {(explanation !== null || draft?.ai_generated === true) && !streaming && (
        <Group gap={6} wrap="nowrap" align="flex-start">
          {draft?.ai_generated === true && <AiBadge />}
          {explanation !== null && (
            <Group gap={6} wrap="nowrap" align="flex-start" data-testid="draft-explanation">
              <IconBulb size={14} aria-hidden style={{ flexShrink: 0, marginTop: 2, color: 'var(--mantine-color-yellow-6)' }} />
              <Text size="xs" c="dimmed">
                {explanationText(t, (key) => i18n.exists(key), explanation)}
              </Text>
            </Group>
          )}
        </Group>
      )}

      {missing.length > 0 && (
        <Stack gap={2} role="alert" data-testid="missing-tokens">
          {missing.map((token) => (
            <Text key={token} size="xs" c="red">
              {t('replies.composer.missingToken', { token: `{${token}}` })}
            </Text>
          ))}
        </Stack>
      )}

      {rendered !== null && missing.length === 0 && (
        <Text size="xs" c="dimmed" data-testid="rendered-preview" style={{ whiteSpace: 'pre-wrap' }}>
          {t('replies.composer.rendered')} <Text span size="xs" c="var(--mantine-color-text)">{rendered}</Text>
        </Text>
      )}

      {reasons.length > 0 && (
        <Stack gap={4} data-testid="approval-check">
          <Text size="xs" fw={600} c="orange.8">
            {t('replies.composer.needsApproval')}
          </Text>
          <ReasonChips reasons={reasons} size="sm" aria-label={t('replies.composer.reasons')} />
        </Stack>
      )}

      {outcome !== null && <OutcomeNotice outcome={outcome} onClose={() => setOutcome(null)} />}

      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="xs" c={tooLong ? 'red' : 'dimmed'} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="character-count">
          {t('replies.composer.characters', { count: length, limit: MAX_REPLY_CHARS })}
        </Text>
        <Group gap="xs">
          {(draft !== null || !empty) && (
            <Tooltip label={t('replies.composer.discard')} withArrow>
              <CloseButton
                icon={<IconTrash size={16} aria-hidden />}
                aria-label={t('replies.composer.discard')}
                onClick={discardDraft}
                disabled={busy !== null || streaming}
              />
            </Tooltip>
          )}
          <Button
            size="xs"
            variant="default"
            leftSection={<IconUserCheck size={14} aria-hidden />}
            onClick={() => void send(true)}
            disabled={!canSend && busy !== 'approval'}
            loading={busy === 'approval'}
          >
            {t('replies.composer.requestApproval')}
          </Button>
          <Tooltip
            label={
              <>
                {needsApproval ? `${t('replies.composer.sendForApproval')} · ` : ''}
                <Kbd size="xs">{shortcut}</Kbd> + <Kbd size="xs">{t('inbox.shortcuts.keys.Enter')}</Kbd>
              </>
            }
            withArrow
            openDelay={300}
          >
            <span>
              <Button
                size="xs"
                leftSection={<IconSend size={14} aria-hidden />}
                onClick={() => void send(false)}
                disabled={!canSend && busy !== 'submit'}
                loading={busy === 'submit'}
                color={needsApproval ? 'orange' : undefined}
                aria-description={needsApproval ? t('replies.composer.sendForApproval') : undefined}
              >
                {t('replies.composer.send')}
              </Button>
            </span>
          </Tooltip>
        </Group>
      </Group>
    </Stack>
  );
}

function OutcomeNotice({ outcome, onClose }: { outcome: Outcome; onClose: () => void }) {
  const { t } = useTranslation();
  if (outcome.kind === 'queued') {
    return (
      <Alert color={outcome.sandbox ? 'gray' : 'teal'} variant="light" p="xs" withCloseButton onClose={onClose} closeButtonLabel={t('common.close')} role="status">
        <Text size="sm">{outcome.sandbox ? t('replies.composer.recordedSandbox') : t('replies.composer.queued')}</Text>
      </Alert>
    );
  }
  return (
    <Alert
      color="yellow"
      variant="light"
      p="xs"
      withCloseButton
      onClose={onClose}
      closeButtonLabel={t('common.close')}
      role="status"
      title={t('replies.composer.sentToApproval')}
      data-testid="sent-to-approval"
    >
      <Stack gap={6}>
        <Text size="sm">{outcome.requested ? t('replies.composer.sentToApprovalRequested') : t('replies.composer.sentToApprovalBecause')}</Text>
        <ReasonChips reasons={outcome.reasons} size="sm" />
      </Stack>
    </Alert>
  );
}
