import { Alert, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, fieldMessage, toApiError } from '@/lib/errors';
import { useFormat } from '@/lib/format-context';
import { notifySuccess } from '@/lib/notify';
import { useCreateLive } from '../api/create-live';
import { addMinutes, calendarDate } from '../time';
import type { CalendarSettings, LiveInput } from '../types';
import { ChannelChips } from './channel-chips';

export interface LiveDialogProps {
  opened: boolean;
  settings: CalendarSettings;
  /** The wall-clock time the dialog starts at. */
  initialLocal: string;
  onClose: () => void;
}

/** A wall-clock time in the user's locale ("Dec 16, 2026, 7:00 PM"), without converting it. */
function showWall(wall: string, locale: string): string {
  const date = calendarDate(wall);
  if (Number.isNaN(date.getTime())) return wall.replace('T', ' ');
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date);
}

/** Plans a live: the live itself, its announcement (48 h ahead by default) and its reminder. */
export function LiveDialog({ opened, settings, initialLocal, onClose }: LiveDialogProps) {
  const { t, i18n } = useTranslation();
  const { locale } = useFormat();
  const create = useCreateLive();
  const [title, setTitle] = useState('');
  const [local, setLocal] = useState(initialLocal);
  const [duration, setDuration] = useState(60);
  const [channels, setChannels] = useState<string[]>([]);
  const [pillar, setPillar] = useState('');
  const [announce, setAnnounce] = useState(settings.live_announce_hours);
  const [reminder, setReminder] = useState(settings.live_reminder_minutes);
  const [notes, setNotes] = useState('');
  const error = create.error === null ? null : toApiError(create.error);
  const conflict = error?.key === 'post_time_conflict';

  function submit(force: boolean) {
    const input: LiveInput = {
      title,
      local,
      time_zone: settings.time_zone,
      duration_minutes: duration,
      channels,
      pillar,
      goal: '',
      tier: '',
      announce_hours: announce,
      reminder_minutes: reminder,
      announce_format: '',
      notes,
      force,
    };
    create.mutate(input, {
      onSuccess: () => {
        notifySuccess(t('calendar.live.created', { title, date: showWall(addMinutes(local, -announce * 60), locale) }));
        create.reset();
        setTitle('');
        setNotes('');
        onClose();
      },
    });
  }

  const valid = title.trim() !== '' && local !== '' && channels.length > 0;
  return (
    <Modal opened={opened} onClose={onClose} title={t('calendar.live.title')} size="lg" centered>
      <Stack gap="md" data-testid="live-dialog">
        <TextInput
          label={t('calendar.live.name')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          required
          data-autofocus
          error={fieldMessage(create.error, i18n, (key) => key === 'session_title_required')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="datetime-local"
            label={t('calendar.live.when')}
            description={t('calendar.live.whenHint', { zone: settings.time_zone })}
            value={local}
            onChange={(e) => setLocal(e.currentTarget.value.slice(0, 16))}
            required
            error={fieldMessage(create.error, i18n, (key) => key === 'post_time_gap' || key === 'post_local_invalid' || key === 'session_time_required')}
          />
          <NumberInput label={t('calendar.live.duration')} min={1} max={1440} value={duration} onChange={(v) => setDuration(typeof v === 'number' ? v : 60)} />
        </SimpleGrid>
        <ChannelChips
          label={t('calendar.live.channels')}
          value={channels}
          onChange={setChannels}
          error={fieldMessage(create.error, i18n, (key) => key === 'session_channels_required')}
        />
        <Select
          label={t('calendar.editor.pillar')}
          data={[{ value: '', label: t('calendar.editor.noPillar') }, ...settings.pillars.map((p) => ({ value: p.key, label: p.name }))]}
          value={pillar}
          onChange={(v) => setPillar(v ?? '')}
          allowDeselect={false}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('calendar.live.announceHours')}
            min={1}
            max={336}
            value={announce}
            onChange={(v) => setAnnounce(typeof v === 'number' ? v : settings.live_announce_hours)}
          />
          <NumberInput
            label={t('calendar.live.reminderMinutes')}
            description={t('calendar.live.reminderHint')}
            min={0}
            max={1440}
            value={reminder}
            onChange={(v) => setReminder(typeof v === 'number' ? v : settings.live_reminder_minutes)}
          />
        </SimpleGrid>
        {local !== '' && (
          <Text size="sm" c="dimmed" data-testid="live-preview">
            {t('calendar.live.preview', { announcement: showWall(addMinutes(local, -announce * 60), locale), hours: announce })}
            {reminder > 0 && ` ${t('calendar.live.previewReminder', { reminder: showWall(addMinutes(local, -reminder), locale) })}`}
          </Text>
        )}
        <Textarea label={t('calendar.live.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} />
        {error !== null && error.key !== 'session_title_required' && error.key !== 'session_channels_required' && error.key !== 'post_time_gap' && (
          <Alert color={conflict ? 'orange' : 'red'} role="alert">
            {describeError(error, i18n).message}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          {conflict && (
            <Button variant="light" onClick={() => submit(true)} loading={create.isPending}>
              {t('calendar.conflict.keepBoth')}
            </Button>
          )}
          <Button onClick={() => submit(false)} loading={create.isPending} disabled={!valid}>
            {t('calendar.live.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
