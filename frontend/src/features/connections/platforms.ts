/** What Tend needs to connect each platform (backend/connector/*): ids, secrets, webhooks. */

export const CONNECTOR_PLATFORMS = ['telegram', 'instagram', 'facebook', 'whatsapp', 'youtube'] as const;
export type ConnectorPlatform = (typeof CONNECTOR_PLATFORMS)[number];

export function isConnectorPlatform(value: string): value is ConnectorPlatform {
  return (CONNECTOR_PLATFORMS as readonly string[]).includes(value);
}

/** One id or secret of an account. Its label and help are `connections.field.<name>.*`. */
export interface CredentialField {
  name: string;
  required: boolean;
  /** A comma-separated list: spaces are removed before sending (ids may not contain any). */
  list?: boolean;
}

export interface PlatformSpec {
  platform: ConnectorPlatform;
  /** Platform ids, kept with the account (not secret). */
  ids: CredentialField[];
  /** Secrets, stored in the OS keyring only. */
  secrets: CredentialField[];
  /** The webhook route family: deliveries go to `/webhooks/<family>/<account name>`; null without webhooks. */
  webhookFamily: 'telegram' | 'meta' | 'whatsapp' | null;
  /** Inbound messages arrive only by webhook (WhatsApp): the account needs `tend serve` reachable by the platform. */
  webhookOnly: boolean;
  /** The platform's own API address, shown as the base URL field's placeholder. */
  defaultBaseUrl: string;
  /** How many numbered steps `connections.platform.<platform>.steps` holds (s1…sN). */
  steps: number;
  /** The names of the notes under `connections.platform.<platform>.notes`, shown after the steps. */
  notes: string[];
  /** The permissions (or OAuth scopes) the token needs, to grant exactly as written. */
  permissions: string[];
}

export const PLATFORM_SPECS: Record<ConnectorPlatform, PlatformSpec> = {
  telegram: {
    platform: 'telegram',
    ids: [{ name: 'publish_chat', required: false }],
    secrets: [
      { name: 'bot_token', required: true },
      { name: 'webhook_secret', required: false },
    ],
    webhookFamily: 'telegram',
    webhookOnly: false,
    defaultBaseUrl: 'https://api.telegram.org',
    steps: 4,
    notes: ['onePoller'],
    permissions: [],
  },
  instagram: {
    platform: 'instagram',
    ids: [
      { name: 'ig_user_id', required: true },
      { name: 'page_id', required: true },
    ],
    secrets: [
      { name: 'access_token', required: true },
      { name: 'app_secret', required: false },
      { name: 'verify_token', required: false },
    ],
    webhookFamily: 'meta',
    webhookOnly: false,
    defaultBaseUrl: 'https://graph.facebook.com',
    steps: 7,
    notes: ['window', 'privateReplies'],
    permissions: [
      'instagram_basic',
      'instagram_manage_messages',
      'instagram_manage_comments',
      'pages_manage_metadata',
      'pages_show_list',
      'business_management',
    ],
  },
  facebook: {
    platform: 'facebook',
    ids: [{ name: 'page_id', required: true }],
    secrets: [
      { name: 'access_token', required: true },
      { name: 'app_secret', required: false },
      { name: 'verify_token', required: false },
    ],
    webhookFamily: 'meta',
    webhookOnly: false,
    defaultBaseUrl: 'https://graph.facebook.com',
    steps: 4,
    notes: ['window', 'privateReplies'],
    permissions: ['pages_messaging', 'pages_read_engagement', 'pages_manage_engagement', 'pages_manage_metadata', 'pages_read_user_content'],
  },
  whatsapp: {
    platform: 'whatsapp',
    ids: [
      { name: 'phone_number_id', required: true },
      { name: 'waba_id', required: false },
    ],
    // Without the app secret and the verify token no message can come in: WhatsApp only uses webhooks.
    secrets: [
      { name: 'access_token', required: true },
      { name: 'app_secret', required: true },
      { name: 'verify_token', required: true },
    ],
    webhookFamily: 'whatsapp',
    webhookOnly: true,
    defaultBaseUrl: 'https://graph.facebook.com/v23.0',
    steps: 5,
    notes: ['window'],
    permissions: ['whatsapp_business_messaging', 'whatsapp_business_management'],
  },
  youtube: {
    platform: 'youtube',
    ids: [
      { name: 'channel_id', required: true },
      { name: 'video_ids', required: false, list: true },
      { name: 'live_chat_id', required: false },
    ],
    secrets: [
      { name: 'access_token', required: true },
      { name: 'api_key', required: false },
    ],
    webhookFamily: null,
    webhookOnly: false,
    defaultBaseUrl: 'https://www.googleapis.com/youtube/v3',
    steps: 4,
    notes: ['quota', 'tokenExpiry'],
    permissions: ['https://www.googleapis.com/auth/youtube.force-ssl'],
  },
};

/** The specs of the platforms the backend can connect, in Tend's display order. */
export function platformSpecs(available: readonly string[] | undefined): PlatformSpec[] {
  return CONNECTOR_PLATFORMS.filter((platform) => available === undefined || available.includes(platform)).map(
    (platform) => PLATFORM_SPECS[platform],
  );
}

/** An account name: 1 to 64 lower-case letters, digits, "-" or "_", starting with a letter or digit (backend/sqlite/accounts.go). */
export const ACCOUNT_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** The address to give the platform for webhook deliveries, on the server running `tend serve`. */
export function webhookUrl(spec: PlatformSpec, accountName: string, server: string): string | null {
  if (spec.webhookFamily === null) return null;
  return `${server}/webhooks/${spec.webhookFamily}/${accountName === '' ? '<name>' : accountName}`;
}

/** A free account name for a new account of platform: the platform's own, then "-2", "-3"… */
export function suggestAccountName(platform: ConnectorPlatform, taken: readonly string[]): string {
  if (!taken.includes(platform)) return platform;
  for (let n = 2; ; n += 1) {
    const name = `${platform}-${n}`;
    if (!taken.includes(name)) return name;
  }
}

/** The value to send for a field: trimmed, and a list without its spaces. */
export function cleanFieldValue(field: CredentialField, value: string): string {
  const trimmed = value.trim();
  return field.list === true
    ? trimmed
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '')
        .join(',')
    : trimmed;
}

/** The filled fields, cleaned, by name (empty optional ones left out). */
export function fieldValues(fields: CredentialField[], values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of fields) {
    const value = cleanFieldValue(field, values[field.name] ?? '');
    if (value !== '') out[field.name] = value;
  }
  return out;
}

/** How the account shows itself on the platform: @username, else the id that names it. */
export function accountHandle(ids: Record<string, string> | null | undefined): string | null {
  if (ids === null || ids === undefined) return null;
  for (const key of ['username', 'ig_username']) {
    const value = ids[key];
    if (value !== undefined && value !== '') return `@${value}`;
  }
  for (const key of ['page_id', 'phone_number_id', 'channel_id']) {
    const value = ids[key];
    if (value !== undefined && value !== '') return value;
  }
  return null;
}
