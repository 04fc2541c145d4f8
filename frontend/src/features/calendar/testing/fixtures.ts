import { BackendRejection } from '@/testing/fake-desktop';
import type { CreatorOption } from '../api/list-creator-options';
import type { PublishAccount } from '../api/list-publish-accounts';
import type { CadenceReport, CalendarPost, CalendarSettings, MixReport, PostFilter, PostInput, PostUpdate, Reschedule, RightsVerdict } from '../types';

export function settingsFixture(overrides: Partial<CalendarSettings> = {}): CalendarSettings {
  return {
    pillars: [
      { key: 'education', name: 'Savoir-faire', color: '#1c7ed6', description: '' },
      { key: 'stories', name: 'Histoires clients', color: '#37b24d', description: '' },
      { key: 'promotions', name: 'Offres', color: '#e03131', description: '' },
    ],
    cadence: [
      { format: 'short_video', channel: '', per_week: 3 },
      { format: 'dm_touchpoint', channel: 'whatsapp', per_week: 1 },
    ],
    mix: { core: 70, experiment: 20, high_risk: 10 },
    matrix: [{ channel: 'instagram', primary: 'awareness', goals: ['community'], role: 'Discovery' }],
    live_announce_hours: 48,
    live_reminder_minutes: 60,
    time_zone: 'Europe/Paris',
    ...overrides,
  };
}

/** A post as the backend sends it, with overrides. */
export function postFixture(overrides: Partial<CalendarPost> = {}): CalendarPost {
  return {
    id: 1,
    uid: 'tend-00000000000000000000000000000001@tend',
    title: 'Tuto : premier allumage',
    caption: 'La première combustion décide de tout.',
    channel_captions: {},
    caption_source: '',
    pillar: 'education',
    format: 'short_video',
    channels: ['instagram', 'tiktok'],
    accounts: {},
    goal: 'awareness',
    tier: 'core',
    status: 'draft',
    scheduled_at: '2026-12-01T17:00:00Z',
    time_zone: 'Europe/Paris',
    local: '2026-12-01T18:00',
    duration_minutes: 15,
    media_paths: [],
    creator_id: null,
    rights: null,
    utm_link: '',
    session_id: null,
    session_role: '',
    submitted_by: '',
    submitted_at: null,
    approved: false,
    decided_by: '',
    decided_at: null,
    decision_note: '',
    published_at: null,
    publications: [],
    last_error: '',
    created_by: 'Camille',
    created_at: '2026-11-20T09:00:00Z',
    updated_at: '2026-11-20T09:00:00Z',
    ...overrides,
  };
}

export function cadenceFixture(overrides: Partial<CadenceReport> = {}): CadenceReport {
  return {
    week_start: '2026-11-30',
    time_zone: 'Europe/Paris',
    items: [
      { format: 'short_video', channel: '', target: 3, planned: 2, published: 1, gap: 1, met: false },
      { format: 'dm_touchpoint', channel: 'whatsapp', target: 1, planned: 1, published: 0, gap: 0, met: true },
    ],
    ...overrides,
  };
}

export function mixFixture(overrides: Partial<MixReport> = {}): MixReport {
  return {
    month: '2026-12',
    target: { core: 70, experiment: 20, high_risk: 10 },
    counts: { core: 5, experiment: 3, high_risk: 2 },
    total: 10,
    shares: { core: 50, experiment: 30, high_risk: 20 },
    off_target: ['core', 'experiment', 'high_risk'],
    ...overrides,
  };
}

const conflictError = (title: string) =>
  new BackendRejection({
    code: 'ECONFLICT',
    message: `"${title}" is already planned on TikTok at 2026-12-02 18:00 (Europe/Paris). Move one of them, or keep both.`,
    key: 'post_time_conflict',
    params: { title, channel: 'tiktok', local: '2026-12-02T18:00', time_zone: 'Europe/Paris', id: '2' },
  });

/** A calendar in memory behind the Calendar binding, far enough for the components' tests. */
export function fakeCalendarBackend(
  initial: CalendarPost[],
  options: {
    settings?: CalendarSettings;
    creators?: CreatorOption[];
    accounts?: PublishAccount[];
    checkRights?: (creatorId: number, date: string) => RightsVerdict;
  } = {},
) {
  let posts = [...initial];
  const settings = options.settings ?? settingsFixture();
  const find = (id: number) => {
    const post = posts.find((p) => p.id === id);
    if (post === undefined) throw new BackendRejection({ code: 'ENOTFOUND', message: `There is no post ${id}.`, key: 'post_not_found', params: { id: String(id) } });
    return post;
  };
  const replace = (changed: CalendarPost) => {
    posts = posts.map((p) => (p.id === changed.id ? changed : p));
    return changed;
  };
  const at = (local: string) => new Date(`${local}:00+01:00`).toISOString().replace('.000', '');
  return {
    Calendar: {
      GetSettings: () => settings,
      ListPosts: (filter: PostFilter) =>
        posts.filter(
          (p) =>
            (filter.undated === true ? p.scheduled_at === null : true) &&
            (filter.statuses === undefined || filter.statuses.length === 0 || filter.statuses.includes(p.status)),
        ),
      ListSessions: () => [],
      GetPost: (id: number) => find(id),
      CheckRights: options.checkRights ?? ((): RightsVerdict => ({ allowed: true, rights_id: null, problems: [] })),
      Cadence: () => cadenceFixture(),
      Mix: () => mixFixture(),
      CreatePost: (input: PostInput) => {
        const post = postFixture({
          ...input,
          id: Math.max(0, ...posts.map((p) => p.id)) + 1,
          status: input.local === '' ? 'idea' : 'draft',
          scheduled_at: input.local === '' ? null : at(input.local),
        });
        posts.push(post);
        return post;
      },
      UpdatePost: (id: number, update: PostUpdate) => replace({ ...find(id), ...update }),
      Reschedule: (id: number, r: Reschedule) => {
        if (!r.force && posts.some((p) => p.id !== id && p.local === r.local)) throw conflictError(posts.find((p) => p.local === r.local)?.title ?? '');
        const post = find(id);
        return replace({ ...post, local: r.local, scheduled_at: at(r.local), status: post.status === 'idea' ? 'draft' : post.status });
      },
      Submit: (id: number) => replace({ ...find(id), status: 'in_review', submitted_by: 'Camille' }),
      Approve: (id: number) => replace({ ...find(id), status: 'approved', approved: true, decided_by: 'Camille', decided_at: '2026-11-28T09:30:00Z' }),
      Reject: (id: number, reason: string) => replace({ ...find(id), status: 'draft', decision_note: reason, decided_by: 'Camille', decided_at: '2026-11-28T09:30:00Z' }),
      Schedule: (id: number) => replace({ ...find(id), status: 'scheduled' }),
      MarkPublished: (id: number) => replace({ ...find(id), status: 'published', published_at: '2026-11-28T09:30:00Z' }),
      PublishNow: (id: number) => replace({ ...find(id), status: 'due' }),
      Unschedule: (id: number) => replace({ ...find(id), scheduled_at: null, local: '' }),
      DeletePost: (id: number) => {
        posts = posts.filter((p) => p.id !== id);
        return null;
      },
      ExportICS: () => 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
      ExportCSV: () => 'title\n',
    },
    Creators: { List: () => options.creators ?? [] },
    Accounts: { List: () => options.accounts ?? [] },
  };
}
