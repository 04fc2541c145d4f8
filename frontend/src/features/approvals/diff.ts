/** A run of text both versions share, or that only the old or the new one has. */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** Beyond this many token pairs the texts are shown whole rather than compared word by word. */
const MAX_CELLS = 400_000;

function tokens(text: string): string[] {
  return text.split(/(\s+)/).filter((token) => token !== '');
}

function push(parts: DiffPart[], kind: DiffPart['kind'], text: string) {
  const last = parts[parts.length - 1];
  if (last !== undefined && last.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

/** A word-by-word diff from before to after (longest common subsequence of words and spaces). */
export function diffWords(before: string, after: string): DiffPart[] {
  if (before === after) return before === '' ? [] : [{ kind: 'same', text: before }];
  const a = tokens(before);
  const b = tokens(after);
  if ((a.length + 1) * (b.length + 1) > MAX_CELLS) {
    return [
      { kind: 'removed', text: before },
      { kind: 'added', text: after },
    ];
  }
  // lengths[i][j]: the longest common subsequence of a[i:] and b[j:].
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i * width + j] =
        a[i] === b[j] ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1 : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push(parts, 'same', a[i] ?? '');
      i += 1;
      j += 1;
    } else if ((lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0)) {
      push(parts, 'removed', a[i] ?? '');
      i += 1;
    } else {
      push(parts, 'added', b[j] ?? '');
      j += 1;
    }
  }
  for (; i < a.length; i += 1) push(parts, 'removed', a[i] ?? '');
  for (; j < b.length; j += 1) push(parts, 'added', b[j] ?? '');
  return grouped(parts);
}

/**
 * Reads better: a change broken only by spaces is one change, its removed words before its added
 * ones ("ships today" → "shipped yesterday" rather than word by word).
 */
function grouped(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed !== '') out.push({ kind: 'removed', text: removed });
    if (added !== '') out.push({ kind: 'added', text: added });
    removed = '';
    added = '';
  };
  parts.forEach((part, index) => {
    const inChange = removed !== '' || added !== '';
    const next = parts[index + 1];
    if (part.kind === 'removed') removed += part.text;
    else if (part.kind === 'added') added += part.text;
    else if (inChange && part.text.trim() === '' && next !== undefined && next.kind !== 'same') {
      removed += part.text;
      added += part.text;
    } else {
      flush();
      push(out, 'same', part.text);
    }
  });
  flush();
  return out;
}
