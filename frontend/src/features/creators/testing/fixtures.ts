import { BackendRejection } from '@/testing/fake-desktop';
import type {
  Campaign,
  CampaignSummary,
  Creator,
  CreatorCode,
  CreatorDetail,
  CreatorPerformance,
  CreatorSettings,
  NewCode,
  NewLink,
  PostSummary,
  Rights,
  RightsAlert,
  Stage,
  UTMLink,
  UTMParams,
} from '../types';

const FIT: Creator['fit'] = {
  score: 81,
  inputs: [
    { factor: 'audience', points: 25, max: 25, band: 'micro', value: 48200, benchmark: 0 },
    { factor: 'engagement', points: 21, max: 35, band: 'above', value: 4.1, benchmark: 2 },
    { factor: 'territory', points: 20, max: 20, band: 'match', value: 0, benchmark: 0 },
    { factor: 'brand_safety', points: 15, max: 20, band: 'clear', value: 0, benchmark: 0 },
  ],
};

/** A creator as the backend sends it, with overrides. */
export function creatorFixture(overrides: Partial<Creator> = {}): Creator {
  return {
    id: 1,
    name: 'Léa Martin',
    stage: 'prospect',
    handles: [{ platform: 'instagram', handle: 'lea.cosy', contact_id: 7, contact_name: 'Léa' }],
    niche: 'home_decor',
    audience_size: 48200,
    engagement_rate: 4.1,
    territory: 'FR',
    email: 'lea@example.com',
    phone: '',
    notes: '',
    tags: [],
    brand_safety: 'clear',
    brand_safety_notes: '',
    fit: FIT,
    rights_status: 'none',
    codes: [],
    campaign_ids: [],
    stage_changed_at: '2026-11-20T09:00:00Z',
    created_at: '2026-11-01T09:00:00Z',
    updated_at: '2026-11-20T09:00:00Z',
    ...overrides,
  };
}

export const NOEL: CampaignSummary = { id: 3, name: 'Noël cosy 2026', start_date: '2026-12-01', end_date: '2026-12-24' };

export function rightsFixture(overrides: Partial<Rights> = {}): Rights {
  return {
    id: 11,
    creator_id: 1,
    campaign_id: NOEL.id,
    scopes: ['organic', 'paid_ads'],
    start_date: '2026-11-01',
    end_date: '2026-12-07',
    territories: ['FR', 'BE'],
    compensation_terms: '400 € + coffret',
    edit_consent: true,
    signed_date: '2026-10-28',
    notes: '',
    status: 'expiring',
    days_left: 9,
    checklist: [
      { item: 'scope', done: true },
      { item: 'duration', done: true },
      { item: 'territories', done: true },
      { item: 'compensation', done: true },
      { item: 'edit_consent', done: true },
      { item: 'signed', done: true },
    ],
    created_at: '2026-10-28T09:00:00Z',
    updated_at: '2026-10-28T09:00:00Z',
    ...overrides,
  };
}

export function campaignFixture(overrides: Partial<Campaign> = {}): Campaign {
  return {
    ...NOEL,
    brief: 'Le coffret Nuit Étoilée au coin du feu.',
    compensation: '400 €',
    discount_percent: 10,
    utm_campaign: '',
    landing_url: 'https://shop.example/noel',
    creator_ids: [1],
    deliverables: [{ id: 1, creator_id: 1, title: 'Reel', due_date: '2026-12-05', done: false, done_at: null }],
    post_ids: [],
    created_at: '2026-11-01T09:00:00Z',
    updated_at: '2026-11-01T09:00:00Z',
    ...overrides,
  };
}

