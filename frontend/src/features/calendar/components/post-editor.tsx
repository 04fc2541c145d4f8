import {
  Alert,
  Anchor,
  Button,
  Chip,
  CopyButton,
  Divider,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaptionSourceBadge, strongerSource, type CaptionSource } from '@/components/reply-badges';
import { describeError, fieldMessage, toApiError } from '@/lib/errors';
import { useFormat } from '@/lib/format-context';
import { notifySuccess } from '@/lib/notify';
import { useApprovePost } from '../api/approve-post';
import { useCheckRights } from '../api/check-rights';
import { useCreatorOptions } from '../api/list-creator-options';
import { usePublishAccounts } from '../api/list-publish-accounts';
import { useCreatePost } from '../api/create-post';
import { useDeletePost } from '../api/delete-post';
import { useMarkPublished } from '../api/mark-published';
import { usePublishNow } from '../api/publish-now';
import { useRejectPost } from '../api/reject-post';
import { useSchedulePost } from '../api/schedule-post';
import { useSubmitPost } from '../api/submit-post';
import { useUnschedulePost } from '../api/unschedule-post';
import { useUpdatePost } from '../api/update-post';
import { captionCounts, captionFor } from '../captions';
import { creatorId, draftOf, emptyDraft, inputOf, isDirty, updateOf, validateDraft, type PostDraft } from '../draft';
import { FORMATS, GOALS, POST_CHANNELS, TIERS, type CalendarPost, type CaptionDraft, type Pillar } from '../types';
import { CaptionCounter } from './caption-counter';
import { CaptionDrafter } from './caption-drafter';
import { PostAccountSelect } from './post-account-select';
import { PostRightsWarning } from './post-rights-warning';
import { PostStatusBadge } from './post-status-badge';

const TIME_FIELD_KEYS = new Set(['post_time_gap', 'post_local_invalid', 'post_time_past', 'post_time_required', 'post_time_zone_unknown']);
const CAPTION_KEYS = new Set(['post_caption_too_long', 'post_caption_required', 'post_channels_required']);

/** Every IANA zone the runtime knows, the current one first when it knows none. */
function timeZones(current: string): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return supported.includes(current) ? supported : [current, ...supported];
}

export interface PostEditorProps {
  /** The saved post, or null for a new one. */
  post: CalendarPost | null;
  /** A new post's first fields. */
  initial?: PostDraft;
  pillars: Pillar[];
  onSaved: (post: CalendarPost) => void;
  onDeleted: () => void;
  onDirtyChange: (dirty: boolean) => void;
}

/**
 * Every field of a post, its captions per channel with live counters against each platform's
 * limit, and its workflow: submit for review, approve or reject, schedule, publish.
 */
