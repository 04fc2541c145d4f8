import { vi, type Mock } from 'vitest';

type Handler = (...args: never[]) => unknown;
type FakeApp = Record<string, Record<string, Handler>>;

/** Thrown by a fake method: the call rejects with `payload` itself, as Wails rejects with the formatted error. */
export class BackendRejection extends Error {
  constructor(readonly payload: unknown) {
    super('backend rejection');
  }
}

/** Mocks of the bound methods, by struct and method. */
export type FakeBindings<App extends FakeApp> = { [S in keyof App]: { [M in keyof App[S]]: Mock } };

/**
 * Pretends to be the desktop window: installs `window.go.app` with the given methods, each
 * wrapped in a mock that resolves with its result or rejects with what it throws.
 */
export function installFakeDesktop<App extends FakeApp>(app: App): FakeBindings<App> {
  const bindings: Record<string, Record<string, Mock>> = {};
  for (const [struct, methods] of Object.entries(app)) {
    const mocks: Record<string, Mock> = {};
    bindings[struct] = mocks;
    for (const [method, handler] of Object.entries(methods)) {
      mocks[method] = vi.fn((...args: unknown[]) => {
        try {
          return Promise.resolve((handler as (...args: unknown[]) => unknown)(...args));
        } catch (reason) {
          // Wails rejects with the formatter's plain object, not an Error.
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
          return Promise.reject(reason instanceof BackendRejection ? reason.payload : reason);
        }
      });
    }
  }
  window.go = { app: bindings };
  window.runtime = { EventsOn: () => () => undefined };
  return bindings as FakeBindings<App>;
}
