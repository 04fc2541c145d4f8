import { Button, Card, Checkbox, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldMessage } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { useUpdateSettings } from '../api/update-settings';
import { BRAND_LANGUAGES, type BrandLanguage, type Settings } from '../types';

function isBrandLanguage(value: string): value is BrandLanguage {
  return (BRAND_LANGUAGES as readonly string[]).includes(value);
}

/** Every IANA time zone the platform knows, plus `current` should it be missing. */
function timeZoneChoices(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  const extra = ['UTC', current].filter((zone) => zone !== '' && !zones.includes(zone));
  return [...extra, ...zones];
}

/**
 * Brand name, brand languages (the first is the default) and time zone, saved together.
 * Validation errors from the backend show on their field.
 */
export function BrandSettingsForm({ settings }: { settings: Settings }) {
  const { t, i18n } = useTranslation();
  const [brandName, setBrandName] = useState(settings.brand_name);
  const [languages, setLanguages] = useState<BrandLanguage[]>(settings.languages);
  const [timeZone, setTimeZone] = useState<string | null>(settings.time_zone);
  const update = useUpdateSettings();
  const timeZones = useMemo(() => timeZoneChoices(settings.time_zone), [settings.time_zone]);

  const brandNameError = fieldMessage(update.error, i18n, (key) => key === 'settings_brand_name');
  const languagesError = fieldMessage(update.error, i18n, (key) => key.startsWith('settings_language'));
  const timeZoneError = fieldMessage(update.error, i18n, (key) => key.startsWith('settings_time_zone'));

  function edited() {
    if (update.isError) update.reset();
  }

  /** Keeps the order of the languages already chosen and appends the new ones. */
  function chooseLanguages(values: string[]) {
    const chosen = values.filter(isBrandLanguage);
    setLanguages([...languages.filter((language) => chosen.includes(language)), ...chosen.filter((language) => !languages.includes(language))]);
    edited();
  }

  function chooseDefaultLanguage(value: string | null) {
    if (value === null || !isBrandLanguage(value)) return;
    setLanguages([value, ...languages.filter((language) => language !== value)]);
    edited();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate(
      { brand_name: brandName, languages, time_zone: timeZone ?? '' },
      { onSuccess: () => notifySuccess(t('settings.saved')) },
    );
  }

  return (
    <Card withBorder radius="md" padding="lg" component="form" onSubmit={submit} noValidate>
      <Stack gap="lg">
        <div>
          <Title order={2} size="h4">
            {t('settings.brandSection')}
          </Title>
        </div>
        <TextInput
          label={t('settings.brandName')}
          description={t('settings.brandNameHint')}
          value={brandName}
          onChange={(event) => {
            setBrandName(event.currentTarget.value);
            edited();
          }}
          error={brandNameError}
          maw={480}
        />
        <Checkbox.Group
          label={t('settings.languages')}
          description={t('settings.languagesHint')}
          value={languages}
          onChange={chooseLanguages}
          error={languagesError}
        >
          <Group mt="xs">
            {BRAND_LANGUAGES.map((language) => (
              <Checkbox key={language} value={language} label={t(`languages.${language}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Select
          label={t('settings.defaultLanguage')}
          description={t('settings.defaultLanguageHint')}
          data={languages.map((language) => ({ value: language, label: t(`languages.${language}`) }))}
          value={languages[0] ?? null}
          onChange={chooseDefaultLanguage}
          disabled={languages.length < 2}
          allowDeselect={false}
          maw={480}
        />
        <Select
          label={t('settings.timeZone')}
          description={t('settings.timeZoneHint')}
          placeholder={t('settings.timeZoneSearch')}
          data={timeZones}
          value={timeZone}
          onChange={(value) => {
            setTimeZone(value);
            edited();
          }}
          searchable
          nothingFoundMessage={t('settings.nothingFound')}
          maxDropdownHeight={280}
          error={timeZoneError}
          maw={480}
        />
        <Group justify="flex-end" mt="xs">
          <Button type="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
