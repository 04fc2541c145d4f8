import { Button, Group, Select, Switch, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_TEMPLATE_FILTER, isFiltered } from '../filters';
import { CATEGORIES, PLATFORMS, TEMPLATE_LANGUAGES, type TemplateFilter } from '../types';

function SearchInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  // A search changed elsewhere (back/forward, clear) replaces what was typed.
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  const apply = useDebouncedCallback(onChange, 250);
  return (
    <TextInput
      label={t('templates.filters.search')}
      placeholder={t('templates.filters.searchPlaceholder')}
      leftSection={<IconSearch size={15} aria-hidden />}
      value={draft}
      maxLength={200}
      onChange={(event) => {
        setDraft(event.currentTarget.value);
        apply(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onChange(draft);
      }}
      style={{ flex: '1 1 220px' }}
    />
  );
}

/** Category, language, platform, archived and text search; the page keeps them in the URL. */
export function TemplateFilters({ filter, onChange }: { filter: TemplateFilter; onChange: (filter: TemplateFilter) => void }) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label={t('templates.filters.label')}>
      <SearchInput value={filter.query} onChange={(query) => onChange({ ...filter, query })} />
      <Select
        label={t('templates.filters.category')}
        data={[{ value: '', label: t('templates.filters.allCategories') }, ...CATEGORIES.map((value) => ({ value, label: t(`templates.category.${value}`) }))]}
        value={filter.category}
        onChange={(value) => onChange({ ...filter, category: CATEGORIES.find((category) => category === value) ?? '' })}
        allowDeselect={false}
        w={200}
      />
      <Select
        label={t('templates.filters.language')}
        data={[{ value: '', label: t('templates.filters.allLanguages') }, ...TEMPLATE_LANGUAGES.map((value) => ({ value, label: t(`languages.${value}`) }))]}
        value={filter.language}
        onChange={(value) => onChange({ ...filter, language: TEMPLATE_LANGUAGES.find((language) => language === value) ?? '' })}
        allowDeselect={false}
        w={150}
      />
      <Select
        label={t('templates.filters.channel')}
        data={[{ value: '', label: t('templates.filters.allChannels') }, ...PLATFORMS.map((value) => ({ value, label: t(`platformName.${value}`) }))]}
        value={filter.channel}
        onChange={(value) => onChange({ ...filter, channel: value ?? '' })}
        allowDeselect={false}
        w={180}
      />
      <Switch
        label={t('templates.filters.archived')}
        checked={filter.include_archived}
        onChange={(event) => onChange({ ...filter, include_archived: event.currentTarget.checked })}
        mb={8}
      />
      {isFiltered(filter) && (
        <Button variant="subtle" color="gray" leftSection={<IconFilterOff size={15} aria-hidden />} onClick={() => onChange(DEFAULT_TEMPLATE_FILTER)} mb={2}>
          {t('templates.filters.clear')}
        </Button>
      )}
    </Group>
  );
}
