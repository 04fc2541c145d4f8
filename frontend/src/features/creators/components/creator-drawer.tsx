import { Button, Drawer, Group, Menu, Modal, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { IconArrowsExchange, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '@/components/load-error';
import { notifySuccess } from '@/lib/notify';
import { useCreateCreator } from '../api/create-creator';
import { useDeleteCreator } from '../api/delete-creator';
import { useCreator } from '../api/get-creator';
import { useMoveCreator } from '../api/move-creator';
import { useUpdateCreator } from '../api/update-creator';
import { NEW_CREATOR } from '../filters';
import { STAGES, type CreatorDetail } from '../types';
import { FitBadge, RightsStatusBadge, StageBadge } from './badges';
import { CodesPanel } from './codes-panel';
import { CreatorCampaigns } from './creator-campaigns';
import { CreatorForm } from './creator-form';
import { FitScore } from './fit-score';
import { PerformancePanel } from './performance-panel';
import { RightsPanel } from './rights-panel';
import { UtmBuilder } from './utm-builder';

export const DRAWER_TABS = ['profile', 'codes', 'rights', 'campaigns', 'performance'] as const;
export type DrawerTab = (typeof DRAWER_TABS)[number];

function NewCreator({ onCreated }: { onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const create = useCreateCreator();
  return (
    <CreatorForm
      creator={null}
      pending={create.isPending}
      error={create.error}
      onSubmit={(profile) =>
        create.mutate(profile, {
          onSuccess: (creator) => {
            notifySuccess(t('creators.form.created', { name: creator.name }));
            onCreated(creator.id);
          },
        })
      }
    />
  );
}

function CreatorTabs({ detail, tab, onTab, onClose }: { detail: CreatorDetail; tab: DrawerTab; onTab: (tab: DrawerTab) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateCreator();
  const move = useMoveCreator();
  const remove = useDeleteCreator();
  const [confirming, setConfirming] = useState(false);
  const c = detail.creator;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          <StageBadge stage={c.stage} />
          <FitBadge score={c.fit.score} />
          <RightsStatusBadge status={c.rights_status} />
        </Group>
        <Group gap="xs">
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="default" size="xs" leftSection={<IconArrowsExchange size={14} aria-hidden />} data-testid="drawer-move">
                {t('creators.board.moveTo')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {STAGES.filter((s) => s !== c.stage).map((stage) => (
                <Menu.Item key={stage} onClick={() => move.mutate({ id: c.id, stage })}>
                  {t(`creators.stage.${stage}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          <Button variant="subtle" color="red" size="xs" leftSection={<IconTrash size={14} aria-hidden />} onClick={() => setConfirming(true)}>
            {t('creators.delete.button')}
          </Button>
        </Group>
      </Group>
      <Tabs value={tab} onChange={(value) => onTab((value as DrawerTab | null) ?? 'profile')} keepMounted={false}>
        <Tabs.List>
          {DRAWER_TABS.map((each) => (
            <Tabs.Tab key={each} value={each} data-testid={`creator-tab-${each}`}>
              {t(`creators.tabs.${each}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="profile" pt="md">
          <Stack gap="lg">
            <FitScore fit={c.fit} />
            <CreatorForm
              key={c.updated_at}
              creator={c}
              pending={update.isPending}
              error={update.error}
              onSubmit={(profile) => update.mutate({ id: c.id, profile }, { onSuccess: () => notifySuccess(t('creators.form.saved', { name: profile.name })) })}
            />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="codes" pt="md">
          <Stack gap="md">
            <CodesPanel creatorId={c.id} codes={detail.codes} campaigns={detail.campaigns} />
            <UtmBuilder creatorId={c.id} links={detail.links} campaigns={detail.campaigns} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="rights" pt="md">
          <RightsPanel creatorId={c.id} rights={detail.rights} campaigns={detail.campaigns} />
        </Tabs.Panel>
        <Tabs.Panel value="campaigns" pt="md">
          <CreatorCampaigns campaigns={detail.campaigns} />
        </Tabs.Panel>
        <Tabs.Panel value="performance" pt="md">
          <PerformancePanel creatorId={c.id} codes={detail.codes} campaigns={detail.campaigns} />
        </Tabs.Panel>
      </Tabs>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('creators.delete.title', { name: c.name })} centered size="sm" zIndex={400}>
        <Stack gap="md">
          <Text size="sm">{t('creators.delete.message')}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(c.id, {
                  onSuccess: () => {
                    setConfirming(false);
                    notifySuccess(t('creators.delete.done', { name: c.name }));
                    onClose();
                  },
                })
              }
            >
              {t('creators.delete.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

export interface CreatorDrawerProps {
  /** The creator shown: an id, NEW_CREATOR, or null when closed. */
  open: number | typeof NEW_CREATOR | null;
  tab: DrawerTab;
  onTab: (tab: DrawerTab) => void;
  onOpen: (id: number) => void;
  onClose: () => void;
}

/** A creator in a drawer from the right: profile, codes & links, rights, campaigns, performance. */
export function CreatorDrawer({ open, tab, onTab, onOpen, onClose }: CreatorDrawerProps) {
  const { t } = useTranslation();
  const isNew = open === NEW_CREATOR;
  const creator = useCreator(typeof open === 'number' ? open : null);

  function content() {
    if (open === null) return null;
    if (isNew) return <NewCreator onCreated={onOpen} />;
    if (creator.isError) return <LoadError message={t('creators.loadOneFailed')} onRetry={() => void creator.refetch()} />;
    if (creator.data === undefined) return <Skeleton height={420} radius="md" />;
    return <CreatorTabs detail={creator.data} tab={tab} onTab={onTab} onClose={onClose} />;
  }

  const title = isNew ? t('creators.form.newTitle') : (creator.data?.creator.name ?? t('creators.title'));
  return (
    <Drawer
      opened={open !== null}
      onClose={onClose}
      position="right"
      size="min(920px, 100%)"
      title={
        <Text fw={650} size="lg" data-testid="creator-drawer-title">
          {title}
        </Text>
      }
      closeButtonProps={{ 'aria-label': t('common.close') }}
      padding="lg"
    >
      {content()}
    </Drawer>
  );
}
