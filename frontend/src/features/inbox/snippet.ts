export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** Splits a search snippet into plain and matched parts; stray markers are dropped. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  let text = '';
  const flush = () => {
    if (text !== '') parts.push({ text, match });
    text = '';
  };
  for (const char of snippet) {
    if (char === MATCH_START) {
      flush();
      match = true;
    } else if (char === MATCH_END) {
      flush();
      match = false;
    } else {
      text += char;
    }
  }
  flush();
  return parts;
}
