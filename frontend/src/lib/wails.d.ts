// What the Wails desktop window injects into the page (absent in a plain browser).

type BoundMethod = (...args: unknown[]) => Promise<unknown>;

interface WailsRuntime {
  EventsOn(name: string, callback: (...data: unknown[]) => void): () => void;
  /** Writes the system clipboard without a user gesture (the desktop window only). */
  ClipboardSetText?(text: string): Promise<boolean>;
}

interface Window {
  go?: { app?: Record<string, Record<string, BoundMethod | undefined> | undefined> };
  runtime?: WailsRuntime;
}
