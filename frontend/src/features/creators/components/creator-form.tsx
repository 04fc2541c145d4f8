import { ActionIcon, Alert, Badge, Button, Group, NumberInput, Select, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { IconLink, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, fieldMessage } from '@/lib/errors';
import { useFormat } from '@/lib/format-context';
import { territoryName } from '../territory';
import { BRAND_SAFETY, NICHES, PLATFORMS, type Creator, type CreatorHandle, type CreatorProfile } from '../types';

/** Which form field each backend error key belongs to. */
const FIELD_KEYS: Record<string, string[]> = {
  name: ['creator_name_required'],
  handles: ['creator_handle_invalid', 'creator_handle_taken', 'creator_handle_twice', 'creator_handles_too_many', 'channel_platform_unknown'],
  territory: ['territory_invalid'],
  email: ['creator_email_invalid'],
  phone: ['creator_phone_invalid'],
  audience: ['creator_audience_invalid'],
  engagement: ['creator_engagement_invalid'],
  tags: ['tag_invalid', 'creator_tags_too_many'],
};

const ALL_FIELD_KEYS = Object.values(FIELD_KEYS).flat();

interface HandleRow {
  platform: string;
  handle: string;
  /** Read-only: the inbox contact the saved handle links to. */
  contactName: string;
}

function handleRows(handles: CreatorHandle[]): HandleRow[] {
  return handles.map((h) => ({ platform: h.platform, handle: h.handle, contactName: h.contact_id != null ? (h.contact_name ?? '') : '' }));
}

export interface CreatorFormProps {
  /** The creator edited, or null for a new one. */
  creator: Creator | null;
  pending: boolean;
  error: unknown;
  onSubmit: (profile: CreatorProfile) => void;
}

/**
 * A creator's profile: name, handles (with the inbox contact each links to), niche, audience,
 * engagement, territory, contact details, tags, brand safety and notes. A failure shows next to
 * the field it names; what was typed stays.
 */
export function CreatorForm({ creator, pending, error, onSubmit }: CreatorFormProps) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [name, setName] = useState(creator?.name ?? '');
  const [handles, setHandles] = useState<HandleRow[]>(creator === null ? [{ platform: 'instagram', handle: '', contactName: '' }] : handleRows(creator.handles));
  const [niche, setNiche] = useState(creator?.niche ?? '');
  const [audience, setAudience] = useState<number | string>(creator?.audience_size ?? '');
  const [engagement, setEngagement] = useState<number | string>(creator?.engagement_rate ?? '');
  const [territory, setTerritory] = useState(creator?.territory ?? '');
  const [email, setEmail] = useState(creator?.email ?? '');
  const [phone, setPhone] = useState(creator?.phone ?? '');
  const [tags, setTags] = useState<string[]>(creator?.tags ?? []);
  const [brandSafety, setBrandSafety] = useState(creator?.brand_safety ?? '');
  const [brandSafetyNotes, setBrandSafetyNotes] = useState(creator?.brand_safety_notes ?? '');
  const [notes, setNotes] = useState(creator?.notes ?? '');

  const fieldError = (field: string) => fieldMessage(error, i18n, (key) => FIELD_KEYS[field]?.includes(key) ?? false);
  const otherError = error !== null && error !== undefined && fieldMessage(error, i18n, (key) => ALL_FIELD_KEYS.includes(key)) === undefined;
  const territoryCode = territory.trim().toUpperCase();

  function setHandle(index: number, change: Partial<HandleRow>) {
    setHandles((rows) => rows.map((row, i) => (i === index ? { ...row, ...change, contactName: '' } : row)));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit({
      name,
      handles: handles.filter((h) => h.handle.trim() !== '').map(({ platform, handle }) => ({ platform, handle })),
      niche,
      audience_size: typeof audience === 'number' ? audience : null,
      engagement_rate: typeof engagement === 'number' ? engagement : null,
      territory: territoryCode,
      email,
      phone,
      tags,
      brand_safety: brandSafety,
      brand_safety_notes: brandSafetyNotes,
      notes,
    });
  }

  return (
    <form onSubmit={submit} noValidate data-testid="creator-form">
      <Stack gap="md">
        {otherError && (
          <Alert color="red" variant="light" title={describeError(error, i18n).title}>
            {describeError(error, i18n).message}
          </Alert>
        )}
        <TextInput label={t('creators.form.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError('name')} required data-autofocus />

        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('creators.form.handles')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('creators.form.handlesHint')}
          </Text>
          {handles.map((row, index) => (
            <Group key={index} gap="xs" wrap="nowrap" align="flex-start" data-testid={`handle-row-${index}`}>
              <Select
                aria-label={t('creators.form.platform', { n: index + 1 })}
                data={PLATFORMS.map((p) => ({ value: p, label: t(`platformName.${p}`) }))}
                value={row.platform}
                onChange={(value) => setHandle(index, { platform: value ?? 'instagram' })}
                allowDeselect={false}
                w={150}
                data-testid={`handle-platform-${index}`}
              />
              <TextInput
                aria-label={t('creators.form.handle', { n: index + 1 })}
                leftSection={<Text size="sm" c="dimmed">@</Text>}
                placeholder={t('creators.form.handlePlaceholder')}
                value={row.handle}
                onChange={(e) => setHandle(index, { handle: e.currentTarget.value })}
                style={{ flex: 1 }}
                data-testid={`handle-input-${index}`}
              />
              {row.contactName !== '' && (
                <Tooltip label={t('creators.form.linkedHint')} withArrow>
                  <Badge variant="light" color="grape" tt="none" leftSection={<IconLink size={12} aria-hidden />} mt={8} data-testid="linked-contact">
                    {t('creators.form.linked', { name: row.contactName })}
                  </Badge>
                </Tooltip>
              )}
              <ActionIcon variant="subtle" color="gray" mt={4} onClick={() => setHandles((rows) => rows.filter((_, i) => i !== index))} aria-label={t('creators.form.removeHandle', { n: index + 1 })}>
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          {fieldError('handles') !== undefined && (
            <Text size="xs" c="red" role="alert" data-testid="handles-error">
              {fieldError('handles')}
            </Text>
          )}
          <Group>
            <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setHandles((rows) => [...rows, { platform: 'instagram', handle: '', contactName: '' }])}>
              {t('creators.form.addHandle')}
            </Button>
          </Group>
        </Stack>

        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            label={t('creators.form.niche')}
            data={NICHES.map((n) => ({ value: n, label: t(`creators.niche.${n}`) }))}
            value={niche === '' ? null : niche}
            onChange={(value) => setNiche(value ?? '')}
            clearable
          />
          <TextInput
            label={t('creators.form.territory')}
            description={territoryCode.length === 2 ? territoryName(territoryCode, format.locale, t('creators.territory.WW'), t('creators.territory.EU')) : t('creators.form.territoryHint')}
            value={territory}
            onChange={(e) => setTerritory(e.currentTarget.value)}
            maxLength={2}
            error={fieldError('territory')}
          />
          <NumberInput label={t('creators.form.audience')} value={audience} onChange={setAudience} min={0} thousandSeparator=" " allowDecimal={false} allowNegative={false} error={fieldError('audience')} />
          <NumberInput label={t('creators.form.engagement')} value={engagement} onChange={setEngagement} min={0} max={100} decimalScale={2} suffix=" %" allowNegative={false} error={fieldError('engagement')} />
          <TextInput label={t('creators.form.email')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fieldError('email')} />
          <TextInput label={t('creators.form.phone')} type="tel" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} error={fieldError('phone')} />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('creators.form.personalData')}
        </Text>
        <TagsInput label={t('creators.form.tags')} value={tags} onChange={setTags} error={fieldError('tags')} clearable />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            label={t('creators.form.brandSafety')}
            data={BRAND_SAFETY.map((b) => ({ value: b, label: t(`creators.brandSafety.${b}`) }))}
            value={brandSafety === '' ? null : brandSafety}
            onChange={(value) => setBrandSafety(value ?? '')}
            placeholder={t('creators.brandSafety.unknown')}
            clearable
          />
          <TextInput label={t('creators.form.brandSafetyNotes')} value={brandSafetyNotes} onChange={(e) => setBrandSafetyNotes(e.currentTarget.value)} />
        </SimpleGrid>
        <Textarea label={t('creators.form.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={3} maxRows={10} />
        <Group justify="flex-end">
          <Button type="submit" loading={pending} data-testid="save-creator">
            {creator === null ? t('creators.form.create') : t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
