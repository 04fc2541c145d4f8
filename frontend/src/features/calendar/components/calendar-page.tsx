import { Box, Button, Grid, Group, Menu, Modal, MultiSelect, Skeleton, Stack, Text } from '@mantine/core';
import { IconBroadcast, IconCalendarPlus, IconDownload, IconMovie, IconSettings, IconUpload } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadError } from '@/components/load-error';
import { PageHeader } from '@/components/page-header';
import { describeError, toApiError } from '@/lib/errors';
import { notifyError, notifySuccess } from '@/lib/notify';
import { useExportCalendar, type ExportFormat } from '../api/export-calendar';
import { useCalendarSettings } from '../api/get-calendar-settings';
import { useBacklog, usePosts } from '../api/list-posts';
import { useSessions } from '../api/list-sessions';
import { useReschedulePost } from '../api/reschedule-post';
import { downloadText } from '../download';
import { emptyDraft } from '../draft';
import { dayOf, monthOf, queryRange, wallTime } from '../time';
import { POST_CHANNELS, STATUSES, type PostFilter, type PostStatus } from '../types';
import { CadencePanel } from './cadence-panel';
import { FilmingDialog } from './filming-dialog';
import { IdeasBacklog } from './ideas-backlog';
import { ImportDialog } from './import-dialog';
import { LiveDialog } from './live-dialog';
import { MixGauge } from './mix-gauge';
import { PlanSettingsDrawer } from './plan-settings-drawer';
import { CALENDAR_VIEWS, PostCalendar, type CalendarView, type VisibleRange } from './post-calendar';
import { PostEditorDrawer, type Editing } from './post-editor-drawer';
import { RemindersPanel } from './reminders-panel';

const REMINDER_STATUSES: PostStatus[] = ['due', 'missed', 'failed'];

/** A move that clashed with another post, waiting for the user to keep both or not. */
interface PendingMove {
  id: number;
  local: string;
  message: string;
}

