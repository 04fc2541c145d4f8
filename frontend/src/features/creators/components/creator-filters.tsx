import { Button, Group, MultiSelect, NumberInput, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_CREATOR_FILTER, isFiltered } from '../filters';
import { NICHES, STAGES, type Campaign, type CreatorFilter, type Stage } from '../types';

/** Search and filters of the creator list and board; the search waits for typing to pause. */
export function CreatorFilters({ filter, campaigns, onChange }: { filter: CreatorFilter; campaigns: Campaign[]; onChange: (filter: CreatorFilter) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState(filter.query);
  const sendQuery = useDebouncedCallback((value: string) => onChange({ ...filter, query: value }), 250);

  return (
    <Group gap="sm" align="flex-end" wrap="wrap" data-testid="creator-filters">
      <TextInput
        label={t('creators.filters.search')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          sendQuery(e.currentTarget.value);
        }}
        w={220}
      />
      <MultiSelect
        label={t('creators.filters.stage')}
        data={STAGES.map((s) => ({ value: s, label: t(`creators.stage.${s}`) }))}
        value={filter.stages}
        onChange={(stages) => onChange({ ...filter, stages: stages as Stage[] })}
        clearable
        w={220}
      />
      <Select
        label={t('creators.filters.niche')}
        data={NICHES.map((n) => ({ value: n, label: t(`creators.niche.${n}`) }))}
        value={filter.niche === '' ? null : filter.niche}
        onChange={(niche) => onChange({ ...filter, niche: niche ?? '' })}
        clearable
        w={160}
      />
      <TextInput
        label={t('creators.filters.territory')}
        value={filter.territory}
        onChange={(e) => onChange({ ...filter, territory: e.currentTarget.value.toUpperCase().slice(0, 2) })}
        w={90}
      />
      <TextInput label={t('creators.filters.tag')} value={filter.tag} onChange={(e) => onChange({ ...filter, tag: e.currentTarget.value })} w={130} />
      <Select
        label={t('creators.filters.campaign')}
        data={campaigns.map((c) => ({ value: String(c.id), label: c.name }))}
        value={filter.campaign_id > 0 ? String(filter.campaign_id) : null}
        onChange={(id) => onChange({ ...filter, campaign_id: id === null ? 0 : Number(id) })}
        clearable
        w={180}
      />
      <NumberInput
        label={t('creators.filters.minFit')}
        value={filter.min_fit === 0 ? '' : filter.min_fit}
        onChange={(value) => onChange({ ...filter, min_fit: typeof value === 'number' ? Math.max(0, Math.min(100, value)) : 0 })}
        min={0}
        max={100}
        allowDecimal={false}
        w={110}
      />
      {isFiltered(filter) && (
        <Button
          variant="subtle"
          leftSection={<IconFilterOff size={16} aria-hidden />}
          onClick={() => {
            setQuery('');
            onChange(DEFAULT_CREATOR_FILTER);
          }}
        >
          {t('creators.filters.clear')}
        </Button>
      )}
    </Group>
  );
}
