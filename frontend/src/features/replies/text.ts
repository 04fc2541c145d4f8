/**
 * A token left in a reply's text, "{order_id}" or "{custom.size}": a template filled it with no
 * value, and the backend refuses to send it (backend/reply/template.go).
 */
const TOKEN = /\{\s*((?:custom\.)?[a-z_][a-z0-9_]*)\s*\}/g;

/** The distinct unfilled tokens of text, in order of first use. */
export function missingTokens(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const name = match[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}

/** The length of text as the backend counts it: in characters (code points), not UTF-16 units. */
export function characterCount(text: string): number {
  return Array.from(text).length;
}
