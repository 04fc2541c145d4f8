/** The Wails runtime's clipboard, present in the desktop window. */
interface ClipboardRuntime {
  ClipboardSetText?: (text: string) => Promise<boolean>;
}

/**
 * Copies text: the browser's clipboard when the page may use it, else the desktop runtime's,
 * else a selected hidden field and the copy command. Resolves false when nothing worked.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard !== undefined) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no user gesture, insecure context): try the other ways.
  }
  const runtime = window.runtime as ClipboardRuntime | undefined;
  if (runtime?.ClipboardSetText !== undefined) {
    try {
      if (await runtime.ClipboardSetText(text)) return true;
    } catch {
      // Fall through.
    }
  }
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.style.position = 'fixed';
  field.style.opacity = '0';
  document.body.appendChild(field);
  field.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    field.remove();
  }
}
