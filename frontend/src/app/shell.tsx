import { AppShell, Burger, Divider, Group, Indicator, Stack, Text, ThemeIcon, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconCalendarEvent,
  IconChecklist,
  IconHistory,
  IconHome,
  IconInbox,
  IconPlant2,
  IconPlugConnected,
  IconSettings,
  IconTargetArrow,
  IconTemplate,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { ErrorBoundary } from '@/components/error-boundary';
import { useApprovalBadge } from '@/features/approvals/hooks/use-approval-badge';
import { useAccountsNeedingReconnect } from '@/features/connections/api/list-accounts';
import { useRightsAlertCount } from '@/features/creators/api/list-alerts';
import { RECONNECT_BANNER_HEIGHT, ReconnectBanner } from '@/features/connections/components/reconnect-banner';
import { RECONNECT_PARAM } from '@/features/connections/params';
import { useSettings } from '@/features/settings/api/get-settings';
import { ThemeControl } from '@/features/settings/components/theme-control';
import { WorkspaceSwitcher } from '@/features/workspaces/components/workspace-switcher';
import { paths } from './paths';
import classes from './shell.module.css';

interface NavItem {
  to: string;
  labelKey: string;
  icon: Icon;
  /**
   * The approvals item shows how many replies and posts wait for approval; connections, how many
   * accounts need reconnecting; creators, the rights alerts.
   */
  badge?: 'pending_approval' | 'needs_reconnect' | 'rights_alerts';
}

const NAV_ITEMS: NavItem[] = [
  { to: paths.inbox, labelKey: 'nav.inbox', icon: IconInbox },
  { to: paths.approvals, labelKey: 'nav.approvals', icon: IconChecklist, badge: 'pending_approval' },
  { to: paths.templates, labelKey: 'nav.templates', icon: IconTemplate },
  { to: paths.calendar, labelKey: 'nav.calendar', icon: IconCalendarEvent },
  { to: paths.creators, labelKey: 'nav.creators', icon: IconUsersGroup, badge: 'rights_alerts' },
  { to: paths.triage, labelKey: 'nav.triage', icon: IconTargetArrow },
  { to: paths.audit, labelKey: 'nav.audit', icon: IconHistory },
  { to: paths.connections, labelKey: 'nav.connections', icon: IconPlugConnected, badge: 'needs_reconnect' },
  { to: paths.home, labelKey: 'nav.home', icon: IconHome },
  { to: paths.settings, labelKey: 'nav.settings', icon: IconSettings },
];

/** Whether the page at pathname belongs to the nav item `to` (its sub-pages included). */
function isActive(to: string, pathname: string): boolean {
  return to === paths.inbox ? pathname === to : pathname === to || pathname.startsWith(`${to}/`);
}

/** Pages that lay out the full area themselves, edge to edge (the inbox's panes). */
const FULL_BLEED = new Set<string>([paths.inbox]);

const HEADER_HEIGHT = 60;

/** Where the reconnect banner leads: the account's reconnect dialog, or the list when several wait. */
function reconnectHref(account: { id: number } | null): string {
  return account === null ? paths.connections : `${paths.connections}?${RECONNECT_PARAM}=${account.id}`;
}

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
  const approvalBadge = useApprovalBadge();
  const needingReconnect = useAccountsNeedingReconnect();
  const rightsAlerts = useRightsAlertCount();
  const fullBleed = FULL_BLEED.has(location.pathname);
  // The banner sits in the header, which grows to hold it: pages sized to the window keep fitting.
  const bannerShown = needingReconnect.length > 0;

  return (
    <AppShell
      header={{ height: HEADER_HEIGHT + (bannerShown ? RECONNECT_BANNER_HEIGHT : 0) }}
      navbar={{ width: 88, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding={fullBleed ? 0 : 'xl'}
    >
      <AppShell.Header>
        {bannerShown && <ReconnectBanner accounts={needingReconnect} href={reconnectHref} />}
        <Group h={HEADER_HEIGHT} px="md" justify="space-between" wrap="nowrap">
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
          {NAV_ITEMS.map(({ to, labelKey, icon: ItemIcon, badge }) => {
            const active = isActive(to, location.pathname);
            const count =
              badge === 'pending_approval' ? approvalBadge.count : badge === 'needs_reconnect' ? needingReconnect.length : badge === 'rights_alerts' ? rightsAlerts : 0;
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
                <Indicator
                  disabled={count === 0}
                  label={<span aria-hidden="true">{count > 99 ? '99+' : count}</span>}
                  size={16}
                  offset={2}
                  color="red"
                  inline
                  styles={{ indicator: { fontSize: 10, fontWeight: 700, paddingInline: 4 } }}
                >
                  <ItemIcon size={20} stroke={1.7} aria-hidden />
                </Indicator>
                <Text span fz="inherit" fw={active ? 650 : 500} ta="center" lh={1.2} c="inherit">
                  {t(labelKey)}
                </Text>
                {count > 0 && (
                  <VisuallyHidden>
                    {badge === 'pending_approval' ? approvalBadge.label : t(badge === 'needs_reconnect' ? 'nav.needsReconnect' : 'nav.rightsAlerts', { count })}
                  </VisuallyHidden>
                )}
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
