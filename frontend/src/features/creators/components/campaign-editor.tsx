import { ActionIcon, Alert, Button, Checkbox, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, fieldMessage } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { useSaveCampaign } from '../api/save-campaign';
import { isHttpUrl } from '../links';
import type { Campaign, CampaignDraft, Creator, Deliverable } from '../types';

const FIELD_KEYS: Record<string, string[]> = {
  name: ['campaign_name_required'],
  end_date: ['dates_out_of_order'],
  landing_url: ['link_base_url_invalid'],
  discount: ['discount_range'],
  deliverables: ['deliverable_title_required', 'deliverable_before_start', 'campaign_deliverables_too_many'],
  posts: ['campaign_post_invalid', 'campaign_posts_too_many'],
  creators: ['creator_not_found'],
};

export const EMPTY_CAMPAIGN: CampaignDraft = {
  id: 0,
  name: '',
  brief: '',
  start_date: '',
  end_date: '',
  compensation: '',
  discount_percent: 0,
  utm_campaign: '',
  landing_url: '',
  creator_ids: [],
  deliverables: [],
  post_ids: [],
};

/**
 * A campaign's brief, dates, compensation, discount, landing page, creators, deliverables (with
 * due dates and done flags) and the calendar posts it covers (by id). A failure shows next to the
 * field it names; what was typed stays.
 */
export function CampaignEditor({ campaign, creators, onDone }: { campaign: Campaign | CampaignDraft; creators: Creator[]; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const save = useSaveCampaign();
  const [draft, setDraft] = useState<CampaignDraft>({ ...campaign, deliverables: campaign.deliverables.map((d) => ({ ...d })) });
  const set = <K extends keyof CampaignDraft>(key: K, value: CampaignDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setDeliverable = (index: number, change: Partial<Deliverable>) =>
    set(
      'deliverables',
      draft.deliverables.map((d, i) => (i === index ? { ...d, ...change } : d)),
    );

  const error = save.error;
  const fieldError = (field: string) => fieldMessage(error, i18n, (key) => FIELD_KEYS[field]?.includes(key) ?? false);
  const known = Object.values(FIELD_KEYS).flat();
  const otherError = error !== null && fieldMessage(error, i18n, (key) => known.includes(key)) === undefined;
  const landingBad = draft.landing_url.trim() !== '' && !isHttpUrl(draft.landing_url);
  const creatorOptions = creators.map((c) => ({ value: String(c.id), label: c.name }));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (landingBad) return;
    save.mutate(draft, {
      onSuccess: (saved) => {
        notifySuccess(t('creators.campaigns.saved', { name: saved.name }));
        onDone();
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate data-testid="campaign-editor">
      <Stack gap="sm">
        {otherError && (
          <Alert color="red" variant="light">
            {describeError(error, i18n).message}
          </Alert>
        )}
        <TextInput label={t('creators.campaigns.name')} value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} error={fieldError('name')} required data-autofocus />
        <Textarea label={t('creators.campaigns.brief')} value={draft.brief} onChange={(e) => set('brief', e.currentTarget.value)} autosize minRows={3} maxRows={10} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput type="date" label={t('creators.campaigns.start')} value={draft.start_date} onChange={(e) => set('start_date', e.currentTarget.value)} data-testid="campaign-start" />
          <TextInput type="date" label={t('creators.campaigns.end')} value={draft.end_date} onChange={(e) => set('end_date', e.currentTarget.value)} error={fieldError('end_date')} data-testid="campaign-end" />
          <NumberInput
            label={t('creators.campaigns.discount')}
            value={draft.discount_percent === 0 ? '' : draft.discount_percent}
            onChange={(v) => set('discount_percent', typeof v === 'number' ? v : 0)}
            min={0}
            max={90}
            suffix=" %"
            allowDecimal={false}
            error={fieldError('discount')}
          />
        </SimpleGrid>
        <Textarea label={t('creators.campaigns.compensation')} value={draft.compensation} onChange={(e) => set('compensation', e.currentTarget.value)} autosize minRows={1} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('creators.campaigns.landing')}
            placeholder="https://shop.example/page"
            value={draft.landing_url}
            onChange={(e) => set('landing_url', e.currentTarget.value)}
            error={landingBad ? t('errors.link_base_url_invalid', { url: draft.landing_url.trim() }) : fieldError('landing_url')}
          />
          <TextInput label={t('creators.campaigns.utmCampaign')} description={t('creators.campaigns.utmCampaignHint')} value={draft.utm_campaign} onChange={(e) => set('utm_campaign', e.currentTarget.value)} />
        </SimpleGrid>
        <MultiSelect
          label={t('creators.campaigns.creators')}
          data={creatorOptions}
          value={draft.creator_ids.map(String)}
          onChange={(ids) => set('creator_ids', ids.map(Number))}
          error={fieldError('creators')}
          searchable
          data-testid="campaign-creators"
        />
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('creators.campaigns.deliverables')}
          </Text>
          {draft.deliverables.map((d, index) => (
            <Group key={index} gap="xs" wrap="nowrap" align="flex-start" data-testid={`deliverable-row-${index}`}>
              <Checkbox mt={8} checked={d.done} onChange={(e) => setDeliverable(index, { done: e.currentTarget.checked })} aria-label={t('creators.campaigns.deliverableDone', { n: index + 1 })} />
              <TextInput aria-label={t('creators.campaigns.deliverableTitle', { n: index + 1 })} value={d.title} onChange={(e) => setDeliverable(index, { title: e.currentTarget.value })} style={{ flex: 1 }} />
              <Select
                aria-label={t('creators.campaigns.deliverableCreator', { n: index + 1 })}
                data={creatorOptions}
                value={d.creator_id == null ? null : String(d.creator_id)}
                onChange={(v) => setDeliverable(index, { creator_id: v === null ? null : Number(v) })}
                placeholder={t('creators.campaigns.everyone')}
                clearable
                w={170}
              />
              <TextInput type="date" aria-label={t('creators.campaigns.deliverableDue', { n: index + 1 })} value={d.due_date} onChange={(e) => setDeliverable(index, { due_date: e.currentTarget.value })} w={160} />
              <ActionIcon variant="subtle" color="gray" mt={4} onClick={() => set('deliverables', draft.deliverables.filter((_, i) => i !== index))} aria-label={t('creators.campaigns.removeDeliverable', { n: index + 1 })}>
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          {fieldError('deliverables') !== undefined && (
            <Text size="xs" c="red" role="alert">
              {fieldError('deliverables')}
            </Text>
          )}
          <Group>
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => set('deliverables', [...draft.deliverables, { id: 0, title: '', due_date: '', done: false, creator_id: null }])}
            >
              {t('creators.campaigns.addDeliverable')}
            </Button>
          </Group>
        </Stack>
        <TagsInput
          label={t('creators.campaigns.posts')}
          description={t('creators.campaigns.postsHint')}
          value={draft.post_ids.map(String)}
          onChange={(values) => set('post_ids', values.map((v) => Number(v.replace(/^#/, ''))).filter((n) => Number.isInteger(n) && n > 0))}
          error={fieldError('posts')}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="save-campaign">
            {draft.id === 0 ? t('creators.campaigns.create') : t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
