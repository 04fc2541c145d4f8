import { AppShell, Burger, Divider, Group, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconHome, IconInbox, IconPlant2, IconSettings, IconTargetArrow } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { ErrorBoundary } from '@/components/error-boundary';
import { useSettings } from '@/features/settings/api/get-settings';
import { ThemeControl } from '@/features/settings/components/theme-control';
import { WorkspaceSwitcher } from '@/features/workspaces/components/workspace-switcher';
import { paths } from './paths';
import classes from './shell.module.css';

const NAV_ITEMS = [
  { to: paths.inbox, labelKey: 'nav.inbox', icon: IconInbox },
  { to: paths.triage, labelKey: 'nav.triage', icon: IconTargetArrow },
  { to: paths.home, labelKey: 'nav.home', icon: IconHome },
  { to: paths.settings, labelKey: 'nav.settings', icon: IconSettings },
] as const;

/** Pages that lay out the full area themselves, edge to edge (the inbox's panes). */
const FULL_BLEED = new Set<string>([paths.inbox]);

/**
 * The frame around every page: header (brand, workspace, theme), a narrow navigation rail
 * (icons over short labels, so that the inbox keeps its width), the page.
 */
export function Shell() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const [navOpened, nav] = useDisclosure(false);
  const brandName = useSettings().data?.brand_name ?? '';
  const fullBleed = FULL_BLEED.has(location.pathname);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 88, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding={fullBleed ? 0 : 'xl'}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <UnstyledButton component={Link} to={paths.inbox} aria-label={t('app.name')}>
              <Group gap={8} wrap="nowrap">
                <ThemeIcon size={30} radius="md" variant="filled">
                  <IconPlant2 size={18} aria-hidden />
                </ThemeIcon>
                <Text fw={700} size="lg" lts={-0.3}>
                  {t('app.name')}
                </Text>
              </Group>
            </UnstyledButton>
            {brandName !== '' && (
              <>
                <Divider orientation="vertical" visibleFrom="xs" my={18} />
                <Text c="dimmed" size="sm" fw={500} truncate="end" visibleFrom="xs" data-testid="brand-name">
                  {brandName}
                </Text>
              </>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <WorkspaceSwitcher onManage={() => void navigate(paths.workspaces)} />
            <ThemeControl compact />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p={6} component="nav" aria-label={t('nav.main')}>
        <Stack gap={4}>
          {NAV_ITEMS.map(({ to, labelKey, icon: ItemIcon }) => {
            const active = location.pathname === to;
            return (
              <UnstyledButton
                key={to}
                component={Link}
                to={to}
                className={classes.navItem}
                data-active={active || undefined}
                aria-current={active ? 'page' : undefined}
                onClick={nav.close}
              >
                <ItemIcon size={20} stroke={1.7} aria-hidden />
                <Text span fz="inherit" fw={active ? 650 : 500} ta="center" lh={1.2} c="inherit">
                  {t(labelKey)}
                </Text>
              </UnstyledButton>
            );
          })}
        </Stack>
      </AppShell.Navbar>

      <AppShell.Main className={classes.main}>
        <ErrorBoundary key={location.pathname}>
          <Outlet />
        </ErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
