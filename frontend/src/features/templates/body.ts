/**
 * Helpers for a template body as the editor handles it. The backend counts and positions in
 * Unicode characters (code points); a textarea in UTF-16 code units.
 */

/** The length of text in characters, as the backend counts it. */
export function characterCount(text: string): number {
  return [...text].length;
}

/** The UTF-16 offset of the 1-based character position (clamped to the text). */
export function offsetOfPosition(text: string, position: number): number {
  let offset = 0;
  let seen = 1;
  for (const character of text) {
    if (seen >= position) return offset;
    offset += character.length;
    seen += 1;
  }
  return offset;
}

/** The 1-based line and column of a 1-based character position. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, offsetOfPosition(text, position));
  const lines = before.split('\n');
  return { line: lines.length, column: characterCount(lines[lines.length - 1] ?? '') + 1 };
}

export interface Insertion {
  text: string;
  /** Where the caret goes after the insertion (UTF-16 offsets): selecting `selectFrom..selectTo`. */
  selectFrom: number;
  selectTo: number;
}

/**
 * Inserts token as `{token}` in place of the selection. A `custom.field` token selects "field"
 * so that typing replaces it with the contact field's name.
 */
export function insertToken(text: string, selectionStart: number, selectionEnd: number, token: string): Insertion {
  const inserted = `{${token}}`;
  const next = text.slice(0, selectionStart) + inserted + text.slice(selectionEnd);
  if (token === 'custom.field') {
    const from = selectionStart + '{custom.'.length;
    return { text: next, selectFrom: from, selectTo: from + 'field'.length };
  }
  const caret = selectionStart + inserted.length;
  return { text: next, selectFrom: caret, selectTo: caret };
}

/** The parse-error keys whose params carry the character position of the mistake. */
export function isBodyErrorKey(key: string): boolean {
  return key.startsWith('template_body') || key.startsWith('template_token') || key.startsWith('template_brace');
}