/** Normalises a UTM value the way backend/creator.NormalizeUTM does, far enough for tests. */
export function fakeNormalize(value: string): string {
  return value
    .trim()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

function fakeLink(base: string, params: UTMParams, id = 0): UTMLink {
  if (!/^https?:\/\/[^/\s]+/.test(base) || /\s/.test(base)) {
    throw new BackendRejection({ code: 'EINVALID', message: `"${base}" is not a web address.`, key: 'link_base_url_invalid', params: { url: base } });
  }
  const normalised: UTMParams = {
    source: fakeNormalize(params.source),
    medium: fakeNormalize(params.medium),
    campaign: fakeNormalize(params.campaign),
    content: fakeNormalize(params.content),
  };
  const changed = (Object.keys(params) as (keyof UTMParams)[]).filter((key) => params[key] !== normalised[key]);
  const query = (Object.keys(normalised) as (keyof UTMParams)[])
    .filter((key) => normalised[key] !== '')
    .map((key) => `utm_${key}=${normalised[key]}`)
    .join('&');
  return { id, creator_id: 1, campaign_id: null, base_url: base, params: normalised, original: params, changed, url: `${base}?${query}`, created_at: '2026-11-28T09:00:00Z' };
}

export interface FakeCreatorsOptions {
  creators?: Creator[];
  rights?: Rights[];
  codes?: CreatorCode[];
  links?: UTMLink[];
  alerts?: RightsAlert[];
  campaigns?: Campaign[];
  /** The calendar posts every creator's performance lists. */
  posts?: PostSummary[];
}

/** The creator tracker in memory behind the Creators binding. */
export function fakeCreatorsBackend(options: FakeCreatorsOptions = {}) {
  let creators = [...(options.creators ?? [creatorFixture()])];
  let codes = [...(options.codes ?? [])];
  let links = [...(options.links ?? [])];
  const rights = [...(options.rights ?? [])];
  const campaigns = [...(options.campaigns ?? [campaignFixture()])];
  const find = (id: number) => {
    const found = creators.find((c) => c.id === id);
    if (found === undefined) throw new BackendRejection({ code: 'ENOTFOUND', message: `There is no creator ${id}.`, key: 'creator_not_found', params: { id: String(id) } });
    return found;
  };
  const detail = (id: number): CreatorDetail => ({
    creator: find(id),
    codes: codes.filter((c) => c.creator_id === id),
    links: links.filter((l) => l.creator_id === id),
    rights: rights.filter((r) => r.creator_id === id),
    campaigns: [NOEL],
  });
  const settings: CreatorSettings = { alert_days: 14, target_territories: ['FR'], benchmarks: { home_decor: 2 } };
  const performance = (id: number): CreatorPerformance => ({
    creator_id: id,
    contacts: [],
    conversation_count: 0,
    conversations: [],
    post_ids: (options.posts ?? []).map((post) => post.id),
    posts: options.posts ?? [],
    mentions: [],
    results: [],
    totals: [],
  });
  return {
    Creators: {
      List: () => creators,
      Get: (id: number) => detail(id),
      Create: (profile: Creator) => {
        const created = creatorFixture({ ...profile, id: creators.length + 10, stage: 'prospect' });
        creators = [...creators, created];
        return created;
      },
      Update: (id: number, profile: Creator) => {
        const updated = { ...find(id), ...profile, id };
        creators = creators.map((c) => (c.id === id ? updated : c));
        return updated;
      },
      Move: (id: number, stage: Stage) => {
        const moved = { ...find(id), stage };
        creators = creators.map((c) => (c.id === id ? moved : c));
        return moved;
      },
      Delete: (id: number) => {
        creators = creators.filter((c) => c.id !== id);
        return null;
      },
      Campaigns: () => campaigns,
      Suggest: () => ({ code: 'LEA10', base_url: 'https://shop.example/noel', params: { source: 'instagram', medium: 'influencer', campaign: 'noel-cosy-2026', content: 'lea.cosy' } }),
      AddCode: (code: NewCode) => {
        const value = code.code === '' ? 'LEA10' : code.code.trim().toUpperCase();
        if (!/^[A-Z0-9]{4,20}$/.test(value)) {
          throw new BackendRejection({ code: 'EINVALID', message: 'Invalid code.', key: 'code_invalid', params: { code: code.code } });
        }
        if (codes.some((c) => c.code === value)) {
          throw new BackendRejection({ code: 'ECONFLICT', message: `The code ${value} already belongs to Léa Martin.`, key: 'code_taken', params: { code: value, creator: 'Léa Martin' } });
        }
        const added: CreatorCode = { id: codes.length + 1, creator_id: code.creator_id, campaign_id: code.campaign_id, code: value, discount_percent: code.discount_percent, created_at: '2026-11-28T09:00:00Z' };
        codes = [...codes, added];
        return added;
      },
      DeleteCode: (id: number) => {
        codes = codes.filter((c) => c.id !== id);
        return null;
      },
      PreviewLink: (base: string, params: UTMParams) => fakeLink(base, params),
      AddLink: (link: NewLink) => {
        const added = { ...fakeLink(link.base_url, link.params, links.length + 1), creator_id: link.creator_id, campaign_id: link.campaign_id };
        links = [...links, added];
        return added;
      },
      DeleteLink: () => null,
      SaveRights: (draft: Rights) => {
        if (draft.start_date !== '' && draft.end_date !== '' && draft.end_date < draft.start_date) {
          throw new BackendRejection({
            code: 'EINVALID',
            message: 'The end date comes before the start date.',
            key: 'dates_out_of_order',
            params: { start: draft.start_date, end: draft.end_date },
          });
        }
        const saved = rightsFixture({ ...draft, id: draft.id === 0 ? 99 : draft.id });
        rights.push(saved);
        return saved;
      },
      DeleteRights: () => null,
      CheckRights: () => ({ allowed: false, rights_id: 11, problems: [{ kind: 'territory', message: 'Not covered.', params: { territory: 'DE' } }] }),
      Alerts: () => options.alerts ?? [],
      Performance: (id: number) => performance(id),
      AddResult: () => null,
      DeleteResult: () => null,
      GetSettings: () => settings,
      UpdateSettings: (next: CreatorSettings) => next,
      SetDeliverableDone: () => campaigns[0],
      CreateCampaign: (c: Campaign) => c,
      UpdateCampaign: (_id: number, c: Campaign) => c,
      DeleteCampaign: () => null,
    },
  };
}
