type Listener = (...data: unknown[]) => void;

export interface FakeEvents {
  /** Delivers payload to every listener of name, as the Wails runtime would. */
  emit(name: string, payload: unknown): void;
  /** How many listeners name has now. */
  listeners(name: string): number;
  /** The names subscribed to, in order, including those since unsubscribed. */
  readonly subscriptions: string[];
}

/**
 * Pretends to be the desktop window's event runtime (call it after installFakeDesktop, which
 * installs a silent one): components subscribe with onEvent, tests emit.
 */
export function installFakeEvents(): FakeEvents {
  const byName = new Map<string, Set<Listener>>();
  const subscriptions: string[] = [];
  window.runtime = {
    EventsOn(name: string, callback: Listener) {
      subscriptions.push(name);
      let set = byName.get(name);
      if (set === undefined) {
        set = new Set();
        byName.set(name, set);
      }
      set.add(callback);
      return () => {
        set.delete(callback);
      };
    },
  };
  return {
    emit(name, payload) {
      for (const callback of [...(byName.get(name) ?? [])]) callback(payload);
    },
    listeners: (name) => byName.get(name)?.size ?? 0,
    subscriptions,
  };
}