export function PostEditor({ post, initial, pillars, onSaved, onDeleted, onDirtyChange }: PostEditorProps) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [draft, setDraft] = useState<PostDraft>(() => (post === null ? (initial ?? emptyDraft('UTC')) : draftOf(post)));
  const [touched, setTouched] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [deleting, setDeleting] = useState(false);

  const create = useCreatePost();
  const update = useUpdatePost();
  const submit = useSubmitPost();
  const approve = useApprovePost();
  const reject = useRejectPost();
  const schedule = useSchedulePost();
  const unschedule = useUnschedulePost();
  const publishNow = usePublishNow();
  const markPublished = useMarkPublished();
  const remove = useDeletePost();

  const dirty = isDirty(post, draft, initial ?? draft);
  // What a caption is drafted from, changed and not saved yet (the drafter reads the saved post).
  const briefDirty = post !== null && ['title', 'pillar', 'format', 'goal', 'channels', 'media', 'utm_link'].some(
    (key) => JSON.stringify(draft[key as keyof PostDraft]) !== JSON.stringify(draftOf(post)[key as keyof PostDraft]),
  );
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  // The saved post carries its rights verdict; a creator or a date changed in the form is checked
  // as it is chosen, before saving.
  const rightsCreator = creatorId(draft);
  const rightsDate = draft.local.slice(0, 10);
  const savedRights = post !== null && rightsCreator === post.creator_id && rightsDate === post.local.slice(0, 10);
  const liveRights = useCheckRights(rightsCreator, rightsDate, !savedRights);
  const creators = useCreatorOptions();
  const creatorChoices = (creators.data ?? []).map((c) => {
    const handle = c.handles?.[0]?.handle;
    return { value: String(c.id), label: handle === undefined ? c.name : `${c.name} (@${handle})` };
  });
  // A creator deleted since the post was linked to them still shows, by id.
  if (draft.creator_id !== '' && creators.data !== undefined && !creatorChoices.some((c) => c.value === draft.creator_id)) {
    creatorChoices.push({ value: draft.creator_id, label: t('calendar.editor.unknownCreator', { id: draft.creator_id }) });
  }
  const rights = savedRights ? post.rights : (liveRights.data ?? null);
  // A channel gets an account picker when its platform has several accounts to choose among, or
  // when the post (saved or edited) names one, which may have been removed since: so that it can
  // be put back on the default, and the picker does not vanish as it is.
  const publishAccounts = usePublishAccounts().data;
  const namesAccount = (channel: string) => (draft.accounts[channel] ?? '') !== '' || post?.accounts?.[channel] !== undefined;
  const accountPickers =
    publishAccounts === undefined
      ? []
      : draft.channels
          .map((channel) => ({ channel, accounts: publishAccounts.filter((account) => account.platform === channel) }))
          .filter(({ channel, accounts }) => accounts.length >= 2 || namesAccount(channel));

  const accountName = (id: number) =>
    publishAccounts?.find((account) => account.id === id)?.name ?? t('calendar.editor.removedAccount', { id });

  const set = <K extends keyof PostDraft>(key: K, value: PostDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  // A caption drafted by the model stays marked so, edited or not, for whoever approves it.
  const drafted = (caption: CaptionDraft) => setDraft((d) => ({ ...d, caption_source: strongerSource(d.caption_source, caption.source as CaptionSource) }));
  const errors = validateDraft(draft);
  const counts = captionCounts({
    caption: draft.caption,
    channel_captions: Object.fromEntries(draft.own.map((channel) => [channel, draft.channel_captions[channel] ?? ''])),
    channels: draft.channels,
    media_paths: draft.media.split('\n'),
  });
  const saveError = create.error ?? update.error;
  const serverMessage = (keys: Set<string>) => fieldMessage(saveError, i18n, (key) => keys.has(key));
  const gapNext = (() => {
    const apiError = saveError === null ? null : toApiError(saveError);
    return apiError?.key === 'post_time_gap' && apiError.params.next ? apiError.params.next : null;
  })();
  const otherError = (() => {
    if (saveError === null) return null;
    const apiError = toApiError(saveError);
    const key = apiError.key ?? '';
    if (TIME_FIELD_KEYS.has(key) || CAPTION_KEYS.has(key) || key === 'post_title_required' || key === 'post_utm_invalid' || key === 'post_time_conflict') return null;
    return describeError(apiError, i18n).message;
  })();
  const zones = useMemo(() => timeZones(draft.time_zone), [draft.time_zone]);
  const fixed = post !== null && (post.status === 'published' || post.status === 'publishing');

  function save(force = false) {
    setTouched(true);
    if (Object.keys(errors).length > 0) return;
    const handlers = {
      onSuccess: (saved: CalendarPost) => {
        setConflict(null);
        notifySuccess(t('calendar.editor.saved', { title: saved.title }));
        setDraft(draftOf(saved));
        onSaved(saved);
      },
      onError: (error: unknown) => {
        const apiError = toApiError(error);
        if (apiError.key === 'post_time_conflict') setConflict(describeError(apiError, i18n).message);
      },
    };
    if (post === null) create.mutate(inputOf(draft, force), handlers);
    else update.mutate({ id: post.id, update: updateOf(post, draft, force) }, handlers);
  }

  const done = (key: string) => ({
    onSuccess: (saved: CalendarPost) => {
      setDraft(draftOf(saved));
      notifySuccess(t(key, { title: saved.title }));
    },
  });

  const pillarOptions = [{ value: '', label: t('calendar.editor.noPillar') }, ...pillars.map((p) => ({ value: p.key, label: p.name }))];
  const decided = post?.decided_at !== null && post?.decided_at !== undefined ? format.dateTime(post.decided_at) : '';

  return (
    <Stack gap="md" data-testid="post-editor">
      {post !== null && (
        <Group gap="xs" justify="space-between">
          <Group gap="xs">
            <PostStatusBadge status={post.status} size="md" />
            <CaptionSourceBadge source={draft.caption_source} />
            {post.session_role !== '' && (
              <Text size="sm" c="dimmed">
                {t(`calendar.sessionRole.${post.session_role}`)}
              </Text>
            )}
          </Group>
          {post.status === 'in_review' && post.submitted_by !== '' && (
            <Text size="sm" c="dimmed">
              {t('calendar.editor.submittedBy', { name: post.submitted_by })}
            </Text>
          )}
          {post.approved && post.decided_by !== '' && (
            <Text size="sm" c="dimmed" data-testid="approval-record">
              {t('calendar.editor.approvedBy', { name: post.decided_by, date: decided })}
            </Text>
          )}
        </Group>
      )}
      {post !== null && !post.approved && post.status === 'draft' && post.decision_note !== '' && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('calendar.editor.rejectedBy', { name: post.decided_by, date: decided })}>
          {post.decision_note}
        </Alert>
      )}
      {post !== null && post.last_error !== '' && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />}>
          {post.last_error}
        </Alert>
      )}
      {otherError !== null && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
          {otherError}
        </Alert>
      )}

      <TextInput
        label={t('calendar.editor.title')}
        value={draft.title}
        onChange={(e) => set('title', e.currentTarget.value)}
        error={(touched && errors.title !== undefined ? t(errors.title) : undefined) ?? serverMessage(new Set(['post_title_required']))}
        disabled={fixed}
        required
        data-autofocus
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select label={t('calendar.editor.pillar')} data={pillarOptions} value={draft.pillar} onChange={(v) => set('pillar', v ?? '')} allowDeselect={false} disabled={fixed} />
        <Select
          label={t('calendar.editor.format')}
          data={FORMATS.map((f) => ({ value: f, label: t(`calendar.format.${f}`) }))}
          value={draft.format}
          onChange={(v) => v !== null && set('format', v as PostDraft['format'])}
          allowDeselect={false}
          disabled={fixed}
        />
        <Select
          label={t('calendar.editor.goal')}
          data={GOALS.map((g) => ({ value: g, label: t(`calendar.goal.${g}`) }))}
          value={draft.goal}
          onChange={(v) => v !== null && set('goal', v as PostDraft['goal'])}
          allowDeselect={false}
          disabled={fixed}
        />
        <Select
          label={t('calendar.editor.tier')}
          data={TIERS.map((tier) => ({ value: tier, label: t(`calendar.tier.${tier}`) }))}
          value={draft.tier}
          onChange={(v) => v !== null && set('tier', v as PostDraft['tier'])}
          allowDeselect={false}
          disabled={fixed}
        />
      </SimpleGrid>

      <Stack gap={6}>
        <Text size="sm" fw={500} id="post-channels-label">
          {t('calendar.editor.channels')}
        </Text>
        <Chip.Group multiple value={draft.channels} onChange={(value) => set('channels', POST_CHANNELS.filter((c) => value.includes(c)))}>
          <Group gap={6} role="group" aria-labelledby="post-channels-label">
            {POST_CHANNELS.map((channel) => (
              <Chip key={channel} value={channel} size="sm" disabled={fixed}>
                {t(`platformName.${channel}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Stack>
      {accountPickers.length > 0 && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {accountPickers.map(({ channel, accounts }) => (
            <PostAccountSelect
              key={channel}
              channel={channel}
              accounts={accounts}
              value={draft.accounts[channel] ?? ''}
              onChange={(value) => setDraft((d) => ({ ...d, accounts: { ...d.accounts, [channel]: value } }))}
              disabled={fixed}
            />
          ))}
        </SimpleGrid>
      )}

      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          type="datetime-local"
          label={t('calendar.editor.when')}
          description={t('calendar.editor.whenHint')}
          value={draft.local}
          onChange={(e) => set('local', e.currentTarget.value.slice(0, 16))}
          error={serverMessage(TIME_FIELD_KEYS)}
          disabled={fixed}
        />
        <Select
          label={t('calendar.editor.timeZone')}
          data={zones}
          value={draft.time_zone}
          onChange={(v) => v !== null && set('time_zone', v)}
          searchable
          limit={50}
          allowDeselect={false}
          disabled={fixed}
        />
        <NumberInput
          label={t('calendar.editor.duration')}
          min={1}
          max={1440}
          value={draft.duration_minutes}
          onChange={(v) => set('duration_minutes', typeof v === 'number' ? v : 15)}
          disabled={fixed}
        />
      </SimpleGrid>
      {gapNext !== null && (
        <Group gap="xs">
          <Button size="compact-sm" variant="light" onClick={() => set('local', gapNext)}>
            {t('calendar.editor.useNext', { time: gapNext.replace('T', ' ') })}
          </Button>
        </Group>
      )}

      <Divider label={t('calendar.caption.section')} labelPosition="left" />
      <Textarea
        label={t('calendar.caption.common')}
        description={t('calendar.caption.commonHint')}
        value={draft.caption}
        onChange={(e) => set('caption', e.currentTarget.value)}
        autosize
        minRows={4}
        maxRows={12}
        disabled={fixed}
        error={(touched && errors.caption !== undefined ? t(errors.caption) : undefined) ?? serverMessage(CAPTION_KEYS)}
      />
      <CaptionDrafter
        postId={post?.id ?? null}
        channel=""
        dirty={briefDirty}
        disabled={fixed}
        value={draft.caption}
        onText={(text) => set('caption', text)}
        onDrafted={drafted}
      />
      {counts.length > 0 && (
        <Group gap="md" data-testid="caption-counters">
          {counts.map((count) => (
            <CaptionCounter key={count.channel} count={count} />
          ))}
        </Group>
      )}
      {draft.channels.map((channel) => {
        const own = draft.own.includes(channel);
        const name = t(`platformName.${channel}`);
        return (
          <Stack key={channel} gap={4}>
            <Switch
              label={t('calendar.caption.own', { channel: name })}
              checked={own}
              disabled={fixed}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                setDraft((d) => ({
                  ...d,
                  own: checked ? [...d.own, channel] : d.own.filter((c) => c !== channel),
                  channel_captions: checked && (d.channel_captions[channel] ?? '') === '' ? { ...d.channel_captions, [channel]: d.caption } : d.channel_captions,
                }));
              }}
            />
            {own && (
              <Textarea
                label={t('calendar.caption.ownLabel', { channel: name })}
                value={draft.channel_captions[channel] ?? ''}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setDraft((d) => ({ ...d, channel_captions: { ...d.channel_captions, [channel]: value } }));
                }}
                autosize
                minRows={3}
                maxRows={10}
                disabled={fixed}
              />
            )}
            {own && (
              <CaptionDrafter
                postId={post?.id ?? null}
                channel={channel}
                dirty={briefDirty}
                disabled={fixed}
                value={draft.channel_captions[channel] ?? ''}
                onText={(text) => setDraft((d) => ({ ...d, channel_captions: { ...d.channel_captions, [channel]: text } }))}
                onDrafted={drafted}
              />
            )}
          </Stack>
        );
      })}

      <Divider label={t('calendar.editor.more')} labelPosition="left" />
      <Textarea
        label={t('calendar.editor.media')}
        description={t('calendar.editor.mediaHint')}
        value={draft.media}
        onChange={(e) => set('media', e.currentTarget.value)}
        autosize
        minRows={2}
        disabled={fixed}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('calendar.editor.utm')}
          placeholder="https://example.com/?utm_source=instagram"
          value={draft.utm_link}
          onChange={(e) => set('utm_link', e.currentTarget.value)}
          error={(touched && errors.utm_link !== undefined ? t(errors.utm_link) : undefined) ?? serverMessage(new Set(['post_utm_invalid']))}
          disabled={fixed}
        />
        <Select
          label={t('calendar.editor.creator')}
          description={t('calendar.editor.creatorHint')}
          placeholder={t('calendar.editor.noCreator')}
          data={creatorChoices}
          value={draft.creator_id === '' ? null : draft.creator_id}
          onChange={(value) => set('creator_id', value ?? '')}
          searchable
          clearable
          nothingFoundMessage={t('calendar.editor.noCreatorFound')}
          disabled={fixed}
          data-testid="post-creator"
        />
      </SimpleGrid>
      <PostRightsWarning post={rightsCreator === null || rightsDate === '' ? null : { creator_id: rightsCreator, rights }} />

      {!fixed && (
        <Group justify="flex-end" gap="xs">
          {post !== null && (
            <Button variant="subtle" color="red" onClick={() => setDeleting(true)}>
              {t('calendar.actions.delete')}
            </Button>
          )}
          <Button onClick={() => save()} loading={create.isPending || update.isPending} disabled={post !== null && !dirty}>
            {post === null ? t('calendar.editor.create') : t('common.save')}
          </Button>
        </Group>
      )}

      {post !== null && (
        <>
          <Divider label={t('calendar.editor.workflow')} labelPosition="left" />
          {dirty && (
            <Text size="sm" c="dimmed">
              {t('calendar.editor.saveFirst')}
            </Text>
          )}
          <Group gap="xs" data-testid="post-workflow">
            {(post.status === 'idea' || post.status === 'draft') && (
              <Button disabled={dirty} loading={submit.isPending} onClick={() => submit.mutate(post.id, done('calendar.actions.submittedDone'))}>
                {t('calendar.actions.submit')}
              </Button>
            )}
            {post.status === 'in_review' && (
              <>
                <TextInput
                  aria-label={t('calendar.actions.approveNote')}
                  placeholder={t('calendar.actions.approveNote')}
                  value={note}
                  onChange={(e) => setNote(e.currentTarget.value)}
                  disabled={dirty}
                />
                <Button color="teal" disabled={dirty} loading={approve.isPending}
                  onClick={() => approve.mutate({ id: post.id, note }, done('calendar.actions.approvedDone'))}>
                  {t('calendar.actions.approve')}
                </Button>
                <Button color="red" variant="light" disabled={dirty} onClick={() => setRejecting(true)}>
                  {t('calendar.actions.reject')}
                </Button>
              </>
            )}
            {post.status === 'approved' && (
              <Button disabled={dirty || post.scheduled_at === null} loading={schedule.isPending}
                onClick={() => schedule.mutate(post.id, done('calendar.actions.scheduledDone'))}>
                {t('calendar.actions.schedule')}
              </Button>
            )}
            {post.status === 'approved' && post.scheduled_at === null && (
              <Text size="sm" c="dimmed">
                {t('calendar.editor.dateFirst')}
              </Text>
            )}
            {(post.status === 'scheduled' || post.status === 'missed' || post.status === 'failed') && (
              <Button variant="light" disabled={dirty} loading={publishNow.isPending}
                onClick={() => publishNow.mutate(post.id, done('calendar.actions.publishNowDone'))}>
                {t('calendar.actions.publishNow')}
              </Button>
            )}
            {['approved', 'scheduled', 'due', 'missed', 'failed'].includes(post.status) && (
              <Button variant={post.status === 'due' ? 'filled' : 'default'} disabled={dirty} loading={markPublished.isPending}
                onClick={() => markPublished.mutate(post.id, done('calendar.actions.publishedDone'))}>
                {t('calendar.actions.markPublished')}
              </Button>
            )}
            {(post.status === 'scheduled' || post.status === 'due' || post.status === 'missed' || post.status === 'failed') && (
              <Button variant="subtle" disabled={dirty} loading={unschedule.isPending}
                onClick={() => unschedule.mutate(post.id, done('calendar.actions.unscheduledDone'))}>
                {t('calendar.actions.unschedule')}
              </Button>
            )}
          </Group>
          {(post.status === 'due' || post.status === 'published' || post.publications.length > 0) && (
            <Stack gap={4}>
              {post.channels.map((channel) => {
                const publication = [...post.publications].reverse().find((p) => p.channel === channel);
                return (
                  <Group key={channel} gap="xs" data-testid={`publication-${channel}`}>
                    <Text size="sm" w={90}>
                      {t(`platformName.${channel}`)}
                    </Text>
                    {publication !== undefined && (
                      <Text size="xs" c={publication.state === 'failed' ? 'red' : 'dimmed'}>
                        {t(`calendar.publication.${publication.state}`, { time: format.dateTime(publication.at) })}
                        {publication.account_id !== undefined && publication.account_id > 0 && ` · ${t('calendar.publication.through', { name: accountName(publication.account_id) })}`}
                        {publication.reason !== undefined && publication.reason !== null && ` — ${describeError(publication.reason, i18n).message}`}
                      </Text>
                    )}
                    {post.status === 'due' && (
                      <CopyButton value={captionFor(post, channel)}>
                        {({ copied, copy }) => (
                          <Button size="compact-xs" variant="default" leftSection={copied ? <IconCheck size={12} /> : <IconCopy size={12} />} onClick={copy}>
                            {copied ? t('calendar.caption.copied') : t('calendar.caption.copyFor', { channel: t(`platformName.${channel}`) })}
                          </Button>
                        )}
                      </CopyButton>
                    )}
                    {publication?.url !== undefined && publication.url !== '' && (
                      <Anchor size="xs" href={publication.url} target="_blank" rel="noreferrer">
                        {t('calendar.publication.open')}
                      </Anchor>
                    )}
                  </Group>
                );
              })}
            </Stack>
          )}
        </>
      )}

      <Modal opened={conflict !== null} onClose={() => setConflict(null)} title={t('calendar.conflict.title')} centered size="sm" zIndex={400}>
        <Stack gap="md">
          <Text size="sm">{conflict}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConflict(null)} data-autofocus>
              {t('calendar.conflict.change')}
            </Button>
            <Button onClick={() => save(true)}>{t('calendar.conflict.keepBoth')}</Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={rejecting} onClose={() => setRejecting(false)} title={t('calendar.actions.rejectTitle')} centered size="md" zIndex={400}>
        <Stack gap="md">
          <Textarea
            label={t('calendar.actions.rejectReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={3}
            data-autofocus
            error={fieldMessage(reject.error, i18n, (key) => key === 'post_reject_reason_required')}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setRejecting(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              disabled={reason.trim() === ''}
              loading={reject.isPending}
              onClick={() =>
                post !== null &&
                reject.mutate(
                  { id: post.id, reason },
                  {
                    onSuccess: (saved) => {
                      setRejecting(false);
                      setReason('');
                      setDraft(draftOf(saved));
                      notifySuccess(t('calendar.actions.rejectedDone', { title: saved.title }));
                    },
                  },
                )
              }
            >
              {t('calendar.actions.reject')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={deleting} onClose={() => setDeleting(false)} title={t('calendar.actions.deleteTitle')} centered size="sm" zIndex={400}>
        <Stack gap="md">
          <Text size="sm">{t('calendar.actions.deleteMessage', { title: post?.title ?? '' })}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setDeleting(false)} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                post !== null &&
                remove.mutate(post.id, {
                  onSuccess: () => {
                    setDeleting(false);
                    notifySuccess(t('calendar.actions.deletedDone', { title: post.title }));
                    onDeleted();
                  },
                })
              }
            >
              {t('calendar.actions.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
