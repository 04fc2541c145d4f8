import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlus, IconScale } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeleteRights } from '../api/delete-rights';
import type { CampaignSummary, Rights } from '../types';
import { RightsCheck } from './rights-check';
import { RightsChecklist } from './rights-checklist';
import { RightsForm } from './rights-form';

/** The creator's usage-rights checklists, the form to add or edit one, and a check of a planned use. */
export function RightsPanel({ creatorId, rights, campaigns }: { creatorId: number; rights: Rights[]; campaigns: CampaignSummary[] }) {
  const { t } = useTranslation();
  const remove = useDeleteRights();
  /** The record being edited: an id, 0 for a new one, null when none. */
  const [editing, setEditing] = useState<number | null>(null);

  return (
    <Stack gap="md" data-testid="rights-panel">
      <Group justify="space-between">
        <Group gap="xs">
          <IconScale size={18} aria-hidden />
          <Title order={3} size="h5">
            {t('creators.rights.title')}
          </Title>
        </Group>
        {editing === null && (
          <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing(0)} data-testid="add-rights">
            {t('creators.rights.add')}
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {t('creators.rights.hint')}
      </Text>
      {editing === 0 && (
        <Card withBorder radius="md" padding="md">
          <RightsForm creatorId={creatorId} rights={null} campaigns={campaigns} onDone={() => setEditing(null)} />
        </Card>
      )}
      {rights.length === 0 && editing === null && (
        <Text size="sm" c="dimmed">
          {t('creators.rights.empty')}
        </Text>
      )}
      {rights.map((r) =>
        editing === r.id ? (
          <Card key={r.id} withBorder radius="md" padding="md">
            <RightsForm creatorId={creatorId} rights={r} campaigns={campaigns} onDone={() => setEditing(null)} />
          </Card>
        ) : (
          <RightsChecklist key={r.id} rights={r} campaigns={campaigns} onEdit={() => setEditing(r.id)} onDelete={() => remove.mutate(r.id)} />
        ),
      )}
      <Card withBorder radius="md" padding="md">
        <RightsCheck creatorId={creatorId} />
      </Card>
    </Stack>
  );
}
