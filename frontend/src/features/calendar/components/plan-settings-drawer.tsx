import { ActionIcon, Alert, Button, Checkbox, ColorInput, Drawer, Group, NumberInput, Select, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '@/lib/errors';
import { notifySuccess } from '@/lib/notify';
import { useUpdateCalendarSettings } from '../api/update-calendar-settings';
import {
  FORMATS,
  GOALS,
  MAX_PILLARS,
  MIN_PILLARS,
  POST_CHANNELS,
  type CadenceTarget,
  type CalendarSettings,
  type CalendarSettingsUpdate,
  type ChannelRole,
  type MixTarget,
  type Pillar,
  type PostGoal,
} from '../types';

const PALETTE = ['#1c7ed6', '#37b24d', '#f59f00', '#e03131', '#7048e8', '#0ca678', '#d6336c'];

/** A pillar key from its name: lower-case ASCII letters, digits and underscores, unique among keys. */
export function pillarKey(name: string, taken: string[]): string {
  const base =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 24) || 'pillar';
  let key = base;
  for (let n = 2; taken.includes(key); n += 1) key = `${base}_${n}`;
  return key;
}

function SaveBar({ onSave, pending, error }: { onSave: () => void; pending: boolean; error: unknown }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs">
      {error !== null && error !== undefined && (
        <Alert color="red" role="alert">
          {describeError(error, i18n).message}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button onClick={onSave} loading={pending}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

interface PillarRow {
  row: number;
  /** A pillar added here: its key is made from its name when saved. */
  fresh: boolean;
  pillar: Pillar;
}

/** The pillars to save: new ones get a key from their name. */
export function pillarsToSave(rows: PillarRow[]): Pillar[] {
  const taken = rows.filter((r) => !r.fresh).map((r) => r.pillar.key);
  return rows.map((r) => {
    if (!r.fresh) return r.pillar;
    const key = pillarKey(r.pillar.name, taken);
    taken.push(key);
    return { ...r.pillar, key };
  });
}

function PillarsEditor({ settings, save }: { settings: CalendarSettings; save: Saver }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<PillarRow[]>(() => settings.pillars.map((pillar, row) => ({ row, fresh: false, pillar })));
  const change = (row: number, patch: Partial<Pillar>) => setRows((list) => list.map((r) => (r.row === row ? { ...r, pillar: { ...r.pillar, ...patch } } : r)));
  return (
    <Stack gap="sm" data-testid="pillars-editor">
      <Text size="sm" c="dimmed">
        {t('calendar.settings.pillarsHint', { min: MIN_PILLARS, max: MAX_PILLARS })}
      </Text>
      {rows.map(({ row, pillar }, index) => (
        <Group key={row} gap="xs" align="flex-end" wrap="nowrap">
          <ColorInput
            w={130}
            label={t('calendar.settings.colour')}
            value={pillar.color}
            onChange={(color) => change(row, { color })}
            swatches={PALETTE}
            format="hex"
          />
          <TextInput style={{ flex: 1 }} label={t('calendar.settings.pillarName', { n: index + 1 })} value={pillar.name} onChange={(e) => change(row, { name: e.currentTarget.value })} />
          <TextInput
            style={{ flex: 1.4 }}
            label={t('calendar.settings.pillarDescription')}
            value={pillar.description}
            onChange={(e) => change(row, { description: e.currentTarget.value })}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={t('calendar.settings.removePillar', { name: pillar.name || String(index + 1) })}
            disabled={rows.length <= MIN_PILLARS}
            onClick={() => setRows((list) => list.filter((r) => r.row !== row))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Button
        variant="light"
        leftSection={<IconPlus size={14} />}
        disabled={rows.length >= MAX_PILLARS}
        onClick={() =>
          setRows((list) => [
            ...list,
            {
              row: Math.max(0, ...list.map((r) => r.row)) + 1,
              fresh: true,
              pillar: { key: '', name: '', color: PALETTE[list.length % PALETTE.length] ?? '#868e96', description: '' },
            },
          ])
        }
      >
        {t('calendar.settings.addPillar')}
      </Button>
      <SaveBar {...save.bar} onSave={() => save.run({ pillars: pillarsToSave(rows) }, 'calendar.settings.pillarsSaved')} />
    </Stack>
  );
}

function CadenceEditor({ settings, save }: { settings: CalendarSettings; save: Saver }) {
  const { t } = useTranslation();
  const [cadence, setCadence] = useState<CadenceTarget[]>(settings.cadence);
  const [mix, setMix] = useState<MixTarget>(settings.mix);
  const change = (index: number, patch: Partial<CadenceTarget>) => setCadence((list) => list.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  const sum = mix.core + mix.experiment + mix.high_risk;
  return (
    <Stack gap="sm" data-testid="cadence-editor">
      <Text fw={600}>{t('calendar.settings.cadenceTitle')}</Text>
      {cadence.map((target, index) => (
        <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
          <Select
            style={{ flex: 1 }}
            label={t('calendar.editor.format')}
            data={FORMATS.map((f) => ({ value: f, label: t(`calendar.format.${f}`) }))}
            value={target.format}
            onChange={(v) => v !== null && change(index, { format: v as CadenceTarget['format'] })}
            allowDeselect={false}
          />
          <Select
            style={{ flex: 1 }}
            label={t('calendar.settings.channel')}
            data={[{ value: '', label: t('calendar.settings.anyChannel') }, ...POST_CHANNELS.map((c) => ({ value: c, label: t(`platformName.${c}`) }))]}
            value={target.channel}
            onChange={(v) => change(index, { channel: v ?? '' })}
            allowDeselect={false}
          />
          <NumberInput w={120} label={t('calendar.settings.perWeek')} min={1} max={50} value={target.per_week} onChange={(v) => change(index, { per_week: typeof v === 'number' ? v : 1 })} />
          <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('calendar.settings.removeTarget', { n: index + 1 })} onClick={() => setCadence((list) => list.filter((_, i) => i !== index))}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Button variant="light" leftSection={<IconPlus size={14} />} onClick={() => setCadence((list) => [...list, { format: 'short_video', channel: '', per_week: 1 }])}>
        {t('calendar.settings.addTarget')}
      </Button>
      <Text fw={600} mt="md">
        {t('calendar.settings.mixTitle')}
      </Text>
      <Group gap="xs" align="flex-end">
        {(['core', 'experiment', 'high_risk'] as const).map((tier) => (
          <NumberInput
            key={tier}
            w={140}
            label={t(`calendar.tier.${tier}`)}
            suffix=" %"
            min={0}
            max={100}
            value={mix[tier]}
            onChange={(v) => setMix((m) => ({ ...m, [tier]: typeof v === 'number' ? v : 0 }))}
          />
        ))}
        <Text size="sm" c={sum === 100 ? 'dimmed' : 'red'} data-testid="mix-sum">
          {t('calendar.settings.mixSum', { sum })}
        </Text>
      </Group>
      <SaveBar {...save.bar} onSave={() => save.run({ cadence, mix }, 'calendar.settings.cadenceSaved')} />
    </Stack>
  );
}

function MatrixEditor({ settings, save }: { settings: CalendarSettings; save: Saver }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Record<string, ChannelRole | undefined>>(() => Object.fromEntries(settings.matrix.map((r) => [r.channel, r])));
  const change = (channel: string, patch: Partial<ChannelRole>) =>
    setRows((all) => ({ ...all, [channel]: { channel, primary: 'awareness', goals: [], role: '', ...all[channel], ...patch } }));
  return (
    <Stack gap="sm" data-testid="matrix-editor">
      <Text size="sm" c="dimmed">
        {t('calendar.settings.matrixHint')}
      </Text>
      <Table withTableBorder fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('calendar.settings.channel')}</Table.Th>
            <Table.Th>{t('calendar.settings.primary')}</Table.Th>
            {GOALS.map((goal) => (
              <Table.Th key={goal} ta="center">
                {t(`calendar.goal.${goal}`)}
              </Table.Th>
            ))}
            <Table.Th>{t('calendar.settings.role')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {POST_CHANNELS.map((channel) => {
            const row = rows[channel];
            const name = t(`platformName.${channel}`);
            return (
              <Table.Tr key={channel} data-testid={`matrix-row-${channel}`}>
                <Table.Td>{name}</Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t('calendar.settings.primaryFor', { channel: name })}
                    data={[{ value: '', label: t('calendar.settings.unused') }, ...GOALS.map((g) => ({ value: g, label: t(`calendar.goal.${g}`) }))]}
                    value={row?.primary ?? ''}
                    onChange={(v) => {
                      if (v === null || v === '') setRows((all) => ({ ...all, [channel]: undefined }));
                      else change(channel, { primary: v as PostGoal, goals: (row?.goals ?? []).filter((g) => g !== v) });
                    }}
                    allowDeselect={false}
                  />
                </Table.Td>
                {GOALS.map((goal) => (
                  <Table.Td key={goal} ta="center">
                    <Checkbox
                      aria-label={t('calendar.settings.serves', { channel: name, goal: t(`calendar.goal.${goal}`) })}
                      checked={row !== undefined && (row.primary === goal || row.goals.includes(goal))}
                      disabled={row === undefined || row.primary === goal}
                      onChange={(e) => {
                        const checked = e.currentTarget.checked;
                        change(channel, { goals: checked ? [...(row?.goals ?? []), goal] : (row?.goals ?? []).filter((g) => g !== goal) });
                      }}
                      style={{ display: 'inline-block' }}
                    />
                  </Table.Td>
                ))}
                <Table.Td>
                  <TextInput
                    aria-label={t('calendar.settings.roleFor', { channel: name })}
                    value={row?.role ?? ''}
                    disabled={row === undefined}
                    onChange={(e) => change(channel, { role: e.currentTarget.value })}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <SaveBar
        {...save.bar}
        onSave={() =>
          save.run(
            { matrix: POST_CHANNELS.map((c) => rows[c]).filter((r): r is ChannelRole => r !== undefined) },
            'calendar.settings.matrixSaved',
          )
        }
      />
    </Stack>
  );
}

function LivesEditor({ settings, save }: { settings: CalendarSettings; save: Saver }) {
  const { t } = useTranslation();
  const [hours, setHours] = useState(settings.live_announce_hours);
  const [minutes, setMinutes] = useState(settings.live_reminder_minutes);
  return (
    <Stack gap="sm" data-testid="lives-editor">
      <NumberInput label={t('calendar.live.announceHours')} min={1} max={336} value={hours} onChange={(v) => setHours(typeof v === 'number' ? v : 48)} w={260} />
      <NumberInput
        label={t('calendar.live.reminderMinutes')}
        description={t('calendar.live.reminderHint')}
        min={0}
        max={1440}
        value={minutes}
        onChange={(v) => setMinutes(typeof v === 'number' ? v : 60)}
        w={260}
      />
      <SaveBar {...save.bar} onSave={() => save.run({ live_announce_hours: hours, live_reminder_minutes: minutes }, 'calendar.settings.livesSaved')} />
    </Stack>
  );
}

interface Saver {
  run: (update: CalendarSettingsUpdate, doneKey: string) => void;
  bar: { pending: boolean; error: unknown };
}

/** Pillars, cadence targets and mix target, the channel-goal matrix and the lives' leads. */
export function PlanSettingsDrawer({ opened, settings, onClose }: { opened: boolean; settings: CalendarSettings; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateCalendarSettings();
  const [tab, setTab] = useState<string | null>('pillars');
  const save: Saver = {
    run: (change, doneKey) => update.mutate(change, { onSuccess: () => notifySuccess(t(doneKey)) }),
    bar: { pending: update.isPending, error: update.error },
  };
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="min(900px, 100%)" title={<Text fw={650} size="lg">{t('calendar.settings.title')}</Text>}
      closeButtonProps={{ 'aria-label': t('common.close') }} padding="lg">
      <Tabs value={tab} onChange={(value) => { setTab(value); update.reset(); }} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="pillars">{t('calendar.settings.pillars')}</Tabs.Tab>
          <Tabs.Tab value="cadence">{t('calendar.settings.cadence')}</Tabs.Tab>
          <Tabs.Tab value="matrix">{t('calendar.settings.matrix')}</Tabs.Tab>
          <Tabs.Tab value="lives">{t('calendar.settings.lives')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="pillars">
          <PillarsEditor settings={settings} save={save} />
        </Tabs.Panel>
        <Tabs.Panel value="cadence">
          <CadenceEditor settings={settings} save={save} />
        </Tabs.Panel>
        <Tabs.Panel value="matrix">
          <MatrixEditor settings={settings} save={save} />
        </Tabs.Panel>
        <Tabs.Panel value="lives">
          <LivesEditor settings={settings} save={save} />
        </Tabs.Panel>
      </Tabs>
    </Drawer>
  );
}
