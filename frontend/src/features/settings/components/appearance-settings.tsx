import { Card, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUpdateSettings } from '../api/update-settings';
import type { Settings, UiLanguageSetting } from '../types';
import { ThemeControl } from './theme-control';

/** The segmented control cannot hold "": this value stands for "follow the system". */
const FOLLOW_SYSTEM = 'system';

function toUiLanguageSetting(value: string): UiLanguageSetting {
  return value === 'en' || value === 'fr' ? value : '';
}

/** Theme and interface language: each change is saved and applied at once. */
export function AppearanceSettings({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const update = useUpdateSettings();
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="lg">
        <div>
          <Title order={2} size="h4">
            {t('settings.appearanceSection')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('settings.appearanceHint')}
          </Text>
        </div>
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('theme.label')}
          </Text>
          <ThemeControl />
        </Stack>
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('settings.uiLanguage')}
          </Text>
          <SegmentedControl
            role="radiogroup"
            aria-label={t('settings.uiLanguage')}
            value={settings.ui_language === '' ? FOLLOW_SYSTEM : settings.ui_language}
            onChange={(value) => update.mutate({ ui_language: toUiLanguageSetting(value) })}
            data={[
              { value: FOLLOW_SYSTEM, label: t('settings.followSystem') },
              { value: 'en', label: t('languages.en') },
              { value: 'fr', label: t('languages.fr') },
            ]}
          />
        </Stack>
      </Stack>
    </Card>
  );
}
