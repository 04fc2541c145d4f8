import { Alert, Button, Checkbox, Group, SegmentedControl, SimpleGrid, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, fieldMessage } from '@/lib/errors';
import { useSaveRights } from '../api/save-rights';
import { tidyTerritories } from '../territory';
import { SCOPES, type CampaignSummary, type Rights, type RightsDraft } from '../types';
import { CampaignSelect } from './campaign-select';

const FIELD_KEYS: Record<string, string[]> = {
  scopes: ['rights_scope_unknown'],
  territories: ['territory_invalid'],
  end_date: ['dates_out_of_order'],
  terms: ['creator_notes_too_long'],
};

type Consent = 'unset' | 'yes' | 'no';

/** The legal checklist's form: scope, duration, territories, compensation, consent for edits, signature. */
export function RightsForm({
  creatorId,
  rights,
  campaigns,
  onDone,
}: {
  creatorId: number;
  rights: Rights | null;
  campaigns: CampaignSummary[];
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const save = useSaveRights();
  const [campaignId, setCampaignId] = useState<number | null>(rights?.campaign_id ?? campaigns[0]?.id ?? null);
  const [scopes, setScopes] = useState<string[]>(rights?.scopes ?? []);
  const [start, setStart] = useState(rights?.start_date ?? '');
  const [end, setEnd] = useState(rights?.end_date ?? '');
  const [territories, setTerritories] = useState<string[]>(rights?.territories ?? []);
  const [terms, setTerms] = useState(rights?.compensation_terms ?? '');
  const [consent, setConsent] = useState<Consent>(rights?.edit_consent == null ? 'unset' : rights.edit_consent ? 'yes' : 'no');
  const [signed, setSigned] = useState(rights?.signed_date ?? '');
  const [notes, setNotes] = useState(rights?.notes ?? '');

  const error = save.error;
  const dateField = (field: string) =>
    fieldMessage(error, i18n, (key) => key === 'date_invalid') !== undefined && (error as { params?: Record<string, string> }).params?.field === field
      ? describeError(error, i18n).message
      : undefined;
  const fieldError = (field: string) => fieldMessage(error, i18n, (key) => FIELD_KEYS[field]?.includes(key) ?? false);
  const known = [...Object.values(FIELD_KEYS).flat(), 'date_invalid'];
  const otherError = error !== null && fieldMessage(error, i18n, (key) => known.includes(key)) === undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    const draft: RightsDraft = {
      id: rights?.id ?? 0,
      creator_id: creatorId,
      campaign_id: campaignId,
      scopes,
      start_date: start,
      end_date: end,
      territories: tidyTerritories(territories),
      compensation_terms: terms,
      edit_consent: consent === 'unset' ? null : consent === 'yes',
      signed_date: signed,
      notes,
    };
    save.mutate(draft, { onSuccess: onDone });
  }

  return (
    <form onSubmit={submit} noValidate data-testid="rights-form">
      <Stack gap="sm">
        {otherError && (
          <Alert color="red" variant="light">
            {describeError(error, i18n).message}
          </Alert>
        )}
        <CampaignSelect campaigns={campaigns} value={campaignId} onChange={setCampaignId} />
        <Checkbox.Group label={t('creators.rights.scopes')} value={scopes} onChange={setScopes} error={fieldError('scopes')}>
          <Group gap="md" mt={6}>
            {SCOPES.map((scope) => (
              <Checkbox key={scope} value={scope} label={t(`creators.scope.${scope}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput type="date" label={t('creators.rights.start')} value={start} onChange={(e) => setStart(e.currentTarget.value)} error={dateField('start_date')} data-testid="rights-start" />
          <TextInput
            type="date"
            label={t('creators.rights.end')}
            value={end}
            onChange={(e) => setEnd(e.currentTarget.value)}
            error={dateField('end_date') ?? fieldError('end_date')}
            data-testid="rights-end"
          />
          <TextInput type="date" label={t('creators.rights.signed')} value={signed} onChange={(e) => setSigned(e.currentTarget.value)} error={dateField('signed_date')} data-testid="rights-signed" />
        </SimpleGrid>
        <TagsInput
          label={t('creators.rights.territories')}
          description={t('creators.rights.territoriesHint')}
          value={territories}
          onChange={(values) => setTerritories(tidyTerritories(values))}
          error={fieldError('territories')}
          data-testid="rights-territories"
        />
        <Textarea label={t('creators.rights.terms')} value={terms} onChange={(e) => setTerms(e.currentTarget.value)} autosize minRows={2} error={fieldError('terms')} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="edit-consent-label">
            {t('creators.rights.editConsent')}
          </Text>
          <SegmentedControl
            aria-labelledby="edit-consent-label"
            value={consent}
            onChange={(value) => setConsent(value as Consent)}
            data={[
              { value: 'unset', label: t('creators.rights.consent.unset') },
              { value: 'yes', label: t('creators.rights.consent.yes') },
              { value: 'no', label: t('creators.rights.consent.no') },
            ]}
            w="fit-content"
            data-testid="rights-edit-consent"
          />
        </Stack>
        <Textarea label={t('creators.rights.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={1} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="save-rights">
            {t('creators.rights.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
