import { Button, Card, Center, Group, SegmentedControl, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFilterOff, IconLayoutKanban, IconList, IconPlus, IconSettings, IconSpeakerphone, IconUsersGroup } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadError } from '@/components/load-error';
import { PageHeader } from '@/components/page-header';
import { useCreators } from '../api/list-creators';
import { useCampaigns } from '../api/list-campaigns';
import { useMoveCreator } from '../api/move-creator';
import {
  CREATOR_PARAM,
  creatorFilterFromParams,
  creatorFilterToParams,
  DEFAULT_CREATOR_FILTER,
  isFiltered,
  NEW_CREATOR,
  openCreatorFromParams,
  viewFromParams,
  type View,
} from '../filters';
import type { CreatorFilter } from '../types';
import { CampaignsView } from './campaigns-view';
import { CreatorDrawer, DRAWER_TABS, type DrawerTab } from './creator-drawer';
import { CreatorFilters } from './creator-filters';
import { CreatorSettingsModal } from './creator-settings-modal';
import { CreatorTable } from './creator-table';
import { PipelineBoard } from './pipeline-board';
import { RightsAlerts } from './rights-alerts';

const TAB_PARAM = 'tab';
const EDIT_PARAM = 'edit';

/**
 * The creator tracker: rights alerts, filters, then the pipeline board, the list or the
 * campaigns; a creator opens in a drawer (`?creator=<id>&tab=rights`, `?creator=new`). Everything
 * the page shows is in its URL.
 */
export function CreatorsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => creatorFilterFromParams(params), [params]);
  const view = viewFromParams(params);
  const open = openCreatorFromParams(params);
  const tabParam = params.get(TAB_PARAM);
  const tab: DrawerTab = (DRAWER_TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as DrawerTab) : 'profile';
  const editParam = params.get(EDIT_PARAM);
  const editing = editParam === 'new' ? 'new' : Number(editParam) > 0 ? Number(editParam) : null;
  const creators = useCreators(filter);
  const everyone = useCreators(DEFAULT_CREATOR_FILTER);
  const campaigns = useCampaigns();
  const move = useMoveCreator();
  const [settingsOpen, setSettingsOpen] = useState(false);

  function change(update: (next: URLSearchParams) => void, replace = false) {
    const next = new URLSearchParams(params);
    update(next);
    setParams(next, { replace });
  }

  const creatorHref = (id: number, drawerTab?: DrawerTab) => {
    const next = new URLSearchParams(params);
    next.set(CREATOR_PARAM, String(id));
    if (drawerTab === undefined) next.delete(TAB_PARAM);
    else next.set(TAB_PARAM, drawerTab);
    return `?${next.toString()}`;
  };

  const openCreator = (id: number | typeof NEW_CREATOR | null) =>
    change((next) => {
      if (id === null) next.delete(CREATOR_PARAM);
      else next.set(CREATOR_PARAM, String(id));
      next.delete(TAB_PARAM);
    });

  function setFilter(next: CreatorFilter) {
    setParams(creatorFilterToParams(next, params), { replace: next.query !== filter.query });
  }

  function creatorsContent() {
    if (creators.isError) return <LoadError message={t('creators.loadFailed')} onRetry={() => void creators.refetch()} />;
    if (creators.data === undefined) return <Skeleton height={360} radius="md" />;
    if (creators.data.length === 0 && (view === 'list' || isFiltered(filter))) {
      return (
        <Card withBorder radius="md" padding="xl">
          <Center>
            <Stack align="center" gap="xs" maw={420} ta="center">
              <ThemeIcon size={44} radius="xl" variant="light" color="gray">
                <IconUsersGroup size={24} aria-hidden />
              </ThemeIcon>
              <Text fw={600}>{isFiltered(filter) ? t('creators.emptyFiltered') : t('creators.empty')}</Text>
              {isFiltered(filter) ? (
                <Button variant="light" leftSection={<IconFilterOff size={16} aria-hidden />} onClick={() => setFilter(DEFAULT_CREATOR_FILTER)}>
                  {t('creators.filters.clear')}
                </Button>
              ) : (
                <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => openCreator(NEW_CREATOR)}>
                  {t('creators.new')}
                </Button>
              )}
            </Stack>
          </Center>
        </Card>
      );
    }
    if (view === 'list') return <CreatorTable creators={creators.data} href={(id) => creatorHref(id)} />;
    return <PipelineBoard creators={creators.data} onOpen={(id) => openCreator(id)} onMove={(id, stage) => move.mutate({ id, stage })} />;
  }

  return (
    <>
      <PageHeader
        title={t('creators.title')}
        subtitle={t('creators.subtitle')}
        actions={
          <Group gap="xs">
            <Button variant="default" leftSection={<IconSettings size={16} aria-hidden />} onClick={() => setSettingsOpen(true)} data-testid="creator-settings-button">
              {t('creators.settings.button')}
            </Button>
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => openCreator(NEW_CREATOR)} data-testid="new-creator">
              {t('creators.new')}
            </Button>
          </Group>
        }
      />
      <Stack gap="lg">
        <RightsAlerts href={(id) => creatorHref(id, 'rights')} />
        <SegmentedControl
          w="fit-content"
          value={view}
          onChange={(value) => change((next) => (value === 'board' ? next.delete('view') : next.set('view', value)))}
          aria-label={t('creators.views.label')}
          data={(['board', 'list', 'campaigns'] as View[]).map((value) => ({
            value,
            label: (
              <Group gap={6} wrap="nowrap" data-testid={`view-${value}`}>
                {value === 'board' ? <IconLayoutKanban size={16} aria-hidden /> : value === 'list' ? <IconList size={16} aria-hidden /> : <IconSpeakerphone size={16} aria-hidden />}
                <span>{t(`creators.views.${value}`)}</span>
              </Group>
            ),
          }))}
        />
        {view === 'campaigns' ? (
          <CampaignsView
            creators={everyone.data ?? []}
            editing={editing}
            onEdit={(id) => change((next) => (id === null ? next.delete(EDIT_PARAM) : next.set(EDIT_PARAM, String(id))))}
          />
        ) : (
          <>
            <CreatorFilters filter={filter} campaigns={campaigns.data ?? []} onChange={setFilter} />
            {creatorsContent()}
          </>
        )}
      </Stack>
      <CreatorDrawer
        open={open}
        tab={tab}
        onTab={(next) => change((p) => p.set(TAB_PARAM, next), true)}
        onOpen={(id) => openCreator(id)}
        onClose={() => openCreator(null)}
      />
      <CreatorSettingsModal opened={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </>
  );
}
