import { Container, Tabs } from '@mantine/core';
import { IconAdjustments, IconRobot, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { paths } from '../paths';

const SECTIONS = [
  { path: paths.settings, labelKey: 'settings.tabs.general', icon: IconAdjustments },
  { path: paths.settingsReplies, labelKey: 'settings.tabs.replies', icon: IconShieldCheck },
  { path: paths.settingsModel, labelKey: 'settings.tabs.model', icon: IconRobot },
] as const;

/** The settings pages under one header, one tab each: general, replies & approval, AI model. */
export function SettingsLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const current = SECTIONS.find((section) => section.path === location.pathname)?.path ?? paths.settings;
  return (
    <Container size="lg" px={0}>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <Tabs value={current} onChange={(value) => value !== null && void navigate(value)} keepMounted={false} mb="lg">
        <Tabs.List aria-label={t('settings.tabs.label')}>
          {SECTIONS.map(({ path, labelKey, icon: SectionIcon }) => (
            <Tabs.Tab key={path} value={path} leftSection={<SectionIcon size={16} aria-hidden />}>
              {t(labelKey)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value={current} pt="lg">
          <Outlet />
        </Tabs.Panel>
      </Tabs>
    </Container>
  );
}
