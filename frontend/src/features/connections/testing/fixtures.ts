import { installFakeDesktop } from '@/testing/fake-desktop';
import type { Account, AccountInfo, AccountUpdate, ImportRequest, ImportSummary, NewAccount } from '../types';

/** An ISO time `minutes` from now (negative: in the past). */
export function minutesFromNow(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString();
}

/** An account as the backend sends it, with overrides. */
export function accountFixture(overrides: Partial<Account> = {}): Account {
  return {
    id: 1,
    name: 'shop-bot',
    platform: 'telegram',
    base_url: '',
    ids: { username: 'shop_bot', bot_id: '7000000001' },
    channels: { telegram: 4 },
    status: 'active',
    last_error: null,
    last_success_at: minutesFromNow(-5),
    last_error_at: null,
    next_sync_at: minutesFromNow(10),
    backfill: null,
    created_at: '2026-11-01T09:00:00Z',
    ...overrides,
  };
}

export function importSummaryFixture(overrides: Partial<ImportSummary> = {}): ImportSummary {
  return {
    platform: 'telegram',
    channel_id: 9,
    read: 0,
    imported: 0,
    duplicates: 0,
    skipped: 0,
    truncated: 0,
    rejected: [],
    more_rejected: 0,
    ...overrides,
  };
}

export interface FakeAccountsOptions {
  accounts?: Account[];
  platforms?: string[];
  add?: (account: NewAccount) => Account;
  test?: (id: number) => AccountInfo;
  update?: (id: number, update: AccountUpdate) => Account;
  importExport?: (request: ImportRequest) => ImportSummary | Promise<ImportSummary>;
}

/** The Accounts bindings over an in-memory list of accounts. */
export function fakeAccountsBackend(options: FakeAccountsOptions = {}) {
  let accounts = [...(options.accounts ?? [])];
  const find = (id: number): Account => {
    const account = accounts.find((each) => each.id === id);
    if (account === undefined) throw new Error(`no account ${id}`);
    return account;
  };
  const replace = (next: Account): Account => {
    accounts = accounts.map((each) => (each.id === next.id ? next : each));
    return next;
  };
  return installFakeDesktop({
    Accounts: {
      Platforms: () => options.platforms ?? ['telegram', 'instagram', 'facebook', 'whatsapp', 'youtube'],
      List: () => accounts,
      Add: (account: NewAccount) => {
        const added =
          options.add?.(account) ??
          accountFixture({ id: 100 + accounts.length, name: account.name, platform: account.platform, ids: account.ids, backfill: { done: 0, total: 0 } });
        accounts = [...accounts, added];
        return added;
      },
      Test: (id: number) => options.test?.(id) ?? { display_name: `${find(id).name} display`, ids: {} },
      Update: (id: number, update: AccountUpdate) =>
        replace(
          options.update?.(id, update) ?? {
            ...find(id),
            ...(update.name === undefined ? {} : { name: update.name }),
            ...(update.secrets === undefined ? {} : { status: 'active', last_error: null }),
          },
        ),
      Pause: (id: number, paused: boolean) => replace({ ...find(id), status: paused ? 'paused' : 'active' }),
      SyncNow: (id: number) => replace({ ...find(id), next_sync_at: new Date().toISOString() }),
      Remove: (id: number) => {
        accounts = accounts.filter((each) => each.id !== id);
        return null;
      },
      Import: (request: ImportRequest) => options.importExport?.(request) ?? importSummaryFixture(),
      Get: (id: number) => find(id),
    },
  });
}
