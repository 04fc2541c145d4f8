/**
 * What the UTM builder checks before asking the backend: an absolute http(s) address with a host,
 * without spaces or user information — the rule of backend/creator.CheckBaseURL, so that the
 * builder refuses a malformed URL at once; the backend decides in the end.
 */
export function isHttpUrl(value: string): boolean {
  const text = value.trim();
  if (text === '' || /\s/.test(text)) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && url.username === '' && url.password === '' && /^https?:\/\/[^/]/i.test(text);
}

/** A date written YYYY-MM-DD in the user's locale (shared with the calendar). */
export { formatDay } from '@/lib/format';

/** Cents as an amount in a currency, in the user's locale. */
export function formatMoney(cents: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

/** An amount as typed ("1 234,50", "1234.5") in cents, or null when it is not one. */
export function parseAmount(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d+([.,]\d{1,2})?$/.test(compact)) return null;
  return Math.round(Number(compact.replace(',', '.')) * 100);
}
