// What the Wails desktop window injects into the page (absent in a plain browser).

type BoundMethod = (...args: unknown[]) => Promise<unknown>;

interface WailsRuntime {
  EventsOn(name: string, callback: (...data: unknown[]) => void): () => void;
}

interface Window {
  go?: { app?: Record<string, Record<string, BoundMethod | undefined> | undefined> };
  runtime?: WailsRuntime;
}
