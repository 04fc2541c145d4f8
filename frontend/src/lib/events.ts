import { createSseParser } from './sse';
import { getToken } from './token';
import { isDesktop } from './transport';

/** The backend's events, plus `stream:lagged`: some events were missed, refetch everything. */
export const EVENT_NAMES = [
  'workspace:created',
  'workspace:renamed',
  'workspace:deleted',
  'workspace:switched',
  'settings:updated',
  'inbox:message_received',
  'inbox:conversations_updated',
  'triage:settings_updated',
  'templates:changed',
  'replies:changed',
  'draft:delta',
  'replies:settings_updated',
  'model:settings_updated',
  'consent:changed',
  'audit:appended',
  'calendar:changed',
  'calendar:settings_updated',
  'creators:changed',
  'accounts:changed',
  'accounts:sync_progress',
  'import:progress',
  'stream:lagged',
] as const;

export type EventName = (typeof EVENT_NAMES)[number];

export type EventCallback = (payload: unknown) => void;

/**
 * Calls callback with the payload of each `name` event until the returned function is called.
 * The desktop window gets events from the Wails runtime; the browser from `GET /api/events`.
 */
export function onEvent(name: EventName, callback: EventCallback): () => void {
  const runtime = window.runtime;
  if (isDesktop() && runtime !== undefined) {
    return runtime.EventsOn(name, (...data: unknown[]) => callback(data[0]));
  }
  return browserStream.subscribe(name, callback);
}

const INITIAL_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * One shared `GET /api/events` stream for every subscriber of the page. It opens with the first
 * subscriber, closes with the last and reconnects with exponential backoff; after a reconnection
 * it reports `stream:lagged`, since events may have been missed while it was down.
 */
class BrowserEventStream {
  private readonly callbacks = new Map<string, Set<EventCallback>>();
  private controller: AbortController | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryMs = INITIAL_RETRY_MS;

  subscribe(name: string, callback: EventCallback): () => void {
    let forName = this.callbacks.get(name);
    if (forName === undefined) {
      forName = new Set();
      this.callbacks.set(name, forName);
    }
    forName.add(callback);
    if (this.controller === null) this.open(false);
    return () => {
      forName.delete(callback);
      if (forName.size === 0) this.callbacks.delete(name);
      if (this.callbacks.size === 0) this.close();
    };
  }

  private emit(name: string, payload: unknown): void {
    for (const callback of this.callbacks.get(name) ?? []) callback(payload);
  }

  private open(reconnecting: boolean): void {
    const controller = new AbortController();
    this.controller = controller;
    this.read(controller.signal, reconnecting).then(
      () => this.scheduleReconnect(controller),
      () => this.scheduleReconnect(controller),
    );
  }

  private close(): void {
    clearTimeout(this.retryTimer);
    this.controller?.abort();
    this.controller = null;
    this.retryMs = INITIAL_RETRY_MS;
  }

  private scheduleReconnect(controller: AbortController): void {
    if (controller.signal.aborted || this.controller !== controller) return;
    this.retryTimer = setTimeout(() => {
      if (this.controller === controller) this.open(true);
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }

  private async read(signal: AbortSignal, reconnecting: boolean): Promise<void> {
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    const token = getToken();
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    const response = await fetch('/api/events', { headers, signal, cache: 'no-store' });
    if (!response.ok || response.body === null) throw new Error(`event stream: HTTP ${response.status}`);
    this.retryMs = INITIAL_RETRY_MS;
    if (reconnecting) this.emit('stream:lagged', null);
    const parser = createSseParser(({ event, data }) => this.emit(event, parsePayload(data)));
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      parser.push(decoder.decode(value, { stream: true }));
    }
  }
}

function parsePayload(data: string): unknown {
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}

const browserStream = new BrowserEventStream();
