import { Center, Group, SegmentedControl, VisuallyHidden } from '@mantine/core';
import { IconDeviceDesktop, IconMoon, IconSun, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../api/get-settings';
import { useUpdateSettings } from '../api/update-settings';
import { THEMES, type Theme } from '../types';

const THEME_ICONS: Record<Theme, Icon> = { light: IconSun, dark: IconMoon, system: IconDeviceDesktop };

function isTheme(value: string): value is Theme {
  return (THEMES as readonly string[]).includes(value);
}

/** Light, dark or system: saved to the workspace and applied at once. `compact` shows icons only. */
export function ThemeControl({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const update = useUpdateSettings();

  const data = THEMES.map((theme) => {
    const ThemeIcon = THEME_ICONS[theme];
    const label = t(`theme.${theme}`);
    return {
      value: theme,
      label: compact ? (
        <Center title={label}>
          <ThemeIcon size={16} aria-hidden />
          <VisuallyHidden>{label}</VisuallyHidden>
        </Center>
      ) : (
        <Group gap={6} wrap="nowrap" justify="center">
          <ThemeIcon size={16} aria-hidden />
          <span>{label}</span>
        </Group>
      ),
    };
  });

  return (
    <SegmentedControl
      role="radiogroup"
      aria-label={t('theme.label')}
      data={data}
      value={settings.data?.theme ?? 'system'}
      disabled={settings.data === undefined}
      onChange={(value) => {
        if (isTheme(value)) update.mutate({ theme: value });
      }}
      size={compact ? 'xs' : 'sm'}
    />
  );
}