/**
 * The content calendar: month, week and list views with drag and drop, the ideas backlog, the
 * posts waiting for a person, the week's cadence, the month's mix, and the plan's settings.
 */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const settings = useCalendarSettings();
  const zone = settings.data?.time_zone ?? 'UTC';
  const [range, setRange] = useState<VisibleRange | null>(null);
  const [newDraft, setNewDraft] = useState<Editing>(null);
  const [dialog, setDialog] = useState<'live' | 'filming' | 'import' | 'settings' | null>(null);
  const [pending, setPending] = useState<PendingMove | null>(null);
  const reschedule = useReschedulePost();
  const exporter = useExportCalendar();

  const view = (CALENDAR_VIEWS as string[]).includes(params.get('view') ?? '') ? (params.get('view') as CalendarView) : 'dayGridMonth';
  const filter: Required<Pick<PostFilter, 'pillars' | 'channels' | 'statuses'>> = useMemo(
    () => ({
      pillars: params.getAll('pillar'),
      channels: params.getAll('channel'),
      statuses: params.getAll('status').filter((s): s is PostStatus => (STATUSES as readonly string[]).includes(s)),
    }),
    [params],
  );
  const span = range === null ? null : queryRange(range.start, range.end);
  const posts = usePosts({ ...filter, from: span?.from, to: span?.to }, span !== null);
  const backlog = useBacklog(filter);
  const reminders = usePosts({ statuses: REMINDER_STATUSES });
  const sessions = useSessions(span?.from ?? '', span?.to ?? '');

  const postParam = params.get('post');
  const editing: Editing = postParam !== null && /^\d+$/.test(postParam) ? { id: Number(postParam) } : newDraft;
  const today = dayOf(wallTime(new Date(), zone));
  const current = range?.current ?? today;
  const cadenceDay = view === 'timeGridWeek' || monthOf(today) !== monthOf(current) ? current : today;

  function setParam(name: string, values: string[]) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete(name);
        for (const value of values) next.append(name, value);
        return next;
      },
      { replace: true },
    );
  }

  const openPost = (id: number) => {
    setNewDraft(null);
    setParam('post', [String(id)]);
  };
  const closeEditor = () => {
    setNewDraft(null);
    setParam('post', []);
  };
  const newPost = (local = '') => {
    setParam('post', []);
    setNewDraft({ draft: emptyDraft(zone, local) });
  };

  /** Reschedules a post dragged or dropped at local; a clash with another post asks first. */
  async function move(id: number, local: string, force = false): Promise<boolean> {
    try {
      await reschedule.mutateAsync({ id, reschedule: { local, time_zone: zone, force } });
      return true;
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.key === 'post_time_conflict') setPending({ id, local, message: describeError(apiError, i18n).message });
      else notifyError(apiError);
      return false;
    }
  }

  function exportAs(format: ExportFormat) {
    exporter.mutate(
      { format, filter },
      {
        onSuccess: (text) => {
          if (format === 'ics') downloadText(text, 'tend-calendar.ics', 'text/calendar;charset=utf-8');
          else downloadText(text, 'tend-calendar.csv', 'text/csv;charset=utf-8');
          notifySuccess(t('calendar.export.done'));
        },
      },
    );
  }

  if (settings.isError) return <LoadError message={t('calendar.loadFailed')} onRetry={() => void settings.refetch()} />;
  const pillars = settings.data?.pillars ?? [];
  const filtered = filter.pillars.length + filter.channels.length + filter.statuses.length > 0;

  return (
    <Box data-testid="calendar-page">
      <PageHeader
        title={t('calendar.title')}
        subtitle={t('calendar.subtitle')}
        actions={
          <Group gap="xs">
            <Button leftSection={<IconCalendarPlus size={16} />} onClick={() => newPost()}>
              {t('calendar.actions.newPost')}
            </Button>
            <Button variant="light" leftSection={<IconBroadcast size={16} />} onClick={() => setDialog('live')} disabled={settings.data === undefined}>
              {t('calendar.actions.newLive')}
            </Button>
            <Button variant="light" leftSection={<IconMovie size={16} />} onClick={() => setDialog('filming')} disabled={settings.data === undefined}>
              {t('calendar.actions.newFilming')}
            </Button>
            <Button variant="default" leftSection={<IconUpload size={16} />} onClick={() => setDialog('import')}>
              {t('calendar.actions.import')}
            </Button>
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="default" leftSection={<IconDownload size={16} />} loading={exporter.isPending}>
                  {t('calendar.actions.export')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => exportAs('ics')}>{t('calendar.export.ics')}</Menu.Item>
                <Menu.Item onClick={() => exportAs('csv')}>{t('calendar.export.csv')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Button variant="default" leftSection={<IconSettings size={16} />} onClick={() => setDialog('settings')} disabled={settings.data === undefined}>
              {t('calendar.actions.settings')}
            </Button>
          </Group>
        }
      />

      <Group gap="sm" mb="md" align="flex-end" data-testid="calendar-filters">
        <MultiSelect
          w={220}
          label={t('calendar.filters.pillars')}
          placeholder={filter.pillars.length === 0 ? t('calendar.filters.all') : undefined}
          data={pillars.map((p) => ({ value: p.key, label: p.name }))}
          value={filter.pillars}
          onChange={(values) => setParam('pillar', values)}
          renderOption={({ option }) => (
            <Group gap={6}>
              <span aria-hidden style={{ width: 10, height: 10, borderRadius: 5, background: pillars.find((p) => p.key === option.value)?.color }} />
              {option.label}
            </Group>
          )}
          clearable
        />
        <MultiSelect
          w={220}
          label={t('calendar.filters.channels')}
          placeholder={filter.channels.length === 0 ? t('calendar.filters.all') : undefined}
          data={POST_CHANNELS.map((c) => ({ value: c, label: t(`platformName.${c}`) }))}
          value={filter.channels}
          onChange={(values) => setParam('channel', values)}
          clearable
        />
        <MultiSelect
          w={220}
          label={t('calendar.filters.statuses')}
          placeholder={filter.statuses.length === 0 ? t('calendar.filters.all') : undefined}
          data={STATUSES.map((s) => ({ value: s, label: t(`calendar.status.${s}`) }))}
          value={filter.statuses}
          onChange={(values) => setParam('status', values)}
          clearable
        />
        {filtered && (
          <Button
            variant="subtle"
            onClick={() =>
              setParams(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  for (const name of ['pillar', 'channel', 'status']) next.delete(name);
                  return next;
                },
                { replace: true },
              )
            }
          >
            {t('calendar.filters.clear')}
          </Button>
        )}
        <Group gap="sm" ml="auto" data-testid="pillar-legend" aria-label={t('calendar.filters.legend')}>
          {pillars.map((p) => (
            <Group key={p.key} gap={4} wrap="nowrap">
              <span aria-hidden style={{ width: 10, height: 10, borderRadius: 5, background: p.color }} />
              <Text size="xs">{p.name}</Text>
            </Group>
          ))}
        </Group>
      </Group>

      <Box mb="md">
        <RemindersPanel posts={reminders.data ?? []} onOpen={openPost} />
      </Box>
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, lg: 8, xl: 9 }}>
          {settings.data === undefined ? (
            <Skeleton height={600} radius="md" />
          ) : (
            <PostCalendar
              posts={posts.data ?? []}
              sessions={sessions.data ?? []}
              pillars={pillars}
              zone={zone}
              view={view}
              onViewChange={(v) => setParam('view', v === 'dayGridMonth' ? [] : [v])}
              onRangeChange={(next) =>
                setRange((prev) =>
                  prev !== null && prev.start.getTime() === next.start.getTime() && prev.end.getTime() === next.end.getTime() && prev.current === next.current
                    ? prev
                    : next,
                )
              }
              onOpenPost={openPost}
              onNewPost={newPost}
              onMove={(id, local) => move(id, local)}
              onDropIdea={(id, local) => void move(id, local)}
            />
          )}
          {posts.isError && <LoadError message={t('calendar.loadFailed')} onRetry={() => void posts.refetch()} />}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4, xl: 3 }}>
          <Stack gap="md">
            <IdeasBacklog posts={backlog.data ?? []} pillars={pillars} onOpen={openPost} onNewIdea={() => newPost()} />
            <CadencePanel day={cadenceDay} />
            <MixGauge month={monthOf(current)} />
          </Stack>
        </Grid.Col>
      </Grid>

      <PostEditorDrawer editing={editing} pillars={pillars} onOpen={openPost} onClose={closeEditor} />
      {settings.data !== undefined && dialog === 'live' && (
        <LiveDialog opened settings={settings.data} initialLocal={`${dayOf(current)}T19:00`} onClose={() => setDialog(null)} />
      )}
      {settings.data !== undefined && dialog === 'filming' && (
        <FilmingDialog opened settings={settings.data} initialLocal={`${dayOf(current)}T09:30`} onClose={() => setDialog(null)} />
      )}
      <ImportDialog opened={dialog === 'import'} onClose={() => setDialog(null)} />
      {settings.data !== undefined && dialog === 'settings' && <PlanSettingsDrawer opened settings={settings.data} onClose={() => setDialog(null)} />}

      <Modal opened={pending !== null} onClose={() => setPending(null)} title={t('calendar.conflict.title')} centered size="sm">
        <Stack gap="md">
          <Text size="sm">{pending?.message}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setPending(null)} data-autofocus>
              {t('calendar.conflict.cancelMove')}
            </Button>
            <Button
              onClick={() => {
                if (pending !== null) void move(pending.id, pending.local, true);
                setPending(null);
              }}
            >
              {t('calendar.conflict.keepBoth')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Box>
  );
}
