import { ActionIcon, Alert, Button, Group, Modal, NumberInput, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, toApiError } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { useCreateFilming } from '../api/create-filming';
import { FORMATS, type CalendarSettings, type FilmingDraft } from '../types';
import { ChannelChips } from './channel-chips';

export interface FilmingDialogProps {
  opened: boolean;
  settings: CalendarSettings;
  initialLocal: string;
  onClose: () => void;
}

const blankDraft = (): FilmingDraft => ({ title: '', format: 'short_video', pillar: '', channels: [], goal: '', tier: '', local: '' });

/** Plans a batch-filming session: the guide's "two weeks of short content in one day", drafts at once. */
export function FilmingDialog({ opened, settings, initialLocal, onClose }: FilmingDialogProps) {
  const { t, i18n } = useTranslation();
  const create = useCreateFilming();
  const [title, setTitle] = useState('');
  const [local, setLocal] = useState(initialLocal);
  const [duration, setDuration] = useState(240);
  const [location, setLocation] = useState('');
  const [notes, setNotes] = useState('');
  const [drafts, setDrafts] = useState<FilmingDraft[]>([blankDraft(), blankDraft()]);
  const error = create.error === null ? null : toApiError(create.error);

  const change = (index: number, patch: Partial<FilmingDraft>) => setDrafts((list) => list.map((d, i) => (i === index ? { ...d, ...patch } : d)));
  const filled = drafts.filter((d) => d.title.trim() !== '');

  function submit(force: boolean) {
    create.mutate(
      { title, local, time_zone: settings.time_zone, duration_minutes: duration, location, notes, drafts: filled, force },
      {
        onSuccess: (session) => {
          notifySuccess(t('calendar.filming.created', { title: session.title, count: session.post_ids.length }));
          create.reset();
          setTitle('');
          setDrafts([blankDraft(), blankDraft()]);
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('calendar.filming.title')} size="xl" centered>
      <Stack gap="md" data-testid="filming-dialog">
        <Text size="sm" c="dimmed">
          {t('calendar.filming.hint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('calendar.filming.name')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required data-autofocus />
          <TextInput label={t('calendar.filming.location')} value={location} onChange={(e) => setLocation(e.currentTarget.value)} />
          <TextInput
            type="datetime-local"
            label={t('calendar.filming.when')}
            value={local}
            onChange={(e) => setLocal(e.currentTarget.value.slice(0, 16))}
            required
          />
          <NumberInput label={t('calendar.filming.duration')} min={1} max={1440} value={duration} onChange={(v) => setDuration(typeof v === 'number' ? v : 240)} />
        </SimpleGrid>
        <Textarea label={t('calendar.filming.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} />
        <Text fw={600} size="sm">
          {t('calendar.filming.drafts', { count: filled.length })}
        </Text>
        {drafts.map((draft, index) => (
          <Paper key={index} withBorder p="sm" radius="sm" data-testid={`filming-draft-${index}`}>
            <Stack gap="xs">
              <Group gap="xs" align="flex-end" wrap="nowrap">
                <TextInput
                  style={{ flex: 1 }}
                  label={t('calendar.filming.draftTitle', { n: index + 1 })}
                  value={draft.title}
                  onChange={(e) => change(index, { title: e.currentTarget.value })}
                />
                <Select
                  w={170}
                  label={t('calendar.editor.format')}
                  data={FORMATS.map((f) => ({ value: f, label: t(`calendar.format.${f}`) }))}
                  value={draft.format || 'short_video'}
                  onChange={(v) => change(index, { format: (v ?? 'short_video') as FilmingDraft['format'] })}
                  allowDeselect={false}
                />
                <Select
                  w={170}
                  label={t('calendar.editor.pillar')}
                  data={[{ value: '', label: t('calendar.editor.noPillar') }, ...settings.pillars.map((p) => ({ value: p.key, label: p.name }))]}
                  value={draft.pillar}
                  onChange={(v) => change(index, { pillar: v ?? '' })}
                  allowDeselect={false}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={t('calendar.filming.removeDraft', { n: index + 1 })}
                  onClick={() => setDrafts((list) => list.filter((_, i) => i !== index))}
                  disabled={drafts.length === 1}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
              <Group gap="md" align="flex-end">
                <ChannelChips label={t('calendar.editor.channels')} value={draft.channels} onChange={(channels) => change(index, { channels })} />
                <TextInput
                  type="datetime-local"
                  label={t('calendar.filming.draftWhen')}
                  value={draft.local}
                  onChange={(e) => change(index, { local: e.currentTarget.value.slice(0, 16) })}
                />
              </Group>
            </Stack>
          </Paper>
        ))}
        <Button variant="light" leftSection={<IconPlus size={14} />} onClick={() => setDrafts((list) => [...list, blankDraft()])} disabled={drafts.length >= 30}>
          {t('calendar.filming.addDraft')}
        </Button>
        {error !== null && (
          <Alert color={error.key === 'post_time_conflict' ? 'orange' : 'red'} role="alert">
            {describeError(error, i18n).message}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          {error?.key === 'post_time_conflict' && (
            <Button variant="light" onClick={() => submit(true)} loading={create.isPending}>
              {t('calendar.conflict.keepBoth')}
            </Button>
          )}
          <Button onClick={() => submit(false)} loading={create.isPending} disabled={title.trim() === '' || local === '' || filled.length === 0}>
            {t('calendar.filming.create', { count: filled.length })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
