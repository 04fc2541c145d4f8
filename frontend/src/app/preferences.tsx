import { useMantineColorScheme } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettings } from '@/features/settings/api/get-settings';
import { useSystemInfo } from '@/features/system/api/get-system-info';
import { formattingLocale } from '@/lib/format';
import { FormatProvider } from '@/lib/format-context';
import { applyUiLanguage, deviceLocales, resolveUiLanguage } from '@/lib/i18n';

/**
 * Applies the open workspace's theme and interface language as soon as they are known or change,
 * and provides formatting in the user's locale and the workspace's time zone.
 */
export function Preferences({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const { setColorScheme } = useMantineColorScheme();
  const settings = useSettings().data;
  const system = useSystemInfo().data;

  const theme = settings?.theme;
  useEffect(() => {
    if (theme !== undefined) setColorScheme(theme === 'system' ? 'auto' : theme);
  }, [theme, setColorScheme]);

  // The desktop app knows the OS locale better than its web view does; a server's locale is not the user's.
  const osLocaleHint = system?.transport === 'desktop' && system.locale !== '' ? [system.locale] : [];
  const uiLanguage =
    settings === undefined ? undefined : resolveUiLanguage(settings.ui_language, [...osLocaleHint, ...deviceLocales()]);
  useEffect(() => {
    if (uiLanguage !== undefined) applyUiLanguage(uiLanguage);
  }, [uiLanguage]);

  return (
    <FormatProvider locale={formattingLocale(i18n.language, deviceLocales())} timeZone={settings?.time_zone}>
      {children}
    </FormatProvider>
  );
}
