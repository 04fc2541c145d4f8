/**
 * Puts text on the system clipboard: through the desktop window's runtime, which needs no user
 * gesture, else the browser's clipboard (which may refuse without one). Resolves to whether it did.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    const runtime = window.runtime;
    if (runtime?.ClipboardSetText !== undefined) return await runtime.ClipboardSetText(text);
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
