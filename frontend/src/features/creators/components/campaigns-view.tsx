import { ActionIcon, Badge, Button, Card, Checkbox, Group, Modal, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '@/components/load-error';
import { useFormat } from '@/lib/format-context';
import { useDeleteCampaign } from '../api/delete-campaign';
import { useCampaigns } from '../api/list-campaigns';
import { useSetDeliverableDone } from '../api/set-deliverable-done';
import { formatDay } from '../links';
import type { Campaign, Creator } from '../types';
import { CampaignEditor, EMPTY_CAMPAIGN } from './campaign-editor';

function CampaignCard({ campaign, creators, onEdit }: { campaign: Campaign; creators: Creator[]; onEdit: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const tick = useSetDeliverableDone();
  const remove = useDeleteCampaign();
  const name = (id: number | null | undefined) => creators.find((c) => c.id === id)?.name ?? '';
  const done = campaign.deliverables.filter((d) => d.done).length;
  return (
    <Card withBorder radius="md" padding="md" data-testid={`campaign-card-${campaign.id}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2}>
            <Title order={3} size="h5">
              {campaign.name}
            </Title>
            <Text size="xs" c="dimmed">
              {t('creators.rights.period', { start: formatDay(campaign.start_date, format.locale) || '…', end: formatDay(campaign.end_date, format.locale) || '…' })}
              {campaign.discount_percent > 0 ? ` · ${t('creators.codes.discount', { percent: campaign.discount_percent })}` : ''}
            </Text>
          </Stack>
          <Group gap={4} wrap="nowrap">
            <ActionIcon variant="subtle" color="gray" onClick={onEdit} aria-label={t('creators.campaigns.edit', { name: campaign.name })}>
              <IconPencil size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon variant="subtle" color="gray" onClick={() => remove.mutate(campaign.id)} aria-label={t('creators.campaigns.delete', { name: campaign.name })}>
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>
        {campaign.brief !== '' && (
          <Text size="sm" lineClamp={3}>
            {campaign.brief}
          </Text>
        )}
        {campaign.compensation !== '' && (
          <Text size="xs" c="dimmed">
            {t('creators.campaigns.compensationShort', { terms: campaign.compensation })}
          </Text>
        )}
        <Group gap={4}>
          {campaign.creator_ids.map((id) => (
            <Badge key={id} variant="light" size="sm" tt="none">
              {name(id)}
            </Badge>
          ))}
        </Group>
        {campaign.deliverables.length > 0 && (
          <Stack gap={4}>
            <Text size="xs" fw={600} c="dimmed">
              {t('creators.campaigns.deliverablesDone', { done, total: campaign.deliverables.length })}
            </Text>
            {campaign.deliverables.map((d) => (
              <Checkbox
                key={d.id}
                size="xs"
                checked={d.done}
                onChange={(e) => tick.mutate({ campaignId: campaign.id, deliverableId: d.id, done: e.currentTarget.checked })}
                label={
                  <Text span size="sm" td={d.done ? 'line-through' : undefined}>
                    {d.title}
                    <Text span size="xs" c="dimmed">
                      {d.creator_id != null ? ` · ${name(d.creator_id)}` : ''}
                      {d.due_date !== '' ? ` · ${t('creators.campaigns.due', { date: formatDay(d.due_date, format.locale) })}` : ''}
                    </Text>
                  </Text>
                }
                data-testid="deliverable"
              />
            ))}
          </Stack>
        )}
        {campaign.post_ids.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('creators.performance.posts', { posts: campaign.post_ids.map((id) => `#${id}`).join(', ') })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** Every campaign with its brief, creators and deliverables, and the editor in a dialog. */
export function CampaignsView({ creators, editing, onEdit }: { creators: Creator[]; editing: number | 'new' | null; onEdit: (id: number | 'new' | null) => void }) {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  const list = campaigns.data ?? [];
  const current = editing === 'new' ? EMPTY_CAMPAIGN : list.find((c) => c.id === editing);

  function content() {
    if (campaigns.isError) return <LoadError message={t('creators.campaigns.loadFailed')} onRetry={() => void campaigns.refetch()} />;
    if (campaigns.data === undefined) return <Skeleton height={240} radius="md" />;
    if (list.length === 0) {
      return (
        <Text c="dimmed" size="sm">
          {t('creators.campaigns.empty')}
        </Text>
      );
    }
    return (
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {list.map((c) => (
          <CampaignCard key={c.id} campaign={c} creators={creators} onEdit={() => onEdit(c.id)} />
        ))}
      </SimpleGrid>
    );
  }

  return (
    <Stack gap="md" data-testid="campaigns-view">
      <Group justify="flex-end">
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => onEdit('new')} data-testid="new-campaign">
          {t('creators.campaigns.new')}
        </Button>
      </Group>
      {content()}
      <Modal
        opened={current !== undefined}
        onClose={() => onEdit(null)}
        title={editing === 'new' ? t('creators.campaigns.new') : (current?.name ?? '')}
        size="xl"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {current !== undefined && <CampaignEditor key={String(editing)} campaign={current} creators={creators} onDone={() => onEdit(null)} />}
      </Modal>
    </Stack>
  );
}
